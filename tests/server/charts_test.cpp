// The dashboard's charts: a disclosed indicator result becomes a report::Chart.
#include "server/charts.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace rk::server {
namespace {

using engine::Figure;
using engine::IndicatorResult;
using engine::Number;
using engine::Unit;

// The names of the tests' codes.
const engine::Vocabulary& vocabulary() {
  static const engine::Vocabulary v = [] {
    engine::Vocabulary names;
    names.add_name("provider", "p1", "Koraal");
    names.add_name("municipality", "GM0917", "Heerlen");
    return names;
  }();
  return v;
}

ChartOptions options(const std::string& kind = "", const std::string& dimension = "") {
  auto o = parse_chart_options(kind, dimension, "", "");
  EXPECT_TRUE(o.is_ok());
  return *o;
}

IndicatorResult indicator(std::string title, Unit unit) {
  IndicatorResult r;
  r.id = "test";
  r.title_nl = std::move(title);
  r.unit = unit;
  return r;
}

Figure count(double v) { return Figure::of(Number::count(v)); }

Figure below_five() {
  Number n = Number::count(3);
  n.below_five = true;
  return Figure::of(n);
}

Figure suppressed() {
  Number n = Number::make(std::nullopt, engine::FigureKind::kRatio, 0);
  n.suppressed = true;
  return Figure::of(n);
}

Figure parts(const std::vector<std::pair<std::string, std::optional<double>>>& values) {
  Figure f;
  for (const auto& [name, v] : values) f.values.emplace_back(name, Number::statistic(v, 20));
  return f;
}

engine::Breakdown breakdown(std::string dimension,
                            std::vector<std::pair<std::string, Figure>> cells) {
  return engine::Breakdown{std::move(dimension), std::move(cells)};
}

void add_series(IndicatorResult& r, const std::string& key, double v) {
  r.series.push_back(engine::SeriesPoint{key, count(v)});
}

TEST(Charts, SeriesBecomesOneSeriesInKeyOrder) {
  IndicatorResult ind = indicator("Nieuwe zorgvragen", Unit::kCount);
  add_series(ind, "2020-01", 113);
  add_series(ind, "2020-02", 0);
  ind.breakdowns.push_back(breakdown("area", {{"a", count(1)}}));
  auto chart = indicator_chart(ind, options(), vocabulary());
  ASSERT_TRUE(chart.is_ok());
  EXPECT_EQ(chart->categories, (std::vector<std::string>{"2020-01", "2020-02"}));
  EXPECT_EQ(chart->category_labels, (std::vector<std::string>{"januari 2020", "februari 2020"}));
  ASSERT_EQ(chart->series.size(), 1U);
  EXPECT_EQ(chart->series[0].values[0], 113);
  EXPECT_EQ(chart->series[0].values[1], 0);  // a real zero stays a zero
  EXPECT_EQ(chart->kind, report::ChartKind::kBar);
  EXPECT_EQ(chart->title, "Nieuwe zorgvragen");
}

TEST(Charts, LongSeriesDefaultsToALine) {
  IndicatorResult ind = indicator("", Unit::kDays);
  for (int w = 1; w <= 20; ++w) add_series(ind, fmt::format("2020-W{:02}", w), w);
  auto chart = indicator_chart(ind, options(), vocabulary());
  ASSERT_TRUE(chart.is_ok());
  EXPECT_EQ(chart->kind, report::ChartKind::kLine);
  EXPECT_EQ(chart->unit, "dagen");
}

TEST(Charts, SmallAndSuppressedCellsAreLabelledGapsNotZeros) {
  IndicatorResult ind = indicator("", Unit::kCount);
  ind.breakdowns.push_back(
      breakdown("provider", {{"p1", count(12)}, {"p2", below_five()}, {"p3", suppressed()}}));
  auto chart = indicator_chart(ind, options("bar", "provider"), vocabulary());
  ASSERT_TRUE(chart.is_ok());
  ASSERT_EQ(chart->series.size(), 1U);
  const auto& s = chart->series[0];
  EXPECT_EQ(s.values[0], 12);
  EXPECT_FALSE(s.values[1].has_value());
  EXPECT_EQ(s.gap_labels[1], "<5");
  EXPECT_FALSE(s.values[2].has_value());
  EXPECT_EQ(s.gap_labels[2], "–");
  EXPECT_EQ(chart->title, "Per aanbieder");
  // The provider's name from the records; a code nobody named, readable.
  EXPECT_EQ(chart->category_labels,
            (std::vector<std::string>{"Koraal", "aanbieder p2", "aanbieder p3"}));
}

TEST(Charts, NamedPartsAndNestedTablesBecomeSeveralSeries) {
  IndicatorResult with_parts = indicator("", Unit::kDays);
  with_parts.breakdowns.push_back(
      breakdown("quadrant", {{"K2", parts({{"median", 100}, {"p90", 300.5}})},
                             {"K3", parts({{"median", 50}, {"p90", std::nullopt}})}}));
  auto chart = indicator_chart(with_parts, options(), vocabulary());
  ASSERT_TRUE(chart.is_ok());
  ASSERT_EQ(chart->series.size(), 2U);
  EXPECT_EQ(chart->series[0].name, "mediaan");
  EXPECT_EQ(chart->series[1].name, "90e percentiel");
  EXPECT_EQ(chart->category_labels[0], "K2 gebiedsteams");
  EXPECT_EQ(chart->series[1].values[0], 300.5);
  EXPECT_FALSE(chart->series[1].values[1].has_value());
  EXPECT_EQ(chart->decimals, 1);

  // {"item/year": {"admin_burden": {"2019": 6.5, "2020": 7}, "team": {"2020": 8}}}
  IndicatorResult nested = indicator("", Unit::kGrade);
  Figure workload;
  workload.nested.push_back(breakdown("year", {{"2019", count(6.5)}, {"2020", count(7)}}));
  Figure team;
  team.nested.push_back(breakdown("year", {{"2020", count(8)}}));
  nested.breakdowns.push_back(breakdown("item/year", {{"admin_burden", workload}, {"team", team}}));
  chart = indicator_chart(nested, options(), vocabulary());
  ASSERT_TRUE(chart.is_ok());
  ASSERT_EQ(chart->series.size(), 2U);
  EXPECT_EQ(chart->series[0].name, "2019");
  EXPECT_EQ(chart->categories, (std::vector<std::string>{"admin_burden", "team"}));
  EXPECT_EQ(chart->category_labels[0], "Mijn werk is zo regelarm mogelijk ingericht");
  EXPECT_EQ(chart->title, "Per onderwerp / jaar");
  EXPECT_EQ(chart->series[0].values[0], 6.5);
  EXPECT_FALSE(chart->series[0].values[1].has_value());  // team has no 2019 score
}

TEST(Charts, NormLineFromTheIndicatorsNorm) {
  IndicatorResult ind = indicator("", Unit::kPercent);
  ind.norm = engine::Norm{engine::Norm::Op::kAtLeast, 75, 5};
  Figure share = Figure::of(Number::make(80.5, engine::FigureKind::kRatio, 200));
  share.numerator = 161;
  share.denominator = 200;
  ind.breakdowns.push_back(breakdown("municipality", {{"GM0917", share}}));
  auto chart = indicator_chart(ind, options(), vocabulary());
  ASSERT_TRUE(chart.is_ok());
  EXPECT_EQ(chart->norm, 75);
  EXPECT_EQ(chart->series[0].values[0], 80.5);
  EXPECT_NE(chart->norm_label.find("75"), std::string::npos);
}

TEST(Charts, ErrorsNameTheProblem) {
  EXPECT_EQ(parse_chart_options("pie", "", "", "").status().kind(), ErrorKind::kInvalidInput);
  EXPECT_EQ(parse_chart_options("", "", "12", "").status().kind(), ErrorKind::kInvalidInput);
  EXPECT_EQ(parse_chart_options("", "", "", "9x").status().kind(), ErrorKind::kInvalidInput);
  EXPECT_TRUE(parse_chart_options("line", "area", "800", "300").is_ok());
  IndicatorResult no_data = indicator("", Unit::kCount);
  no_data.total = count(3);
  EXPECT_EQ(indicator_chart(no_data, options(), vocabulary()).status().kind(),
            ErrorKind::kNotFound);
  IndicatorResult other = indicator("", Unit::kCount);
  other.breakdowns.push_back(breakdown("area", {{"a", count(1)}}));
  EXPECT_EQ(indicator_chart(other, options("", "provider"), vocabulary()).status().kind(),
            ErrorKind::kNotFound);
}

TEST(Charts, SvgMarksCarryKeyAndExactValue) {
  IndicatorResult ind = indicator("T", Unit::kCount);
  add_series(ind, "2020-01", 1234);
  add_series(ind, "2020-02", 7);
  auto chart = indicator_chart(ind, options("bar"), vocabulary());
  ASSERT_TRUE(chart.is_ok());
  const std::string svg = chart_svg(*chart, options());
  EXPECT_NE(svg.find("data-key=\"2020-01\" data-value=\"1234\" data-label=\"januari 2020\""),
            std::string::npos)
      << svg;
  EXPECT_NE(svg.find("1.234"), std::string::npos);                       // the Dutch tooltip
  EXPECT_NE(svg.find("januari 2020: 1.234"), std::string::npos) << svg;  // named, not keyed
}

ChartOptions history(const std::string& highlight, const std::string& previous,
                     const std::string& sort = "") {
  ChartOptions o = options();
  EXPECT_TRUE(parse_history_options(highlight, previous, sort, o).is_ok());
  return o;
}

TEST(Charts, HistoryHighlightsTheChosenPeriodAndAddsTheYearBefore) {
  // Months 2018-01 .. 2020-12 with value = month number since 2018-01.
  IndicatorResult ind = indicator("Cliënten", Unit::kCount);
  for (int m = 0; m < 36; ++m)
    add_series(ind, fmt::format("{}-{:02}", 2018 + m / 12, m % 12 + 1), m);
  auto chart = indicator_chart(ind, history("2020Q3", "year"), vocabulary());
  ASSERT_TRUE(chart.is_ok());
  // 2018 serves only as the year before 2019: the chart shows 2019-01 .. 2020-12.
  ASSERT_EQ(chart->categories.size(), 24U);
  EXPECT_EQ(chart->categories.front(), "2019-01");
  ASSERT_EQ(chart->series.size(), 2U);
  EXPECT_EQ(chart->series[0].values[0], 12);  // 2019-01
  EXPECT_EQ(chart->series[1].name, "een jaar eerder");
  EXPECT_EQ(chart->series[1].values[0], 0);    // 2018-01
  EXPECT_EQ(chart->series[1].values[23], 23);  // 2019-12 beside 2020-12
  ASSERT_TRUE(chart->highlight.has_value());
  EXPECT_EQ(chart->categories[chart->highlight->first], "2020-07");
  EXPECT_EQ(chart->categories[chart->highlight->second], "2020-09");
  // The band is drawn behind the marks, labelled.
  const std::string svg = chart_svg(*chart, options());
  EXPECT_NE(svg.find("gekozen periode"), std::string::npos);
  EXPECT_LT(svg.find("#e6eff8"), svg.find("data-key=\"2019-01\""));
}

TEST(Charts, ComparisonSortsBreakdownLargestFirstWithGapsLast) {
  IndicatorResult ind = indicator("", Unit::kPercent);
  ind.breakdowns.push_back(breakdown(
      "municipality", {{"GM0882", count(40)}, {"GM0917", below_five()}, {"GM0986", count(70)}}));
  auto chart = indicator_chart(ind, history("", "", "desc"), vocabulary());
  ASSERT_TRUE(chart.is_ok());
  EXPECT_EQ(chart->categories, (std::vector<std::string>{"GM0986", "GM0882", "GM0917"}));
  EXPECT_EQ(chart->series[0].gap_labels[2], "<5");
  // The names travel with their categories when the chart is sorted.
  ASSERT_EQ(chart->category_labels.size(), 3U);
  EXPECT_EQ(chart->category_labels[2], "Heerlen");
  ChartOptions bad;
  EXPECT_FALSE(parse_history_options("2020Q5", "", "", bad).is_ok());
  EXPECT_FALSE(parse_history_options("", "month", "", bad).is_ok());
  EXPECT_FALSE(parse_history_options("", "", "asc", bad).is_ok());
  EXPECT_NE(chart_options_key(history("2020", "year")), chart_options_key(history("2020", "")));
}

}  // namespace
}  // namespace rk::server
