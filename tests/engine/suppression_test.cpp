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

IndicatorResult named(std::string id, double total, std::vector<std::pair<std::string, double>> c) {
  IndicatorResult r = counts(total, std::move(c));
  r.id = std::move(id);
  return r;
}

const IndicatorResult& by_id(const std::vector<IndicatorResult>& rs, const std::string& id) {
  for (const auto& r : rs)
    if (r.id == id) return r;
  throw std::logic_error("no indicator " + id);
}

TEST(Suppression, ClientIdentityHidesASecondTermOfACell) {
  // Cell A: start 10 + new 3 = total 13. new "<5" alone would follow from total - start.
  std::vector<IndicatorResult> rs;
  rs.push_back(named("clients.start", 30, {{"A", 10}, {"B", 20}}));
  rs.push_back(named("clients.new", 3, {{"A", 3}, {"B", 0}}));
  rs.push_back(named("clients.total", 33, {{"A", 13}, {"B", 20}}));
  apply_suppression(Role::kPublic, rs);
  EXPECT_TRUE(cell(by_id(rs, "clients.new"), "A").value->below_five);
  // A second term of cell A goes: start A (10) is smaller than total A (13).
  EXPECT_TRUE(cell(by_id(rs, "clients.start"), "A").value->suppressed);
  EXPECT_FALSE(cell(by_id(rs, "clients.total"), "A").is_suppressed());
  // The total of new (3) is "<5" too: total = start + new at the top, so start's total goes.
  EXPECT_TRUE(by_id(rs, "clients.start").total.value->suppressed);
}

TEST(Suppression, ClientIdentityHidesATotalWhenNoOtherCellCanGo) {
  // end A "<5" -> end B goes (breakdown rule); identity of cell A hides ended A (16 < 20). The
  // other cell of ended is 0, so ended's total (16) would give ended A back: it goes.
  std::vector<IndicatorResult> rs;
  rs.push_back(named("clients.total", 40, {{"A", 20}, {"B", 20}}));
  rs.push_back(named("clients.ended", 16, {{"A", 16}, {"B", 0}}));
  rs.push_back(named("clients.end", 24, {{"A", 4}, {"B", 20}}));
  apply_suppression(Role::kPublic, rs);
  ASSERT_TRUE(cell(by_id(rs, "clients.ended"), "A").is_suppressed());
  EXPECT_TRUE(by_id(rs, "clients.ended").total.is_suppressed());
}

TEST(Suppression, ClientIdentityReRunsTheBreakdownRule) {
  // end = total - ended per cell. end A is hidden ("<5"), so B of end goes by the breakdown rule;
  // then cell B of end is hidden alone among end/total/ended and total B (6, smallest) goes;
  // total's breakdown then has one hidden cell and loses its smallest other cell (C).
  std::vector<IndicatorResult> rs;
  rs.push_back(named("clients.total", 40, {{"A", 20}, {"B", 6}, {"C", 14}}));
  rs.push_back(named("clients.ended", 16, {{"A", 16}, {"B", 0}, {"C", 0}}));
  rs.push_back(named("clients.end", 24, {{"A", 4}, {"B", 6}, {"C", 14}}));
  apply_suppression(Role::kMunicipality, rs);
  EXPECT_TRUE(cell(by_id(rs, "clients.end"), "A").value->below_five);
  EXPECT_TRUE(cell(by_id(rs, "clients.end"), "B").value->suppressed);
  EXPECT_TRUE(cell(by_id(rs, "clients.total"), "B").value->suppressed);
  EXPECT_TRUE(cell(by_id(rs, "clients.ended"), "A").is_suppressed() ||
              cell(by_id(rs, "clients.total"), "A").is_suppressed());
  const auto hidden = [](const IndicatorResult& r) {
    int n = 0;
    for (const auto& [k, f] : r.breakdowns.front().cells) n += f.is_suppressed();
    return n;
  };
  EXPECT_NE(hidden(by_id(rs, "clients.total")), 1);
  EXPECT_NE(hidden(by_id(rs, "clients.end")), 1);
}

TEST(Suppression, EndedByPlanLosesItsPartsWhenAReasonIsHidden) {
  std::vector<IndicatorResult> rs;
  IndicatorResult reasons;
  reasons.id = "outcome.end_reasons";
  reasons.total = Figure::of(Number::count(20));
  reasons.breakdowns.push_back({"end_reason", {}});
  reasons.breakdowns[0].cells.emplace_back("client", Figure::of(Number::count(2)));
  reasons.breakdowns[0].cells.emplace_back("mutual", Figure::of(Number::count(6)));
  reasons.breakdowns[0].cells.emplace_back("plan", Figure::of(Number::count(12)));
  rs.push_back(reasons);
  IndicatorResult share;
  share.id = "outcome.ended_by_plan";
  share.total = Figure::ratio(12, 20);
  rs.push_back(share);
  apply_suppression(Role::kPublic, rs);
  const IndicatorResult& s = by_id(rs, "outcome.ended_by_plan");
  EXPECT_FALSE(s.total.numerator.has_value());
  EXPECT_FALSE(s.total.denominator.has_value());
  EXPECT_FALSE(s.total.is_suppressed());  // plan (12) is shown: 60 % gives nothing away

  // With the plan cell itself hidden, 60 % of the shown 20 would be it: the value goes.
  rs[0] = reasons;
  rs[0].breakdowns[0].cells[2].second = Figure::of(Number::count(3));
  rs[0].breakdowns[0].cells[1].second = Figure::of(Number::count(15));
  rs[1] = share;
  rs[1].total = Figure::ratio(3, 20);
  apply_suppression(Role::kPublic, rs);
  EXPECT_TRUE(by_id(rs, "outcome.ended_by_plan").total.value->suppressed);
}

TEST(Suppression, OneHiddenStarBucketTakesTheSmallestOther) {
  std::vector<IndicatorResult> rs;
  IndicatorResult stars;
  stars.id = "satisfaction.stars";
  for (const auto& [k, v] : std::vector<std::pair<std::string, double>>{
           {"1", 0}, {"2", 3}, {"3", 9}, {"4", 7}, {"5", 20}})
    stars.total.values.emplace_back(k, Number::count(v));
  rs.push_back(stars);
  IndicatorResult responses;
  responses.id = "satisfaction.responses";
  responses.total.values.emplace_back("opened", Number::count(50));
  responses.total.values.emplace_back("completed", Number::count(39));
  rs.push_back(responses);
  apply_suppression(Role::kPublic, rs);
  const auto& v = by_id(rs, "satisfaction.stars").total.values;
  EXPECT_TRUE(v[1].second.below_five);
  EXPECT_TRUE(v[3].second.suppressed);  // "4" (7) is the smallest non-zero other bucket
  EXPECT_FALSE(v[3].second.value.has_value());
  EXPECT_FALSE(v[0].second.suppressed);  // 0 is never chosen
  EXPECT_FALSE(v[2].second.suppressed);
  EXPECT_FALSE(v[4].second.suppressed);
}

TEST(Suppression, AdditiveSeriesWithOneHiddenPointLosesAnother) {
  IndicatorResult r;
  r.total = Figure::of(Number::count(30));
  r.series.push_back({"2020-07", Figure::of(Number::count(4))});
  r.series.push_back({"2020-08", Figure::of(Number::count(11))});
  r.series.push_back({"2020-09", Figure::of(Number::count(15))});
  IndicatorResult plain = r;
  r.additive_series = true;
  apply_suppression(Role::kPublic, r);
  EXPECT_TRUE(r.series[0].figure.value->below_five);
  EXPECT_TRUE(r.series[1].figure.value->suppressed);
  EXPECT_FALSE(r.series[2].figure.is_suppressed());
  apply_suppression(Role::kPublic, plain);  // not additive (clients.monthly): primary only
  EXPECT_FALSE(plain.series[1].figure.is_suppressed());
}

TEST(Suppression, ADifferenceBuiltFromASmallCountIsHidden) {
  IndicatorResult r;
  Number change = Number::amount(-2);
  change.from_small_count = true;  // e.g. 3 waiting on to, 5 the day before from
  r.total = Figure::of(change);
  r.breakdowns.push_back({"provider", {}});
  r.breakdowns[0].cells.emplace_back("P", Figure::of(Number::amount(6)));
  apply_suppression(Role::kMunicipality, r);
  EXPECT_TRUE(r.total.value->suppressed);
  EXPECT_FALSE(r.total.value->value.has_value());
  EXPECT_FALSE(r.breakdowns[0].cells[0].second.is_suppressed());
  IndicatorResult analyst;
  analyst.total = Figure::of(change);
  apply_suppression(Role::kAnalyst, analyst);
  EXPECT_EQ(*analyst.total.value->value, -2);
}

// A table of two dimensions with margins, as the StatLine table by referrer: every row is a
// municipality's total with its parts, and the total row has the same parts.
Figure row(double total, const std::vector<double>& parts) {
  Figure f = Figure::of(Number::count(total));
  Breakdown b{"referrer", {}};
  for (size_t i = 0; i < parts.size(); ++i)
    b.cells.emplace_back("r" + std::to_string(i), Figure::of(Number::count(parts[i])));
  f.nested.push_back(std::move(b));
  return f;
}

IndicatorResult table(Figure total, std::vector<std::pair<std::string, Figure>> rows) {
  IndicatorResult r;
  r.id = "test.table";
  r.total = std::move(total);
  r.breakdowns.push_back({"municipality", std::move(rows)});
  return r;
}

const Figure& part(const Figure& f, size_t i) { return f.nested.front().cells.at(i).second; }

// No row and no column of the table has exactly one hidden member, its total included.
void expect_closed(const IndicatorResult& r) {
  std::vector<const Figure*> rows{&r.total};
  for (const auto& [key, f] : r.breakdowns.front().cells) rows.push_back(&f);
  for (const Figure* f : rows) {
    int hidden = f->is_suppressed();
    for (const auto& [key, p] : f->nested.front().cells) hidden += p.is_suppressed();
    EXPECT_NE(hidden, 1) << "a row";
  }
  for (size_t i = 0; i < r.total.nested.front().cells.size(); ++i) {
    int hidden = 0;
    for (const Figure* f : rows) hidden += part(*f, i).is_suppressed();
    EXPECT_NE(hidden, 1) << "column " << i;
  }
}

TEST(Suppression, ARowWithOneHiddenCellAndAShownTotalLosesASecondCell) {
  IndicatorResult r =
      table(row(66, {35, 20, 11}), {{"A", row(30, {20, 8, 2})}, {"B", row(36, {15, 12, 9})}});
  apply_suppression(Role::kPublic, r);
  const Figure& a = cell(r, "A");
  const Figure& b = cell(r, "B");
  EXPECT_TRUE(part(a, 2).value->below_five);
  EXPECT_TRUE(part(a, 1).value->suppressed) << "A's total minus its shown cells gave A's 2";
  EXPECT_FALSE(part(a, 0).is_suppressed());
  // The column of the third part has a shown total: B's cell goes, and then B's row needs a
  // second hidden cell too.
  EXPECT_TRUE(part(b, 2).value->suppressed);
  EXPECT_TRUE(part(b, 1).value->suppressed);
  EXPECT_FALSE(part(b, 0).is_suppressed());
  EXPECT_FALSE(a.is_suppressed());
  EXPECT_FALSE(b.is_suppressed());
  EXPECT_FALSE(r.total.is_suppressed());
  for (size_t i = 0; i < 3; ++i) EXPECT_FALSE(part(r.total, i).is_suppressed());
  expect_closed(r);
}

TEST(Suppression, AHiddenRowTotalWithItsPartsShownLosesAPart) {
  // A's total (2) is "<5"; B's total is hidden to protect it; B's parts would add up to it.
  IndicatorResult r =
      table(row(92, {67, 25}),
            {{"A", row(2, {2, 0})}, {"B", row(40, {30, 10})}, {"C", row(50, {35, 15})}});
  apply_suppression(Role::kPublic, r);
  EXPECT_TRUE(cell(r, "A").value->below_five);
  EXPECT_TRUE(cell(r, "B").value->suppressed);
  EXPECT_TRUE(part(cell(r, "B"), 1).value->suppressed) << "the smallest part of B's row";
  // A's 2 in the first column is hidden too, so that column loses B's 30, and the second column,
  // with B's 10 hidden, loses C's 15; then C's row loses its 35. Totals stay as decided.
  EXPECT_TRUE(part(cell(r, "B"), 0).value->suppressed);
  EXPECT_TRUE(part(cell(r, "C"), 1).value->suppressed);
  EXPECT_TRUE(part(cell(r, "C"), 0).value->suppressed);
  EXPECT_FALSE(cell(r, "C").is_suppressed());
  EXPECT_FALSE(part(r.total, 0).is_suppressed());
  expect_closed(r);
}

TEST(Suppression, AnalystSeesEveryCellOfATable) {
  IndicatorResult r =
      table(row(66, {35, 20, 11}), {{"A", row(30, {20, 8, 2})}, {"B", row(36, {15, 12, 9})}});
  apply_suppression(Role::kAnalyst, r);
  EXPECT_FALSE(part(cell(r, "A"), 2).is_suppressed());
  EXPECT_FALSE(part(cell(r, "B"), 2).is_suppressed());
}

}  // namespace
}  // namespace rk::engine
