// One delivered file, or one sheet of an Excel workbook, read as records of text cells: a CSV
// file's dialect is detected and its bytes converted when needed (dialect.hpp); a sheet's cells
// come in the contract's canonical text (xlsx/workbook.hpp). The importer reads every source
// alike, and says per source how it was read.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "ingest/csv_reader.hpp"
#include "ingest/dialect.hpp"
#include "ingest/xlsx/workbook.hpp"
#include "model/status.hpp"

namespace rk::ingest {

class RecordSource {
 public:
  // Opens the CSV file at `path` (memory-mapped), detects its dialect and, for Windows-1252 or
  // CR line ends, converts it once into a UTF-8 buffer. Fails with kIo when the file cannot be
  // read.
  static Result<std::unique_ptr<RecordSource>> open_csv(const std::string& path);
  // The same over CSV bytes in memory (tests and benchmarks).
  static Result<std::unique_ptr<RecordSource>> csv_from_string(std::string bytes);
  // Sheet `sheet` of `workbook`, which the source keeps alive. Fails as Workbook::open_sheet.
  static Result<std::unique_ptr<RecordSource>> open_sheet(
      std::shared_ptr<const xlsx::Workbook> workbook, size_t sheet);

  ~RecordSource();
  RecordSource(const RecordSource&) = delete;
  RecordSource& operator=(const RecordSource&) = delete;

  // Whole-source checks before reading: fails with kInvalidInput when a CSV file is empty (no
  // bytes, only a BOM or only line breaks) or a sheet holds no row with a value.
  [[nodiscard]] Status check() const;

  // Reads the next record, as CsvReader::next does. In a UTF-8 file with invalid bytes, a record
  // that holds one comes with `error` set to a Dutch reason naming the byte's offset in the file
  // (check_row_utf8), so the row is rejected and the others read.
  bool next(CsvRecord& out);

  // How the source was read, one line in Dutch ("gelezen als Windows-1252, scheidingsteken ;,
  // decimaalteken ," or "gelezen als Excel-werkmap, blad 'clients'").
  [[nodiscard]] const std::string& read_as() const { return read_as_; }
  // The dialect in which the values are read: the file's, or for a sheet the canonical one (its
  // cells are canonical text already, but a text cell may hold a Dutch date or number).
  [[nodiscard]] const Dialect& dialect() const { return dialect_; }
  // True when the source is a workbook sheet.
  [[nodiscard]] bool is_sheet() const { return sheet_ != nullptr; }
  // Numeric cells of `column` (0-based) are written padded to 9 digits; for a sheet's bsn column.
  // No effect on a CSV file.
  void pad_to_nine_digits(size_t column);

  // Progress: bytes of a CSV file, rows of a sheet.
  [[nodiscard]] uint64_t position() const;
  [[nodiscard]] uint64_t size() const;

 private:
  RecordSource() = default;
  Status open_bytes();

  std::unique_ptr<CsvReader> csv_;
  std::shared_ptr<const xlsx::Workbook> workbook_;
  std::unique_ptr<xlsx::SheetReader> sheet_;
  Dialect dialect_;
  std::string read_as_;
};

}  // namespace rk::ingest
