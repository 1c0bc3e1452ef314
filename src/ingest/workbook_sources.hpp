// Which contract files a delivered file holds: a CSV file by its name or by a mapping's `files`
// globs (mapping.md), a workbook by the rules of data-contract.md ("Excel workbooks") and the
// mapping's `sheet`.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/mapping.hpp"
#include "ingest/xlsx/workbook.hpp"
#include "model/contract.hpp"
#include "model/status.hpp"

namespace rk::ingest {

// The contract kind of a file named `file_name` (no folder): the mapping table whose `files`
// match it (returned in `table`), else the contract file of that name (`table` null); nullptr
// when neither. `mapping` may be null.
const model::TableSpec* kind_of_file(std::string_view file_name, const Mapping* mapping,
                                     const KindMapping*& table);

// True for a file name ending in .xlsx (any case).
bool is_workbook_name(std::string_view file_name);

// One sheet of a workbook read as a contract file.
struct WorkbookPart {
  const model::TableSpec* spec = nullptr;
  const KindMapping* table = nullptr;  // the mapping table that applies, or null
  size_t sheet = 0;
  std::string label;  // for summaries and reject lines: "data.xlsx [blad clients]"
};

struct WorkbookContents {
  std::shared_ptr<const xlsx::Workbook> workbook;
  std::vector<WorkbookPart> parts;  // in sheet order
  std::vector<std::string> warnings;
};

// Opens the workbook at `path` and finds its contract files:
// - a workbook whose name a mapping table's `files` match is that kind, read from the table's
//   `sheet` or else its first sheet;
// - a workbook named after a contract file (clients.xlsx) is that file, from its first sheet;
// - in any other workbook each sheet named after a contract kind ("clients", without case) is
//   that file; other sheets are ignored with a warning.
// Fails with kInvalidInput (Dutch reason: the file is rejected) when the workbook cannot be
// read, the mapping's sheet is missing, or no sheet is named after a contract kind; kIo when the
// file cannot be opened.
Result<WorkbookContents> workbook_contents(const std::string& path, const Mapping* mapping);

}  // namespace rk::ingest
