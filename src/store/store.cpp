#include "store/store.hpp"

#include "store/postgres_store.hpp"
#include "store/sqlite_store.hpp"

namespace rk::store {

bool is_server_uri(std::string_view uri) {
  return uri.starts_with("postgresql://") || uri.starts_with("postgres://");
}

Result<std::unique_ptr<Store>> Store::open(const std::string& uri, const OpenOptions& options) {
  if (is_server_uri(uri)) {
    auto s = PostgresStore::open(uri, options);
    if (!s) return s.status();
    return std::unique_ptr<Store>(std::move(*s));
  }
  auto s = SqliteStore::open(uri);
  if (!s) return s.status();
  return std::unique_ptr<Store>(std::move(*s));
}

}  // namespace rk::store
