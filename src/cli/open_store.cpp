#include "cli/open_store.hpp"

#include <filesystem>
#include <utility>

namespace rk::cli {

Result<std::unique_ptr<store::Store>> open_existing_store(const std::string& db,
                                                          const std::string& cache_dir) {
  if (!store::is_server_uri(db) && !std::filesystem::exists(db))
    return Status::error(ErrorKind::kNotFound, "geen gegevensbestand " + db);
  return store::Store::open(db, store::OpenOptions{cache_dir});
}

Result<OpenedStore> open_store_with_snapshot(const std::string& db, const std::string& cache_dir) {
  Result<std::unique_ptr<store::Store>> store = open_existing_store(db, cache_dir);
  if (!store) return store.status();
  Result<std::shared_ptr<const engine::Snapshot>> snapshot =
      engine::Snapshot::load_or_build(**store);
  if (!snapshot) return snapshot.status();
  return OpenedStore{std::move(*store), std::move(*snapshot)};
}

Result<std::shared_ptr<const engine::RecordKeys>> load_record_keys(
    const std::string& key_option, const store::Store& store,
    std::shared_ptr<const engine::Snapshot> snapshot) {
  const std::string path = store::key_file(key_option, store);
  if (path.empty())
    return Status::error(ErrorKind::kUsage,
                         "geef de sleutel van de opslag met --key of REGIEKAMER_KEY_FILE (nodig "
                         "voor cijfers voor gemeenten en publiek)");
  Result<engine::PerturbationKey> key = engine::PerturbationKey::from_key_file(path);
  if (!key) return key.status();
  return std::shared_ptr<const engine::RecordKeys>(
      std::make_shared<engine::RecordKeys>(std::move(snapshot), *key));
}

Result<std::shared_ptr<const engine::RecordKeys>> record_keys_for(engine::Role role,
                                                                  const std::string& key_option,
                                                                  const OpenedStore& opened) {
  if (role == engine::Role::kAnalyst) return std::shared_ptr<const engine::RecordKeys>();
  return load_record_keys(key_option, *opened.store, opened.snapshot);
}

}  // namespace rk::cli
