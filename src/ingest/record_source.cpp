#include "ingest/record_source.hpp"

#include <fmt/format.h>

namespace rk::ingest {

RecordSource::~RecordSource() = default;

Result<std::unique_ptr<RecordSource>> RecordSource::open_csv(const std::string& path) {
  auto reader = CsvReader::open(path);
  if (!reader) return reader.status();
  std::unique_ptr<RecordSource> source(new RecordSource());
  source->csv_ = std::move(*reader);
  if (Status s = source->open_bytes(); !s) return s;
  return source;
}

Result<std::unique_ptr<RecordSource>> RecordSource::csv_from_string(std::string bytes) {
  std::unique_ptr<RecordSource> source(new RecordSource());
  source->csv_ = CsvReader::from_string(std::move(bytes));
  if (Status s = source->open_bytes(); !s) return s;
  return source;
}

// Detects the dialect of the file's bytes; converts them once when the reader cannot read them
// as they are. A canonical file is read straight from its mapping.
Status RecordSource::open_bytes() {
  dialect_ = detect_dialect(csv_->data());
  if (dialect_.needs_conversion()) {
    auto converted = to_utf8_lines(csv_->data(), dialect_);
    if (!converted) return converted.status();
    csv_ = CsvReader::from_string(std::move(*converted));
  }
  csv_->set_separator(dialect_.separator);
  read_as_ = describe(dialect_);
  return Status::ok();
}

Result<std::unique_ptr<RecordSource>> RecordSource::open_sheet(
    std::shared_ptr<const xlsx::Workbook> workbook, size_t sheet) {
  auto reader = workbook->open_sheet(sheet);
  if (!reader) return reader.status();
  std::unique_ptr<RecordSource> source(new RecordSource());
  source->read_as_ =
      fmt::format("gelezen als Excel-werkmap, blad '{}'{}", workbook->sheet_names()[sheet],
                  workbook->date1904() ? ", datumsysteem 1904" : "");
  source->sheet_ = std::move(*reader);
  source->workbook_ = std::move(workbook);
  return source;
}

Status RecordSource::check() const {
  if (sheet_ != nullptr) return Status::ok();  // an empty sheet has no header: the importer says so
  // A file with invalid bytes is not empty, and its bad rows are rejected one by one.
  if (dialect_.has_invalid_utf8) return Status::ok();
  return csv_->check_file();
}

bool RecordSource::next(CsvRecord& out) {
  if (sheet_ != nullptr) return sheet_->next(out);
  if (!csv_->next(out)) return false;
  if (dialect_.has_invalid_utf8 && out.error.empty()) {
    const auto offset = static_cast<uint64_t>(out.raw.data() - csv_->data().data());
    if (!check_row_utf8(out.raw, offset, out.error)) out.error_field = 1;
  }
  return true;
}

void RecordSource::pad_to_nine_digits(size_t column) {
  if (sheet_ != nullptr) sheet_->pad_to_nine_digits(column);
}

uint64_t RecordSource::position() const {
  return sheet_ != nullptr ? sheet_->rows_read() : csv_->bytes_read();
}

uint64_t RecordSource::size() const {
  return sheet_ != nullptr ? sheet_->rows_total() : csv_->size();
}

}  // namespace rk::ingest
