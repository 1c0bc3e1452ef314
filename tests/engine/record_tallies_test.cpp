// The tallies of the client, waiting-list and outcome counts hold the keys of exactly the records
// they count: the records that --explain lists (clients, trajectories, goals), and the same set of
// records gives the same tally whichever query counts it (a breakdown cell and the scope of that
// cell, a month of the series and the query of that month, the parts of a ratio or a difference
// and the counts they are built from). Runs on the demo dataset.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "calendar/date.hpp"
#include "demo_store.hpp"
#include "engine/catalogue.hpp"
#include "engine/record_keys.hpp"
#include "engine/snapshot.hpp"

namespace rk::engine {
namespace {

class RecordTallies : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    demo_ = new test::DemoStore("tallies");
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

  static const Snapshot& snapshot() { return **snapshot_; }

  // One indicator for [from, to] in `scope`, with record keys (or without: `keyed` false).
  static IndicatorResult compute(const std::string& id, const std::string& from,
                                 const std::string& to, const ScopeText& scope,
                                 bool explain = false, bool keyed = true) {
    static const Config config;
    static const Catalogue catalogue = Catalogue::create(config);
    static const WorkingDays working_days;
    Query q{*parse_date(from), *parse_date(to), resolve_scope(snapshot(), scope), &working_days};
    q.explain = explain;
    if (keyed) q.record_keys = keys_;
    auto r = compute_one(catalogue, id, snapshot(), q, config);
    EXPECT_TRUE(r.has_value()) << id;
    return r ? *r : IndicatorResult{};
  }

  // The tally of the records of `kind` that an explanation lists.
  static Tally tally_of(model::Kind kind, const std::vector<std::string>& records) {
    static std::map<model::Kind, std::unordered_map<std::string, int32_t>> rows;
    auto& row_of = rows[kind];
    const Table& t = snapshot().table(kind);
    if (row_of.empty())
      for (int32_t r = 0; r < t.rows(); ++r) row_of.emplace(std::string(t.key_text(r)), r);
    const KeySpan keys = keys_->of(kind);
    Tally tally;
    for (const auto& id : records) {
      const auto it = row_of.find(id);
      EXPECT_NE(it, row_of.end()) << id;
      if (it != row_of.end()) tally.add(keys[it->second]);
    }
    return tally;
  }

  static test::DemoStore* demo_;
  static std::shared_ptr<const Snapshot>* snapshot_;
  static RecordKeys* keys_;
};
test::DemoStore* RecordTallies::demo_ = nullptr;
std::shared_ptr<const Snapshot>* RecordTallies::snapshot_ = nullptr;
RecordKeys* RecordTallies::keys_ = nullptr;

const std::vector<ScopeText>& scopes() {
  static const std::vector<ScopeText> all = {
      ScopeText{},
      ScopeText{"GM0917", {}, {}, {}},
      ScopeText{{}, "heerlen-noord", {}, {}},
      ScopeText{{}, {}, "K2", {}},
      ScopeText{{}, {}, {}, "73000001"},
  };
  return all;
}

std::string where(const ScopeText& s) {
  return s.municipality.value_or("") + "/" + s.area.value_or("") + "/" + s.quadrant.value_or("") +
         "/" + s.provider.value_or("");
}

Tally counted(const Figure& f) {
  EXPECT_TRUE(f.value && f.value->counted);
  return f.value && f.value->counted ? *f.value->counted : Tally{-1, 0};
}
Tally base(const Figure& f) {
  EXPECT_TRUE(f.value && f.value->base);
  return f.value && f.value->base ? *f.value->base : Tally{-1, 0};
}

const Figure& cell(const IndicatorResult& r, const std::string& dimension, const std::string& key) {
  static const Figure none;
  for (const auto& b : r.breakdowns)
    if (b.dimension == dimension)
      for (const auto& [k, f] : b.cells)
        if (k == key) return f;
  ADD_FAILURE() << r.id << ": no cell " << dimension << " " << key;
  return none;
}

TEST_F(RecordTallies, CountsCarryTheKeysOfTheRecordsTheyExplain) {
  for (const ScopeText& s : scopes()) {
    SCOPED_TRACE(where(s));
    for (const char* id :
         {"clients.start", "clients.new", "clients.total", "clients.ended", "clients.end"}) {
      const IndicatorResult r = compute(id, "2020-01-01", "2020-12-31", s, true);
      EXPECT_EQ(counted(r.total), tally_of(model::Kind::kClients, r.records)) << id;
    }
    const IndicatorResult waiting = compute("waitlist.count", "2020-01-01", "2020-12-31", s, true);
    EXPECT_EQ(counted(waiting.total), tally_of(model::Kind::kClients, waiting.records));

    const IndicatorResult reasons =
        compute("outcome.end_reasons", "2020-01-01", "2020-12-31", s, true);
    EXPECT_EQ(counted(reasons.total), tally_of(model::Kind::kTrajectories, reasons.records));
    Tally parts;
    for (const auto& [reason, f] : reasons.breakdowns.at(0).cells) parts += counted(f);
    EXPECT_EQ(parts, counted(reasons.total));  // every ended trajectory in the demo has a reason

    const IndicatorResult plan =
        compute("outcome.ended_by_plan", "2020-01-01", "2020-12-31", s, true);
    EXPECT_EQ(base(plan.total), counted(reasons.total));
    const IndicatorResult goals =
        compute("outcome.goals_attained", "2020-01-01", "2020-12-31", s, true);
    EXPECT_EQ(base(goals.total), tally_of(model::Kind::kGoals, goals.records));
    EXPECT_LE(counted(goals.total).n, base(goals.total).n);
    const IndicatorResult reentry =
        compute("outcome.reentry_12m", "2020-01-01", "2020-12-31", s, true);
    EXPECT_EQ(base(reentry.total), tally_of(model::Kind::kClients, reentry.records));
  }
}

TEST_F(RecordTallies, TheSameRecordsGiveTheSameTally) {
  const IndicatorResult total = compute("clients.total", "2020-01-01", "2020-12-31", {});
  const IndicatorResult in_heerlen =
      compute("clients.total", "2020-01-01", "2020-12-31", {"GM0917", {}, {}, {}});
  EXPECT_EQ(counted(cell(total, "municipality", "GM0917")), counted(in_heerlen.total));
  const IndicatorResult in_k2 =
      compute("clients.end", "2020-01-01", "2020-12-31", {{}, {}, "K2", {}});
  EXPECT_EQ(counted(cell(compute("clients.end", "2020-01-01", "2020-12-31", {}), "quadrant", "K2")),
            counted(in_k2.total));

  const IndicatorResult waiting = compute("waitlist.count", "2020-01-01", "2020-12-31", {});
  const IndicatorResult at_provider =
      compute("waitlist.count", "2020-01-01", "2020-12-31", {{}, {}, {}, "73000001"});
  EXPECT_EQ(counted(cell(waiting, "provider", "73000001")), counted(at_provider.total));

  for (const ScopeText& s : scopes()) {
    SCOPED_TRACE(where(s));
    // A month of the series is the clients in care in that month.
    const IndicatorResult monthly = compute("clients.monthly", "2020-01-01", "2020-12-31", s);
    ASSERT_EQ(monthly.series.size(), 12u);
    EXPECT_EQ(counted(monthly.series[2].figure),
              counted(compute("clients.total", "2020-03-01", "2020-03-31", s).total));
    // Shares: the base is the count they are a share of.
    EXPECT_EQ(base(compute("care.residential_share", "2020-01-01", "2020-12-31", s).total),
              counted(compute("clients.total", "2020-01-01", "2020-12-31", s).total));
    const Tally now = counted(compute("waitlist.count", "2020-01-01", "2020-12-31", s).total);
    const Tally then = counted(compute("waitlist.count", "2019-01-01", "2019-12-31", s).total);
    EXPECT_EQ(base(compute("waitlist.bridging", "2020-01-01", "2020-12-31", s).total), now);
    // The change is the count at the end minus the count the day before the period.
    const IndicatorResult change = compute("waitlist.change", "2020-01-01", "2020-12-31", s);
    ASSERT_TRUE(change.total.value);
    EXPECT_TRUE(change.total.value->difference);
    EXPECT_EQ(counted(change.total), now);
    EXPECT_EQ(base(change.total), then);
    EXPECT_EQ(*change.total.value->value, static_cast<double>(now.n - then.n));
    // The quarter of the series is the count at its end.
    const IndicatorResult quarterly = compute("waitlist.quarterly", "2020-01-01", "2020-12-31", s);
    ASSERT_EQ(quarterly.series.size(), 4u);
    EXPECT_EQ(counted(quarterly.series[3].figure), now);
  }
}

TEST_F(RecordTallies, WithoutKeysOnlyTheCountsRemain) {
  for (const char* id : {"clients.total", "waitlist.count", "outcome.end_reasons"}) {
    const IndicatorResult keyed = compute(id, "2020-01-01", "2020-12-31", {});
    const IndicatorResult plain = compute(id, "2020-01-01", "2020-12-31", {}, false, false);
    EXPECT_EQ(counted(plain.total).n, counted(keyed.total).n) << id;
    EXPECT_EQ(counted(plain.total).key, 0u) << id;
    EXPECT_NE(counted(keyed.total).key, 0u) << id;
  }
}

}  // namespace
}  // namespace rk::engine
