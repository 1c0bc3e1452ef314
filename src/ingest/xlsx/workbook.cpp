#include "ingest/xlsx/workbook.hpp"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include "ingest/xlsx/xml_parts.hpp"
#include "util/csv.hpp"

namespace rk::ingest::xlsx {
namespace {

constexpr uint64_t kMaxSmallPartBytes = uint64_t{16} << 20;  // workbook, relations, styles
constexpr size_t kMaxColumns = 16384;                        // Excel's XFD

// The 0-based column of a cell reference such as "B7"; false when it is no reference.
bool column_of(std::string_view ref, size_t& column) {
  size_t i = 0;
  size_t value = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z' && i < 3) {
    value = value * 26 + static_cast<size_t>(ref[i] - 'A' + 1);
    ++i;
  }
  if (i == 0 || value > kMaxColumns) return false;
  for (size_t k = i; k < ref.size(); ++k)
    if (ref[k] < '0' || ref[k] > '9') return false;
  column = value - 1;
  return true;
}

}  // namespace

Workbook::~Workbook() = default;

Result<std::unique_ptr<Workbook>> Workbook::open(const std::string& path, const Limits& limits) {
  auto zip = ZipArchive::open(path, limits);
  if (!zip) return zip.status();
  std::unique_ptr<Workbook> workbook(new Workbook());
  workbook->zip_ = std::move(*zip);
  if (Status s = workbook->load(); !s) return s;
  return workbook;
}

Result<std::unique_ptr<Workbook>> Workbook::from_bytes(std::string bytes, const Limits& limits) {
  auto zip = ZipArchive::from_bytes(std::move(bytes), limits);
  if (!zip) return zip.status();
  std::unique_ptr<Workbook> workbook(new Workbook());
  workbook->zip_ = std::move(*zip);
  if (Status s = workbook->load(); !s) return s;
  return workbook;
}

Status Workbook::load() {
  std::string workbook_part = "xl/workbook.xml";
  if (zip_->has("_rels/.rels")) {
    XmlPart rels;
    if (Status s = rels.load(*zip_, "_rels/.rels", kMaxSmallPartBytes); !s) return s;
    for (const auto& rel : children(rels.root(), "Relationship")) {
      if (ends_with_type(rel, "/officeDocument")) {
        workbook_part = resolve_target("", rel.attribute("Target").value());
      }
    }
  }
  XmlPart workbook;
  if (Status s = workbook.load(*zip_, workbook_part, kMaxSmallPartBytes); !s) return s;
  const pugi::xml_node pr = child(workbook.root(), "workbookPr");
  const std::string_view date1904 = pr.attribute("date1904").value();
  date1904_ = date1904 == "1" || date1904 == "true";
  std::vector<std::string> ids;
  for (const auto& sheet : children(child(workbook.root(), "sheets"), "sheet")) {
    sheet_names_.emplace_back(sheet.attribute("name").value());
    ids.emplace_back(relation_id(sheet));
  }
  if (sheet_names_.empty()) return invalid("werkmap heeft geen werkbladen");
  sheet_parts_.assign(ids.size(), std::string());
  return load_relations(workbook_part, ids);
}

Status Workbook::load_relations(const std::string& workbook_part,
                                const std::vector<std::string>& ids) {
  const std::string dir = workbook_part.substr(0, workbook_part.rfind('/') + 1);
  const std::string rels_part =
      dir + "_rels/" + workbook_part.substr(workbook_part.rfind('/') + 1) + ".rels";
  XmlPart rels;
  if (Status s = rels.load(*zip_, rels_part, kMaxSmallPartBytes); !s) return s;
  std::string shared_strings;
  std::string styles;
  for (const auto& rel : children(rels.root(), "Relationship")) {
    const std::string target = resolve_target(dir, rel.attribute("Target").value());
    if (ends_with_type(rel, "/sharedStrings")) shared_strings = target;
    if (ends_with_type(rel, "/styles")) styles = target;
    const std::string_view id = rel.attribute("Id").value();
    for (size_t i = 0; i < ids.size(); ++i)
      if (ids[i] == id) sheet_parts_[i] = target;
  }
  for (size_t i = 0; i < sheet_parts_.size(); ++i) {
    if (sheet_parts_[i].empty()) {
      return invalid(
          fmt::format("werkmap: werkblad '{}' verwijst naar een onderdeel dat niet "
                      "bestaat; sla de werkmap opnieuw op",
                      sheet_names_[i]));
    }
  }
  if (!shared_strings.empty())
    if (Status s = load_shared_strings(shared_strings); !s) return s;
  if (!styles.empty())
    if (Status s = load_styles(styles); !s) return s;
  return Status::ok();
}

Status Workbook::load_shared_strings(const std::string& part) {
  XmlPart sst;
  if (Status s = sst.load(*zip_, part, zip_->limits().max_shared_string_bytes); !s) return s;
  for (const auto& si : children(sst.root(), "si")) {
    if (shared_strings_.size() >= zip_->limits().max_shared_strings) {
      return invalid(
          fmt::format("werkmap: de tabel met gedeelde teksten heeft meer dan {} "
                      "teksten; lever de gegevens als CSV",
                      zip_->limits().max_shared_strings));
    }
    shared_strings_.push_back(rich_text(si));
  }
  return Status::ok();
}

Status Workbook::load_styles(const std::string& part) {
  XmlPart styles;
  if (Status s = styles.load(*zip_, part, kMaxSmallPartBytes); !s) return s;
  std::vector<std::pair<uint32_t, NumberKind>> custom;
  for (const auto& format : children(child(styles.root(), "numFmts"), "numFmt")) {
    custom.emplace_back(format.attribute("numFmtId").as_uint(),
                        format_code_kind(format.attribute("formatCode").value()));
  }
  for (const auto& xf : children(child(styles.root(), "cellXfs"), "xf")) {
    const uint32_t id = xf.attribute("numFmtId").as_uint();
    NumberKind kind = builtin_format_kind(id);
    for (const auto& [custom_id, custom_kind] : custom)
      if (custom_id == id) kind = custom_kind;
    style_kinds_.push_back(kind);
  }
  return Status::ok();
}

Result<std::unique_ptr<SheetReader>> Workbook::open_sheet(size_t index) const {
  auto xml = zip_->read(sheet_parts_.at(index), zip_->limits().max_part_bytes);
  if (!xml) return xml.status();
  std::unique_ptr<SheetReader> reader(new SheetReader(*this, std::move(*xml)));
  if (Status s = reader->parse(); !s) return s;
  return reader;
}

SheetReader::SheetReader(const Workbook& workbook, std::string xml)
    : workbook_(workbook), xml_(std::move(xml)) {}

SheetReader::~SheetReader() = default;

Status SheetReader::parse() {
  if (Status s = parse_in_place(doc_, xml_, "werkblad"); !s) return s;
  const pugi::xml_node root = document_element(doc_);
  for (const auto& row : children(child(root, "sheetData"), "row")) rows_.push_back(row);
  return Status::ok();
}

void SheetReader::pad_to_nine_digits(size_t column) {
  if (column >= pad_.size()) pad_.resize(column + 1, false);
  pad_[column] = true;
}

bool SheetReader::next(CsvRecord& out) {
  while (next_row_ < rows_.size()) {
    const pugi::xml_node row = rows_[next_row_++];
    const uint64_t number = row.attribute("r").as_ullong(last_row_number_ + 1);
    last_row_number_ = number;
    out.fields.clear();
    out.error.clear();
    out.error_field = 0;
    if (read_row(row, number, out)) return true;
  }
  out.fields.clear();
  out.raw = {};
  return false;
}

bool SheetReader::read_row(const pugi::xml_node& row, uint64_t row_number, CsvRecord& out) {
  for (auto& cell : cells_) cell.clear();
  size_t used = 0;  // columns up to the last non-empty cell
  size_t column = 0;
  bool first = true;
  for (const auto& cell : children(row, "c")) {
    const pugi::xml_attribute ref = cell.attribute("r");
    size_t at = first ? 0 : column + 1;
    if (ref && !column_of(ref.value(), at)) {
      if (out.error.empty()) {
        out.error = fmt::format("ongeldige celverwijzing '{}'", ref.value());
        out.error_field = column + 2;
      }
      continue;
    }
    first = false;
    column = at;
    if (cells_.size() <= column) cells_.resize(column + 1);
    cell_text(cell, column, cells_[column], out);
    if (!cells_[column].empty()) used = std::max(used, column + 1);
  }
  if (used == 0 && out.error.empty()) return false;
  if (width_ == 0) width_ = std::max<size_t>(used, 1);
  const size_t fields = std::max(width_, used);
  if (cells_.size() < fields) cells_.resize(fields);
  raw_.clear();
  for (size_t i = 0; i < fields; ++i) {
    out.fields.emplace_back(cells_[i]);
    if (i > 0) raw_ += ',';
    raw_ += util::csv_quote(cells_[i]);
  }
  out.line = row_number;
  out.raw = raw_;
  return true;
}

void SheetReader::cell_text(const pugi::xml_node& cell, size_t column, std::string& text,
                            CsvRecord& out) {
  const std::string_view type = cell.attribute("t").value();
  const pugi::xml_node value_node = child(cell, "v");
  const std::string_view value = value_node.child_value();
  const auto fail = [&](std::string message) {
    if (out.error.empty()) {
      out.error = std::move(message);
      out.error_field = column + 1;
    }
  };
  if (type == "s") {
    const auto& strings = workbook_.shared_strings_;
    const uint64_t index = value_node.text().as_ullong(strings.size());
    if (index >= strings.size()) {
      fail(fmt::format("cel verwijst naar gedeelde tekst {} die niet bestaat", value));
      return;
    }
    text = strings[index];
  } else if (type == "inlineStr") {
    text = rich_text(child(cell, "is"));
  } else if (type == "str" || type == "d") {
    text = value;
    if (type == "d" && text.size() == 19 && text.ends_with("T00:00:00")) text.resize(10);
  } else if (type == "b") {
    text = value == "1" ? "true" : value == "0" ? "false" : std::string(value);
  } else if (type == "e") {
    fail(fmt::format("cel bevat de Excel-fout {}; herstel de formule of de waarde", value));
  } else if (!value.empty()) {
    const uint32_t style = cell.attribute("s").as_uint();
    const auto& kinds = workbook_.style_kinds_;
    const NumberKind kind = style < kinds.size() ? kinds[style] : NumberKind::kNumber;
    double serial = 0;
    const bool padded = column < pad_.size() && pad_[column];
    const bool ok = kind == NumberKind::kNumber
                        ? number_text(value, padded, text)
                        : parse_double(value, serial) &&
                              serial_to_text(serial, workbook_.date1904_, kind, text);
    if (!ok) fail(fmt::format("cel bevat geen getal of datum: '{}'", value.substr(0, 40)));
  }
}

}  // namespace rk::ingest::xlsx
