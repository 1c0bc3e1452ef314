// The checks of a delivered file as a whole, before any of its records: the file can be read and
// is not empty, and its header (through a mapping, if any) names every required column once. A file
// that fails them is rejected as a whole (nothing of it is imported); the reason says what to fix.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ingest/csv_reader.hpp"
#include "ingest/import_sources.hpp"
#include "ingest/mapping.hpp"
#include "ingest/record_source.hpp"
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
// header; for an export read through a mapping, the mapping applied to its header.
struct CheckedFile {
  std::unique_ptr<RecordSource> reader;
  Header header;
  std::optional<FileMapping> mapping;
};

// Opens a record source for `file`: its CSV file in its dialect, or its workbook sheet.
Result<std::unique_ptr<RecordSource>> open_source(const SourceFile& file);

// Opens `file` (REQUIRES: file.spec) and runs every whole-file check for its kind: readable, not
// empty, a readable header, every mapped header present (the header is then read as the contract
// names its columns), every required column once. Fails with the reason the file is rejected
// (kIo when it cannot be read, kInvalidInput otherwise). `read_as` receives how the file was read
// once it could be opened.
Result<CheckedFile> open_checked(const SourceFile& file, std::vector<std::string>& warnings,
                                 std::string& read_as);

}  // namespace rk::ingest
