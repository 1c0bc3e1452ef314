#include "store/sqlite_store.hpp"

#include <sqlite3.h>

#include <algorithm>

#include <fmt/format.h>

#include "store/schema.hpp"
#include "store/transaction.hpp"

namespace rk::store {

namespace {
constexpr const char* kAlreadyOpen = "er is al een transactie open";
}  // namespace

void SqliteStore::StmtDeleter::operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path) {
  // No memory statistics: they take a global mutex on every allocation of the import's writer.
  // Only possible before SQLite initializes; later calls fail harmlessly.
  static const bool configured = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)configured;
  std::unique_ptr<SqliteStore> store(new SqliteStore(path));
  // No connection mutex: the store is used by one thread at a time (the import's writer thread
  // and the main thread hand it over through RowPipe::drain()).
  const int rc =
      sqlite3_open_v2(path.c_str(), &store->db_,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    return Status::error(ErrorKind::kStore,
                         fmt::format("kan de database {} niet openen: {}", path,
                                     store->db_ ? sqlite3_errmsg(store->db_) : "geen geheugen"));
  }
  sqlite3_busy_timeout(store->db_, 30000);
  // Rollback journal: pages added by a bulk import need no journal copy, and an interrupted
  // import is rolled back from the journal on the next open.
  // 16 KiB pages (for a new file; an existing store keeps its page size): fewer, fuller b-tree
  // pages for the bulk rows of an import.
  for (const char* pragma :
       {"PRAGMA page_size=16384", "PRAGMA journal_mode=DELETE", "PRAGMA synchronous=FULL",
        "PRAGMA foreign_keys=OFF", "PRAGMA cache_size=-524288", "PRAGMA temp_store=MEMORY"}) {
    if (Status s = store->exec(pragma); !s) return s;
  }
  if (Status s = store->migrate(); !s) return s;
  return store;
}

SqliteStore::~SqliteStore() {
  for (auto& s : upserts_) s.reset();
  for (auto& s : multi_upserts_) s.reset();
  put_meta_.reset();
  get_meta_.reset();
  if (in_transaction_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(db_);
}

Status SqliteStore::error(const std::string& what) const {
  return Status::error(ErrorKind::kStore, fmt::format("{}: {}", what, sqlite3_errmsg(db_)));
}

Status SqliteStore::exec(const std::string& sql) {
  char* msg = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &msg) != SQLITE_OK) {
    std::string text = msg ? msg : "onbekende fout";
    sqlite3_free(msg);
    return Status::error(ErrorKind::kStore, fmt::format("SQL mislukt in de opslag {}: {} ({})",
                                                        path_, text, sql.substr(0, 80)));
  }
  return Status::ok();
}

Result<SqliteStore::Stmt> SqliteStore::prepare(const std::string& sql) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                         &raw, nullptr) != SQLITE_OK) {
    return error("SQL voorbereiden mislukt");
  }
  return Stmt(raw);
}

Status SqliteStore::migrate() {
  if (Status s = exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                      "description TEXT NOT NULL, applied_at TEXT NOT NULL)");
      !s)
    return s;
  auto stmt = prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  if (!stmt) return stmt.status();
  if (sqlite3_step(stmt->get()) == SQLITE_ROW) schema_version_ = sqlite3_column_int(stmt->get(), 0);
  const auto run = [this](const std::string& sql) { return exec(sql); };
  for (const auto& m : migrations(Dialect::kSqlite)) {
    if (m.version <= schema_version_) continue;
    SqlTransaction tx(run, "BEGIN IMMEDIATE");
    if (!tx.status()) return tx.status();
    for (const auto& sql : m.statements)
      if (Status s = exec(sql); !s) return s;
    if (Status s = exec(fmt::format("INSERT INTO schema_migrations VALUES ({}, '{}', "
                                    "strftime('%Y-%m-%dT%H:%M:%S','now'))",
                                    m.version, m.description));
        !s)
      return s;
    if (Status s = tx.commit(); !s) return s;
    schema_version_ = m.version;
  }
  return Status::ok();
}

std::string SqliteStore::side_path(std::string_view suffix) const {
  return path_ + std::string(suffix);
}

Result<int64_t> SqliteStore::data_version() {
  auto v = get_meta("data_version");
  if (!v) return v.status();
  return v->empty() ? int64_t{0} : std::stoll(*v);
}

Status SqliteStore::begin() {
  if (in_transaction_) return Status::error(ErrorKind::kInternal, kAlreadyOpen);
  if (Status s = exec("BEGIN IMMEDIATE"); !s) return s;
  in_transaction_ = true;
  return Status::ok();
}

Status SqliteStore::commit() {
  auto v = data_version();
  if (!v) return v.status();
  if (Status s = put_meta("data_version", std::to_string(*v + 1)); !s) return s;
  if (Status s = exec("COMMIT"); !s) return s;
  in_transaction_ = false;
  return Status::ok();
}

void SqliteStore::rollback() {
  if (!in_transaction_) return;
  exec("ROLLBACK").ignore();
  in_transaction_ = false;
}

Status SqliteStore::upsert(model::Kind kind, std::span<const Cell> row) {
  const auto k = static_cast<size_t>(kind);
  const auto& spec = model::table_spec(kind);
  if (!upserts_[k]) {
    const auto cols = stored_columns(spec);
    std::string sql = fmt::format("INSERT OR REPLACE INTO {} VALUES (", spec.table);
    for (size_t i = 0; i < cols.size(); ++i) sql += i ? ",?" : "?";
    sql += ")";
    auto stmt = prepare(sql);
    if (!stmt) return stmt.status();
    upserts_[k] = std::move(*stmt);
  }
  sqlite3_stmt* st = upserts_[k].get();
  bind_row(st, spec, row, 0);
  const int rc = sqlite3_step(st);
  sqlite3_reset(st);
  if (rc != SQLITE_DONE) return error(fmt::format("schrijven in {} mislukt", spec.table));
  return Status::ok();
}

namespace {
constexpr size_t kMultiRows = 64;
}  // namespace

Status SqliteStore::upsert_many(model::Kind kind, std::span<const Cell> cells, size_t columns) {
  const auto k = static_cast<size_t>(kind);
  const auto& spec = model::table_spec(kind);
  const size_t rows = columns == 0 ? 0 : cells.size() / columns;
  size_t r = 0;
  if (rows >= kMultiRows) {
    if (!multi_upserts_[k]) {
      const auto cols = stored_columns(spec);
      std::string one = "(";
      for (size_t i = 0; i < cols.size(); ++i) one += i ? ",?" : "?";
      one += ")";
      std::string sql = fmt::format("INSERT OR REPLACE INTO {} VALUES ", spec.table);
      for (size_t i = 0; i < kMultiRows; ++i) {
        if (i) sql += ',';
        sql += one;
      }
      auto stmt = prepare(sql);
      if (!stmt) return stmt.status();
      multi_upserts_[k] = std::move(*stmt);
    }
    sqlite3_stmt* st = multi_upserts_[k].get();
    // Rows of one statement are written in order, so a later duplicate key still replaces an
    // earlier one as with single-row statements.
    for (; r + kMultiRows <= rows; r += kMultiRows) {
      for (size_t i = 0; i < kMultiRows; ++i)
        bind_row(st, spec, cells.subspan((r + i) * columns, columns),
                 static_cast<int>(i * columns));
      const int rc = sqlite3_step(st);
      sqlite3_reset(st);
      if (rc != SQLITE_DONE) return error(fmt::format("schrijven in {} mislukt", spec.table));
    }
  }
  for (; r < rows; ++r)
    if (Status s = upsert(kind, cells.subspan(r * columns, columns)); !s) return s;
  return Status::ok();
}

void SqliteStore::bind_row(sqlite3_stmt* st, const model::TableSpec& spec,
                           std::span<const Cell> row, int first) {
  for (size_t i = 0; i < row.size(); ++i) {
    const Cell& c = row[i];
    const int col = first + static_cast<int>(i) + 1;
    switch (c.tag) {
      case Cell::Tag::kNull:
        if (i < spec.fields.size() && is_nullable_key(spec, i))
          sqlite3_bind_text(st, col, "", 0, SQLITE_STATIC);
        else
          sqlite3_bind_null(st, col);
        break;
      case Cell::Tag::kInt:
        sqlite3_bind_int64(st, col, c.i);
        break;
      case Cell::Tag::kReal:
        sqlite3_bind_double(st, col, c.r);
        break;
      case Cell::Tag::kText:
        sqlite3_bind_text(st, col, c.s.data(), static_cast<int>(c.s.size()), SQLITE_STATIC);
        break;
    }
  }
}

Result<int64_t> SqliteStore::clear(model::Kind kind) {
  const auto& spec = model::table_spec(kind);
  if (Status s = exec(fmt::format("DELETE FROM {}", spec.table)); !s) return s;
  return static_cast<int64_t>(sqlite3_changes64(db_));
}

Result<int64_t> SqliteStore::remove_orphans(model::Kind kind) {
  const auto& spec = model::table_spec(kind);
  int64_t removed = 0;
  for (const auto& f : spec.fields) {
    if (f.references < 0) continue;
    const auto& target = model::table_spec(static_cast<model::Kind>(f.references));
    // Optional references are cleared rather than deleting the row, unless part of the key.
    const bool remove_row =
        f.required || std::find(spec.key.begin(), spec.key.end(), f.name) != spec.key.end();
    const std::string sql =
        remove_row
            ? fmt::format(
                  "DELETE FROM {0} WHERE \"{1}\" IS NOT NULL AND \"{1}\" <> '' AND "
                  "\"{1}\" NOT IN (SELECT \"{3}\" FROM {2})",
                  spec.table, f.name, target.table, target.key.front())
            : fmt::format(
                  "UPDATE {0} SET \"{1}\" = NULL WHERE \"{1}\" IS NOT NULL AND \"{1}\" <> '' AND "
                  "\"{1}\" NOT IN (SELECT \"{3}\" FROM {2})",
                  spec.table, f.name, target.table, target.key.front());
    if (Status s = exec(sql); !s) return s;
    if (remove_row) removed += sqlite3_changes64(db_);
  }
  return removed;
}

Status SqliteStore::scan(model::Kind kind, const RowVisitor& visit) {
  const auto& spec = model::table_spec(kind);
  const auto cols = stored_columns(spec);
  std::string sql = "SELECT ";
  for (size_t i = 0; i < cols.size(); ++i) sql += fmt::format("{}\"{}\"", i ? "," : "", cols[i]);
  sql += fmt::format(" FROM {} ORDER BY ", spec.table);
  for (size_t i = 0; i < spec.key.size(); ++i)
    sql += fmt::format("{}\"{}\"", i ? "," : "", spec.key[i]);
  if (spec.has_seq) sql += ",seq";
  auto stmt = prepare(sql);
  if (!stmt) return stmt.status();
  std::vector<Cell> row(cols.size());
  sqlite3_stmt* st = stmt->get();
  int rc = 0;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    for (size_t i = 0; i < cols.size(); ++i) {
      const int col = static_cast<int>(i);
      switch (sqlite3_column_type(st, col)) {
        case SQLITE_INTEGER:
          row[i] = Cell::integer(sqlite3_column_int64(st, col));
          break;
        case SQLITE_FLOAT:
          row[i] = Cell::real(sqlite3_column_double(st, col));
          break;
        case SQLITE_NULL:
          row[i] = Cell::null();
          break;
        default: {
          const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st, col));
          const auto n = static_cast<size_t>(sqlite3_column_bytes(st, col));
          if (n == 0 && i < spec.fields.size() && is_nullable_key(spec, i))
            row[i] = Cell::null();
          else
            row[i] = Cell::text(std::string_view(p, n));
        }
      }
    }
    visit(row);
  }
  if (rc != SQLITE_DONE) return error(fmt::format("lezen uit {} mislukt", spec.table));
  return Status::ok();
}

Status SqliteStore::scan_column(model::Kind kind, std::string_view column,
                                const std::function<void(const Cell&)>& visit) {
  const auto& spec = model::table_spec(kind);
  auto stmt = prepare(fmt::format("SELECT \"{}\" FROM {}", column, spec.table));
  if (!stmt) return stmt.status();
  sqlite3_stmt* st = stmt->get();
  int rc = 0;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    if (sqlite3_column_type(st, 0) == SQLITE_NULL) {
      visit(Cell::null());
      continue;
    }
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    visit(Cell::text(std::string_view(p, static_cast<size_t>(sqlite3_column_bytes(st, 0)))));
  }
  if (rc != SQLITE_DONE) return error(fmt::format("lezen uit {} mislukt", spec.table));
  return Status::ok();
}

Result<int64_t> SqliteStore::count(model::Kind kind) {
  auto stmt = prepare(fmt::format("SELECT COUNT(*) FROM {}", model::table_spec(kind).table));
  if (!stmt) return stmt.status();
  if (sqlite3_step(stmt->get()) != SQLITE_ROW) return error("tellen mislukt");
  return static_cast<int64_t>(sqlite3_column_int64(stmt->get(), 0));
}

// Metadata statements are prepared once: the iJw ledger reads and writes many small entries.
Status SqliteStore::put_meta(std::string_view key, std::string_view value) {
  if (!put_meta_) {
    auto stmt = prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)");
    if (!stmt) return stmt.status();
    put_meta_ = std::move(*stmt);
  }
  sqlite3_stmt* st = put_meta_.get();
  sqlite3_bind_text(st, 1, key.data(), static_cast<int>(key.size()), SQLITE_STATIC);
  sqlite3_bind_text(st, 2, value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
  const int rc = sqlite3_step(st);
  sqlite3_reset(st);
  if (rc != SQLITE_DONE) return error("metagegevens schrijven mislukt");
  return Status::ok();
}

Result<std::string> SqliteStore::get_meta(std::string_view key) {
  if (!get_meta_) {
    auto stmt = prepare("SELECT value FROM meta WHERE key = ?");
    if (!stmt) return stmt.status();
    get_meta_ = std::move(*stmt);
  }
  sqlite3_stmt* st = get_meta_.get();
  sqlite3_bind_text(st, 1, key.data(), static_cast<int>(key.size()), SQLITE_STATIC);
  const int rc = sqlite3_step(st);
  std::string value;
  if (rc == SQLITE_ROW) value = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  sqlite3_reset(st);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return error("metagegevens lezen mislukt");
  return value;
}

Result<std::vector<std::pair<std::string, std::string>>> SqliteStore::list_meta(
    std::string_view prefix) {
  auto stmt =
      prepare("SELECT key, value FROM meta WHERE substr(key, 1, length(?1)) = ?1 ORDER BY key");
  if (!stmt) return stmt.status();
  sqlite3_stmt* st = stmt->get();
  sqlite3_bind_text(st, 1, prefix.data(), static_cast<int>(prefix.size()), SQLITE_STATIC);
  std::vector<std::pair<std::string, std::string>> out;
  int rc = 0;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)),
                     reinterpret_cast<const char*>(sqlite3_column_text(st, 1)));
  }
  if (rc != SQLITE_DONE) return error("metagegevens lezen mislukt");
  return out;
}

Status SqliteStore::delete_meta(std::string_view key) {
  auto stmt = prepare("DELETE FROM meta WHERE key = ?");
  if (!stmt) return stmt.status();
  sqlite3_bind_text(stmt->get(), 1, key.data(), static_cast<int>(key.size()), SQLITE_STATIC);
  if (sqlite3_step(stmt->get()) != SQLITE_DONE) return error("metagegevens verwijderen mislukt");
  return Status::ok();
}

Status SqliteStore::append_audit(std::span<const AuditRecord> records) {
  if (records.empty()) return Status::ok();
  if (in_transaction_) return Status::error(ErrorKind::kInternal, kAlreadyOpen);
  auto stmt = prepare(
      "INSERT INTO audit (time, who, role, method, target, scope, status, result_size, address) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!stmt) return stmt.status();
  SqlTransaction tx([this](const std::string& sql) { return exec(sql); }, "BEGIN IMMEDIATE");
  if (!tx.status()) return tx.status();
  sqlite3_stmt* st = stmt->get();
  auto text = [st](int col, const std::string& v) {
    sqlite3_bind_text(st, col, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
  };
  for (const AuditRecord& r : records) {
    text(1, r.time);
    text(2, r.who);
    text(3, r.role);
    text(4, r.method);
    text(5, r.target);
    text(6, r.scope);
    sqlite3_bind_int(st, 7, r.status);
    sqlite3_bind_int64(st, 8, r.result_size);
    text(9, r.address);
    const int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) return error("het auditlog schrijven mislukt");
  }
  return tx.commit();
}

Result<int64_t> SqliteStore::count_audit() {
  auto stmt = prepare("SELECT COUNT(*) FROM audit");
  if (!stmt) return stmt.status();
  if (sqlite3_step(stmt->get()) != SQLITE_ROW) return error("tellen mislukt");
  return static_cast<int64_t>(sqlite3_column_int64(stmt->get(), 0));
}

}  // namespace rk::store
