// The dashboard's charts: an indicator object of the JSON document becomes a report::Chart.
#include "server/charts.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace rk::server {
namespace {

using nlohmann::json;

ChartOptions options(std::string kind = "", std::string dimension = "") {
  auto o = parse_chart_options(kind, dimension, "", "");
  EXPECT_TRUE(o.is_ok());
  return *o;
}

TEST(Charts, SeriesBecomesOneSeriesInKeyOrder) {
  const json ind = json::parse(R"({"title": "Nieuwe zorgvragen", "unit": "count",
    "series": [{"key": "2020-01", "value": 113}, {"key": "2020-02", "value": 0}],
    "breakdown": {"area": {"a": 1}}})");
  auto chart = indicator_chart(ind, options());
  ASSERT_TRUE(chart.is_ok());
  EXPECT_EQ(chart->categories, (std::vector<std::string>{"2020-01", "2020-02"}));
  ASSERT_EQ(chart->series.size(), 1U);
  EXPECT_EQ(chart->series[0].values[0], 113);
  EXPECT_EQ(chart->series[0].values[1], 0);  // a real zero stays a zero
  EXPECT_EQ(chart->kind, report::ChartKind::kBar);
  EXPECT_EQ(chart->title, "Nieuwe zorgvragen");
}

TEST(Charts, LongSeriesDefaultsToALine) {
  json ind = {{"unit", "days"}, {"series", json::array()}};
  for (int w = 1; w <= 20; ++w)
    ind["series"].push_back({{"key", fmt::format("2020-W{:02}", w)}, {"value", w}});
  auto chart = indicator_chart(ind, options());
  ASSERT_TRUE(chart.is_ok());
  EXPECT_EQ(chart->kind, report::ChartKind::kLine);
  EXPECT_EQ(chart->unit, "dagen");
}

TEST(Charts, SmallAndSuppressedCellsAreLabelledGapsNotZeros) {
  const json ind = json::parse(R"({"unit": "count", "breakdown": {"provider":
    {"p1": 12, "p2": "<5", "p3": {"value": null, "suppressed": true}}}})");
  auto chart = indicator_chart(ind, options("bar", "provider"));
  ASSERT_TRUE(chart.is_ok());
  ASSERT_EQ(chart->series.size(), 1U);
  const auto& s = chart->series[0];
  EXPECT_EQ(s.values[0], 12);
  EXPECT_FALSE(s.values[1].has_value());
  EXPECT_EQ(s.gap_labels[1], "<5");
  EXPECT_FALSE(s.values[2].has_value());
  EXPECT_EQ(s.gap_labels[2], "–");
  EXPECT_EQ(chart->title, "Per aanbieder");
}

TEST(Charts, NamedPartsAndNestedTablesBecomeSeveralSeries) {
  const json parts = json::parse(R"({"unit": "days", "breakdown": {"quadrant":
    {"K2": {"values": {"median": 100, "p90": 300.5}}, "K3": {"values": {"median": 50, "p90": null}}}}})");
  auto chart = indicator_chart(parts, options());
  ASSERT_TRUE(chart.is_ok());
  ASSERT_EQ(chart->series.size(), 2U);
  EXPECT_EQ(chart->series[0].name, "mediaan");
  EXPECT_EQ(chart->series[1].values[0], 300.5);
  EXPECT_FALSE(chart->series[1].values[1].has_value());
  EXPECT_EQ(chart->decimals, 1);

  const json nested = json::parse(R"({"unit": "grade", "breakdown": {"item/year":
    {"workload": {"2019": 6.5, "2020": 7}, "team": {"2020": 8}}}})");
  chart = indicator_chart(nested, options());
  ASSERT_TRUE(chart.is_ok());
  ASSERT_EQ(chart->series.size(), 2U);
  EXPECT_EQ(chart->series[0].name, "2019");
  EXPECT_EQ(chart->categories, (std::vector<std::string>{"team", "workload"}));
  EXPECT_FALSE(chart->series[0].values[0].has_value());  // team has no 2019 score
  EXPECT_EQ(chart->series[0].values[1], 6.5);
}

TEST(Charts, NormLineFromTheIndicatorsNorm) {
  const json ind =
      json::parse(R"({"unit": "percent", "norm": {"op": ">=", "target": 75, "tolerance": 5},
    "breakdown": {"municipality": {"GM0917": {"value": 80.5, "numerator": 161, "denominator": 200}}}})");
  auto chart = indicator_chart(ind, options());
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
  const json no_data = {{"unit", "count"}, {"value", 3}};
  EXPECT_EQ(indicator_chart(no_data, options()).status().kind(), ErrorKind::kNotFound);
  const json other = json::parse(R"({"breakdown": {"area": {"a": 1}}})");
  EXPECT_EQ(indicator_chart(other, options("", "provider")).status().kind(), ErrorKind::kNotFound);
  EXPECT_EQ(indicator_chart(json::array(), options()).status().kind(), ErrorKind::kInvalidInput);
}

TEST(Charts, SvgMarksCarryKeyAndExactValue) {
  const json ind = json::parse(R"({"title": "T", "unit": "count",
    "series": [{"key": "2020-01", "value": 1234}, {"key": "2020-02", "value": 7}]})");
  auto chart = indicator_chart(ind, options("bar"));
  ASSERT_TRUE(chart.is_ok());
  const std::string svg = chart_svg(*chart, options());
  EXPECT_NE(svg.find("data-key=\"2020-01\" data-value=\"1234\""), std::string::npos) << svg;
  EXPECT_NE(svg.find("1.234"), std::string::npos);  // the Dutch tooltip
}

}  // namespace
}  // namespace rk::server
