// The checks of a CSV file as a whole, before any of its records: the file can be read, is
// UTF-8 and not empty, and its header names every required column once. A file that fails them
// is rejected as a whole (nothing of it is imported); the reason says what to fix.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ingest/csv_reader.hpp"
#include "model/contract.hpp"
#include "model/status.hpp"

namespace rk::ingest {

// Column layout of one file, from its header.
struct Header {
  std::vector<int> column_field;  // per CSV column: the contract field it fills, -1 ignored,
                                  // -2 the bsn column
  int bsn_column = -1;            // CSV column of `bsn`, or -1
  std::vector<int> field_column;  // per contract field: its CSV column, or -1
};

// Reads the header record `rec` of a file of `spec`. Names are matched without case and
// surrounding blanks; `bsn` is accepted where the table accepts one. Unknown columns are
// ignored with a warning added to `warnings`. Fails (kInvalidInput) when a column appears twice
// or a required column is missing.
Result<Header> read_header(const model::TableSpec& spec, const CsvRecord& rec,
                           std::vector<std::string>& warnings);

// A file that passed the whole-file checks: its reader, positioned after the header, and the
// header.
struct CheckedFile {
  std::unique_ptr<CsvReader> reader;
  Header header;
};

// Opens the file at `path` and runs every whole-file check for a file of `spec`. Fails with the
// reason the file is rejected (kIo when it cannot be read, kInvalidInput otherwise).
Result<CheckedFile> open_checked(const std::string& path, const model::TableSpec& spec,
                                 std::vector<std::string>& warnings);

}  // namespace rk::ingest
