#include "store/postgres_store.hpp"

#include <libpq-fe.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <system_error>
#include <vector>

#include <fmt/format.h>

#include "store/postgres_sql.hpp"
#include "store/schema.hpp"
#include "store/transaction.hpp"
#include "util/text.hpp"

namespace rk::store {

using pg::append_escaped;

namespace {

// Advisory lock keys: one migration and one import at a time per database.
constexpr int64_t kMigrationLock = 0x726b5f6d696772;  // "rk_migr"
constexpr int64_t kImportLock = 0x726b5f696d7074;     // "rk_impt"

std::string default_cache_dir() {
  if (const char* env = std::getenv("REGIEKAMER_CACHE_DIR"); env != nullptr && *env != '\0')
    return env;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg != '\0')
    return std::string(xdg) + "/regiekamer";
  return fmt::format("/tmp/regiekamer-cache-{}", ::getuid());
}

// libpq's message without its final line break.
std::string trimmed(const char* message) {
  return std::string(util::trim(message != nullptr ? message : ""));
}

constexpr const char* kAlreadyOpen = "er is al een transactie open";

void ignore_notice(void* /*arg*/, const char* /*message*/) {}

}  // namespace

std::string redact_uri(std::string_view uri) {
  std::string out(uri);
  const size_t scheme = out.find("://");
  if (scheme != std::string::npos) {
    const size_t host_end = out.find_first_of("/?", scheme + 3);
    const size_t at = out.rfind('@', host_end == std::string::npos ? out.size() : host_end);
    if (at != std::string::npos && at > scheme) {
      const size_t colon = out.find(':', scheme + 3);
      if (colon != std::string::npos && colon < at) out.erase(colon, at - colon);
    }
  }
  // password=… among the query parameters
  for (size_t p = out.find("password="); p != std::string::npos; p = out.find("password=", p)) {
    const size_t value = p + 9;
    const size_t end = out.find('&', value);
    out.replace(value, (end == std::string::npos ? out.size() : end) - value, "***");
    p = value;
  }
  return out;
}

void PostgresStore::ResultDeleter::operator()(pg_result* r) const { PQclear(r); }

Result<std::unique_ptr<PostgresStore>> PostgresStore::open(const std::string& uri,
                                                           const OpenOptions& options) {
  std::unique_ptr<PostgresStore> store(new PostgresStore());
  store->display_ = redact_uri(uri);
  store->conn_ = PQconnectdb(uri.c_str());
  if (store->conn_ == nullptr || PQstatus(store->conn_) != CONNECTION_OK) {
    return Status::error(
        ErrorKind::kStore,
        fmt::format("kan geen verbinding maken met de PostgreSQL-opslag {}: {}", store->display_,
                    store->conn_ ? trimmed(PQerrorMessage(store->conn_)) : "geen geheugen"));
  }
  PQsetNoticeProcessor(store->conn_, ignore_notice, nullptr);
  // Shortest exact float text (as SQLite returns the stored double); UTF-8 like the importer.
  // Memory for an import's staging tables (temporary tables live in this session's own
  // buffers, allocated only when used) and for sorting them when they are merged.
  for (const char* sql : {"SET client_encoding = 'UTF8'", "SET extra_float_digits = 1",
                          "SET client_min_messages = warning", "SET temp_buffers = '256MB'"}) {
    if (Status s = store->exec(sql); !s) return s;
  }
  if (Status s = store->migrate(); !s) return s;
  store->cache_dir_ = options.cache_dir.empty() ? default_cache_dir() : options.cache_dir;
  std::error_code ec;
  std::filesystem::create_directories(store->cache_dir_, ec);
  if (ec || !std::filesystem::is_directory(store->cache_dir_, ec))
    store->cache_dir_.clear();  // no cache: the snapshot is built in memory
  return store;
}

PostgresStore::~PostgresStore() {
  if (in_transaction_) rollback();
  PQfinish(conn_);
}

Status PostgresStore::error(const std::string& what) const {
  if (PQstatus(conn_) == CONNECTION_BAD)
    return Status::error(ErrorKind::kStore,
                         fmt::format("{}: de verbinding met de PostgreSQL-opslag {} is verbroken "
                                     "({})",
                                     what, display_, trimmed(PQerrorMessage(conn_))));
  return Status::error(ErrorKind::kStore,
                       fmt::format("{}: {}", what, trimmed(PQerrorMessage(conn_))));
}

Status PostgresStore::exec(const std::string& sql) {
  PgResult r(PQexec(conn_, sql.c_str()));
  const ExecStatusType st = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
    return error(fmt::format("SQL mislukt ({})", sql.substr(0, 60)));
  return Status::ok();
}

Result<PostgresStore::PgResult> PostgresStore::query(
    const std::string& sql, std::initializer_list<std::string_view> params) {
  std::vector<std::string> owned(params.begin(), params.end());
  std::vector<const char*> values;
  values.reserve(owned.size());
  for (const auto& p : owned) values.push_back(p.c_str());
  PgResult r(PQexecParams(conn_, sql.c_str(), static_cast<int>(values.size()), nullptr,
                          values.data(), nullptr, nullptr, 0));
  const ExecStatusType st = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
    return error(fmt::format("SQL mislukt ({})", sql.substr(0, 60)));
  return r;
}

Status PostgresStore::migrate() {
  SqlTransaction tx([this](const std::string& sql) { return exec(sql); }, "BEGIN");
  if (!tx.status()) return tx.status();
  if (Status s = exec(fmt::format("SELECT pg_advisory_xact_lock({})", kMigrationLock)); !s)
    return s;
  if (Status s = exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                      "description TEXT NOT NULL, applied_at TEXT NOT NULL)");
      !s)
    return s;
  auto current = query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", {});
  if (!current) return current.status();
  schema_version_ = std::atoi(PQgetvalue(current->get(), 0, 0));
  int version = schema_version_;
  for (const auto& m : migrations(Dialect::kPostgres)) {
    if (m.version <= version) continue;
    for (const auto& sql : m.statements)
      if (Status s = exec(sql); !s) return s;
    auto ins = query(
        "INSERT INTO schema_migrations VALUES ($1::integer, $2, "
        "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS'))",
        {std::to_string(m.version), m.description});
    if (!ins) return ins.status();
    version = m.version;
  }
  // The store's identity names its local cache files; a database made anew gets a new one.
  if (Status s = exec("INSERT INTO meta (key, value) VALUES ('store_id', gen_random_uuid()::text) "
                      "ON CONFLICT (key) DO NOTHING");
      !s)
    return s;
  auto id = query("SELECT value FROM meta WHERE key = 'store_id'", {});
  if (!id) return id.status();
  identity_ = PQgetvalue(id->get(), 0, 0);
  if (Status s = tx.commit(); !s) return s;
  schema_version_ = version;
  return Status::ok();
}

std::string PostgresStore::side_path(std::string_view suffix) const {
  if (cache_dir_.empty()) return {};
  return fmt::format("{}/pg-{}{}", cache_dir_, identity_, suffix);
}

Result<int64_t> PostgresStore::data_version() {
  auto v = get_meta("data_version");
  if (!v) return v.status();
  return v->empty() ? int64_t{0} : std::stoll(*v);
}

Status PostgresStore::begin() {
  if (in_transaction_) return Status::error(ErrorKind::kInternal, kAlreadyOpen);
  if (Status s = exec("BEGIN"); !s) return s;
  in_transaction_ = true;
  if (Status s = exec("SET LOCAL work_mem = '256MB'"); !s) return s;
  // Imports of one store run one after the other (as SQLite's BEGIN IMMEDIATE).
  return exec(fmt::format("SELECT pg_advisory_xact_lock({})", kImportLock));
}

Status PostgresStore::commit() {
  if (Status s = flush(); !s) return s;
  if (Status s = exec("INSERT INTO meta (key, value) VALUES ('data_version', '1') "
                      "ON CONFLICT (key) DO UPDATE SET value = (meta.value::bigint + 1)::text");
      !s)
    return s;
  Status s = exec("COMMIT");
  in_transaction_ = false;
  staged_.fill(false);
  return s;
}

void PostgresStore::rollback() {
  if (copy_kind_ >= 0) {
    PQputCopyEnd(conn_, "import afgebroken");
    while (PGresult* r = PQgetResult(conn_)) PQclear(r);
    copy_kind_ = -1;
  }
  buffer_.clear();
  staged_.fill(false);
  // Staging tables made in this transaction disappear with it.
  staging_created_.fill(false);
  if (in_transaction_ && PQstatus(conn_) == CONNECTION_OK) exec("ROLLBACK").ignore();
  in_transaction_ = false;
}

Result<int64_t> PostgresStore::clear(model::Kind kind) {
  if (Status s = flush(); !s) return s;
  auto r = query(fmt::format("DELETE FROM {}", model::table_spec(kind).table), {});
  if (!r) return r.status();
  return static_cast<int64_t>(std::atoll(PQcmdTuples(r->get())));
}

Result<int64_t> PostgresStore::remove_orphans(model::Kind kind) {
  if (Status s = flush(); !s) return s;
  const auto& spec = model::table_spec(kind);
  int64_t removed = 0;
  for (const auto& f : spec.fields) {
    if (f.references < 0) continue;
    const auto& target = model::table_spec(static_cast<model::Kind>(f.references));
    const bool remove_row =
        f.required || std::find(spec.key.begin(), spec.key.end(), f.name) != spec.key.end();
    const std::string orphan = fmt::format(
        "{0}.\"{1}\" IS NOT NULL AND {0}.\"{1}\" <> '' AND NOT EXISTS (SELECT 1 FROM {2} "
        "WHERE {2}.\"{3}\" = {0}.\"{1}\")",
        spec.table, f.name, target.table, target.key.front());
    const std::string sql = remove_row ? fmt::format("DELETE FROM {} WHERE {}", spec.table, orphan)
                                       : fmt::format("UPDATE {} SET \"{}\" = NULL WHERE {}",
                                                     spec.table, f.name, orphan);
    auto r = query(sql, {});
    if (!r) return r.status();
    if (remove_row) removed += std::atoll(PQcmdTuples(r->get()));
  }
  return removed;
}

Result<int64_t> PostgresStore::count(model::Kind kind) {
  if (Status s = flush(); !s) return s;
  auto r = query(fmt::format("SELECT COUNT(*) FROM {}", model::table_spec(kind).table), {});
  if (!r) return r.status();
  return static_cast<int64_t>(std::atoll(PQgetvalue(r->get(), 0, 0)));
}

Status PostgresStore::put_meta(std::string_view key, std::string_view value) {
  if (Status s = end_copy(); !s) return s;
  auto r = query(
      "INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = "
      "EXCLUDED.value",
      {key, value});
  return r ? Status::ok() : r.status();
}

Result<std::string> PostgresStore::get_meta(std::string_view key) {
  if (Status s = end_copy(); !s) return s;
  auto r = query("SELECT value FROM meta WHERE key = $1", {key});
  if (!r) return r.status();
  if (PQntuples(r->get()) == 0) return std::string();
  return std::string(PQgetvalue(r->get(), 0, 0));
}

Result<std::vector<std::pair<std::string, std::string>>> PostgresStore::list_meta(
    std::string_view prefix) {
  if (Status s = end_copy(); !s) return s;
  auto r = query("SELECT key, value FROM meta WHERE starts_with(key, $1) ORDER BY key", {prefix});
  if (!r) return r.status();
  std::vector<std::pair<std::string, std::string>> out;
  const int n = PQntuples(r->get());
  out.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i)
    out.emplace_back(PQgetvalue(r->get(), i, 0), PQgetvalue(r->get(), i, 1));
  return out;
}

Status PostgresStore::delete_meta(std::string_view key) {
  if (Status s = end_copy(); !s) return s;
  auto r = query("DELETE FROM meta WHERE key = $1", {key});
  return r ? Status::ok() : r.status();
}

// One COPY statement: all rows or none, and no transaction of the caller is needed.
Status PostgresStore::append_audit(std::span<const AuditRecord> records) {
  if (records.empty()) return Status::ok();
  if (in_transaction_) return Status::error(ErrorKind::kInternal, kAlreadyOpen);
  PgResult r(PQexec(conn_,
                    "COPY audit (time, who, role, method, target, scope, status, result_size, "
                    "address) FROM STDIN"));
  if (!r || PQresultStatus(r.get()) != PGRES_COPY_IN)
    return error("het auditlog schrijven mislukt");
  std::string data;
  for (const AuditRecord& a : records) {
    for (const std::string* text : {&a.time, &a.who, &a.role, &a.method, &a.target, &a.scope}) {
      append_escaped(data, *text);
      data += '\t';
    }
    fmt::format_to(std::back_inserter(data), "{}\t{}\t", a.status, a.result_size);
    append_escaped(data, a.address);
    data += '\n';
  }
  const bool sent = PQputCopyData(conn_, data.data(), static_cast<int>(data.size())) == 1;
  if (PQputCopyEnd(conn_, sent ? nullptr : "afgebroken") != 1)
    return error("het auditlog schrijven mislukt");
  bool ok = sent;
  while (PGresult* res = PQgetResult(conn_)) {
    if (PQresultStatus(res) != PGRES_COMMAND_OK) ok = false;
    PQclear(res);
  }
  if (!ok) return error("het auditlog schrijven mislukt");
  return Status::ok();
}

Result<int64_t> PostgresStore::count_audit() {
  auto r = query("SELECT COUNT(*) FROM audit", {});
  if (!r) return r.status();
  return static_cast<int64_t>(std::atoll(PQgetvalue(r->get(), 0, 0)));
}

}  // namespace rk::store
