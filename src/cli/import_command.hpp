// Shared by `import`, `check` and `demo`: run an import (or a dry run) into a store and print
// its summary.
#pragma once

#include <string>
#include <vector>

#include "cli/common_options.hpp"
#include "model/status.hpp"

namespace rk::cli {

struct ImportRequest {
  // The store; its key defaults to $REGIEKAMER_KEY_FILE or DB.key (required for PostgreSQL).
  StoreOptions store;
  std::vector<std::string> paths;
  bool replace = false;
  std::string rejects;  // default: DB.rejects.csv
  bool progress = false;
  std::string mapping;  // mapping file (mapping.md); empty: a folder's own mapping.toml
  bool check = false;   // a dry run: validate as an import would and change nothing
  std::string report;   // check: the data-quality page to write (check_page.hpp); empty: none
};

// Imports request.paths in one transaction, prints the summary and rebuilds the snapshot. Fails
// (store unchanged) with the importer's kind: kUsage for a missing input path or a PostgreSQL
// store without key file, others with exit code 1; ends with kRejectedRows (exit code 3, no
// message: the summary names the reject file) when rows or files were rejected.
// A check (request.check) leaves the store and its snapshot unchanged and ends with
// kRejectedRows (exit code 3) when rows would be rejected, kInvalidInput (exit code 1, no
// message) when a whole file would be.
Status run_import(const ImportRequest& request);

}  // namespace rk::cli
