// Unit tests for the chart layout: bar heights proportional to values, nice axis ticks, gaps for
// missing values (never a zero bar), stacked bars, tooltips with Dutch numbers, and the SVG.
#include <gtest/gtest.h>

#include <cairo-pdf.h>

#include <algorithm>

#include "report/chart.hpp"

namespace rk::report {
namespace {

std::vector<const Primitive*> marks(const Layout& l, Primitive::Type type) {
  std::vector<const Primitive*> out;
  for (const auto& p : l.items)
    if (p.type == type && p.value && p.key != "norm") out.push_back(&p);
  return out;
}

Chart bars(std::vector<std::optional<double>> values) {
  Chart c;
  c.kind = ChartKind::kBar;
  c.title = "Cliënten per maand";
  c.unit = "cliënten";
  for (size_t i = 0; i < values.size(); ++i)
    c.categories.push_back("2020-0" + std::to_string(i + 1));
  c.series.push_back({"cliënten", std::move(values), {}, std::nullopt});
  return c;
}

TEST(NiceTicks, StepsAreOneTwoOrFiveTimesAPowerOfTen) {
  EXPECT_EQ(nice_ticks(0, 1234, 5), (std::vector<double>{0, 250, 500, 750, 1000, 1250}));
  EXPECT_EQ(nice_ticks(0, 100, 4), (std::vector<double>{0, 25, 50, 75, 100}));
  EXPECT_EQ(nice_ticks(0, 7, 4), (std::vector<double>{0, 2, 4, 6, 8}));
  EXPECT_EQ(nice_ticks(-30, 45, 3), (std::vector<double>{-50, -25, 0, 25, 50}));
  const auto small = nice_ticks(0, 0.3, 3);
  ASSERT_EQ(small.size(), 4U);
  EXPECT_DOUBLE_EQ(small[3], 0.3);
}

TEST(NiceTicks, DegenerateRangeStillGivesTwoTicks) {
  EXPECT_EQ(nice_ticks(5, 5, 4).size(), 2U);
  EXPECT_GE(nice_ticks(0, 1e-12, 4).size(), 2U);
}

TEST(FormatValue, DutchNumbersWithUnit) {
  EXPECT_EQ(format_value(1234, 0, "cliënten"), "1.234 cliënten");
  EXPECT_EQ(format_value(12.345, 1, "%"), "12,3 %");
  EXPECT_EQ(format_value(1234.5, 2, "€"), "€ 1.234,50");
  EXPECT_EQ(format_value(-7, 0, ""), "-7");
}

TEST(ChartLayout, BarHeightsAreProportionalToValues) {
  const Layout l = layout(bars({100, 200, 50}), 400, 200);
  const auto rects = marks(l, Primitive::Type::kRect);
  ASSERT_EQ(rects.size(), 3U);
  EXPECT_NEAR(rects[1]->h, 2 * rects[0]->h, 1e-9);
  EXPECT_NEAR(rects[2]->h, rects[0]->h / 2, 1e-9);
  // All bars stand on the same baseline, the y of tick 0.
  for (const auto* r : rects) EXPECT_NEAR(r->y + r->h, l.plot_bottom, 1e-9);
  EXPECT_EQ(l.ticks.front(), 0);
  EXPECT_GE(l.ticks.back(), 200);
}

TEST(ChartLayout, MissingValuesAreGapsNotZeroBars) {
  Chart c = bars({100, std::nullopt, 0, std::nullopt});
  c.series[0].gap_labels = {"", "<5", "", ""};
  const Layout l = layout(c, 400, 200);
  const auto rects = marks(l, Primitive::Type::kRect);
  ASSERT_EQ(rects.size(), 2U);  // 100 and a real zero; no rect for either gap
  EXPECT_EQ(rects[0]->key, "2020-01");
  EXPECT_EQ(rects[1]->key, "2020-03");
  EXPECT_EQ(rects[1]->h, 0);
  // The suppressed cell shows its label with an explaining tooltip.
  const auto it = std::find_if(l.items.begin(), l.items.end(),
                               [](const Primitive& p) { return p.text == "<5"; });
  ASSERT_NE(it, l.items.end());
  EXPECT_EQ(it->tooltip, "2020-02: <5 (afgeschermd)");
  EXPECT_EQ(it->key, "2020-02");
}

TEST(ChartLayout, LineBreaksAtGaps) {
  Chart c = bars({1, 2, std::nullopt, 4, 5, 6});
  c.kind = ChartKind::kLine;
  const Layout l = layout(c, 400, 200);
  std::vector<size_t> segments;
  for (const auto& p : l.items)
    if (p.type == Primitive::Type::kPolyline) segments.push_back(p.points.size());
  EXPECT_EQ(segments, (std::vector<size_t>{2, 3}));
  EXPECT_EQ(marks(l, Primitive::Type::kCircle).size(), 5U);
}

TEST(ChartLayout, StackedBarsStackAndTooltipsNameTheSeries) {
  Chart c = bars({10, 20});
  c.kind = ChartKind::kStackedBar;
  c.series.push_back({"met verblijf", {30, std::nullopt}, {}, std::nullopt});
  c.series[0].name = "zonder verblijf";
  const Layout l = layout(c, 400, 200);
  const auto rects = marks(l, Primitive::Type::kRect);
  ASSERT_EQ(rects.size(), 3U);
  // Category 1: 10 below, 30 on top; the top segment starts where the bottom one ends.
  const auto* bottom = rects[0];
  const auto* top = rects[1];
  EXPECT_EQ(top->key, "2020-01");
  EXPECT_NEAR(top->y + top->h, bottom->y, 1e-9);
  EXPECT_NEAR(top->h, 3 * bottom->h, 1e-9);
  EXPECT_EQ(top->tooltip, "2020-01: met verblijf 30 cliënten");
  EXPECT_GE(l.ticks.back(), 40);  // the domain is the stacked sum
}

TEST(ChartLayout, SeriesColourOverridesThePalette) {
  Chart c = bars({1, 2});
  c.series[0].color = Color{1, 2, 3};
  const Layout l = layout(c, 300, 150);
  for (const auto* r : marks(l, Primitive::Type::kRect)) EXPECT_EQ(r->fill->hex(), "#010203");
}

TEST(ChartLayout, NormLineAndTooltip) {
  Chart c = bars({80, 95});
  c.unit = "%";
  c.decimals = 1;
  c.norm = 90;
  c.norm_label = "norm ≥ 90 %";
  const Layout l = layout(c, 400, 200);
  const auto it = std::find_if(l.items.begin(), l.items.end(),
                               [](const Primitive& p) { return p.key == "norm"; });
  ASSERT_NE(it, l.items.end());
  EXPECT_TRUE(it->dashed);
  EXPECT_EQ(marks(l, Primitive::Type::kRect)[0]->tooltip, "2020-01: 80,0 %");
}

TEST(ChartLayout, EmptyChartSaysSo) {
  const Layout l = layout(bars({std::nullopt, std::nullopt}), 300, 150);
  EXPECT_TRUE(marks(l, Primitive::Type::kRect).empty());
  EXPECT_TRUE(std::any_of(l.items.begin(), l.items.end(),
                          [](const Primitive& p) { return p.text == "geen gegevens"; }));
}

TEST(ChartLayout, TileCarriesStatusInWordsAndColour) {
  Chart c;
  c.kind = ChartKind::kTile;
  c.title = "Binnen termijn";
  c.unit = "%";
  c.decimals = 1;
  c.status = NormStatus::kRed;
  c.series.push_back({"", {72.26}, {}, std::nullopt});
  const Layout l = layout(c, 160, 90);
  ASSERT_FALSE(l.items.empty());
  EXPECT_EQ(l.items[0].fill->hex(), status_fill(NormStatus::kRed).hex());
  EXPECT_EQ(l.items[0].tooltip, "Binnen termijn: 72,3 % (onder norm)");
  EXPECT_TRUE(std::any_of(l.items.begin(), l.items.end(),
                          [](const Primitive& p) { return p.text == "onder norm"; }));
}

TEST(ChartLayout, LongTileTitlesWrapAndEnd) {
  Chart c;
  c.kind = ChartKind::kTile;
  c.title = "Een heel lange titel met woorden zoals Kinderbeschermingsmaatregelenoverzicht en meer";
  c.series.push_back({"", {std::nullopt}, {"<5"}, std::nullopt});
  const Layout l = layout(c, 120, 90);
  int title_lines = 0;
  for (const auto& p : l.items)
    if (p.type == Primitive::Type::kText && p.bold && p.text != "<5") ++title_lines;
  EXPECT_EQ(title_lines, 2);
  EXPECT_EQ(l.items[0].tooltip, c.title + ": <5");
}

TEST(ChartSvg, AccessibleMarksWithExactValues) {
  Chart c = bars({1234, std::nullopt});
  c.title = "A & B";
  const std::string svg = to_svg(c, 400, 200);
  EXPECT_NE(svg.find("role=\"img\""), std::string::npos);
  EXPECT_NE(svg.find("aria-label=\"A &amp; B\""), std::string::npos);
  EXPECT_NE(svg.find("data-key=\"2020-01\" data-value=\"1234\"><title>2020-01: 1.234 cliënten"
                     "</title></rect>"),
            std::string::npos);
  EXPECT_EQ(svg.find("data-key=\"2020-02\" data-value"), std::string::npos);
}

TEST(ChartCairo, DrawsOnAPdfSurface) {
  cairo_surface_t* surface = cairo_pdf_surface_create(nullptr, 400, 300);
  cairo_t* cr = cairo_create(surface);
  Chart c = bars({3, std::nullopt, 5});
  c.kind = ChartKind::kLine;
  draw(cr, c, 10, 10, 380, 280);
  EXPECT_EQ(cairo_status(cr), CAIRO_STATUS_SUCCESS);
  cairo_destroy(cr);
  cairo_surface_destroy(surface);
}

}  // namespace
}  // namespace rk::report
