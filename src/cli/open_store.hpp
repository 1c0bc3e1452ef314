// Opening the store named by --db together with the engine's snapshot of it: the first steps of
// every command that reads figures (kpi, report, close, export).
#pragma once

#include <memory>
#include <string>

#include "engine/snapshot.hpp"
#include "model/status.hpp"
#include "store/store.hpp"

namespace rk::cli {

struct OpenedStore {
  std::unique_ptr<store::Store> store;
  std::shared_ptr<const engine::Snapshot> snapshot;
};

// `db` is a SQLite file, which must exist (reading never creates a store), or a postgresql://
// URI; `cache_dir` is where a server store's snapshot is kept (store::OpenOptions).
Result<OpenedStore> open_store_with_snapshot(const std::string& db, const std::string& cache_dir);

}  // namespace rk::cli
