// The cairo backend of chart.hpp: draws a Layout on a cairo context (PDF), text with pango.
#include "report/chart.hpp"
#include "report/pdf_text.hpp"

namespace rk::report {
namespace {

void set_color(cairo_t* cr, Color c) {
  cairo_set_source_rgb(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0);
}

void fill_and_stroke(cairo_t* cr, const Primitive& p) {
  if (p.fill) {
    set_color(cr, *p.fill);
    if (p.stroke)
      cairo_fill_preserve(cr);
    else
      cairo_fill(cr);
  }
  if (p.stroke) {
    set_color(cr, *p.stroke);
    cairo_set_line_width(cr, p.stroke_width);
    const double dash[] = {5, 3};
    cairo_set_dash(cr, dash, p.dashed ? 2 : 0, 0);
    cairo_stroke(cr);
    cairo_set_dash(cr, nullptr, 0, 0);
  }
  cairo_new_path(cr);
}

void draw_text(cairo_t* cr, const Primitive& p) {
  const pdf::LayoutPtr layout = pdf::make_layout(cr, p.text, {p.font_size, p.bold}, -1);
  const double w = pdf::size_of(layout).first;
  const double baseline =
      static_cast<double>(pango_layout_get_baseline(layout.get())) / PANGO_SCALE;
  double x = p.x;
  if (p.anchor == Anchor::kMiddle) x -= w / 2;
  if (p.anchor == Anchor::kEnd) x -= w;
  set_color(cr, p.fill.value_or(Color{}));
  pdf::show(cr, layout, x, p.y - baseline);
}

}  // namespace

void draw(cairo_t* cr, const Chart& chart, double x, double y, double w, double h) {
  const Layout l = layout(chart, w, h);
  cairo_save(cr);
  cairo_translate(cr, x, y);
  for (const auto& p : l.items) {
    switch (p.type) {
      case Primitive::Type::kRect:
        cairo_rectangle(cr, p.x, p.y, p.w, p.h);
        fill_and_stroke(cr, p);
        break;
      case Primitive::Type::kLine:
        cairo_move_to(cr, p.x, p.y);
        cairo_line_to(cr, p.x + p.w, p.y + p.h);
        fill_and_stroke(cr, p);
        break;
      case Primitive::Type::kCircle:
        cairo_new_sub_path(cr);
        cairo_arc(cr, p.x, p.y, p.w, 0, 2 * G_PI);
        fill_and_stroke(cr, p);
        break;
      case Primitive::Type::kPolyline:
        for (size_t i = 0; i < p.points.size(); ++i) {
          if (i == 0)
            cairo_move_to(cr, p.points[i].first, p.points[i].second);
          else
            cairo_line_to(cr, p.points[i].first, p.points[i].second);
        }
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
        fill_and_stroke(cr, p);
        break;
      case Primitive::Type::kText:
        draw_text(cr, p);
        break;
    }
  }
  cairo_restore(cr);
}

}  // namespace rk::report
