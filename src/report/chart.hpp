// Charts as plain data, one layout step and two backends: inline SVG (HTML report, dashboard)
// and cairo (PDF report). The layout computes drawing primitives once, so both backends draw
// exactly the same marks with the same tooltips. No dependency on HTTP or SQL; numbers are
// formatted with engine::format_dutch.
#pragma once

#include <cairo.h>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/result.hpp"

namespace rk::report {

using engine::NormStatus;

enum class ChartKind : uint8_t { kBar, kStackedBar, kLine, kTile };

struct Color {
  uint8_t r = 0, g = 0, b = 0;
  [[nodiscard]] std::string hex() const;
};

struct Series {
  std::string name;
  // One value per category; nullopt is a gap (no data or suppressed), never drawn as zero.
  std::vector<std::optional<double>> values;
  // Optional text per category shown instead of a missing value, e.g. "<5" or "–".
  std::vector<std::string> gap_labels;
  std::optional<Color> color;  // default: the palette colour of the series' position
};

struct Chart {
  ChartKind kind = ChartKind::kBar;
  std::string title;
  std::string unit;                     // Dutch unit word: "cliënten", "%", "dagen", "€"
  int decimals = 0;                     // decimals in tooltips and tile values
  std::vector<std::string> categories;  // keys, e.g. "2020-03" or "2020-W05" (data-key)
  // What a reader reads per category (axis, tooltips), e.g. "maart 2020"; the key where empty.
  std::vector<std::string> category_labels;
  std::vector<Series> series;
  std::optional<double> norm;  // a horizontal norm/target line (bar, line) or tile target text
  std::string norm_label;      // e.g. "norm ≥ 90 %"
  NormStatus status = NormStatus::kNone;  // tiles only
  std::string note;                       // tiles: a second line, e.g. "vorige periode: 85,0 %"
  // Bar and line charts: the categories first..last (inclusive) lie in the chosen period and are
  // drawn on a shaded band with `highlight_label` above it, the others are history around it.
  std::optional<std::pair<size_t, size_t>> highlight;
  std::string highlight_label;  // e.g. "gekozen periode"
};

// The label of category i: category_labels[i] when given, else the key.
const std::string& category_label(const Chart& chart, size_t i);

// Colour of a status (green/yellow/red) and the text colour readable on it (contrast >= 4.5).
// Colour never carries meaning alone: tiles and cells also show engine::status_nl.
Color status_fill(NormStatus status);
Color status_text(NormStatus status);
// The palette colour of series i.
Color series_color(size_t i);

enum class Anchor : uint8_t { kStart, kMiddle, kEnd };

struct Primitive {
  enum class Type : uint8_t { kRect, kLine, kPolyline, kCircle, kText };
  Type type = Type::kRect;
  double x = 0, y = 0, w = 0, h = 0;  // rect: box; line: (x,y)-(x+w,y+h); circle: centre, w = r
  std::vector<std::pair<double, double>> points;  // polyline
  std::optional<Color> fill;
  std::optional<Color> stroke;
  double stroke_width = 1;
  bool dashed = false;
  std::string text;  // text: content, y is the baseline
  Anchor anchor = Anchor::kStart;
  double font_size = 10;
  bool bold = false;
  std::string tooltip;          // marks: "2020-03: 1.234 cliënten"
  std::string key;              // data-key
  std::string label;            // data-label: the category's name when it differs from the key
  std::optional<double> value;  // data-value
};

struct Layout {
  double width = 0, height = 0;
  std::vector<Primitive> items;
  std::vector<double> ticks;             // axis ticks (value domain)
  double plot_top = 0, plot_bottom = 0;  // y of the highest tick and of the value 0 baseline
};

// Tick values for an axis covering [lo, hi]: about `target` steps of 1, 2, 2.5 or 5 times a
// power of ten, starting at or below lo and ending at or above hi. Requires target >= 1.
std::vector<double> nice_ticks(double lo, double hi, int target);

// "1.234 cliënten", "12,5 %", "€ 1.234,50": the exact Dutch-formatted value with its unit.
std::string format_value(double value, int decimals, const std::string& unit);

// Lays the chart out in a w x h box (points for PDF, pixels for SVG). Never fails: a chart
// without data gives a frame with the text "geen gegevens".
Layout layout(const Chart& chart, double w, double h);

// Inline SVG (role="img", aria-label, <title> per mark, data-key/data-value attributes).
std::string to_svg(const Chart& chart, double w, double h);

// Draws the chart with cairo (text with pango) in the box (x, y, w, h) on cr.
void draw(cairo_t* cr, const Chart& chart, double x, double y, double w, double h);

}  // namespace rk::report
