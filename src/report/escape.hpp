// Escaping for the report's text outputs: HTML/SVG text and attributes, and pango markup.
#pragma once

#include <string>
#include <string_view>

namespace rk::report {

// Replaces & < > " ' by entities; valid in HTML text, attributes and SVG.
std::string html_escape(std::string_view s);

}  // namespace rk::report
