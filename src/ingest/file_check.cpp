#include "ingest/file_check.hpp"

#include <fmt/format.h>

#include "util/text.hpp"

namespace rk::ingest {
namespace {

using model::Kind;
using model::TableSpec;

Status header_problem(std::string reason) {
  return Status::error(ErrorKind::kInvalidInput, std::move(reason));
}

std::string joined(const std::vector<std::string>& items) {
  std::string list;
  for (const auto& item : items) {
    if (!list.empty()) list += ", ";
    list += item;
  }
  return list;
}

// The required columns the header lacks (a bsn column stands in for client_id).
std::vector<std::string> absent_columns(const TableSpec& spec, const Header& header) {
  std::vector<std::string> absent;
  for (size_t f = 0; f < spec.fields.size(); ++f) {
    const auto& fs = spec.fields[f];
    if (header.field_column[f] >= 0 || fs.derived) continue;
    const bool client_column = fs.name == "client_id" && spec.accepts_bsn;
    if (client_column && header.bsn_column >= 0) continue;
    if (fs.required || (client_column && spec.kind == Kind::kClients))
      absent.emplace_back(client_column ? "client_id (of bsn)" : std::string(fs.name));
  }
  return absent;
}

}  // namespace

Result<Header> read_header(const TableSpec& spec, const CsvRecord& rec,
                           std::vector<std::string>& warnings) {
  Header header;
  header.column_field.assign(rec.fields.size(), -1);
  header.field_column.assign(spec.fields.size(), -1);
  std::vector<std::string> unknown;
  for (size_t c = 0; c < rec.fields.size(); ++c) {
    const std::string name = util::lower_ascii(util::trim(rec.fields[c]));
    if (spec.accepts_bsn && name == "bsn") {
      if (header.bsn_column >= 0) return header_problem("kolom 'bsn' komt twee keer voor");
      header.bsn_column = static_cast<int>(c);
      header.column_field[c] = -2;
      continue;
    }
    const int f = spec.field_index(name);
    if (f < 0 || spec.fields[static_cast<size_t>(f)].derived) {
      unknown.push_back(name.empty() ? fmt::format("(kolom {})", c + 1) : name);
      continue;
    }
    if (header.field_column[static_cast<size_t>(f)] >= 0)
      return header_problem(fmt::format("kolom '{}' komt twee keer voor", name));
    header.field_column[static_cast<size_t>(f)] = static_cast<int>(c);
    header.column_field[c] = f;
  }
  if (!unknown.empty())
    warnings.push_back(fmt::format("onbekende kolommen genegeerd: {}", joined(unknown)));
  const std::vector<std::string> absent = absent_columns(spec, header);
  if (!absent.empty())
    return header_problem(fmt::format("verplichte kolom ontbreekt: {}", joined(absent)));
  return header;
}

Result<std::unique_ptr<RecordSource>> open_source(const SourceFile& file) {
  if (file.workbook != nullptr) return RecordSource::open_sheet(file.workbook, file.sheet);
  return RecordSource::open_csv(file.path);
}

namespace {

// Reads the header through the file's mapping: the export's headers become contract names, and
// the export columns no mapping names are reported once instead of as unknown columns.
Result<Header> read_mapped_header(const model::TableSpec& spec, const KindMapping& table,
                                  CsvRecord& rec, CheckedFile& file,
                                  std::vector<std::string>& warnings) {
  std::vector<std::string> ignored;
  auto mapped = FileMapping::from_header(table, rec.fields, ignored);
  if (!mapped) return mapped.status();
  file.mapping = std::move(*mapped);
  const std::vector<std::string>& names = file.mapping->contract_header();
  rec.fields.assign(names.begin(), names.end());
  std::vector<std::string> unknown;
  auto header = read_header(spec, rec, unknown);
  if (!ignored.empty()) {
    warnings.push_back(
        fmt::format("kolommen die de mapping niet noemt, genegeerd: {}", joined(ignored)));
  }
  return header;
}

}  // namespace

Result<CheckedFile> open_checked(const SourceFile& file, std::vector<std::string>& warnings,
                                 std::string& read_as) {
  auto opened = open_source(file);
  if (!opened) return opened.status();
  CheckedFile checked{std::move(*opened), {}, std::nullopt};
  read_as = checked.reader->read_as();
  if (Status s = checked.reader->check(); !s) return s;
  CsvRecord rec;
  if (!checked.reader->next(rec)) return header_problem("leeg bestand (geen kopregel)");
  if (!rec.error.empty()) return header_problem(fmt::format("kopregel onleesbaar: {}", rec.error));
  auto header = file.table != nullptr
                    ? read_mapped_header(*file.spec, *file.table, rec, checked, warnings)
                    : read_header(*file.spec, rec, warnings);
  if (!header) return header.status();
  checked.header = std::move(*header);
  if (checked.header.bsn_column >= 0) {
    checked.reader->pad_to_nine_digits(static_cast<size_t>(checked.header.bsn_column));
  }
  return checked;
}

}  // namespace rk::ingest
