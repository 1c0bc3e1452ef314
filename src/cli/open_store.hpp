// Opening the store named by --db together with the engine's snapshot of it, and the store's
// secret key: the first steps of every command that reads figures (kpi, report, close, export)
// or accounts (user).
#pragma once

#include <memory>
#include <string>

#include "engine/record_keys.hpp"
#include "engine/role.hpp"
#include "engine/snapshot.hpp"
#include "model/status.hpp"
#include "store/store.hpp"

namespace rk::cli {

struct OpenedStore {
  std::unique_ptr<store::Store> store;
  std::shared_ptr<const engine::Snapshot> snapshot;
};

// Opens the store `db`: a SQLite file, which must exist (a mistyped path must not create an empty
// store; kNotFound), or a postgresql:// URI; `cache_dir` is where a server store's snapshot is
// kept (store::OpenOptions).
Result<std::unique_ptr<store::Store>> open_existing_store(const std::string& db,
                                                          const std::string& cache_dir = "");

// The same, with the engine's snapshot of the store (loaded, or built when missing or stale).
Result<OpenedStore> open_store_with_snapshot(const std::string& db, const std::string& cache_dir);

// The record keys of the cell-key method for `snapshot`, from the store's key file (read only,
// never created). Fails with a Dutch message when the key is missing.
Result<std::shared_ptr<const engine::RecordKeys>> load_record_keys(
    const std::string& key_option, const store::Store& store,
    std::shared_ptr<const engine::Snapshot> snapshot);

// The same, but only when `role` needs them (municipality, public); null for analysts, whose
// figures are exact.
Result<std::shared_ptr<const engine::RecordKeys>> record_keys_for(engine::Role role,
                                                                  const std::string& key_option,
                                                                  const OpenedStore& opened);

}  // namespace rk::cli
