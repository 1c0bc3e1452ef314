#include "report/chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "engine/render.hpp"

namespace rk::report {
namespace {

constexpr double kTitleSize = 11;
constexpr double kLabelSize = 8.5;
constexpr Color kAxis{0x55, 0x55, 0x55};
constexpr Color kGrid{0xdd, 0xdd, 0xdd};
constexpr Color kInk{0x22, 0x22, 0x22};
constexpr Color kNorm{0xb0, 0x1e, 0x1e};
constexpr Color kHighlight{0xe6, 0xef, 0xf8};

// Width of text in the layout's units; an estimate good enough for placing labels (the
// backends measure nothing, so SVG and PDF place text identically).
double text_width(const std::string& s, double size) {
  size_t glyphs = 0;
  for (const unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++glyphs;  // count UTF-8 lead bytes only
  return static_cast<double>(glyphs) * size * 0.56;
}

Primitive text(double x, double y, std::string s, Anchor anchor, double size, Color color,
               bool bold = false) {
  Primitive p;
  p.type = Primitive::Type::kText;
  p.x = x;
  p.y = y;
  p.text = std::move(s);
  p.anchor = anchor;
  p.font_size = size;
  p.fill = color;
  p.bold = bold;
  return p;
}

Primitive line(double x1, double y1, double x2, double y2, Color color, double width) {
  Primitive p;
  p.type = Primitive::Type::kLine;
  p.x = x1;
  p.y = y1;
  p.w = x2 - x1;
  p.h = y2 - y1;
  p.stroke = color;
  p.stroke_width = width;
  return p;
}

std::string tick_label(double v, const std::string& unit) {
  const double a = std::fabs(v);
  const int decimals = (a == std::trunc(a)) ? 0 : (a * 10 == std::trunc(a * 10) ? 1 : 2);
  std::string s = engine::format_dutch(v, decimals);
  if (unit == "%") s += " %";
  if (unit == "€") s = "€ " + s;
  return s;
}

Color color_of(const Chart& c, size_t i) { return c.series[i].color.value_or(series_color(i)); }

// Splits `s` into at most `max_lines` lines of about `width` (estimated); the last line ends in
// "…" when the text is longer.
std::vector<std::string> wrap(const std::string& s, double size, double width, size_t max_lines) {
  std::vector<std::string> lines{""};
  size_t start = 0;
  while (start < s.size()) {
    size_t end = s.find(' ', start);
    if (end == std::string::npos) end = s.size();
    const std::string word = s.substr(start, end - start);
    const std::string candidate = lines.back().empty() ? word : lines.back() + " " + word;
    if (lines.back().empty() || text_width(candidate, size) <= width) {
      lines.back() = candidate;
    } else if (lines.size() == max_lines) {
      lines.back() += " …";
      break;
    } else {
      lines.push_back(word);
    }
    start = end + 1;
  }
  // A single word longer than the width is cut.
  const std::string ellipsis = "…";
  for (auto& l : lines) {
    if (text_width(l, size) <= width) continue;
    std::string base = l.ends_with(ellipsis) ? l.substr(0, l.size() - ellipsis.size()) : l;
    while (!base.empty() && text_width(base + ellipsis, size) > width) {
      size_t cut = base.size() - 1;
      while (cut > 0 && (static_cast<unsigned char>(base[cut]) & 0xC0) == 0x80) --cut;
      base.resize(cut);
    }
    l = base + ellipsis;
  }
  return lines;
}

bool has_value(const Chart& c) {
  for (const auto& s : c.series)
    for (const auto& v : s.values)
      if (v) return true;
  return false;
}

std::string gap_label(const Series& s, size_t i) {
  return i < s.gap_labels.size() ? s.gap_labels[i] : std::string();
}

// The value domain: [min(0, lowest), max(highest, norm)], stacked bars summed per category.
std::pair<double, double> domain(const Chart& c) {
  double lo = 0;
  double hi = 0;
  const size_t n = c.categories.size();
  if (c.kind == ChartKind::kStackedBar) {
    for (size_t i = 0; i < n; ++i) {
      double pos = 0;
      double neg = 0;
      for (const auto& s : c.series)
        if (i < s.values.size() && s.values[i]) (*s.values[i] >= 0 ? pos : neg) += *s.values[i];
      hi = std::max(hi, pos);
      lo = std::min(lo, neg);
    }
  } else {
    for (const auto& s : c.series)
      for (const auto& v : s.values)
        if (v) {
          hi = std::max(hi, *v);
          lo = std::min(lo, *v);
        }
  }
  if (c.norm) {
    hi = std::max(hi, *c.norm);
    lo = std::min(lo, *c.norm);
  }
  if (hi == lo) hi = lo + 1;
  return {lo, hi};
}

void layout_tile(const Chart& c, Layout& out) {
  Primitive box;
  box.type = Primitive::Type::kRect;
  box.w = out.width;
  box.h = out.height;
  const Color fill =
      c.status == NormStatus::kNone ? Color{0xf2, 0xf2, 0xf2} : status_fill(c.status);
  const Color ink = c.status == NormStatus::kNone ? kInk : status_text(c.status);
  box.fill = fill;
  std::optional<double> v;
  std::string shown = "n.b.";
  if (!c.series.empty() && !c.series[0].values.empty()) {
    v = c.series[0].values[0];
    if (v)
      shown = format_value(*v, c.decimals, c.unit);
    else if (!gap_label(c.series[0], 0).empty())
      shown = gap_label(c.series[0], 0);
  }
  box.key = c.title;
  box.value = v;
  box.tooltip = c.title + ": " + shown;
  if (c.status != NormStatus::kNone)
    box.tooltip += " (" + std::string(engine::status_nl(c.status)) + ")";
  out.items.push_back(box);
  const double pad = 8;
  double size = std::min(9.0, out.height / 8);
  const auto lines = wrap(c.title, size * 1.1, out.width - 2 * pad, 2);  // bold is wider
  for (size_t i = 0; i < lines.size(); ++i)
    out.items.push_back(text(pad, pad + size * (1 + 1.2 * static_cast<double>(i)), lines[i],
                             Anchor::kStart, size, ink, true));
  const double title_bottom = pad + size * (0.3 + 1.2 * static_cast<double>(lines.size()));
  // Footer lines (norm and status, previous period) from the bottom up; the value sits above.
  std::string foot = c.norm_label;
  if (c.status != NormStatus::kNone)
    foot += (foot.empty() ? "" : " · ") + std::string(engine::status_nl(c.status));
  const double small = std::min(8.0, out.height / 10);
  double baseline = out.height - pad;
  for (const std::string* line : {&c.note, static_cast<const std::string*>(&foot)}) {
    if (line->empty()) continue;
    out.items.push_back(text(pad, baseline, *line, Anchor::kStart, small, ink));
    baseline -= small * 1.3;
  }
  const double value_baseline = baseline + small * 1.3 - small - 5;
  const double glyphs = static_cast<double>(std::max<size_t>(shown.size(), 4));
  const double big =
      std::max(8.0, std::min({out.height / 3.5, (out.width - 2 * pad) / (0.62 * glyphs),
                              (value_baseline - title_bottom) * 0.95}));
  out.items.push_back(text(pad, value_baseline, shown, Anchor::kStart, big, ink, true));
}

struct Frame {
  double left, right, top, bottom;  // plot area
  double lo, hi;                    // value domain (first and last tick)
  [[nodiscard]] double y_of(double v) const {
    return bottom - (v - lo) / (hi - lo) * (bottom - top);
  }
};

// Title, legend, value axis with grid lines and category labels; returns the plot frame.
Frame layout_axes(const Chart& c, Layout& out) {
  out.items.push_back(text(0, kTitleSize, c.title, Anchor::kStart, kTitleSize, kInk, true));
  double top = kTitleSize + 8;
  if (c.series.size() > 1) {  // legend row under the title
    double x = 0;
    for (size_t i = 0; i < c.series.size(); ++i) {
      Primitive sw;
      sw.type = Primitive::Type::kRect;
      sw.x = x;
      sw.y = top;
      sw.w = 8;
      sw.h = 8;
      sw.fill = color_of(c, i);
      out.items.push_back(sw);
      out.items.push_back(
          text(x + 11, top + 7.5, c.series[i].name, Anchor::kStart, kLabelSize, kInk));
      x += 11 + text_width(c.series[i].name, kLabelSize) + 12;
    }
    top += 14;
  }
  const auto [lo, hi] = domain(c);
  out.ticks = nice_ticks(lo, hi, std::max(2, static_cast<int>((out.height - top) / 40)));
  double label_w = 0;
  for (const double t : out.ticks)
    label_w = std::max(label_w, text_width(tick_label(t, c.unit), kLabelSize));
  Frame f{label_w + 6,       out.width - 4,   top + 4, out.height - kLabelSize - 8,
          out.ticks.front(), out.ticks.back()};
  if (c.norm && !c.norm_label.empty()) f.right -= text_width(c.norm_label, kLabelSize) + 4;
  for (const double t : out.ticks) {
    const double y = f.y_of(t);
    out.items.push_back(line(f.left, y, f.right, y, t == 0 ? kAxis : kGrid, t == 0 ? 1 : 0.5));
    out.items.push_back(text(f.left - 4, y + kLabelSize / 3, tick_label(t, c.unit), Anchor::kEnd,
                             kLabelSize, kAxis));
  }
  // Category labels: as many as fit without overlap, evenly spaced, always the first.
  const size_t n = c.categories.size();
  double widest = 0;
  for (size_t i = 0; i < n; ++i)
    widest = std::max(widest, text_width(category_label(c, i), kLabelSize));
  const double slot = (f.right - f.left) / static_cast<double>(n);
  const size_t every = std::max<size_t>(1, static_cast<size_t>(std::ceil((widest + 6) / slot)));
  for (size_t i = 0; i < n; i += every)
    out.items.push_back(text(f.left + slot * (static_cast<double>(i) + 0.5), out.height - 2,
                             category_label(c, i), Anchor::kMiddle, kLabelSize, kAxis));
  out.plot_top = f.y_of(f.hi);
  out.plot_bottom = f.y_of(std::clamp(0.0, f.lo, f.hi));
  return f;
}

Primitive mark_rect(double x, double y0, double y1, double w, Color color) {
  Primitive p;
  p.type = Primitive::Type::kRect;
  p.x = x;
  p.y = std::min(y0, y1);
  p.w = w;
  p.h = std::fabs(y1 - y0);
  p.fill = color;
  return p;
}

std::string tooltip_for(const Chart& c, size_t si, size_t i, const std::optional<double>& v) {
  std::string s = category_label(c, i) + ": ";
  if (c.series.size() > 1) s += c.series[si].name + " ";
  if (v) return s + format_value(*v, c.decimals, c.unit);
  const std::string g = gap_label(c.series[si], i);
  return s + (g.empty() ? "geen gegevens" : g + " (afgeschermd)");
}

// A gap: no bar, but a small label at the baseline when the series names one ("<5", "–").
void add_gap(const Chart& c, const Frame& f, size_t si, size_t i, double cx, Layout& out) {
  const std::string g = gap_label(c.series[si], i);
  if (g.empty()) return;
  Primitive p =
      text(cx, f.y_of(std::clamp(0.0, f.lo, f.hi)) - 2, g, Anchor::kMiddle, kLabelSize - 1, kAxis);
  p.tooltip = tooltip_for(c, si, i, std::nullopt);
  p.key = c.categories[i];
  p.label = category_label(c, i);
  out.items.push_back(std::move(p));
}

void layout_bars(const Chart& c, const Frame& f, Layout& out) {
  const size_t n = c.categories.size();
  const double slot = (f.right - f.left) / static_cast<double>(n);
  const double group = slot * 0.78;
  const bool stacked = c.kind == ChartKind::kStackedBar;
  const size_t ns = std::max<size_t>(1, c.series.size());
  const double bar = stacked ? group : group / static_cast<double>(ns);
  const double zero = f.y_of(std::clamp(0.0, f.lo, f.hi));
  for (size_t i = 0; i < n; ++i) {
    const double x0 = f.left + slot * static_cast<double>(i) + (slot - group) / 2;
    double pos = 0;
    double neg = 0;
    for (size_t si = 0; si < c.series.size(); ++si) {
      const auto& vals = c.series[si].values;
      const std::optional<double> v = i < vals.size() ? vals[i] : std::nullopt;
      const double x = stacked ? x0 : x0 + bar * static_cast<double>(si);
      if (!v) {
        add_gap(c, f, si, i, x + bar / 2, out);
        continue;
      }
      double base = 0;
      if (stacked) {
        double& acc = *v >= 0 ? pos : neg;
        base = acc;
        acc += *v;
      }
      Primitive p =
          mark_rect(x, stacked ? f.y_of(base) : zero, f.y_of(base + *v), bar, color_of(c, si));
      p.tooltip = tooltip_for(c, si, i, v);
      p.key = c.categories[i];
      p.label = category_label(c, i);
      p.value = v;
      out.items.push_back(std::move(p));
    }
  }
}

void layout_lines(const Chart& c, const Frame& f, Layout& out) {
  const size_t n = c.categories.size();
  const double slot = (f.right - f.left) / static_cast<double>(n);
  for (size_t si = 0; si < c.series.size(); ++si) {
    const auto& vals = c.series[si].values;
    Primitive poly;
    poly.type = Primitive::Type::kPolyline;
    poly.stroke = color_of(c, si);
    poly.stroke_width = 1.8;
    std::vector<Primitive> dots;
    auto flush = [&] {  // a gap ends the current segment
      if (poly.points.size() > 1) out.items.push_back(poly);
      poly.points.clear();
    };
    for (size_t i = 0; i < n; ++i) {
      const double x = f.left + slot * (static_cast<double>(i) + 0.5);
      const std::optional<double> v = i < vals.size() ? vals[i] : std::nullopt;
      if (!v) {
        flush();
        add_gap(c, f, si, i, x, out);
        continue;
      }
      poly.points.emplace_back(x, f.y_of(*v));
      Primitive d;
      d.type = Primitive::Type::kCircle;
      d.x = x;
      d.y = f.y_of(*v);
      d.w = n > 40 ? 1.6 : 2.4;
      d.fill = color_of(c, si);
      d.tooltip = tooltip_for(c, si, i, v);
      d.key = c.categories[i];
      d.label = category_label(c, i);
      d.value = v;
      dots.push_back(std::move(d));
    }
    flush();
    for (auto& d : dots) out.items.push_back(std::move(d));
  }
}

// The chosen period's categories on a light band behind the grid and the marks, labelled at its
// top; inserted at item `at`, before the axes were drawn.
void layout_highlight(const Chart& c, const Frame& f, size_t at, Layout& out) {
  if (!c.highlight || c.highlight->first > c.highlight->second ||
      c.highlight->second >= c.categories.size())
    return;
  const double slot = (f.right - f.left) / static_cast<double>(c.categories.size());
  Primitive band;
  band.type = Primitive::Type::kRect;
  band.x = f.left + slot * static_cast<double>(c.highlight->first);
  band.w = slot * static_cast<double>(c.highlight->second - c.highlight->first + 1);
  band.y = f.y_of(f.hi);
  band.h = f.y_of(f.lo) - band.y;
  band.fill = kHighlight;
  out.items.insert(out.items.begin() + static_cast<std::ptrdiff_t>(at), band);
  if (!c.highlight_label.empty())
    out.items.push_back(text(band.x + band.w - 2, band.y + kLabelSize, c.highlight_label,
                             Anchor::kEnd, kLabelSize - 0.5, kAxis));
}

void layout_norm(const Chart& c, const Frame& f, Layout& out) {
  if (!c.norm) return;
  const double y = f.y_of(*c.norm);
  Primitive p = line(f.left, y, f.right, y, kNorm, 1.2);
  p.dashed = true;
  p.tooltip =
      c.norm_label.empty() ? "norm: " + format_value(*c.norm, c.decimals, c.unit) : c.norm_label;
  p.key = "norm";
  p.value = c.norm;
  out.items.push_back(std::move(p));
  if (!c.norm_label.empty())
    out.items.push_back(
        text(f.right + 3, y + kLabelSize / 3, c.norm_label, Anchor::kStart, kLabelSize, kNorm));
}

}  // namespace

std::string Color::hex() const { return fmt::format("#{:02x}{:02x}{:02x}", r, g, b); }

// Status colours: WCAG contrast of the text colour on the fill is at least 4.5:1 in each case
// (white on #1e7b34 5.3, black on #f2c200 12.6, white on #c0262d 5.9).
const std::string& category_label(const Chart& chart, size_t i) {
  if (i < chart.category_labels.size() && !chart.category_labels[i].empty())
    return chart.category_labels[i];
  return chart.categories[i];
}

Color status_fill(NormStatus status) {
  switch (status) {
    case NormStatus::kGreen:
      return {0x1e, 0x7b, 0x34};
    case NormStatus::kYellow:
      return {0xf2, 0xc2, 0x00};
    case NormStatus::kRed:
      return {0xc0, 0x26, 0x2d};
    case NormStatus::kNone:
      break;
  }
  return {0xf2, 0xf2, 0xf2};
}

Color status_text(NormStatus status) {
  return status == NormStatus::kGreen || status == NormStatus::kRed ? Color{0xff, 0xff, 0xff}
                                                                    : kInk;
}

// A colour-blind-safe palette (Okabe-Ito order, blue first).
Color series_color(size_t i) {
  static constexpr Color kPalette[] = {{0x00, 0x72, 0xb2}, {0xe6, 0x9f, 0x00}, {0x00, 0x9e, 0x73},
                                       {0xcc, 0x79, 0xa7}, {0x56, 0xb4, 0xe9}, {0xd5, 0x5e, 0x00},
                                       {0x6a, 0x6a, 0x6a}};
  return kPalette[i % std::size(kPalette)];
}

std::vector<double> nice_ticks(double lo, double hi, int target) {
  if (!(hi > lo) || !std::isfinite(lo) || !std::isfinite(hi)) return {lo, lo + 1};
  const double raw = (hi - lo) / std::max(1, target);
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  double step = 10 * mag;
  for (const double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (m * mag >= raw) {
      step = m * mag;
      break;
    }
  const double first = std::floor(lo / step + 1e-9) * step;
  std::vector<double> ticks;
  for (int k = 0; k < 1000; ++k) {  // computed, not accumulated, so 0,1 + 0,2 stays exact
    const double t = std::round((first + k * step) / step) * step;
    ticks.push_back(std::fabs(t) < step * 1e-9 ? 0.0 : t);
    if (t >= hi - step * 1e-9) break;
  }
  if (ticks.size() < 2) ticks.push_back(ticks.back() + step);
  return ticks;
}

std::string format_value(double value, int decimals, const std::string& unit) {
  return engine::format_with_unit(value, decimals, unit);
}

Layout layout(const Chart& chart, double w, double h) {
  Layout out;
  out.width = w;
  out.height = h;
  if (chart.kind == ChartKind::kTile) {
    layout_tile(chart, out);
    return out;
  }
  if (chart.categories.empty() || !has_value(chart)) {
    out.items.push_back(text(0, kTitleSize, chart.title, Anchor::kStart, kTitleSize, kInk, true));
    out.items.push_back(text(w / 2, h / 2, "geen gegevens", Anchor::kMiddle, kLabelSize, kAxis));
    return out;
  }
  const size_t before_axes = out.items.size();
  const Frame f = layout_axes(chart, out);
  layout_highlight(chart, f, before_axes, out);
  if (chart.kind == ChartKind::kLine)
    layout_lines(chart, f, out);
  else
    layout_bars(chart, f, out);
  layout_norm(chart, f, out);
  return out;
}

}  // namespace rk::report
