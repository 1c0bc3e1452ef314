// Charts of the dashboard: one disclosed indicator result (the one /api/indicators/{id} writes
// as JSON) drawn with the report's chart module, so the dashboard and the report show the same
// pictures. The chart reads what the JSON document shows of the result: "<5", suppressed cells
// and texts as gaps, breakdown cells in key order.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "calendar/period.hpp"
#include "engine/labels.hpp"
#include "engine/result.hpp"
#include "model/status.hpp"
#include "report/chart.hpp"

namespace rk::server {

struct ChartOptions {
  std::string kind;       // "line", "bar" or "stacked"; empty: line for long series, else bar
  std::string dimension;  // breakdown to draw when the indicator has no series; empty: the first
  double width = 640;     // SVG size in pixels; the page scales it to its box
  double height = 260;
  // History around the chosen period (a series only): the categories overlapping `highlight`
  // are shaded; with `previous_year` a second series "een jaar eerder" holds each category's
  // value of one year before (same month, quarter or week), and the leading categories that only
  // serve as that year before are left out. `sorted`: breakdown categories by value, largest
  // first (a comparison of municipalities).
  std::optional<Period> highlight;
  bool previous_year = false;
  bool sorted = false;
};

// The query parameters of a chart, as the route allows them.
inline constexpr std::array<const char*, 7> kChartParameters = {
    "kind", "dimension", "width", "height", "highlight", "previous", "sort"};

// Reads the query parameters `kind`, `dimension`, `width` and `height` (each may be empty).
// Fails, with a message naming the parameter, on an unknown kind or a size outside 160..2000.
[[nodiscard]] Result<ChartOptions> parse_chart_options(std::string_view kind,
                                                       std::string_view dimension,
                                                       std::string_view width,
                                                       std::string_view height);

// Reads `highlight` (a period: `2020`, `2020Q3`, `FROM..TO` …), `previous` ("year" or empty)
// and `sort` ("desc" or empty) into `options`. Fails, naming the parameter, on another value.
[[nodiscard]] Status parse_history_options(std::string_view highlight, std::string_view previous,
                                           std::string_view sort, ChartOptions& options);

// The options as text for the answer cache's key: equal texts draw equal charts.
std::string chart_options_key(const ChartOptions& options);

// The chart of one indicator result (after disclosure): its series, else the cells of one
// breakdown dimension (the first by name unless `options.dimension`). "<5" and suppressed cells
// are gaps with their label, never zeros; named parts (`values`, e.g. median and p90) become one
// series each, and so do the cells of a nested dimension. Fails (kNotFound) when the indicator
// has neither a series nor the breakdown asked for, or no cells.
// Categories, series and title are named in the words of `vocabulary` (a category keeps its
// key as data-key).
[[nodiscard]] Result<report::Chart> indicator_chart(const engine::IndicatorResult& indicator,
                                                    const ChartOptions& options,
                                                    const engine::Vocabulary& vocabulary);

// The chart as inline SVG of the options' size.
std::string chart_svg(const report::Chart& chart, const ChartOptions& options);

// The chart as a PNG image of the options' size in pixels (white background), drawn by the
// report's cairo backend from the same layout as the SVG. Fails (kInternal) when cairo fails.
[[nodiscard]] Result<std::string> chart_png(const report::Chart& chart,
                                            const ChartOptions& options);

}  // namespace rk::server
