// The store: one interface for every backend (SQLite, store/sqlite_store.hpp, and PostgreSQL,
// store/postgres_store.hpp), chosen by Store::open from the URI.
// Records are rows of the contract tables (model/contract.hpp) in canonical form; the schema is
// generated from the contract and versioned by migrations. Views never see SQL: they read
// through scan() or, in the engine, through the snapshot built from it.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/contract.hpp"
#include "model/status.hpp"

namespace rk::store {

// One cell of a row, borrowed (text points into the caller's buffer).
// Stored representation per contract FieldType (schema.cpp):
//   kDate, kTimestamp, kMonth, kPeriod, kText, kId, kEnum, kMunicipalityCode -> TEXT (canonical)
//   kBool, kInt, kMoney (cents) -> INTEGER (PostgreSQL: BIGINT);
//   kNumber -> REAL (PostgreSQL: DOUBLE PRECISION).
// A row passed to upsert() has one cell per field of table_spec(kind).fields, in that order,
// followed by the `seq` cell when the table has_seq.
struct Cell {
  enum class Tag : uint8_t { kNull, kInt, kReal, kText };
  Tag tag = Tag::kNull;
  int64_t i = 0;
  double r = 0;
  std::string_view s;

  static Cell null() { return {}; }
  static Cell integer(int64_t v) { return {Tag::kInt, v, 0, {}}; }
  static Cell real(double v) { return {Tag::kReal, 0, v, {}}; }
  static Cell text(std::string_view v) { return {Tag::kText, 0, 0, v}; }
  [[nodiscard]] bool is_null() const { return tag == Tag::kNull; }
};

// One row of the audit log of the API (`serve`): who asked what, when, and what was answered.
struct AuditRecord {
  std::string time;  // UTC, YYYY-MM-DDTHH:MM:SS.mmmZ
  std::string who;
  std::string role;
  std::string method;
  std::string target;  // path and query
  std::string scope;
  int status = 0;
  int64_t result_size = 0;
  std::string address;  // the client's address as the server saw it
};

using RowVisitor = std::function<void(std::span<const Cell>)>;

struct OpenOptions {
  // Folder for derived files of a server store (the engine's snapshot), which has no folder of
  // its own. Empty: $REGIEKAMER_CACHE_DIR, else $XDG_CACHE_HOME/regiekamer, else
  // /tmp/regiekamer-cache-UID.
  std::string cache_dir;
};

// True when `uri` names a PostgreSQL store (postgresql:// or postgres://).
bool is_server_uri(std::string_view uri);

class Store;
// The store's secret key file (pseudonymization, and the perturbation key derived from it):
// `option` (--key), else REGIEKAMER_KEY_FILE, else (SQLite only) the file beside the store. A
// shared store has no default: every process must name the same key. Empty when there is none.
std::string key_file(const std::string& option, const Store& store);

class Store {
 public:
  virtual ~Store() = default;

  // Opens (creating and migrating as needed) the store named by `uri`: a SQLite file path, or
  // a postgresql:// (postgres://) connection URI.
  static Result<std::unique_ptr<Store>> open(const std::string& uri,
                                             const OpenOptions& options = {});

  // True for a server store shared by several processes (PostgreSQL): there is no default key
  // file beside it, and side_path() points into a local cache folder.
  [[nodiscard]] virtual bool shared() const { return false; }

  [[nodiscard]] virtual int schema_version() const = 0;
  // A number that changes with every committed import (snapshot and cache invalidation).
  virtual Result<int64_t> data_version() = 0;
  // Location for derived files kept beside the store (key file, snapshot); empty when none.
  // For a shared store: a file in the local cache folder named after the store's identity.
  [[nodiscard]] virtual std::string side_path(std::string_view suffix) const = 0;

  // Import transaction: everything between begin() and commit() becomes visible at once or not
  // at all; a crash before commit() leaves the store as it was.
  // The importer opens it through store::Transaction (transaction.hpp), which rolls back
  // unless committed.
  virtual Status begin() = 0;
  virtual Status commit() = 0;
  virtual void rollback() = 0;

  // Inserts the row, replacing any stored row with the same key.  REQUIRES: inside begin().
  virtual Status upsert(model::Kind kind, std::span<const Cell> row) = 0;
  // upsert() of `rows` rows of `columns` cells each, stored one after the other in `cells`.
  // Backends override it to write a batch with fewer statement executions.
  virtual Status upsert_many(model::Kind kind, std::span<const Cell> cells, size_t columns) {
    for (size_t at = 0; at + columns <= cells.size(); at += columns)
      if (Status s = upsert(kind, cells.subspan(at, columns)); !s) return s;
    return Status::ok();
  }
  // Full-export mode for one kind: removes every stored row of `kind`; the rows upserted after it
  // form the new content. REQUIRES: inside begin(), before that kind's upserts.
  virtual Result<int64_t> clear(model::Kind kind) = 0;
  // Removes rows whose required references no longer resolve (after a --replace); returns the
  // number removed per call.  REQUIRES: inside begin().
  virtual Result<int64_t> remove_orphans(model::Kind kind) = 0;

  // Visits every row of `kind`, cells in table_spec(kind).fields order (plus seq), ordered by key.
  virtual Status scan(model::Kind kind, const RowVisitor& visit) = 0;
  virtual Result<int64_t> count(model::Kind kind) = 0;
  // Visits one column of every row of `kind` (used to load known keys for reference checks).
  virtual Status scan_column(model::Kind kind, std::string_view column,
                             const std::function<void(const Cell&)>& visit) = 0;

  // Small key/value metadata (e.g. closed periods, settings).
  virtual Status put_meta(std::string_view key, std::string_view value) = 0;
  virtual Result<std::string> get_meta(std::string_view key) = 0;  // empty when absent
  // Every metadata entry whose key starts with `prefix`, ordered by key.
  virtual Result<std::vector<std::pair<std::string, std::string>>> list_meta(
      std::string_view prefix) = 0;
  // Removes one metadata entry (no error when absent).
  virtual Status delete_meta(std::string_view key) = 0;

  // Appends audit rows in one transaction of their own. REQUIRES: not inside begin().
  virtual Status append_audit(std::span<const AuditRecord> records) = 0;
  virtual Result<int64_t> count_audit() = 0;
};

}  // namespace rk::store
