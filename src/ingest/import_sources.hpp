// The files of one import: dataset folders and single files expanded into CSV files of the
// contract, ordered by kind (municipalities before areas before clients …) so that references
// inside one import resolve, and iJw message files, which are imported after them.
#pragma once

#include <string>
#include <vector>

#include "model/contract.hpp"
#include "model/status.hpp"

namespace rk::ingest {

struct SourceFile {
  std::string path;
  const model::TableSpec* spec = nullptr;  // null: not a file name of the contract
};

struct Sources {
  std::vector<SourceFile> csv;        // in contract order (unknown names first)
  std::vector<std::string> messages;  // iJw XML messages, in the order given (folders sorted)
};

// Expands `paths`. In a folder, files named after a contract file, other .csv files (rejected
// later as unknown) and .xml files are taken; a single file is taken whatever its name. Fails
// with kUsage when a path does not exist and kIo when a folder cannot be read.
Result<Sources> collect_sources(const std::vector<std::string>& paths);

}  // namespace rk::ingest
