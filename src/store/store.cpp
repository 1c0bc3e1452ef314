#include "store/store.hpp"

#include <charconv>
#include <cstdlib>

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

Result<int64_t> Store::data_version() {
  auto v = get_meta("data_version");
  if (!v) return v.status();
  if (v->empty()) return int64_t{0};
  int64_t n = 0;
  const auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc{} || end != v->data() + v->size())
    return Status::error(ErrorKind::kStore,
                         "de gegevensversie in de opslag is geen getal; importeer opnieuw");
  return n;
}

std::string key_file(const std::string& option, const Store& store) {
  if (!option.empty()) return option;
  if (const char* env = std::getenv("REGIEKAMER_KEY_FILE"); env != nullptr && *env != '\0')
    return env;
  if (store.shared()) return {};
  return store.side_path(".key");
}

}  // namespace rk::store
