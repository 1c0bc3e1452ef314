// Excel workbooks (.xlsx, Office Open XML) read as the data contract's files
// (data-contract.md, "Excel workbooks"): the sheets of a workbook, and for one sheet a stream of
// rows of text cells in the contract's canonical form, so that the importer reads a sheet as it
// reads a CSV file. Read with libzip (zip_archive.hpp) and pugixml; every size is bounded and a
// bad workbook is refused with a Dutch reason, never a crash or a hang.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <pugixml.hpp>

#include "ingest/csv_reader.hpp"
#include "ingest/xlsx/cell_text.hpp"
#include "ingest/xlsx/zip_archive.hpp"
#include "model/status.hpp"

namespace rk::ingest::xlsx {

class SheetReader;

class Workbook {
 public:
  // Opens the workbook at `path` and reads its structure: the sheets, the shared strings, the
  // number formats and the date system. Fails with kIo when the file cannot be read and with
  // kInvalidInput, with a reason that says what to do, when it is no zip archive, is a zip bomb,
  // holds XML with a DOCTYPE, misses a part it names, or has a shared string table over the
  // limits.
  static Result<std::unique_ptr<Workbook>> open(const std::string& path, const Limits& limits = {});
  // The same over the bytes of a workbook (tests and fuzzing).
  static Result<std::unique_ptr<Workbook>> from_bytes(std::string bytes, const Limits& limits = {});

  ~Workbook();
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;

  // The sheets' names in workbook order.
  [[nodiscard]] const std::vector<std::string>& sheet_names() const { return sheet_names_; }
  // True when the workbook counts days from 1904 (workbookPr date1904).
  [[nodiscard]] bool date1904() const { return date1904_; }

  // The rows of sheet `index` (< sheet_names().size()). The sheet's XML is read whole (bounded by
  // Limits::max_part_bytes). Fails with kInvalidInput when its part is missing, too large or not
  // well-formed XML. The reader borrows this workbook, which must outlive it.
  [[nodiscard]] Result<std::unique_ptr<SheetReader>> open_sheet(size_t index) const;

 private:
  friend class SheetReader;
  Workbook() = default;
  Status load();
  Status load_relations(const std::string& workbook_part, const std::vector<std::string>& ids);
  Status load_shared_strings(const std::string& part);
  Status load_styles(const std::string& part);

  std::unique_ptr<ZipArchive> zip_;
  std::vector<std::string> sheet_names_;
  std::vector<std::string> sheet_parts_;
  std::vector<std::string> shared_strings_;
  std::vector<NumberKind> style_kinds_;  // per cell style (cellXfs index)
  bool date1904_ = false;
};

// The rows of one sheet, one at a time, as CsvReader hands out a file's records.
class SheetReader {
 public:
  ~SheetReader();
  SheetReader(const SheetReader&) = delete;
  SheetReader& operator=(const SheetReader&) = delete;

  // Reads the next row that holds a value into `out`: `fields` are the cells from column A up to
  // the header row's last non-empty cell (or further when a row has values beyond it), empty
  // cells empty; `line` is the sheet's row number; `raw` the cells joined as CSV text (for the
  // reject file). Text cells are their text, date cells YYYY-MM-DD or, in a date-time format
  // with a time of day, YYYY-MM-DDTHH:MM:SS, numbers as number_text writes them, booleans
  // true/false. A cell that cannot be read (an Excel error value such as #N/A, a shared string
  // that does not exist, a bad cell reference) sets `error` and `error_field`. Returns false
  // after the last row. The views stay valid until the next call.
  bool next(CsvRecord& out);

  // Numeric cells in column `column` (0-based) are written with leading zeros to 9 digits (the
  // contract's bsn column). Applies to the rows read after the call.
  void pad_to_nine_digits(size_t column);

  // Rows of the sheet's XML consumed so far and in total, for progress reports.
  [[nodiscard]] uint64_t rows_read() const { return next_row_; }
  [[nodiscard]] uint64_t rows_total() const { return rows_.size(); }

 private:
  friend class Workbook;
  SheetReader(const Workbook& workbook, std::string xml);
  Status parse();
  // Fills cells_ from one <row>; returns false when the row holds no value.
  bool read_row(const pugi::xml_node& row, uint64_t row_number, CsvRecord& out);
  void cell_text(const pugi::xml_node& cell, size_t column, std::string& text, CsvRecord& out);

  const Workbook& workbook_;
  std::string xml_;
  pugi::xml_document doc_;
  std::vector<pugi::xml_node> rows_;  // the <row> nodes in document order
  size_t next_row_ = 0;
  uint64_t last_row_number_ = 0;
  size_t width_ = 0;  // columns of the header row; 0 before it
  std::vector<bool> pad_;
  std::vector<std::string> cells_;
  std::string raw_;
};

}  // namespace rk::ingest::xlsx
