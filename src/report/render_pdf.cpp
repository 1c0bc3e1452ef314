// The PDF renderer: A4 pages laid out in two passes. The first pass measures every block with
// pango and assigns it to a page (tables split between rows and repeat their header); the second
// draws the pages, now that the table of contents and "pagina N van M" know every page number.
#include <cairo-pdf.h>
#include <fmt/format.h>

#include <algorithm>
#include <functional>

#include "report/escape.hpp"
#include "report/markdown.hpp"
#include "report/pdf_text.hpp"
#include "report/render.hpp"
#include "util/version.hpp"

namespace rk::report {
namespace {

using pdf::Font;
using pdf::LayoutPtr;

constexpr double kPageW = 595.28;
constexpr double kPageH = 841.89;
constexpr double kLeft = 56;
constexpr double kRight = kPageW - 56;
constexpr double kTop = 74;
constexpr double kBottom = kPageH - 62;
constexpr double kWidth = kRight - kLeft;
constexpr double kCellPad = 3.5;
constexpr Color kAccent{0x0b, 0x4f, 0x8a};
constexpr Color kInk{0x22, 0x22, 0x22};
constexpr Color kMuted{0x5a, 0x5a, 0x5a};
constexpr Color kRule{0xd0, 0xd0, 0xd0};

void rgb(cairo_t* cr, Color c) { cairo_set_source_rgb(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0); }

void hline(cairo_t* cr, double x1, double x2, double y, Color c, double w) {
  rgb(cr, c);
  cairo_set_line_width(cr, w);
  cairo_move_to(cr, x1, y);
  cairo_line_to(cr, x2, y);
  cairo_stroke(cr);
}

using DrawFn = std::function<void(cairo_t*, double y)>;

struct Page {
  std::vector<std::pair<double, DrawFn>> ops;
};

struct TocEntry {
  std::string title;
  int page = 0;
};

// The first pass: places measured blocks on pages.
class Flow {
 public:
  explicit Flow(cairo_t* cr) : cr_(cr) {}

  void new_page() {
    pages_.emplace_back();
    y_ = kTop;
  }
  // Places a block of height h; a new page first when it does not fit (unless the page is empty).
  void place(double h, DrawFn fn) {
    if (pages_.empty() || (y_ + h > kBottom && y_ > kTop + 1)) new_page();
    pages_.back().ops.emplace_back(y_, std::move(fn));
    y_ += h;
  }
  // Ensures `h` points are free below, else starts a new page (keeps a caption with its rows).
  void need(double h) {
    if (y_ + h > kBottom && y_ > kTop + 1) new_page();
  }
  void space(double h) { y_ += h; }
  [[nodiscard]] int page_number() const { return static_cast<int>(pages_.size()); }
  [[nodiscard]] cairo_t* cr() const { return cr_; }
  std::vector<Page>& pages() { return pages_; }

  void text(const std::string& s, Font font, Color color, double after, bool markup = false,
            double indent = 0) {
    LayoutPtr l = pdf::make_layout(cr_, s, font, kWidth - indent, markup);
    const double h = pdf::size_of(l).second;
    place(h + after, [l, color, indent](cairo_t* cr, double y) {
      rgb(cr, color);
      pdf::show(cr, l, kLeft + indent, y);
    });
  }

 private:
  cairo_t* cr_;
  std::vector<Page> pages_;
  double y_ = kTop;
};

struct ColumnLayout {
  std::vector<double> widths;
  std::vector<bool> numeric;
};

ColumnLayout columns_for(cairo_t* cr, const Table& t, double size) {
  const size_t n = t.header.size();
  ColumnLayout c{std::vector<double>(n, 0), std::vector<bool>(n, true)};
  for (size_t i = 0; i < n; ++i) {
    if (i == 0) c.numeric[i] = false;
    for (const auto& row : t.rows)
      if (i < row.size()) {
        if (!row[i].numeric && !row[i].text.empty()) c.numeric[i] = false;
        c.widths[i] = std::max(
            c.widths[i], pdf::size_of(pdf::make_layout(cr, row[i].text, {size, true}, -1)).first);
      }
    // A header wraps at word boundaries: its longest word sets the minimum width.
    size_t start = 0;
    const std::string& h = t.header[i];
    while (start <= h.size()) {
      const size_t end = std::min(h.find(' ', start), h.size());
      c.widths[i] = std::max(
          c.widths[i],
          pdf::size_of(pdf::make_layout(cr, h.substr(start, end - start), {size, true}, -1)).first);
      start = end + 1;
    }
    c.widths[i] += 2 * kCellPad + 1;
    // A figure column fits a period label ("1e halfjaar 2020") in two lines.
    if (c.numeric[i]) c.widths[i] = std::max(c.widths[i], 56.0);
  }
  double total = 0;
  for (const double w : c.widths) total += w;
  if (total < kWidth) {
    c.widths[0] += kWidth - total;  // the label column takes the remaining width
  } else {
    const double others = total - c.widths[0];
    c.widths[0] = std::max(90.0, kWidth - others);
    double sum = 0;
    for (const double w : c.widths) sum += w;
    if (sum > kWidth)
      for (double& w : c.widths) w *= kWidth / sum;
  }
  return c;
}

// A measured row: one layout per cell and the row height.
struct RowLayout {
  std::vector<LayoutPtr> cells;
  double height = 0;
};

RowLayout row_layout(cairo_t* cr, const std::vector<Cell>& row, const ColumnLayout& cols,
                     double size, bool header) {
  RowLayout r;
  for (size_t i = 0; i < cols.widths.size(); ++i) {
    const std::string text = i < row.size() ? row[i].text : "";
    const bool bold = header || (i < row.size() && row[i].emphasis);
    LayoutPtr l = pdf::make_layout(cr, text, {size, bold}, cols.widths[i] - 2 * kCellPad, false,
                                   cols.numeric[i] ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
    r.height = std::max(r.height, pdf::size_of(l).second + 2 * kCellPad);
    r.cells.push_back(std::move(l));
  }
  return r;
}

void draw_row(cairo_t* cr, const RowLayout& r, const std::vector<Cell>& row,
              const ColumnLayout& cols, double y, bool header) {
  double x = kLeft;
  for (size_t i = 0; i < r.cells.size(); ++i) {
    Color ink = kInk;
    if (i < row.size() && row[i].status != NormStatus::kNone) {
      rgb(cr, status_fill(row[i].status));
      cairo_rectangle(cr, x + 1, y + 1, cols.widths[i] - 2, r.height - 2);
      cairo_fill(cr);
      ink = status_text(row[i].status);
    } else if (i < row.size() && row[i].suppressed) {
      ink = kMuted;
    }
    rgb(cr, ink);
    pdf::show(cr, r.cells[i], x + kCellPad, y + kCellPad);
    x += cols.widths[i];
  }
  const bool total = !row.empty() && row.front().emphasis;
  if (header) {
    hline(cr, kLeft, kRight, y + r.height, kAccent, 1.2);
  } else {
    hline(cr, kLeft, kRight, y + r.height, kRule, 0.4);
    if (total) hline(cr, kLeft, kRight, y, kInk, 0.8);
  }
}

void place_table(Flow& f, const Table& t) {
  constexpr double kSize = 7.8;
  cairo_t* cr = f.cr();
  const ColumnLayout cols = columns_for(cr, t, kSize);
  std::vector<Cell> header_cells;
  for (const auto& h : t.header) header_cells.push_back(Cell{h});
  auto header = std::make_shared<RowLayout>(row_layout(cr, header_cells, cols, kSize, true));
  LayoutPtr caption = pdf::make_layout(cr, t.caption, {9, true}, kWidth);
  const double caption_h = pdf::size_of(caption).second + 3;
  std::vector<std::pair<RowLayout, std::vector<Cell>>> rows;
  for (const auto& row : t.rows) rows.emplace_back(row_layout(cr, row, cols, kSize, false), row);
  const double first_row = rows.empty() ? 0 : rows.front().first.height;
  double whole = caption_h + header->height;
  for (const auto& r : rows) whole += r.first.height;
  // A table up to half a page stays in one piece; a longer one starts with at least one row.
  f.need(whole <= (kBottom - kTop) / 2 ? whole : caption_h + header->height + first_row);
  f.place(caption_h, [caption](cairo_t* c, double y) {
    rgb(c, kInk);
    pdf::show(c, caption, kLeft, y);
  });
  auto place_header = [&] {
    f.place(header->height, [header, header_cells, cols](cairo_t* c, double y) {
      draw_row(c, *header, header_cells, cols, y, true);
    });
  };
  place_header();
  int page = f.page_number();
  for (auto& [layout, cells] : rows) {
    f.need(layout.height);
    if (f.page_number() != page) {  // continued on a new page: repeat the header
      page = f.page_number();
      place_header();
    }
    auto l = std::make_shared<RowLayout>(std::move(layout));
    f.place(l->height, [l, cells = cells, cols](cairo_t* c, double y) {
      draw_row(c, *l, cells, cols, y, false);
    });
  }
  f.space(3);
  if (!t.note.empty()) f.text(t.note, {7.2, false, true}, kMuted, 2);
  if (t.has_suppressed()) f.text(privacy_footnote(), {7.2, false, true}, kMuted, 2);
  f.space(8);
}

void place_narrative(Flow& f, const std::string& markdown) {
  for (const auto& b : markdown_to_pango(markdown)) {
    switch (b.kind) {
      case MarkupBlock::Kind::kHeading:
        f.need(40);
        f.text(b.markup, {10.5, true}, kInk, 3, true);
        break;
      case MarkupBlock::Kind::kListItem:
        f.text("•  " + b.markup, {9.5}, kInk, 2, true, 10);
        break;
      case MarkupBlock::Kind::kParagraph:
        f.text(b.markup, {9.5}, kInk, 6, true);
        break;
    }
  }
}

void place_block(Flow& f, const Block& b) {
  switch (b.kind) {
    case Block::Kind::kParagraph:
      f.text(b.text, {9.5}, kInk, 7);
      break;
    case Block::Kind::kTable:
      place_table(f, b.table);
      break;
    case Block::Kind::kChart: {
      const Chart chart = b.charts.front();
      f.place(222, [chart](cairo_t* cr, double y) { draw(cr, chart, kLeft, y, kWidth, 210); });
      break;
    }
    case Block::Kind::kTiles: {
      constexpr int kPerRow = 4;
      constexpr double kGap = 8;
      constexpr double kTileH = 92;
      const double w = (kWidth - (kPerRow - 1) * kGap) / kPerRow;
      for (size_t i = 0; i < b.charts.size(); i += kPerRow) {
        std::vector<Chart> row(
            b.charts.begin() + static_cast<std::ptrdiff_t>(i),
            b.charts.begin() + static_cast<std::ptrdiff_t>(std::min(b.charts.size(), i + kPerRow)));
        f.place(kTileH + kGap, [row, w](cairo_t* cr, double y) {
          for (size_t k = 0; k < row.size(); ++k)
            draw(cr, row[k], kLeft + static_cast<double>(k) * (w + kGap), y, w, kTileH);
        });
      }
      f.space(6);
      break;
    }
    case Block::Kind::kList:
      for (const auto& item : b.items) f.text("• " + item, {9.5}, kInk, 4, false, 10);
      f.space(3);
      break;
  }
}

void place_heading(Flow& f, const std::string& title, std::vector<TocEntry>& toc) {
  f.new_page();
  toc.push_back({title, f.page_number()});
  LayoutPtr l = pdf::make_layout(f.cr(), title, {16, true}, kWidth);
  const double h = pdf::size_of(l).second;
  f.place(h + 12, [l, h](cairo_t* cr, double y) {
    rgb(cr, kAccent);
    pdf::show(cr, l, kLeft, y);
    hline(cr, kLeft, kRight, y + h + 3, kAccent, 1.5);
  });
}

void place_closing(Flow& f, const Closing& c, std::vector<TocEntry>& toc) {
  place_heading(f, "Afsluiting", toc);
  f.text(fmt::format("Deze periode is afgesloten op {}. De cijfers in dit rapport zijn de "
                     "bevroren cijfers (inhoudshash {}).",
                     c.closed_at, c.content_hash),
         {9.5}, kInk, 7);
  if (c.differences.empty()) {
    f.text("Sinds de afsluiting is geen enkel cijfer veranderd.", {9.5}, kInk, 7);
    return;
  }
  Table t;
  t.caption = "Cijfers die met de huidige gegevens anders zouden zijn";
  t.header = {"Indicator", "Cijfer", "Bevroren", "Nu"};
  for (const auto& d : c.differences)
    t.rows.push_back(
        {Cell{d.indicator}, Cell{d.figure}, Cell{d.frozen, true}, Cell{d.current, true}});
  place_table(f, t);
}

struct Surface {
  cairo_surface_t* surface = nullptr;
  cairo_t* cr = nullptr;
  cairo_surface_t* logo = nullptr;
  Surface() = default;
  Surface(const Surface&) = delete;
  Surface& operator=(const Surface&) = delete;
  ~Surface() {
    if (cr != nullptr) cairo_destroy(cr);
    if (surface != nullptr) cairo_surface_destroy(surface);
    if (logo != nullptr) cairo_surface_destroy(logo);
  }
};

void draw_logo(cairo_t* cr, cairo_surface_t* logo, double x, double y, double max_w, double max_h) {
  const double w = cairo_image_surface_get_width(logo);
  const double h = cairo_image_surface_get_height(logo);
  if (w <= 0 || h <= 0) return;
  const double s = std::min(max_w / w, max_h / h);
  cairo_save(cr);
  cairo_translate(cr, x, y);
  cairo_scale(cr, s, s);
  cairo_set_source_surface(cr, logo, 0, 0);
  cairo_paint(cr);
  cairo_restore(cr);
}

void draw_cover(cairo_t* cr, const Report& r, cairo_surface_t* logo) {
  double y = 150;
  if (logo != nullptr) {
    draw_logo(cr, logo, kLeft, 90, 200, 70);
    y = 190;
  }
  rgb(cr, kAccent);
  cairo_rectangle(cr, 0, y - 30, 14, 170);
  cairo_fill(cr);
  LayoutPtr title = pdf::make_layout(cr, r.title, {26, true}, kWidth);
  pdf::show(cr, title, kLeft, y);
  y += pdf::size_of(title).second + 10;
  rgb(cr, kInk);
  LayoutPtr period = pdf::make_layout(cr, r.period_label, {16}, kWidth);
  pdf::show(cr, period, kLeft, y);
  y += pdf::size_of(period).second + 6;
  LayoutPtr scope = pdf::make_layout(cr, r.scope_label, {12}, kWidth);
  pdf::show(cr, scope, kLeft, y);
  y += pdf::size_of(scope).second + 30;
  rgb(cr, kMuted);
  LayoutPtr meta = pdf::make_layout(
      cr,
      fmt::format("Vergeleken met {}.\nWeergave: {}.\nGemaakt op {} met regiekamer.",
                  r.previous_label, r.role_label, r.generated_on),
      {9.5}, kWidth);
  pdf::show(cr, meta, kLeft, y);
}

void draw_toc(cairo_t* cr, const std::vector<TocEntry>& toc) {
  rgb(cr, kAccent);
  pdf::show(cr, pdf::make_layout(cr, "Inhoud", {16, true}, kWidth), kLeft, kTop);
  double y = kTop + 36;
  for (const auto& e : toc) {
    const std::string link = fmt::format("page={} pos=[{} {}]", e.page, kLeft, kTop);
    cairo_tag_begin(cr, CAIRO_TAG_LINK, link.c_str());
    rgb(cr, kInk);
    pdf::show(cr, pdf::make_layout(cr, e.title, {10.5}, kWidth - 40), kLeft, y);
    pdf::show(cr,
              pdf::make_layout(cr, std::to_string(e.page), {10.5}, 40, false, PANGO_ALIGN_RIGHT),
              kRight - 40, y);
    cairo_tag_end(cr, CAIRO_TAG_LINK);
    // dotted leader
    rgb(cr, kRule);
    const double dash[] = {1, 3};
    cairo_set_dash(cr, dash, 2, 0);
    cairo_set_line_width(cr, 0.8);
    const double tw = pdf::size_of(pdf::make_layout(cr, e.title, {10.5}, -1)).first;
    cairo_move_to(cr, kLeft + tw + 6, y + 11);
    cairo_line_to(cr, kRight - 30, y + 11);
    cairo_stroke(cr);
    cairo_set_dash(cr, nullptr, 0, 0);
    y += 20;
  }
}

void draw_furniture(cairo_t* cr, const Report& r, cairo_surface_t* logo, int page, int pages) {
  if (logo != nullptr) draw_logo(cr, logo, kLeft, 26, 120, 28);
  rgb(cr, kMuted);
  pdf::show(cr,
            pdf::make_layout(cr, r.title + " · " + r.period_label, {7.5}, kWidth / 2, false,
                             PANGO_ALIGN_RIGHT),
            kRight - kWidth / 2, 34);
  hline(cr, kLeft, kRight, 58, kRule, 0.6);
  hline(cr, kLeft, kRight, kPageH - 46, kRule, 0.6);
  rgb(cr, kMuted);
  pdf::show(cr, pdf::make_layout(cr, r.scope_label, {7.5}, kWidth / 2), kLeft, kPageH - 40);
  pdf::show(cr,
            pdf::make_layout(cr, fmt::format("pagina {} van {}", page, pages), {7.5}, kWidth / 2,
                             false, PANGO_ALIGN_RIGHT),
            kRight - kWidth / 2, kPageH - 40);
}

}  // namespace

Status render_pdf(const Report& r, const std::string& path, const std::string& logo_path) {
  Surface s;
  if (!logo_path.empty()) {
    s.logo = cairo_image_surface_create_from_png(logo_path.c_str());
    if (cairo_surface_status(s.logo) != CAIRO_STATUS_SUCCESS)
      return Status::error(ErrorKind::kInvalidInput,
                           "logo " + logo_path + " is geen leesbaar PNG-bestand");
  }
  s.surface = cairo_pdf_surface_create(path.c_str(), kPageW, kPageH);
  if (cairo_surface_status(s.surface) != CAIRO_STATUS_SUCCESS)
    return Status::error(ErrorKind::kIo, "kan " + path + " niet schrijven");
  cairo_pdf_surface_set_metadata(s.surface, CAIRO_PDF_METADATA_TITLE,
                                 (r.title + " – " + r.subtitle).c_str());
  const std::string creator = "regiekamer " + std::string(util::version_text());
  cairo_pdf_surface_set_metadata(s.surface, CAIRO_PDF_METADATA_CREATOR, creator.c_str());
  s.cr = cairo_create(s.surface);

  // Pass 1: pages 1 (cover) and 2 (contents) are drawn directly; the flow starts at page 3.
  Flow f(s.cr);
  f.new_page();
  f.new_page();
  std::vector<TocEntry> toc;
  if (!r.introduction.empty()) {
    place_heading(f, "Inleiding", toc);
    place_narrative(f, r.introduction);
  }
  int number = 0;
  for (const auto& c : r.chapters) {
    place_heading(f, fmt::format("{}. {}", ++number, c.title), toc);
    if (!c.narrative.empty()) place_narrative(f, c.narrative);
    for (const auto& b : c.blocks) place_block(f, b);
  }
  if (r.closing) place_closing(f, *r.closing, toc);

  // Pass 2: draw.
  const int pages = static_cast<int>(f.pages().size());
  for (int p = 0; p < pages; ++p) {
    if (p == 0) {
      draw_cover(s.cr, r, s.logo);
    } else {
      draw_furniture(s.cr, r, s.logo, p + 1, pages);
      if (p == 1) draw_toc(s.cr, toc);
    }
    for (const auto& [y, fn] : f.pages()[static_cast<size_t>(p)].ops) fn(s.cr, y);
    cairo_show_page(s.cr);
  }
  for (const auto& e : toc)
    cairo_pdf_surface_add_outline(s.surface, CAIRO_PDF_OUTLINE_ROOT, e.title.c_str(),
                                  fmt::format("page={}", e.page).c_str(),
                                  static_cast<cairo_pdf_outline_flags_t>(0));
  cairo_surface_finish(s.surface);
  if (cairo_surface_status(s.surface) != CAIRO_STATUS_SUCCESS)
    return Status::error(ErrorKind::kIo, "kan " + path + " niet schrijven");
  return Status::ok();
}

}  // namespace rk::report
