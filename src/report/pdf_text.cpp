#include "report/pdf_text.hpp"

namespace rk::report::pdf {

LayoutPtr make_layout(cairo_t* cr, const std::string& text, Font font, double width, bool markup,
                      PangoAlignment align) {
  LayoutPtr layout(pango_cairo_create_layout(cr), GObjectUnref{});
  PangoFontDescription* desc = pango_font_description_new();
  pango_font_description_set_family(desc, "DejaVu Sans");
  pango_font_description_set_absolute_size(desc, font.size * PANGO_SCALE);
  pango_font_description_set_weight(desc, font.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style(desc, font.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  pango_layout_set_font_description(layout.get(), desc);
  pango_font_description_free(desc);
  if (width > 0) {
    pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  }
  pango_layout_set_alignment(layout.get(), align);
  if (markup) {
    // Invalid markup (it is generated, so this would be a bug) falls back to plain text.
    GError* error = nullptr;
    if (pango_parse_markup(text.c_str(), -1, 0, nullptr, nullptr, nullptr, &error)) {
      pango_layout_set_markup(layout.get(), text.c_str(), -1);
    } else {
      g_error_free(error);
      pango_layout_set_text(layout.get(), text.c_str(), -1);
    }
  } else {
    pango_layout_set_text(layout.get(), text.c_str(), -1);
  }
  return layout;
}

std::pair<double, double> size_of(const LayoutPtr& layout) {
  PangoRectangle ink;
  PangoRectangle logical;
  pango_layout_get_extents(layout.get(), &ink, &logical);
  return {static_cast<double>(logical.width) / PANGO_SCALE,
          static_cast<double>(logical.height) / PANGO_SCALE};
}

void show(cairo_t* cr, const LayoutPtr& layout, double x, double y) {
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout.get());
  cairo_new_path(cr);
}

}  // namespace rk::report::pdf
