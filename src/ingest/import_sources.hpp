// The files of one import: dataset folders and single files expanded into CSV files of the
// contract, ordered by kind (municipalities before areas before clients …) so that references
// inside one import resolve, and iJw message files, which are imported after them.
#pragma once

#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "ingest/mapping.hpp"
#include "ingest/xlsx/workbook.hpp"

#include "model/contract.hpp"
#include "model/status.hpp"

namespace rk::ingest {

struct SourceFile {
  std::string path;
  const model::TableSpec* spec = nullptr;  // null: not a file name of the contract
  const KindMapping* table = nullptr;      // the mapping table the file is read through, if any
  std::shared_ptr<const xlsx::Workbook> workbook;  // set for a sheet of a workbook
  size_t sheet = 0;
  std::string label;  // for the summary and reject lines: the path, or "path [blad name]"
  std::string error;  // a whole-file defect found while collecting (a workbook that cannot be read)
  std::vector<std::string> warnings;
};

struct Sources {
  std::vector<SourceFile> csv;        // in contract order (unknown names first)
  std::vector<std::string> messages;  // iJw XML messages, in the order given (folders sorted)
  std::deque<Mapping> mappings;       // folders' own mapping.toml files, which `csv` points into
};

// Expands `paths`. In a folder, files named after a contract file or matched by the mapping,
// workbooks (one source per contract sheet, workbook_sources.hpp), other .csv files (rejected
// later as unknown) and .xml files are taken; a single file is taken whatever its name. The
// mapping is `mapping`, else a folder's own mapping.toml. Fails with kUsage when a path does not
// exist or a mapping.toml is refused, and kIo when a folder cannot be read.
Result<Sources> collect_sources(const std::vector<std::string>& paths,
                                const Mapping* mapping = nullptr);

}  // namespace rk::ingest
