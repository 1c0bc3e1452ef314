// The SVG backend of chart.hpp: draws a Layout as inline SVG for HTML pages.
#include <fmt/format.h>

#include "report/chart.hpp"
#include "report/escape.hpp"

namespace rk::report {
namespace {

std::string num(double v) { return fmt::format("{:.2f}", v); }

std::string paint(const Primitive& p) {
  std::string s;
  s += p.fill ? " fill=\"" + p.fill->hex() + "\"" : " fill=\"none\"";
  if (p.stroke)
    s += " stroke=\"" + p.stroke->hex() + "\" stroke-width=\"" + num(p.stroke_width) + "\"";
  if (p.dashed) s += " stroke-dasharray=\"5 3\"";
  return s;
}

std::string data_attrs(const Primitive& p) {
  std::string s;
  if (!p.key.empty()) s += " data-key=\"" + html_escape(p.key) + "\"";
  if (p.value) s += " data-value=\"" + fmt::format("{}", *p.value) + "\"";
  if (!p.label.empty() && p.label != p.key) s += " data-label=\"" + html_escape(p.label) + "\"";
  return s;
}

std::string element(const Primitive& p) {
  std::string open;
  switch (p.type) {
    case Primitive::Type::kRect:
      open = fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"", num(p.x), num(p.y),
                         num(p.w), num(p.h));
      break;
    case Primitive::Type::kLine:
      open = fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"", num(p.x), num(p.y),
                         num(p.x + p.w), num(p.y + p.h));
      break;
    case Primitive::Type::kCircle:
      open = fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"{}\"", num(p.x), num(p.y), num(p.w));
      break;
    case Primitive::Type::kPolyline: {
      std::string pts;
      for (const auto& [x, y] : p.points) pts += (pts.empty() ? "" : " ") + num(x) + "," + num(y);
      open = "<polyline points=\"" + pts + "\" stroke-linejoin=\"round\"";
      break;
    }
    case Primitive::Type::kText: {
      const char* anchor = p.anchor == Anchor::kStart    ? "start"
                           : p.anchor == Anchor::kMiddle ? "middle"
                                                         : "end";
      open = fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"{}\" text-anchor=\"{}\"{}", num(p.x),
                         num(p.y), num(p.font_size), anchor, p.bold ? " font-weight=\"bold\"" : "");
      open += paint(p) + data_attrs(p) + ">";
      if (!p.tooltip.empty()) open += "<title>" + html_escape(p.tooltip) + "</title>";
      return open + html_escape(p.text) + "</text>";
    }
  }
  open += paint(p) + data_attrs(p);
  if (p.tooltip.empty()) return open + "/>";
  return open + "><title>" + html_escape(p.tooltip) + "</title></" +
         open.substr(1, open.find(' ') - 1) + ">";
}

}  // namespace

std::string to_svg(const Chart& chart, double w, double h) {
  const Layout l = layout(chart, w, h);
  std::string label = chart.title;
  if (chart.kind == ChartKind::kTile && !l.items.empty()) label = l.items.front().tooltip;
  std::string s = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {} {}\" "
      "width=\"{}\" height=\"{}\" role=\"img\" aria-label=\"{}\" "
      "font-family=\"DejaVu Sans, Verdana, sans-serif\">",
      num(w), num(h), num(w), num(h), html_escape(label));
  s += "<title>" + html_escape(label) + "</title>";
  for (const auto& p : l.items) s += element(p);
  return s + "</svg>";
}

}  // namespace rk::report
