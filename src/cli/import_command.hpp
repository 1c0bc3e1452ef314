// Shared by `import` and `demo`: run an import into a store and print its summary.
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
};

// Returns the exit code of cli.md: 0 ok, 1 failure (store unchanged), 2 usage, 3 rows rejected.
int run_import(const ImportRequest& request);

}  // namespace rk::cli
