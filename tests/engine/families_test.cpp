// Edges of the money, manual, project, staffing and satisfaction indicators that the golden
// datasets do not reach: negative shared costs, a tie for the largest lump sum, shared costs of a
// year without budgets, municipality scopes of manual indicators and projects, a team with one
// quadrant only, survey responses without municipality.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "dataset.hpp"
#include "engine/catalogue.hpp"

namespace rk::engine {
namespace {

const Breakdown* find_breakdown(const std::vector<Breakdown>& bs, const std::string& dim) {
  for (const auto& b : bs)
    if (b.dimension == dim) return &b;
  return nullptr;
}

const Figure* cell(const std::vector<Breakdown>& bs, const std::string& dim,
                   const std::string& key) {
  const Breakdown* b = find_breakdown(bs, dim);
  if (b == nullptr) return nullptr;
  for (const auto& [k, f] : b->cells)
    if (k == key) return &f;
  return nullptr;
}

double value(const Figure& f) { return f.value && f.value->value ? *f.value->value : -1e300; }

std::optional<double> part(const Figure& f, const std::string& name) {
  for (const auto& [n, v] : f.values)
    if (n == name) return v.value;
  return std::nullopt;
}

const char* kMunicipalities = "code,name\nGM0917,Heerlen\nGM0882,Landgraaf\nGM0986,Voerendaal\n";

TEST(Finance, NegativeSharedRowFloorsAndGivesRemainderToLowestCodeOnTie) {
  // Lump sums 100 : 100 : 50 (tie for the largest between GM0882 and GM0917).
  const Dataset d({{"municipalities.csv", kMunicipalities},
                   {"budgets.csv",
                    "year,municipality,lump_sum\n2020,GM0917,100.00\n2020,GM0882,100.00\n"
                    "2020,GM0986,50.00\n"},
                   {"costs.csv", "month,municipality,category,amount\n2020-07,,overhead,-1.01\n"}});
  const IndicatorResult r = d.compute("finance.costs", "2020-07-01", "2020-12-31");
  EXPECT_NEAR(value(r.total), -1.01, 1e-9);
  // -101 ct x 0.4 = -40.4 -> floor -41 (twice); x 0.2 = -20.2 -> -21; sum -103, remainder +2 to
  // GM0882 (largest lump sum, lowest code on the tie).
  ASSERT_NE(cell(r.breakdowns, "municipality", "GM0882"), nullptr);
  EXPECT_NEAR(value(*cell(r.breakdowns, "municipality", "GM0882")), -0.39, 1e-9);
  EXPECT_NEAR(value(*cell(r.breakdowns, "municipality", "GM0917")), -0.41, 1e-9);
  EXPECT_NEAR(value(*cell(r.breakdowns, "municipality", "GM0986")), -0.21, 1e-9);
  // The same share under a municipality scope.
  const IndicatorResult m =
      d.compute("finance.costs", "2020-07-01", "2020-12-31", ScopeText{"GM0882", {}, {}, {}});
  EXPECT_NEAR(value(m.total), -0.39, 1e-9);
  EXPECT_NEAR(value(*cell(m.breakdowns, "category", "overhead")), -0.39, 1e-9);
}

TEST(Finance, SharedRowOfAYearWithoutBudgetsCountsInTheTotalOnly) {
  const Dataset d({{"municipalities.csv", kMunicipalities},
                   {"budgets.csv", "year,municipality,lump_sum\n2020,GM0917,100.00\n"},
                   {"costs.csv",
                    "month,municipality,category,amount\n2019-12,,overhead,5.00\n"
                    "2019-12,GM0882,K2,7.00\n"}});
  const IndicatorResult r = d.compute("finance.costs", "2019-12-01", "2019-12-31");
  EXPECT_NEAR(value(r.total), 12.0, 1e-9);
  const Breakdown* b = find_breakdown(r.breakdowns, "municipality");
  ASSERT_NE(b, nullptr);
  ASSERT_EQ(b->cells.size(), 1u);
  EXPECT_EQ(b->cells[0].first, "GM0882");
  EXPECT_NEAR(value(b->cells[0].second), 7.0, 1e-9);
  // No income in 2019: budget use is null, costs are shown.
  const IndicatorResult used = d.compute("finance.budget_used", "2019-12-01", "2019-12-31");
  EXPECT_FALSE(used.total.value->value.has_value());
}

TEST(Finance, ForecastInMarchExtrapolatesThreeMonths) {
  const Dataset d(
      {{"municipalities.csv", kMunicipalities},
       {"budgets.csv", "year,municipality,lump_sum,other_income\n2020,GM0917,1200,-120\n"},
       {"costs.csv",
        "month,municipality,category,amount\n2020-01,GM0917,K2,30\n"
        "2020-03,GM0917,K3,60\n2020-04,GM0917,K3,1000\n"}});
  const IndicatorResult r = d.compute("finance.forecast", "2020-03-01", "2020-03-31");
  EXPECT_NEAR(*part(r.total, "costs_to_date"), 90.0, 1e-9);
  EXPECT_NEAR(*part(r.total, "costs"), 360.0, 1e-9);  // 90 + 90 / 3 x 9
  EXPECT_NEAR(*part(r.total, "income"), 1080.0, 1e-9);
  EXPECT_NEAR(*part(r.total, "result"), 720.0, 1e-9);
}

const char* kMeasurements =
    "indicator,period,municipality,value,note\n"
    "vision.recognised,2020H2,,60,\n"
    "vision.recognised,2020Q4,GM0917,70,late in the year\n"
    "vision.recognised,2020-12,GM0917,75,\n"
    "vision.recognised,2020,GM0882,50,\n";

TEST(Manual, MunicipalityScopeShowsThatMunicipalitysOwnMeasurement) {
  const Dataset d({{"municipalities.csv", kMunicipalities}, {"measurements.csv", kMeasurements}});
  const IndicatorResult all = d.compute("manual.vision.recognised", "2020-07-01", "2020-12-31");
  EXPECT_NEAR(value(all.total), 60, 1e-9);
  EXPECT_NEAR(value(*cell(all.breakdowns, "municipality", "GM0917")), 75, 1e-9);
  EXPECT_EQ(cell(all.breakdowns, "municipality", "GM0882"), nullptr);  // 2020 is not inside H2
  const IndicatorResult m = d.compute("manual.vision.recognised", "2020-07-01", "2020-12-31",
                                      ScopeText{"GM0917", {}, {}, {}});
  EXPECT_NEAR(value(m.total), 75, 1e-9);
  const IndicatorResult none = d.compute("manual.vision.recognised", "2020-07-01", "2020-12-31",
                                         ScopeText{"GM0882", {}, {}, {}});
  EXPECT_FALSE(none.total.value->value.has_value());
  // A whole year query does contain GM0882's year figure.
  const IndicatorResult year = d.compute("manual.vision.recognised", "2020-01-01", "2020-12-31",
                                         ScopeText{"GM0882", {}, {}, {}});
  EXPECT_NEAR(value(year.total), 50, 1e-9);
}

TEST(Manual, DeclaredIndicatorsReplaceTheDefaults) {
  const Dataset d({{"municipalities.csv", kMunicipalities},
                   {"measurements.csv", "indicator,period,value\nown.figure,2020Q3,12.5\n"}});
  auto config = parse_config_json(
      R"({"manual_indicators": [{"id": "own.figure", "title_nl": "Eigen", "unit": "count",
          "norm": {"op": "<=", "target": 10, "tolerance": 5}}]})");
  ASSERT_TRUE(config.is_ok());
  const Catalogue catalogue = Catalogue::create(*config);
  EXPECT_NE(catalogue.find("manual.own.figure"), nullptr);
  EXPECT_EQ(catalogue.find("manual.vision.recognised"), nullptr);
  const IndicatorResult r =
      d.compute("manual.own.figure", "2020-07-01", "2020-12-31", ScopeText{}, *config);
  EXPECT_NEAR(value(r.total), 12.5, 1e-9);
}

TEST(Projects, MunicipalityScopeListsOnlyThatMunicipalitysResults) {
  const Dataset d({{"municipalities.csv", kMunicipalities},
                   {"projects.csv", "project_id,name,embedded_on\nP1,Een,2020-12-31\nP2,Twee,\n"},
                   {"project_results.csv",
                    "project_id,period,municipality,measure,value\nP1,2020Q3,GM0917,reached,4\n"
                    "P1,2020Q3,,reached,9\nP1,2020Q3,GM0882,reached,5\n"}});
  const IndicatorResult r =
      d.compute("projects.results", "2020-07-01", "2020-12-31", ScopeText{"GM0882", {}, {}, {}});
  const Figure* p1 = cell(r.breakdowns, "project/measure/municipality/period", "P1");
  ASSERT_NE(p1, nullptr);
  const Figure& reached = p1->nested.at(0).cells.at(0).second;
  ASSERT_EQ(reached.nested.at(0).cells.size(), 1u);
  EXPECT_EQ(reached.nested.at(0).cells[0].first, "GM0882");
  EXPECT_EQ(*cell(r.breakdowns, "status", "P1")->text, "embedded");  // embedded_on == to
  EXPECT_EQ(*cell(r.breakdowns, "status", "P2")->text, "running");
}

TEST(Staffing, TeamWithOneQuadrantShowsZeroForTheOther) {
  const Dataset d({{"municipalities.csv", kMunicipalities},
                   {"staffing.csv", "on,team,quadrant,fte\n2020-03-31,Voerendaal,K2,2.5\n"}});
  const IndicatorResult r = d.compute("staffing.fte", "2020-01-01", "2020-03-31");
  EXPECT_NEAR(value(r.total), 2.5, 1e-9);
  ASSERT_EQ(r.series.size(), 1u);
  EXPECT_EQ(r.series[0].key, "2020-03-31");
  EXPECT_NEAR(*part(r.series[0].figure, "K1"), 0, 1e-9);
  EXPECT_NEAR(*part(r.series[0].figure, "total"), 2.5, 1e-9);
  EXPECT_FALSE(d.applies("staffing.fte", ScopeText{"GM0917", {}, {}, {}}));
}

TEST(Satisfaction, ResponseWithoutMunicipalityCountsOnlyCombined) {
  const Dataset d({{"municipalities.csv", kMunicipalities},
                   {"surveys.csv",
                    "response_id,answered_on,municipality,complete,grade,decided_together\n"
                    "A,2020-03-01,,true,6,partly\nB,2020-03-02,GM0882,true,8,yes\n"}});
  const IndicatorResult all = d.compute("satisfaction.grade", "2020-01-01", "2020-03-31");
  EXPECT_NEAR(value(all.total), 7, 1e-9);
  const IndicatorResult m = d.compute("satisfaction.decided_together", "2020-01-01", "2020-03-31",
                                      ScopeText{"GM0882", {}, {}, {}});
  EXPECT_NEAR(value(m.total), 100, 1e-9);  // the yes share
  EXPECT_NEAR(*part(m.total, "partly"), 0, 1e-9);
  EXPECT_FALSE(d.applies("complaints.count", ScopeText{"GM0882", {}, {}, {}}));
  EXPECT_FALSE(d.applies("family_plan.missing", ScopeText{"GM0882", {}, {}, {}}));
}

}  // namespace
}  // namespace rk::engine
