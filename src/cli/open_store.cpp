#include "cli/open_store.hpp"

#include <filesystem>
#include <utility>

namespace rk::cli {

Result<OpenedStore> open_store_with_snapshot(const std::string& db, const std::string& cache_dir) {
  if (!store::is_server_uri(db) && !std::filesystem::exists(db))
    return Status::error(ErrorKind::kNotFound, "geen gegevensbestand " + db);
  Result<std::unique_ptr<store::Store>> store =
      store::Store::open(db, store::OpenOptions{cache_dir});
  if (!store) return store.status();
  Result<std::shared_ptr<const engine::Snapshot>> snapshot =
      engine::Snapshot::load_or_build(**store);
  if (!snapshot) return snapshot.status();
  return OpenedStore{std::move(*store), std::move(*snapshot)};
}

}  // namespace rk::cli
