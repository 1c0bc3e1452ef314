#include "store/postgres_store.hpp"

#include <libpq-fe.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <system_error>
#include <vector>

#include <fmt/format.h>

#include "store/schema.hpp"

namespace rk::store {

namespace {

// Advisory lock keys: one migration and one import at a time per database.
constexpr int64_t kMigrationLock = 0x726b5f6d696772;  // "rk_migr"
constexpr int64_t kImportLock = 0x726b5f696d7074;     // "rk_impt"
constexpr size_t kCopyChunk = size_t{1} << 20;

std::string quote_ident(std::string_view name) { return fmt::format("\"{}\"", name); }

std::string column_list(const std::vector<std::string>& cols) {
  std::string out;
  for (size_t i = 0; i < cols.size(); ++i) out += (i ? "," : "") + quote_ident(cols[i]);
  return out;
}

std::vector<std::string> key_columns(const model::TableSpec& spec) {
  std::vector<std::string> keys(spec.key.begin(), spec.key.end());
  if (spec.has_seq) keys.emplace_back("seq");
  return keys;
}

std::string staging_table(const model::TableSpec& spec) {
  return fmt::format("rk_stage_{}", spec.table);
}

bool is_integer_type(model::FieldType t) {
  return t == model::FieldType::kBool || t == model::FieldType::kInt ||
         t == model::FieldType::kMoney;
}

// Appends `text` in COPY text format (backslash escapes for the separators).
void append_escaped(std::string& out, std::string_view text) {
  for (const char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
}

// Splits one COPY text row into fields, unescaping into `buf` (resized to the row's length, which
// no unescaped field exceeds). A field has data() == nullptr for \N.
void split_row(std::string_view line, std::string& buf, std::vector<std::string_view>& fields) {
  fields.clear();
  buf.resize(line.size());
  size_t out = 0;
  size_t start = 0;
  size_t field_out = 0;
  for (size_t i = 0; i <= line.size(); ++i) {
    if (i == line.size() || line[i] == '\t') {
      const std::string_view raw = line.substr(start, i - start);
      if (raw == "\\N")
        fields.emplace_back();
      else
        fields.emplace_back(buf.data() + field_out, out - field_out);
      start = i + 1;
      field_out = out;
      continue;
    }
    char c = line[i];
    if (c == '\\' && i + 1 < line.size()) {
      const char n = line[++i];
      switch (n) {
        case 't':
          c = '\t';
          break;
        case 'n':
          c = '\n';
          break;
        case 'r':
          c = '\r';
          break;
        case 'b':
          c = '\b';
          break;
        case 'f':
          c = '\f';
          break;
        case 'v':
          c = '\v';
          break;
        case 'N':  // only as a whole field (handled above); keep the text
          buf[out++] = '\\';
          c = 'N';
          break;
        default:
          c = n;
      }
    }
    buf[out++] = c;
  }
}

std::string default_cache_dir() {
  if (const char* env = std::getenv("REGIEKAMER_CACHE_DIR"); env != nullptr && *env != '\0')
    return env;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg != '\0')
    return std::string(xdg) + "/regiekamer";
  return fmt::format("/tmp/regiekamer-cache-{}", ::getuid());
}

std::string trimmed(const char* message) {
  std::string s = message != nullptr ? message : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

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
  if (Status s = exec("BEGIN"); !s) return s;
  auto fail = [this](Status s) {
    exec("ROLLBACK").ignore();
    return s;
  };
  if (Status s = exec(fmt::format("SELECT pg_advisory_xact_lock({})", kMigrationLock)); !s)
    return fail(s);
  if (Status s = exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                      "description TEXT NOT NULL, applied_at TEXT NOT NULL)");
      !s)
    return fail(s);
  auto current = query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", {});
  if (!current) return fail(current.status());
  schema_version_ = std::atoi(PQgetvalue(current->get(), 0, 0));
  int version = schema_version_;
  for (const auto& m : migrations(Dialect::kPostgres)) {
    if (m.version <= version) continue;
    for (const auto& sql : m.statements)
      if (Status s = exec(sql); !s) return fail(s);
    auto ins = query(
        "INSERT INTO schema_migrations VALUES ($1::integer, $2, "
        "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS'))",
        {std::to_string(m.version), m.description});
    if (!ins) return fail(ins.status());
    version = m.version;
  }
  // The store's identity names its local cache files; a database made anew gets a new one.
  if (Status s = exec("INSERT INTO meta (key, value) VALUES ('store_id', gen_random_uuid()::text) "
                      "ON CONFLICT (key) DO NOTHING");
      !s)
    return fail(s);
  auto id = query("SELECT value FROM meta WHERE key = 'store_id'", {});
  if (!id) return fail(id.status());
  identity_ = PQgetvalue(id->get(), 0, 0);
  if (Status s = exec("COMMIT"); !s) return s;
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
  if (in_transaction_) return Status::error(ErrorKind::kInternal, "transaction already open");
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

Status PostgresStore::send_buffer() {
  if (buffer_.empty()) return Status::ok();
  if (PQputCopyData(conn_, buffer_.data(), static_cast<int>(buffer_.size())) != 1)
    return error("schrijven naar de opslag mislukt");
  buffer_.clear();
  return Status::ok();
}

Status PostgresStore::end_copy() {
  if (copy_kind_ < 0) return Status::ok();
  const auto& spec = model::table_spec(static_cast<model::Kind>(copy_kind_));
  copy_kind_ = -1;
  if (Status s = send_buffer(); !s) return s;
  if (PQputCopyEnd(conn_, nullptr) != 1) return error("schrijven naar de opslag mislukt");
  bool ok = true;
  while (PGresult* r = PQgetResult(conn_)) {
    if (PQresultStatus(r) != PGRES_COMMAND_OK) ok = false;
    PQclear(r);
  }
  if (!ok) return error(fmt::format("schrijven naar {} mislukt", spec.table));
  return Status::ok();
}

Status PostgresStore::upsert(model::Kind kind, std::span<const Cell> row) {
  return upsert_many(kind, row, row.size());
}

Status PostgresStore::upsert_many(model::Kind kind, std::span<const Cell> cells, size_t columns) {
  const auto k = static_cast<size_t>(kind);
  const auto& spec = model::table_spec(kind);
  if (copy_kind_ != static_cast<int>(k)) {
    if (Status s = end_copy(); !s) return s;
    const std::string stage = staging_table(spec);
    if (!staging_created_[k]) {
      // A temporary table without keys or indexes: COPY appends, rk_ord keeps the arrival order
      // so that the last row of a key wins, as with single-row upserts.
      if (Status s = exec(fmt::format("CREATE TEMP TABLE IF NOT EXISTS {} (LIKE {}, "
                                      "rk_ord BIGINT GENERATED ALWAYS AS IDENTITY)",
                                      stage, spec.table));
          !s)
        return s;
      staging_created_[k] = true;
    }
    PgResult r(PQexec(
        conn_,
        fmt::format("COPY {} ({}) FROM STDIN", stage, column_list(stored_columns(spec))).c_str()));
    if (!r || PQresultStatus(r.get()) != PGRES_COPY_IN)
      return error(fmt::format("schrijven naar {} mislukt", spec.table));
    copy_kind_ = static_cast<int>(k);
  }
  staged_[k] = true;
  const size_t rows = columns == 0 ? 0 : cells.size() / columns;
  for (size_t r = 0; r < rows; ++r) {
    for (size_t i = 0; i < columns; ++i) {
      const Cell& c = cells[r * columns + i];
      if (i) buffer_ += '\t';
      switch (c.tag) {
        case Cell::Tag::kNull:
          if (!(i < spec.fields.size() && is_nullable_key(spec, i))) buffer_ += "\\N";
          break;
        case Cell::Tag::kInt:
          fmt::format_to(std::back_inserter(buffer_), "{}", c.i);
          break;
        case Cell::Tag::kReal:
          fmt::format_to(std::back_inserter(buffer_), "{}", c.r);
          break;
        case Cell::Tag::kText:
          append_escaped(buffer_, c.s);
          break;
      }
    }
    buffer_ += '\n';
    if (buffer_.size() >= kCopyChunk)
      if (Status s = send_buffer(); !s) return s;
  }
  return Status::ok();
}

Status PostgresStore::merge(model::Kind kind) {
  const auto& spec = model::table_spec(kind);
  const auto cols = stored_columns(spec);
  const auto keys = key_columns(spec);
  const std::string list = column_list(cols);
  const std::string key_list = column_list(keys);
  std::string update;
  for (const auto& c : cols) {
    if (std::find(keys.begin(), keys.end(), c) != keys.end()) continue;
    update += fmt::format("{}{} = EXCLUDED.{}", update.empty() ? "" : ", ", quote_ident(c),
                          quote_ident(c));
  }
  const std::string stage = staging_table(spec);
  // Into an empty table (a first import, --replace) a plain INSERT: no conflict to look for,
  // about half the work per row.
  auto any = query(fmt::format("SELECT EXISTS (SELECT 1 FROM {})", spec.table), {});
  if (!any) return any.status();
  const bool empty = PQgetvalue(any->get(), 0, 0)[0] == 'f';
  const std::string conflict =
      empty ? std::string()
            : fmt::format(" ON CONFLICT ({}) DO {}", key_list,
                          update.empty() ? std::string("NOTHING") : "UPDATE SET " + update);
  const std::string sql = fmt::format(
      "INSERT INTO {0} ({1}) SELECT DISTINCT ON ({2}) {1} FROM {3} ORDER BY {2}, rk_ord DESC{4}",
      spec.table, list, key_list, stage, conflict);
  if (Status s = exec(sql); !s) return s;
  return exec(fmt::format("TRUNCATE {}", stage));
}

Status PostgresStore::flush() {
  if (Status s = end_copy(); !s) return s;
  for (size_t k = 0; k < staged_.size(); ++k) {
    if (!staged_[k]) continue;
    if (Status s = merge(static_cast<model::Kind>(k)); !s) return s;
    staged_[k] = false;
  }
  return Status::ok();
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

Status PostgresStore::copy_out(const std::string& sql,
                               const std::function<void(std::string_view)>& line) {
  PgResult r(PQexec(conn_, sql.c_str()));
  if (!r || PQresultStatus(r.get()) != PGRES_COPY_OUT) return error("lezen uit de opslag mislukt");
  for (;;) {
    char* buf = nullptr;
    const int n = PQgetCopyData(conn_, &buf, 0);
    if (n == -1) break;
    if (n < 0) return error("lezen uit de opslag mislukt");
    size_t len = static_cast<size_t>(n);
    if (len > 0 && buf[len - 1] == '\n') --len;
    line(std::string_view(buf, len));
    PQfreemem(buf);
  }
  bool ok = true;
  while (PGresult* res = PQgetResult(conn_)) {
    if (PQresultStatus(res) != PGRES_COMMAND_OK) ok = false;
    PQclear(res);
  }
  if (!ok) return error("lezen uit de opslag mislukt");
  return Status::ok();
}

Status PostgresStore::scan(model::Kind kind, const RowVisitor& visit) {
  if (Status s = flush(); !s) return s;
  const auto& spec = model::table_spec(kind);
  const auto cols = stored_columns(spec);
  const std::string sql =
      fmt::format("COPY (SELECT {} FROM {} ORDER BY {}) TO STDOUT", column_list(cols), spec.table,
                  column_list(key_columns(spec)));
  std::vector<Cell> row(cols.size());
  std::vector<std::string_view> fields;
  std::string buf;
  bool bad = false;
  Status st = copy_out(sql, [&](std::string_view line) {
    split_row(line, buf, fields);
    if (fields.size() != cols.size()) {
      bad = true;
      return;
    }
    for (size_t i = 0; i < cols.size(); ++i) {
      const std::string_view f = fields[i];
      const bool is_field = i < spec.fields.size();
      const model::FieldType type = is_field ? spec.fields[i].type : model::FieldType::kInt;
      // NULL, and the empty text of an optional key column, are both returned as NULL.
      const bool null = f.data() == nullptr ||
                        (f.empty() && !is_integer_type(type) && type != model::FieldType::kNumber &&
                         is_field && is_nullable_key(spec, i));
      if (null) {
        row[i] = Cell::null();
      } else if (is_integer_type(type)) {
        int64_t v = 0;
        std::from_chars(f.data(), f.data() + f.size(), v);
        row[i] = Cell::integer(v);
      } else if (type == model::FieldType::kNumber) {
        double v = 0;
        std::from_chars(f.data(), f.data() + f.size(), v);
        row[i] = Cell::real(v);
      } else {
        row[i] = Cell::text(f);
      }
    }
    visit(row);
  });
  if (!st) return st;
  if (bad)
    return Status::error(ErrorKind::kStore, fmt::format("onverwachte rij in {}", spec.table));
  return Status::ok();
}

Status PostgresStore::scan_column(model::Kind kind, std::string_view column,
                                  const std::function<void(const Cell&)>& visit) {
  if (Status s = flush(); !s) return s;
  const auto& spec = model::table_spec(kind);
  std::vector<std::string_view> fields;
  std::string buf;
  return copy_out(
      fmt::format("COPY (SELECT {} FROM {}) TO STDOUT", quote_ident(column), spec.table),
      [&](std::string_view line) {
        split_row(line, buf, fields);
        if (fields.empty() || fields[0].data() == nullptr)
          visit(Cell::null());
        else
          visit(Cell::text(fields[0]));
      });
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
  if (in_transaction_) return Status::error(ErrorKind::kInternal, "transaction already open");
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
