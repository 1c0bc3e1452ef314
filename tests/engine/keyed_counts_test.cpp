// Every count the engine computes carries the keys of its records, so that the disclosure layer
// can perturb it: a count without keys would be published exact (or not at all). Walks every
// figure of every indicator of the demo dataset over a year, by municipality and by area.
#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <string>

#include "calendar/date.hpp"
#include "demo_store.hpp"
#include "engine/catalogue.hpp"
#include "engine/record_keys.hpp"
#include "engine/snapshot.hpp"

namespace rk::engine {
namespace {

struct Walk {
  std::set<std::string> unkeyed;  // "indicator where"
  int keyed = 0;

  void number(const std::string& where, const Number& n) {
    if (!n.value || *n.value == 0) return;
    bool ok = true;
    switch (n.kind) {
      case FigureKind::kCount:
        ok = n.counted.has_value();
        break;
      case FigureKind::kRatio:
        ok = n.counted.has_value() && n.base.has_value();
        break;
      default:
        return;
    }
    if (ok) {
      ++keyed;
    } else {
      unkeyed.insert(where);
    }
  }
  void figure(const std::string& where, const Figure& f) {
    if (f.value) number(where, *f.value);
    const std::string prefix = where + " ";
    for (const auto& [name, n] : f.values) number(prefix + name, n);
    for (const auto& b : f.nested)
      for (const auto& [key, cell] : b.cells) figure(prefix + b.dimension, cell);
  }
};

class KeyedCounts : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { demo_ = new test::DemoStore("keyed"); }
  static void TearDownTestSuite() { delete demo_; }
  void SetUp() override { ASSERT_TRUE(demo_->ok()) << demo_->error(); }
  static test::DemoStore* demo_;
};
test::DemoStore* KeyedCounts::demo_ = nullptr;

TEST_F(KeyedCounts, EveryCountOfTheDemoCarriesItsRecordKeys) {
  const std::shared_ptr<const Snapshot>& snapshot = demo_->snapshot();
  const RecordKeys keys(snapshot, PerturbationKey::for_testing(1));
  const Config config;
  const Catalogue catalogue = Catalogue::create(config);
  const WorkingDays working_days;
  Walk walk;
  for (const ScopeText& scope : {ScopeText{}, ScopeText{"GM0917", {}, {}, {}}}) {
    Query q{*parse_date("2020-01-01"), *parse_date("2020-12-31"), resolve_scope(*snapshot, scope),
            &working_days};
    q.record_keys = &keys;
    for (const IndicatorResult& r : compute_all(catalogue, *snapshot, q, config)) {
      EXPECT_TRUE(r.keyed) << r.id;
      walk.figure(r.id, r.total);
      for (const auto& p : r.series) walk.figure(r.id + " series " + p.key, p.figure);
      for (const auto& b : r.breakdowns)
        for (const auto& [key, cell] : b.cells) walk.figure(r.id + " " + b.dimension, cell);
    }
  }
  EXPECT_GT(walk.keyed, 400) << "the demo should have many counts";
  std::string list;
  for (const auto& w : walk.unkeyed) list += "  " + w + "\n";
  EXPECT_TRUE(walk.unkeyed.empty()) << "counts without record keys:\n" << list;
}

}  // namespace
}  // namespace rk::engine
