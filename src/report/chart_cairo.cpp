// The cairo backend of chart.hpp: draws a Layout on a cairo context (PDF), text with pango.
#include <pango/pangocairo.h>

#include <memory>

#include "report/chart.hpp"

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

struct GObjectDeleter {
  void operator()(void* p) const { g_object_unref(p); }
};

void draw_text(cairo_t* cr, const Primitive& p) {
  std::unique_ptr<PangoLayout, GObjectDeleter> pl(pango_cairo_create_layout(cr));
  PangoFontDescription* font = pango_font_description_new();
  pango_font_description_set_family(font, "DejaVu Sans");
  pango_font_description_set_absolute_size(font, p.font_size * PANGO_SCALE);
  pango_font_description_set_weight(font, p.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description(pl.get(), font);
  pango_font_description_free(font);
  pango_layout_set_text(pl.get(), p.text.c_str(), static_cast<int>(p.text.size()));
  int width = 0;
  int height = 0;
  pango_layout_get_size(pl.get(), &width, &height);
  const double w = static_cast<double>(width) / PANGO_SCALE;
  const double baseline = static_cast<double>(pango_layout_get_baseline(pl.get())) / PANGO_SCALE;
  double x = p.x;
  if (p.anchor == Anchor::kMiddle) x -= w / 2;
  if (p.anchor == Anchor::kEnd) x -= w;
  set_color(cr, p.fill.value_or(Color{}));
  cairo_move_to(cr, x, p.y - baseline);
  pango_cairo_show_layout(cr, pl.get());
  cairo_new_path(cr);
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
