// The record keys of the counts of requests, flow, complaints, family plans, satisfaction and
// finance on the demo dataset: keys change no figure, the same records give the same tally in
// every query, and the cost per client divides by the clients of clients.total with their keys.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "calendar/date.hpp"
#include "demo_store.hpp"
#include "engine/catalogue.hpp"
#include "engine/record_keys.hpp"
#include "engine/snapshot.hpp"

namespace rk::engine {
namespace {

bool ours(const std::string& id) {
  for (const char* prefix : {"requests.", "flow.", "complaints.", "family_plan.", "satisfaction.",
                             "staff.", "staffing.", "finance.", "care.share_"})
    if (id.starts_with(prefix)) return true;
  return false;
}

// Every number of a result with its place, values only (no keys).
void flatten(const std::string& where, const Figure& f,
             std::map<std::string, std::optional<double>>& out) {
  if (f.value) out[where] = f.value->value;
  const std::string prefix = where + " ";
  for (const auto& [name, n] : f.values) out[prefix + name] = n.value;
  if (f.numerator) out[prefix + "numerator"] = f.numerator;
  if (f.denominator) out[prefix + "denominator"] = f.denominator;
  for (const auto& b : f.nested) {
    std::string dimension = prefix;
    dimension += b.dimension;
    dimension += '=';
    for (const auto& [key, cell] : b.cells) flatten(dimension + key, cell, out);
  }
}

std::map<std::string, std::optional<double>> flatten(const IndicatorResult& r) {
  std::map<std::string, std::optional<double>> out;
  flatten("total", r.total, out);
  for (const auto& p : r.series) flatten("series " + p.key, p.figure, out);
  for (const auto& b : r.breakdowns)
    for (const auto& [key, cell] : b.cells) flatten(b.dimension + "=" + key, cell, out);
  return out;
}

class KeyedFamilies : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    demo_ = new test::DemoStore("keyed_families");
    if (!demo_->ok()) return;
    snapshot_ = new std::shared_ptr<const Snapshot>(demo_->snapshot());
    keys_ = new RecordKeys(*snapshot_, PerturbationKey::for_testing(7));
  }
  static void TearDownTestSuite() {
    delete keys_;
    delete snapshot_;
    delete demo_;
  }
  void SetUp() override { ASSERT_TRUE(demo_->ok()) << demo_->error(); }

  static std::vector<IndicatorResult> compute(const std::string& from, const std::string& to,
                                              const ScopeText& scope, bool keyed,
                                              bool explain = false) {
    static const WorkingDays working_days;
    const Config config;
    const Catalogue catalogue = Catalogue::create(config);
    Query q{*parse_date(from), *parse_date(to), resolve_scope(**snapshot_, scope), &working_days};
    q.explain = explain;
    if (keyed) q.record_keys = keys_;
    return compute_all(catalogue, **snapshot_, q, config);
  }
  static const IndicatorResult* find(const std::vector<IndicatorResult>& rs,
                                     const std::string& id) {
    for (const auto& r : rs)
      if (r.id == id) return &r;
    return nullptr;
  }

  static test::DemoStore* demo_;
  static std::shared_ptr<const Snapshot>* snapshot_;
  static RecordKeys* keys_;
};
test::DemoStore* KeyedFamilies::demo_ = nullptr;
std::shared_ptr<const Snapshot>* KeyedFamilies::snapshot_ = nullptr;
RecordKeys* KeyedFamilies::keys_ = nullptr;

const std::vector<ScopeText> kScopes = {
    ScopeText{}, ScopeText{"GM0917", {}, {}, {}}, ScopeText{"GM0882", {}, {}, {}},
    ScopeText{{}, "heerlen-noord", {}, {}}, ScopeText{{}, {}, "K2", {}}};

TEST_F(KeyedFamilies, KeysChangeNoFigure) {
  for (const auto& [from, to] :
       {std::pair{"2020-01-01", "2020-12-31"}, std::pair{"2021-03-01", "2021-03-31"},
        std::pair{"2019-07-15", "2022-02-10"}})
    for (const ScopeText& scope : kScopes) {
      const auto exact = compute(from, to, scope, false);
      const auto keyed = compute(from, to, scope, true);
      ASSERT_EQ(exact.size(), keyed.size());
      for (size_t i = 0; i < exact.size(); ++i) {
        if (!ours(exact[i].id)) continue;
        EXPECT_EQ(flatten(exact[i]), flatten(keyed[i])) << exact[i].id << " " << from;
      }
    }
}

// A month's requests counted by a query of that month and by the series of a year query are the
// same records: the same tally, so the same published figure.
TEST_F(KeyedFamilies, SameRequestsGiveTheSameTallyInEveryQuery) {
  const auto year = compute("2020-01-01", "2020-12-31", {}, true);
  const IndicatorResult* y = find(year, "requests.new");
  ASSERT_NE(y, nullptr);
  Tally sum;
  for (const auto& p : y->series) {
    ASSERT_TRUE(p.figure.value && p.figure.value->counted) << p.key;
    sum += *p.figure.value->counted;
  }
  ASSERT_TRUE(y->total.value->counted);
  EXPECT_EQ(sum, *y->total.value->counted);  // the series adds up to the total, keys included
  const auto march = compute("2020-03-01", "2020-03-31", {}, true);
  const IndicatorResult* m = find(march, "requests.new");
  ASSERT_NE(m, nullptr);
  bool seen = false;
  for (const auto& p : y->series)
    if (p.key == "2020-03") {
      seen = true;
      EXPECT_EQ(*p.figure.value->counted, *m->total.value->counted);
      EXPECT_NE(m->total.value->counted->key, 0u);
    }
  EXPECT_TRUE(seen);
}

// The tally of a count is the sum of the keys of the records --explain lists for it.
TEST_F(KeyedFamilies, TallyIsTheSumOfTheKeysOfTheRecordsCounted) {
  const std::map<std::string, model::Kind> kinds = {{"requests.new", model::Kind::kRequests},
                                                    {"requests.incomplete", model::Kind::kRequests},
                                                    {"complaints.count", model::Kind::kComplaints}};
  const auto results = compute("2020-01-01", "2020-12-31", {}, true, true);
  for (const auto& [id, kind] : kinds) {
    const IndicatorResult* r = find(results, id);
    ASSERT_NE(r, nullptr) << id;
    const Table& t = (*snapshot_)->table(kind);
    const std::set<std::string> records(r->records.begin(), r->records.end());
    const KeySpan keys = keys_->of(kind);
    Tally expected;
    for (int32_t row = 0; row < t.rows(); ++row)
      if (records.contains(std::string(t.key_text(row)))) expected.add(keys[row]);
    ASSERT_TRUE(r->total.value && r->total.value->counted) << id;
    EXPECT_EQ(*r->total.value->counted, expected) << id;
  }
}

// The cost per client divides by the clients of clients.total, each with the client's key.
TEST_F(KeyedFamilies, CostPerClientDividesByTheClientsOfClientsTotal) {
  for (const auto& [from, to] :
       {std::pair{"2020-01-01", "2020-12-31"}, std::pair{"2022-05-01", "2022-08-31"}})
    for (const ScopeText& scope : {ScopeText{}, ScopeText{"GM0917", {}, {}, {}}}) {
      const auto results = compute(from, to, scope, true, true);
      const IndicatorResult* clients = find(results, "clients.total");
      const IndicatorResult* cost = find(results, "finance.cost_per_client");
      ASSERT_NE(clients, nullptr);
      ASSERT_NE(cost, nullptr);
      const Table& t = (*snapshot_)->table(model::Kind::kClients);
      const std::set<std::string> records(clients->records.begin(), clients->records.end());
      const KeySpan keys = keys_->of(model::Kind::kClients);
      Tally expected;
      for (int32_t row = 0; row < t.rows(); ++row)
        if (records.contains(std::string(t.key_text(row)))) expected.add(keys[row]);
      ASSERT_EQ(static_cast<double>(expected.n), *clients->total.value->value);
      ASSERT_EQ(cost->total.values.size(), 2u);
      for (const auto& [name, n] : cost->total.values) {
        ASSERT_TRUE(n.base && n.base_amount) << name;
        EXPECT_EQ(*n.base, expected) << name << " " << from;
        EXPECT_EQ(n.n, expected.n);
        EXPECT_DOUBLE_EQ(*n.value, *n.base_amount / static_cast<double>(expected.n));
      }
    }
}

}  // namespace
}  // namespace rk::engine
