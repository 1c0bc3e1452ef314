// Charts of the dashboard: one disclosed indicator result (the one /api/indicators/{id} writes
// as JSON) drawn with the report's chart module, so the dashboard and the report show the same
// pictures. The chart reads what the JSON document shows of the result: "<5", suppressed cells
// and texts as gaps, breakdown cells in key order.
#pragma once

#include <string>
#include <string_view>

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
};

// Reads the query parameters `kind`, `dimension`, `width` and `height` (each may be empty).
// Fails, with a message naming the parameter, on an unknown kind or a size outside 160..2000.
[[nodiscard]] Result<ChartOptions> parse_chart_options(std::string_view kind,
                                                       std::string_view dimension,
                                                       std::string_view width,
                                                       std::string_view height);

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
