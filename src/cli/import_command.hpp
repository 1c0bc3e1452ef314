// Shared by `import`, `check` and `demo`: run an import (or a dry run) into a store and print
// its summary.
#pragma once

#include <string>
#include <vector>

namespace rk::cli {

struct ImportRequest {
  std::string db;
  std::vector<std::string> paths;
  bool replace = false;
  std::string rejects;    // default: DB.rejects.csv
  std::string key;        // default: $REGIEKAMER_KEY_FILE or DB.key (required for PostgreSQL)
  std::string cache_dir;  // snapshot folder of a PostgreSQL store (store::OpenOptions)
  bool progress = false;
  std::string mapping;  // mapping file (mapping.md); empty: a folder's own mapping.toml
  bool check = false;   // a dry run: validate as an import would and change nothing
};

// Returns the exit code of cli.md: 0 ok, 1 failure (store unchanged), 2 usage, 3 rows rejected.
// A check returns 0 when every row is valid, 3 when some rows would be rejected, 1 when a whole
// file would be; it leaves the store and its snapshot unchanged.
int run_import(const ImportRequest& request);

}  // namespace rk::cli
