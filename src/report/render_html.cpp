// The HTML renderer: one self-contained page. Styles are inline, charts inline SVG, a logo a
// data: URI; there is no script and no reference to anything outside the document.
#include <glib.h>

#include <memory>

#include "report/escape.hpp"
#include "report/markdown.hpp"
#include "report/render.hpp"

namespace rk::report {
namespace {

constexpr const char* kStyle = R"css(
:root { --ink: #222; --muted: #5a5a5a; --line: #d0d0d0; --accent: #0b4f8a; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; color: var(--ink); margin: 0 auto;
  max-width: 54rem; padding: 2rem 1.5rem; line-height: 1.45; font-size: 15px; }
header.cover { border-bottom: 3px solid var(--accent); padding-bottom: 1rem; margin-bottom: 1.5rem; }
header.cover img { max-height: 64px; max-width: 240px; display: block; margin-bottom: 1rem; }
h1 { color: var(--accent); font-size: 2rem; margin: 0 0 .3rem; }
h2 { color: var(--accent); border-bottom: 1px solid var(--line); padding-bottom: .2rem; margin-top: 2.5rem; }
h3, h4, h5, h6 { margin-bottom: .3rem; }
.meta { color: var(--muted); margin: .2rem 0; }
nav.toc ol { padding-left: 1.4rem; }
nav.toc a { color: var(--accent); text-decoration: none; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0 .3rem; font-size: 13px; }
caption { text-align: left; font-weight: bold; padding-bottom: .3rem; }
th { text-align: left; border-bottom: 2px solid var(--accent); padding: .25rem .5rem; vertical-align: bottom; }
td { border-bottom: 1px solid var(--line); padding: .2rem .5rem; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total td { font-weight: bold; border-top: 1px solid var(--ink); }
td.st-green { background: #1e7b34; color: #fff; }
td.st-yellow { background: #f2c200; color: #222; }
td.st-red { background: #c0262d; color: #fff; }
td.sup { color: var(--muted); }
p.note, p.footnote { font-size: 12px; color: var(--muted); margin: .2rem 0 1rem; }
figure.chart { margin: 1rem 0; }
figure.chart svg { max-width: 100%; height: auto; }
div.tiles { display: flex; flex-wrap: wrap; gap: .6rem; margin: 1rem 0; }
div.tiles svg { width: 190px; height: auto; }
section.closing { border: 1px solid var(--line); padding: .5rem 1rem; }
@page { size: A4; margin: 18mm 16mm 20mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  section.chapter { break-before: page; }
  table, figure, div.tiles { break-inside: avoid; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  nav.toc { break-after: page; }
}
)css";

std::string status_class(NormStatus s) {
  switch (s) {
    case NormStatus::kGreen:
      return "st-green";
    case NormStatus::kYellow:
      return "st-yellow";
    case NormStatus::kRed:
      return "st-red";
    case NormStatus::kNone:
      break;
  }
  return "";
}

std::string cell_html(const Cell& c, bool header) {
  std::string cls = c.numeric ? "num" : "";
  if (c.suppressed) cls += cls.empty() ? "sup" : " sup";
  if (!status_class(c.status).empty()) cls += (cls.empty() ? "" : " ") + status_class(c.status);
  const char* tag = header ? "th" : "td";
  return std::string("<") + tag + (cls.empty() ? "" : " class=\"" + cls + "\"") + ">" +
         html_escape(c.text) + "</" + tag + ">";
}

std::string table_html(const Table& t) {
  std::string s = "<table id=\"" + html_escape(t.id) + "\">";
  if (!t.caption.empty()) s += "<caption>" + html_escape(t.caption) + "</caption>";
  s += "<thead><tr>";
  for (size_t i = 0; i < t.header.size(); ++i) {
    // Columns after the first hold figures, except text columns of some tables.
    bool numeric = i > 0;
    for (const auto& row : t.rows)
      if (i < row.size() && !row[i].numeric && !row[i].text.empty()) numeric = false;
    s += cell_html(Cell{t.header[i], numeric}, true);
  }
  s += "</tr></thead><tbody>";
  for (const auto& row : t.rows) {
    const bool total = !row.empty() && row.front().emphasis;
    s += total ? "<tr class=\"total\">" : "<tr>";
    for (const auto& c : row) s += cell_html(c, false);
    s += "</tr>";
  }
  s += "</tbody></table>";
  if (!t.note.empty()) s += "<p class=\"note\">" + html_escape(t.note) + "</p>";
  if (t.has_suppressed()) s += "<p class=\"footnote\">" + html_escape(privacy_footnote()) + "</p>";
  return s;
}

std::string block_html(const Block& b) {
  switch (b.kind) {
    case Block::Kind::kParagraph:
      return "<p>" + html_escape(b.text) + "</p>";
    case Block::Kind::kTable:
      return table_html(b.table);
    case Block::Kind::kChart:
      return "<figure class=\"chart\">" + to_svg(b.charts.front(), 640, 250) + "</figure>";
    case Block::Kind::kTiles: {
      std::string s = "<div class=\"tiles\">";
      for (const auto& t : b.charts) s += to_svg(t, 190, 110);
      return s + "</div>";
    }
    case Block::Kind::kList: {
      std::string s = "<ul>";
      for (const auto& item : b.items) s += "<li>" + html_escape(item) + "</li>";
      return s + "</ul>";
    }
  }
  return {};
}

std::string base64(const std::string& bytes) {
  gchar* enc = g_base64_encode(reinterpret_cast<const guchar*>(bytes.data()), bytes.size());
  std::string out(enc);
  g_free(enc);
  return out;
}

std::string closing_html(const Closing& c) {
  std::string s = "<section class=\"closing\" id=\"afsluiting\"><h2>Afsluiting</h2>";
  s += "<p>Deze periode is afgesloten op " + html_escape(c.closed_at) +
       ". De cijfers in dit rapport zijn de bevroren cijfers (inhoudshash <code>" +
       html_escape(c.content_hash) + "</code>).</p>";
  if (c.differences.empty()) {
    s += "<p>Sinds de afsluiting is geen enkel cijfer veranderd.</p>";
  } else {
    Table t;
    t.id = "closing.differences";
    t.caption = "Cijfers die met de huidige gegevens anders zouden zijn";
    t.header = {"Indicator", "Cijfer", "Bevroren", "Nu"};
    for (const auto& d : c.differences)
      t.rows.push_back(
          {Cell{d.indicator}, Cell{d.figure}, Cell{d.frozen, true}, Cell{d.current, true}});
    s += table_html(t);
  }
  return s + "</section>";
}

}  // namespace

std::string render_html(const Report& r, const std::string& logo_png) {
  std::string s = "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\">";
  s += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">";
  s += "<title>" + html_escape(r.title + " – " + r.subtitle) + "</title>";
  s += "<style>" + std::string(kStyle) + "</style></head><body>";
  s += "<header class=\"cover\">";
  if (!logo_png.empty())
    s += "<img alt=\"logo\" src=\"data:image/png;base64," + base64(logo_png) + "\">";
  s += "<h1>" + html_escape(r.title) + "</h1>";
  s += "<p class=\"meta\"><strong>" + html_escape(r.period_label) + "</strong> · " +
       html_escape(r.scope_label) + "</p>";
  s += "<p class=\"meta\">Vergeleken met " + html_escape(r.previous_label) +
       ". Weergave: " + html_escape(r.role_label) + ". Gemaakt op " + html_escape(r.generated_on) +
       ".</p>";
  s += "</header><nav class=\"toc\"><h2>Inhoud</h2><ol>";
  if (!r.introduction.empty()) s += "<li><a href=\"#inleiding\">Inleiding</a></li>";
  for (const auto& c : r.chapters)
    s += "<li><a href=\"#" + html_escape(c.id) + "\">" + html_escape(c.title) + "</a></li>";
  if (r.closing) s += "<li><a href=\"#afsluiting\">Afsluiting</a></li>";
  s += "</ol></nav>";
  if (!r.introduction.empty())
    s += "<section class=\"chapter\" id=\"inleiding\"><h2>Inleiding</h2>" +
         markdown_to_html(r.introduction) + "</section>";
  int number = 0;
  for (const auto& c : r.chapters) {
    s += "<section class=\"chapter\" id=\"" + html_escape(c.id) + "\"><h2>" +
         std::to_string(++number) + ". " + html_escape(c.title) + "</h2>";
    if (!c.narrative.empty()) s += markdown_to_html(c.narrative);
    for (const auto& b : c.blocks) s += block_html(b);
    s += "</section>";
  }
  if (r.closing) s += closing_html(*r.closing);
  s += "</body></html>\n";
  return s;
}

}  // namespace rk::report
