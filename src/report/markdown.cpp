#include "report/markdown.hpp"

#include <cmark.h>

#include <memory>

#include "report/escape.hpp"

namespace rk::report {
namespace {

struct NodeDeleter {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
using NodePtr = std::unique_ptr<cmark_node, NodeDeleter>;

NodePtr parse(std::string_view markdown) {
  return NodePtr(cmark_parse_document(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT));
}

// Replaces links by their text plus " (address)", images by their description, and raw HTML by
// nothing, so the rendered text loads and links to nothing outside the document.
void neutralize(cmark_node* root) {
  std::vector<cmark_node*> targets;
  cmark_iter* it = cmark_iter_new(root);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* n = cmark_iter_get_node(it);
    const cmark_node_type t = cmark_node_get_type(n);
    if (ev == CMARK_EVENT_ENTER && (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE ||
                                    t == CMARK_NODE_HTML_INLINE || t == CMARK_NODE_HTML_BLOCK))
      targets.push_back(n);
  }
  cmark_iter_free(it);
  for (cmark_node* n : targets) {
    const cmark_node_type t = cmark_node_get_type(n);
    if (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) {
      const char* url = cmark_node_get_url(n);
      while (cmark_node* child = cmark_node_first_child(n)) cmark_node_insert_before(n, child);
      if (t == CMARK_NODE_LINK && url != nullptr && *url != '\0') {
        cmark_node* text = cmark_node_new(CMARK_NODE_TEXT);
        cmark_node_set_literal(text, (std::string(" (") + url + ")").c_str());
        cmark_node_insert_before(n, text);
      }
    }
    cmark_node_free(n);  // unlinks it
  }
}

void shift_headings(cmark_node* root) {
  cmark_iter* it = cmark_iter_new(root);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* n = cmark_iter_get_node(it);
    if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_HEADING)
      cmark_node_set_heading_level(n, std::min(6, cmark_node_get_heading_level(n) + 2));
  }
  cmark_iter_free(it);
}

// Inline content of a block as pango markup.
std::string inline_markup(cmark_node* block) {
  std::string out;
  cmark_iter* it = cmark_iter_new(block);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* n = cmark_iter_get_node(it);
    if (n == block) continue;
    const bool enter = ev == CMARK_EVENT_ENTER;
    switch (cmark_node_get_type(n)) {
      case CMARK_NODE_TEXT:
        out += html_escape(cmark_node_get_literal(n));
        break;
      case CMARK_NODE_CODE:
        out += "<tt>" + html_escape(cmark_node_get_literal(n)) + "</tt>";
        break;
      case CMARK_NODE_SOFTBREAK:
        out += ' ';
        break;
      case CMARK_NODE_LINEBREAK:
        out += '\n';
        break;
      case CMARK_NODE_EMPH:
        out += enter ? "<i>" : "</i>";
        break;
      case CMARK_NODE_STRONG:
        out += enter ? "<b>" : "</b>";
        break;
      default:
        break;
    }
  }
  cmark_iter_free(it);
  return out;
}

}  // namespace

std::string markdown_to_html(std::string_view markdown) {
  NodePtr doc = parse(markdown);
  if (!doc) return {};
  neutralize(doc.get());
  shift_headings(doc.get());
  char* html = cmark_render_html(doc.get(), CMARK_OPT_DEFAULT);
  std::string out(html != nullptr ? html : "");
  free(html);  // NOLINT(cppcoreguidelines-no-malloc): cmark allocates with malloc
  return out;
}

std::vector<MarkupBlock> markdown_to_pango(std::string_view markdown) {
  std::vector<MarkupBlock> blocks;
  NodePtr doc = parse(markdown);
  if (!doc) return blocks;
  neutralize(doc.get());
  cmark_iter* it = cmark_iter_new(doc.get());
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* n = cmark_iter_get_node(it);
    if (ev != CMARK_EVENT_ENTER) continue;
    const cmark_node_type t = cmark_node_get_type(n);
    if (t == CMARK_NODE_HEADING) {
      blocks.push_back({MarkupBlock::Kind::kHeading, inline_markup(n)});
    } else if (t == CMARK_NODE_PARAGRAPH) {
      cmark_node* parent = cmark_node_parent(n);
      const bool item = parent != nullptr && cmark_node_get_type(parent) == CMARK_NODE_ITEM;
      blocks.push_back(
          {item ? MarkupBlock::Kind::kListItem : MarkupBlock::Kind::kParagraph, inline_markup(n)});
    } else if (t == CMARK_NODE_CODE_BLOCK) {
      blocks.push_back({MarkupBlock::Kind::kParagraph,
                        "<tt>" + html_escape(cmark_node_get_literal(n)) + "</tt>"});
    }
  }
  cmark_iter_free(it);
  return blocks;
}

}  // namespace rk::report
