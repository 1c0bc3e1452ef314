// Internal to the PDF renderer: pango layouts on a cairo context, with RAII ownership.
#pragma once

#include <pango/pangocairo.h>

#include <memory>
#include <string>

namespace rk::report::pdf {

struct GObjectUnref {
  void operator()(void* p) const { g_object_unref(p); }
};
using LayoutPtr = std::shared_ptr<PangoLayout>;

struct Font {
  double size = 9.5;
  bool bold = false;
  bool italic = false;
};

// A layout of `text` (pango markup when `markup`), wrapped at `width` points (<= 0: no wrap).
LayoutPtr make_layout(cairo_t* cr, const std::string& text, Font font, double width,
                      bool markup = false, PangoAlignment align = PANGO_ALIGN_LEFT);
// Width and height of a layout in points.
std::pair<double, double> size_of(const LayoutPtr& layout);
// Draws the layout with its top-left corner at (x, y) in the current source colour.
void show(cairo_t* cr, const LayoutPtr& layout, double x, double y);

}  // namespace rk::report::pdf
