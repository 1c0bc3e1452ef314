#include "export/xlsx.hpp"

#include <stdlib.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>

#include "engine/disclosure.hpp"
#include "engine/labels.hpp"
#include "util/text.hpp"
#include "util/version.hpp"

namespace rk::exporting {
namespace {

using engine::FlatRow;
using engine::IndicatorResult;

// Formats are created once per workbook and shared by every sheet.
class Formats {
 public:
  explicit Formats(lxw_workbook* book) : book_(book) {
    bold_ = workbook_add_format(book);
    format_set_bold(bold_);
    title_ = workbook_add_format(book);
    format_set_bold(title_);
    format_set_font_size(title_, 13);
  }
  lxw_format* bold() const { return bold_; }
  lxw_format* title() const { return title_; }
  lxw_format* number(const std::string& pattern) {
    auto it = numbers_.find(pattern);
    if (it != numbers_.end()) return it->second;
    lxw_format* f = workbook_add_format(book_);
    format_set_num_format(f, pattern.c_str());
    numbers_.emplace(pattern, f);
    return f;
  }

 private:
  lxw_workbook* book_;
  lxw_format* bold_ = nullptr;
  lxw_format* title_ = nullptr;
  std::map<std::string, lxw_format*> numbers_;
};

constexpr lxw_row_t kHeaderRow = 3;

// The sheet's title, the period, scope and role in words, and the column names.
struct Sheet {
  Formats& formats;
  const engine::DocumentHeader& header;
  const engine::Vocabulary& vocabulary;
};

void write_header(lxw_worksheet* ws, const Sheet& sheet, const std::string& title,
                  const std::vector<const char*>& columns) {
  Formats& f = sheet.formats;
  const engine::DocumentHeader& h = sheet.header;
  worksheet_write_string(ws, 0, 0, title.c_str(), f.title());
  std::string sub = "Periode " + engine::period_words(h.from, h.to) + "; " +
                    engine::scope_words(h.scope, sheet.vocabulary) + "; rol " +
                    std::string(engine::role_nl(h.role));
  if (const std::string_view note = engine::disclosure_note(h.role); !note.empty())
    sub += ". " + std::string(note);
  worksheet_write_string(ws, 1, 0, sub.c_str(), nullptr);
  for (size_t c = 0; c < columns.size(); ++c)
    worksheet_write_string(ws, kHeaderRow, static_cast<lxw_col_t>(c), columns[c], f.bold());
  worksheet_freeze_panes(ws, kHeaderRow + 1, 0);
}

// Columns of an indicator sheet. The key column keeps the code (for joining with other files);
// the name beside it is what a reader reads.
enum Col : lxw_col_t {
  kDimension,
  kKey,
  kName,
  kPart,
  kValue,
  kNumerator,
  kDenominator,
  kStatus,
  kNote
};

void write_value(lxw_worksheet* ws, lxw_row_t row, Formats& f, const FlatRow& r) {
  if (!r.text.empty()) {
    const std::string text = engine::text_nl(r.text).value_or(r.text);
    worksheet_write_string(ws, row, kValue, text.c_str(), nullptr);
  } else if (r.value.below_five) {
    worksheet_write_string(ws, row, kValue, "<5", nullptr);
    worksheet_write_string(ws, row, kNote, "aantal 1 t/m 4 (privacyregel)", nullptr);
  } else if (r.value.suppressed) {
    worksheet_write_string(ws, row, kNote, "onderdrukt (privacyregel)", nullptr);
  } else if (r.value.value) {
    worksheet_write_number(ws, row, kValue, *r.value.value,
                           f.number(number_format(r.unit, r.value.kind)));
  }
}

void write_indicator(lxw_workbook* book, const Sheet& sheet, const IndicatorResult& r,
                     const std::string& name) {
  lxw_worksheet* ws = workbook_add_worksheet(book, name.c_str());
  write_header(ws, sheet, r.title_nl + " (" + r.id + ")",
               {"Uitsplitsing", "Sleutel", "Naam", "Onderdeel", "Waarde", "Teller", "Noemer",
                "Status", "Opmerking"});
  Formats& f = sheet.formats;
  lxw_row_t row = kHeaderRow + 1;
  for (const FlatRow& fr : engine::flatten({r})) {
    const auto put = [&](Col col, const std::string& text) {
      worksheet_write_string(ws, row, col, text.c_str(), nullptr);
    };
    put(kDimension, fr.dimension.empty() ? "" : engine::Vocabulary::dimension(fr));
    put(kKey, fr.key);
    put(kName, sheet.vocabulary.key(fr));
    put(kPart, fr.part.empty() ? "" : engine::part_nl(fr.part));
    write_value(ws, row, f, fr);
    if (fr.numerator) worksheet_write_number(ws, row, kNumerator, *fr.numerator, f.number("#,##0"));
    if (fr.denominator)
      worksheet_write_number(ws, row, kDenominator, *fr.denominator, f.number("#,##0"));
    put(kStatus, fr.status ? std::string(engine::status_nl(*fr.status)) : "");
    ++row;
  }
  worksheet_set_column(ws, kDimension, kDimension, 22, nullptr);
  worksheet_set_column(ws, kKey, kKey, 24, nullptr);
  worksheet_set_column(ws, kName, kName, 32, nullptr);
  worksheet_set_column(ws, kPart, kPart, 16, nullptr);
  worksheet_set_column(ws, kValue, kDenominator, 14, nullptr);
  worksheet_set_column(ws, kStatus, kStatus, 12, nullptr);
  worksheet_set_column(ws, kNote, kNote, 32, nullptr);
}

struct BookCloser {
  void operator()(lxw_workbook* b) const { workbook_close(b); }
};

}  // namespace

std::string sheet_name(std::string_view wanted, std::set<std::string>& taken) {
  std::string base;
  for (char c : wanted)
    base += std::string_view("[]:*?/\\").find(c) == std::string_view::npos ? c : '_';
  if (base.empty()) base = "blad";
  std::string name = base.substr(0, 31);
  for (int n = 2; taken.count(util::lower_ascii(name)) != 0; ++n) {
    const std::string suffix = "~" + std::to_string(n);
    name = base.substr(0, 31 - suffix.size()) + suffix;
  }
  taken.insert(util::lower_ascii(name));
  return name;
}

std::string number_format(engine::Unit unit, engine::FigureKind kind) {
  if (unit == engine::Unit::kEuro) return "\"€\" #,##0.00";
  if (unit == engine::Unit::kPercent || kind == engine::FigureKind::kRatio) return "0.0";
  if (kind == engine::FigureKind::kCount && unit == engine::Unit::kCount) return "#,##0";
  return "#,##0.0";
}

Status write_xlsx(const std::string& path, const engine::DocumentHeader& header,
                  const std::vector<IndicatorResult>& results,
                  const engine::Vocabulary& vocabulary) {
  std::unique_ptr<lxw_workbook, BookCloser> book(workbook_new(path.c_str()));
  if (!book) return Status::error(ErrorKind::kIo, "kan " + path + " niet aanmaken");
  // The program and its version in the document properties (docProps/core.xml), so that a
  // workbook can be traced to the release that made it. libxlsxwriter copies the texts.
  std::string title = "Stuurinformatie jeugdhulp: indicatoren";
  std::string author = "regiekamer";
  std::string comments = "Gemaakt met regiekamer " + std::string(util::version_text());
  lxw_doc_properties properties{};
  properties.title = title.data();
  properties.author = author.data();
  properties.comments = comments.data();
  if (workbook_set_properties(book.get(), &properties) != LXW_NO_ERROR)
    return Status::error(ErrorKind::kIo, "kan de eigenschappen van " + path + " niet zetten");
  Formats f(book.get());
  const Sheet sheet{f, header, vocabulary};
  std::set<std::string> taken;
  const std::string index_name = sheet_name("Inhoud", taken);
  lxw_worksheet* index = workbook_add_worksheet(book.get(), index_name.c_str());
  write_header(index, sheet, "Stuurinformatie jeugdhulp: indicatoren",
               {"Blad", "Indicator", "Titel", "Eenheid"});
  lxw_row_t row = kHeaderRow + 1;
  std::vector<std::string> names;
  for (const IndicatorResult& r : results) {
    names.push_back(sheet_name(r.id, taken));
    worksheet_write_string(index, row, 0, names.back().c_str(), nullptr);
    worksheet_write_string(index, row, 1, r.id.c_str(), nullptr);
    worksheet_write_string(index, row, 2, r.title_nl.c_str(), nullptr);
    worksheet_write_string(index, row, 3, std::string(engine::unit_nl(r.unit)).c_str(), nullptr);
    ++row;
  }
  worksheet_set_column(index, 0, 1, 30, nullptr);
  worksheet_set_column(index, 2, 2, 60, nullptr);
  worksheet_set_column(index, 3, 3, 14, nullptr);
  for (size_t i = 0; i < results.size(); ++i)
    write_indicator(book.get(), sheet, results[i], names[i]);
  const lxw_error rc = workbook_close(book.release());
  if (rc != LXW_NO_ERROR)
    return Status::error(ErrorKind::kIo,
                         "kan " + path + " niet schrijven: " + std::string(lxw_strerror(rc)));
  return Status::ok();
}

Result<std::string> xlsx_bytes(const engine::DocumentHeader& header,
                               const std::vector<IndicatorResult>& results,
                               const engine::Vocabulary& vocabulary) {
  const char* tmp = std::getenv("TMPDIR");
  std::string path =
      std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/regiekamer-xlsx-XXXXXX";
  const int fd = ::mkstemp(path.data());  // 0600: only this process reads the figures
  if (fd < 0) return Status::error(ErrorKind::kIo, "kan geen tijdelijk bestand maken");
  ::close(fd);
  Status written = write_xlsx(path, header, results, vocabulary);
  std::string bytes;
  if (written) {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof())
      written = Status::error(ErrorKind::kIo, "kan " + path + " niet lezen");
  }
  ::unlink(path.c_str());
  if (!written) return written;
  return bytes;
}

}  // namespace rk::exporting
