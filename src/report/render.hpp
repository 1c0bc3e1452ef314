// Renderers of the report model: a self-contained HTML page (inline CSS and SVG, nothing loaded
// from outside) and a native A4 PDF (cairo + pango) with table of contents and page numbers.
#pragma once

#include <string>

#include "model/status.hpp"
#include "report/model.hpp"

namespace rk::report {

// The HTML document. `logo_png` holds the bytes of a PNG logo (empty: no logo, no empty box).
std::string render_html(const Report& report, const std::string& logo_png);

// Writes the PDF to `path`. `logo_path` names a PNG (empty: no logo). Fails when the logo is not
// a readable PNG or the file cannot be written.
Status render_pdf(const Report& report, const std::string& path, const std::string& logo_path);

}  // namespace rk::report
