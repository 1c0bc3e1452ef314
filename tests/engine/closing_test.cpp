// Period closing (engine/closing.hpp) and the lossless result serialization it stores
// (engine/result_io.hpp), on the golden dataset `suppression` (tests/data/golden): closing twice is
// refused, frozen figures read back exactly as computed, suppression applies to them as to fresh
// ones, a changed figure is listed and a damaged store is noticed through the hash.
#include <gtest/gtest.h>

#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "calendar/date.hpp"
#include "calendar/period.hpp"
#include "engine/catalogue.hpp"
#include "engine/closing.hpp"
#include "engine/disclosure.hpp"
#include "engine/render.hpp"
#include "engine/result_io.hpp"
#include "engine/snapshot.hpp"
#include "engine/suppression.hpp"
#include "ingest/importer.hpp"
#include "store/store.hpp"

namespace rk::engine {
namespace {

namespace fs = std::filesystem;

const Period kH2{*parse_date("2020-07-01"), *parse_date("2020-12-31")};

class ClosingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "rk-closing-XXXXXX").string();
    dir_ = ::mkdtemp(tmpl.data());
    auto store = store::Store::open(dir_ + "/store.db");
    ASSERT_TRUE(store.is_ok()) << store.status().message();
    store_ = std::move(*store);
    auto p = ingest::Pseudonymizer::from_key_file(dir_ + "/store.db.key");
    ASSERT_TRUE(p.is_ok());
    ingest::ImportOptions options;
    options.rejects_path = dir_ + "/rejects.csv";
    const std::string data = std::string(RK_TEST_DATA) + "/golden/suppression";
    auto summary = ingest::import_paths(*store_, {data}, *p, options);
    ASSERT_TRUE(summary.is_ok());
    ASSERT_EQ(summary->rows_rejected, 0u);
    auto snapshot = Snapshot::build(*store_);
    ASSERT_TRUE(snapshot.is_ok());
    snapshot_ = *snapshot;
    keys_ = std::make_unique<RecordKeys>(snapshot_, PerturbationKey::for_testing(5));
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  std::vector<IndicatorResult> compute(const ScopeText& scope) const {
    Query q{kH2.from, kH2.to, resolve_scope(*snapshot_, scope), &working_days_};
    q.record_keys = keys_.get();
    return compute_all(catalogue_, *snapshot_, q, config_);
  }
  Result<ClosedPeriod> close(bool force, const std::string& at = "2021-01-15T09:30:00Z") {
    return close_period(*store_, *snapshot_, catalogue_, config_, working_days_, keys_.get(), kH2,
                        at, force);
  }

  std::string dir_;
  std::unique_ptr<store::Store> store_;
  std::shared_ptr<const Snapshot> snapshot_;
  std::unique_ptr<RecordKeys> keys_;
  Config config_;
  Catalogue catalogue_ = Catalogue::create(config_);
  WorkingDays working_days_;
};

// Every field of every flattened row, privacy fields included.
std::string rows_text(const std::vector<IndicatorResult>& results) {
  nlohmann::json out = nlohmann::json::array();
  for (const FlatRow& r : flatten(results))
    out.push_back({r.indicator, r.dimension, r.key, r.part,
                   r.value.value ? nlohmann::json(*r.value.value) : nlohmann::json(nullptr),
                   static_cast<int>(r.value.kind), r.value.n, r.value.suppressed,
                   r.value.below_five, r.value.from_small_count, r.text,
                   r.status ? std::string(to_string(*r.status)) : std::string()});
  return out.dump();
}

TEST(ResultIo, RoundTripKeepsEveryField) {
  IndicatorResult r;
  r.id = "x.test";
  r.title_nl = "Proef é";
  r.title_en = "Test";
  r.unit = Unit::kPercent;
  r.total = Figure::ratio(1, 3);
  r.norm = Norm{Norm::Op::kAtMost, 12.5, 2.5};
  r.status = NormStatus::kYellow;
  r.series.push_back({"2020-07", Figure::of(Number::statistic(4.25, 7))});
  r.series_indicator = true;
  r.additive_series = true;
  Figure cell;
  cell.values = {{"median", Number::statistic(3, 12)}, {"p90", Number::statistic(std::nullopt, 0)}};
  Number small = Number::amount(-2);
  small.from_small_count = true;
  Figure nested_cell = Figure::of(small);
  nested_cell.text = "lopend";
  cell.nested.push_back({"quadrant", {{"K1", nested_cell}}});
  Number below = Number::count(3);
  below.below_five = true;
  Number hidden = Number::count(0);
  hidden.value.reset();
  hidden.suppressed = true;
  r.breakdowns.push_back(
      {"municipality",
       {{"GM0917", cell}, {"GM0882", Figure::of(below)}, {"GM0986", Figure::of(hidden)}}});
  r.texts = {{"note", "handmatig"}};
  r.records = {"a1", "b2"};

  const nlohmann::json once = results_to_json({r});
  auto back = results_from_json(once);
  ASSERT_TRUE(back.is_ok()) << back.status().message();
  ASSERT_EQ(back->size(), 1u);
  EXPECT_EQ(results_to_json(*back), once);
  EXPECT_EQ(rows_text(*back), rows_text({r}));
  const IndicatorResult& b = back->front();
  EXPECT_EQ(b.unit, Unit::kPercent);
  ASSERT_TRUE(b.norm.has_value());
  EXPECT_EQ(b.norm->op, Norm::Op::kAtMost);
  EXPECT_EQ(b.status, NormStatus::kYellow);
  EXPECT_DOUBLE_EQ(*b.total.value->value, 100.0 / 3);  // full precision survives
  EXPECT_EQ(b.total.value->kind, FigureKind::kRatio);
  EXPECT_EQ(b.total.value->n, 3);
  EXPECT_EQ(b.series.front().figure.value->n, 7);
  EXPECT_TRUE(b.breakdowns[0].cells[0].second.nested[0].cells[0].second.value->from_small_count);
  EXPECT_EQ(*b.breakdowns[0].cells[0].second.nested[0].cells[0].second.text, "lopend");
  EXPECT_TRUE(b.breakdowns[0].cells[1].second.value->below_five);
  EXPECT_TRUE(b.breakdowns[0].cells[2].second.value->suppressed);
  EXPECT_EQ(b.records, r.records);
  EXPECT_EQ(b.texts, r.texts);
}

TEST(ResultIo, RejectsOtherShapes) {
  EXPECT_FALSE(results_from_json(nlohmann::json::object()).is_ok());
  EXPECT_FALSE(results_from_json(nlohmann::json::parse(R"([{"id": 1}])")).is_ok());
  auto bad_enum = results_to_json({IndicatorResult{}});
  bad_enum[0]["unit"] = 99;
  EXPECT_FALSE(results_from_json(bad_enum).is_ok());
}

TEST_F(ClosingTest, FrozenFiguresReadBackAsComputed) {
  auto closed = close(false);
  ASSERT_TRUE(closed.is_ok()) << closed.status().message();
  EXPECT_EQ(closed->key, "2020H2");
  EXPECT_EQ(closed->closed_at, "2021-01-15T09:30:00Z");
  EXPECT_EQ(closed->hash.size(), 64u);

  for (const std::string code : {"", "GM0882"}) {
    const ScopeText scope{
        code.empty() ? std::nullopt : std::optional<std::string>(code), {}, {}, {}};
    auto frozen = load_frozen(*store_, kH2, code);
    ASSERT_TRUE(frozen.is_ok()) << frozen.status().message();
    ASSERT_TRUE(frozen->has_value()) << code;
    std::vector<IndicatorResult> now = compute(scope);
    EXPECT_EQ(rows_text(**frozen), rows_text(now)) << code;
    EXPECT_TRUE(differences(**frozen, now).empty());
    // The disclosure layer on frozen figures gives what it gives on fresh ones (the tallies and
    // privacy fields survive): one cell, one published value.
    ASSERT_TRUE(disclose(Role::kPublic, PerturbationTable::standard(), **frozen).is_ok());
    ASSERT_TRUE(disclose(Role::kPublic, PerturbationTable::standard(), now).is_ok());
    EXPECT_EQ(rows_text(**frozen), rows_text(now)) << code;
  }
  auto unknown = load_frozen(*store_, kH2, "GM9999");
  ASSERT_TRUE(unknown.is_ok());
  EXPECT_FALSE(unknown->has_value());
  auto other = load_frozen(*store_, *parse_period("2020H1"), "");
  ASSERT_TRUE(other.is_ok());
  EXPECT_FALSE(other->has_value());
}

TEST_F(ClosingTest, ClosingTwiceIsRefusedUnlessForced) {
  ASSERT_TRUE(close(false).is_ok());
  auto again = close(false, "2021-02-01T00:00:00Z");
  ASSERT_FALSE(again.is_ok());
  EXPECT_EQ(again.status().kind(), ErrorKind::kInvalidInput);
  EXPECT_NE(again.status().message().find("al afgesloten"), std::string::npos);
  auto found = find_closed(*store_, kH2);
  ASSERT_TRUE(found.is_ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->closed_at, "2021-01-15T09:30:00Z");  // the refused attempt changed nothing

  auto forced = close(true, "2021-02-01T00:00:00Z");
  ASSERT_TRUE(forced.is_ok());
  // Same records, same figures: the hash depends on the content, not on the time of closing.
  auto list = closed_periods(*store_);
  ASSERT_TRUE(list.is_ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(list->front().key, "2020H2");
  EXPECT_EQ(list->front().closed_at, "2021-02-01T00:00:00Z");
  EXPECT_EQ(list->front().hash, forced->hash);
}

TEST_F(ClosingTest, ListsChangedFiguresOnly) {
  std::vector<IndicatorResult> frozen = compute({});
  std::vector<IndicatorResult> now = frozen;
  IndicatorResult* total = nullptr;
  for (auto& r : now)
    if (r.id == "clients.total") total = &r;
  ASSERT_NE(total, nullptr);
  ASSERT_EQ(*total->total.value->value, 14);  // expected_analyst.json of the golden case
  total->total.value->value = 15;
  const auto diff = differences(frozen, now);
  ASSERT_EQ(diff.size(), 1u);
  EXPECT_EQ(diff[0].indicator, "clients.total");
  EXPECT_EQ(diff[0].dimension, "");
  EXPECT_EQ(*diff[0].frozen->value, 14);
  EXPECT_EQ(*diff[0].current->value, 15);

  // Two "<5" cells are the same figure to a reader, whatever counts they hide.
  Number a = Number::count(2);
  a.below_five = true;
  Number b = Number::count(3);
  b.below_five = true;
  IndicatorResult x;
  x.id = "x";
  x.total = Figure::of(a);
  IndicatorResult y = x;
  y.total = Figure::of(b);
  EXPECT_TRUE(differences({x}, {y}).empty());
  // A figure that appeared or vanished is listed with one side empty.
  const auto gone = differences({x}, {});
  ASSERT_EQ(gone.size(), 1u);
  EXPECT_TRUE(gone[0].frozen.has_value());
  EXPECT_FALSE(gone[0].current.has_value());
}

TEST_F(ClosingTest, DamagedFiguresFailTheHash) {
  ASSERT_TRUE(close(false).is_ok());
  auto text = store_->get_meta("closed:2020H2");
  ASSERT_TRUE(text.is_ok());
  const std::string needle = "\"id\":\"clients.total\"";
  ASSERT_NE(text->find(needle), std::string::npos);
  std::string damaged = *text;
  damaged.replace(damaged.find(needle), needle.size(), "\"id\":\"clients.totaal\"");
  ASSERT_TRUE(store_->put_meta("closed:2020H2", damaged).is_ok());
  auto frozen = load_frozen(*store_, kH2, "");
  ASSERT_FALSE(frozen.is_ok());
  EXPECT_NE(frozen.status().message().find("hash"), std::string::npos);
}

}  // namespace
}  // namespace rk::engine
