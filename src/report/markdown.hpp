// The report's narrative texts: Markdown (CommonMark, rendered with cmark) to HTML for the HTML
// report and to pango markup paragraphs for the PDF. Raw HTML, images and links are not passed
// through: the report loads no external resource, so a link keeps only its text and its address
// in parentheses, and an image only its description.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rk::report {

// HTML fragment (paragraphs, lists, emphasis, headings shifted to h3..h6).
std::string markdown_to_html(std::string_view markdown);

// One pango markup string per block (paragraph, heading, list item), in order.
struct MarkupBlock {
  enum class Kind : uint8_t { kParagraph, kHeading, kListItem };
  Kind kind = Kind::kParagraph;
  std::string markup;
};
std::vector<MarkupBlock> markdown_to_pango(std::string_view markdown);

}  // namespace rk::report
