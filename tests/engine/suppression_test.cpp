// The privacy rule of indicators.md on hand-made results (the golden case `suppression` checks
// it through the whole program).
#include "engine/suppression.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "engine/stats.hpp"

namespace rk::engine {
namespace {

IndicatorResult counts(double total, std::vector<std::pair<std::string, double>> cells) {
  IndicatorResult r;
  r.id = "test.count";
  r.total = Figure::of(Number::count(total));
  Breakdown b{"municipality", {}};
  for (const auto& [key, v] : cells) b.cells.emplace_back(key, Figure::of(Number::count(v)));
  r.breakdowns.push_back(std::move(b));
  return r;
}

const Figure& cell(const IndicatorResult& r, const std::string& key) {
  for (const auto& [k, f] : r.breakdowns.front().cells)
    if (k == key) return f;
  throw std::logic_error("no cell " + key);
}

TEST(Suppression, AnalystSeesEverything) {
  IndicatorResult r = counts(7, {{"A", 3}, {"B", 4}});
  apply_suppression(Role::kAnalyst, r);
  EXPECT_FALSE(cell(r, "A").is_suppressed());
  EXPECT_EQ(*r.total.value->value, 7);
}

TEST(Suppression, CountsOneToFourBecomeBelowFiveZeroStays) {
  IndicatorResult r = counts(4, {{"A", 0}, {"B", 4}});
  apply_suppression(Role::kPublic, r);
  EXPECT_TRUE(r.total.value->below_five);
  EXPECT_FALSE(cell(r, "A").is_suppressed());
  EXPECT_EQ(*cell(r, "A").value->value, 0);
}

TEST(Suppression, OneSuppressedCellTakesTheSmallestNonZeroOther) {
  IndicatorResult r = counts(20, {{"A", 0}, {"B", 2}, {"C", 7}, {"D", 11}});
  apply_suppression(Role::kMunicipality, r);
  EXPECT_TRUE(cell(r, "B").value->below_five);
  EXPECT_TRUE(cell(r, "C").value->suppressed);
  EXPECT_FALSE(cell(r, "C").value->below_five);
  EXPECT_FALSE(cell(r, "C").value->value.has_value());
  EXPECT_FALSE(cell(r, "A").is_suppressed());
  EXPECT_FALSE(cell(r, "D").is_suppressed());
}

TEST(Suppression, TwoSuppressedCellsNeedNothingMore) {
  IndicatorResult r = counts(20, {{"A", 2}, {"B", 3}, {"C", 15}});
  apply_suppression(Role::kPublic, r);
  EXPECT_FALSE(cell(r, "C").is_suppressed());
}

TEST(Suppression, HiddenTotalNeedsNoSecondarySuppression) {
  IndicatorResult r = counts(4, {{"A", 1}, {"B", 3}});
  r.breakdowns.front().cells[1].second = Figure::of(Number::count(6));
  apply_suppression(Role::kPublic, r);
  EXPECT_FALSE(cell(r, "B").is_suppressed());
}

TEST(Suppression, RatioBelowTenObservationsIsHiddenWithItsParts) {
  IndicatorResult r;
  r.total = Figure::ratio(3, 5);
  r.norm = Norm{Norm::Op::kAtLeast, 75, 5};
  r.status = NormStatus::kRed;
  apply_suppression(Role::kPublic, r);
  EXPECT_TRUE(r.total.value->suppressed);
  EXPECT_FALSE(r.total.value->value.has_value());
  EXPECT_FALSE(r.total.numerator.has_value());
  EXPECT_FALSE(r.total.denominator.has_value());
  EXPECT_EQ(r.status, NormStatus::kNone);
}

TEST(Suppression, ZeroPercentCellWithObservationsIsACandidate) {
  // Total 30 requests; cell A (4 requests) is suppressed. Its numerator and denominator would
  // follow from the total minus the other cells, so one more cell must go: B has 0 % but 12
  // observations, the smallest shown cell.
  IndicatorResult r;
  r.total = Figure::ratio(9, 30);
  Breakdown b{"area", {}};
  b.cells.emplace_back("A", Figure::ratio(1, 4));
  b.cells.emplace_back("B", Figure::ratio(0, 12));
  b.cells.emplace_back("C", Figure::ratio(8, 14));
  r.breakdowns.push_back(std::move(b));
  apply_suppression(Role::kPublic, r);
  EXPECT_TRUE(cell(r, "A").is_suppressed());
  EXPECT_TRUE(cell(r, "B").is_suppressed());
  EXPECT_FALSE(cell(r, "B").numerator.has_value());
  EXPECT_FALSE(cell(r, "C").is_suppressed());
}

TEST(Suppression, StatisticsBelowTenObservations) {
  IndicatorResult r;
  std::vector<double> v = {1, 2, 3, 4, 5, 6, 7, 8, 9};
  r.total = median_p90(v);
  apply_suppression(Role::kPublic, r);
  EXPECT_TRUE(r.total.is_suppressed());
  for (const auto& [name, n] : r.total.values) EXPECT_FALSE(n.value.has_value()) << name;
}

TEST(Suppression, SeriesGetPrimarySuppressionOnly) {
  IndicatorResult r;
  r.series.push_back({"2020-07", Figure::of(Number::count(4))});
  r.series.push_back({"2020-08", Figure::of(Number::count(11))});
  apply_suppression(Role::kPublic, r);
  EXPECT_TRUE(r.series[0].figure.value->below_five);
  EXPECT_FALSE(r.series[1].figure.is_suppressed());
}

}  // namespace
}  // namespace rk::engine
