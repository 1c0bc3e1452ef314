#include "store/schema.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace rk::store {

std::string sql_type(model::FieldType type, Dialect dialect) {
  using FT = model::FieldType;
  switch (type) {
    case FT::kBool:
    case FT::kInt:
    case FT::kMoney:
      return dialect == Dialect::kSqlite ? "INTEGER" : "BIGINT";
    case FT::kNumber:
      return dialect == Dialect::kSqlite ? "REAL" : "DOUBLE PRECISION";
    default:
      // Binary collation, as SQLite's: keys sort (and scan() returns rows) in the same order in
      // both stores, whatever the server's locale.
      return dialect == Dialect::kSqlite ? "TEXT" : "TEXT COLLATE \"C\"";
  }
}

std::vector<std::string> stored_columns(const model::TableSpec& spec) {
  std::vector<std::string> cols;
  cols.reserve(spec.fields.size() + 1);
  for (const auto& f : spec.fields) cols.emplace_back(f.name);
  if (spec.has_seq) cols.emplace_back("seq");
  return cols;
}

bool is_nullable_key(const model::TableSpec& spec, size_t field_index) {
  const auto& f = spec.fields[field_index];
  return !f.required && std::find(spec.key.begin(), spec.key.end(), f.name) != spec.key.end();
}

namespace {

std::string quote_ident(std::string_view name) { return fmt::format("\"{}\"", name); }

std::string create_table(const model::TableSpec& spec, Dialect dialect) {
  std::string sql = fmt::format("CREATE TABLE {} (", spec.table);
  for (size_t i = 0; i < spec.fields.size(); ++i) {
    const auto& f = spec.fields[i];
    const bool in_key = std::find(spec.key.begin(), spec.key.end(), f.name) != spec.key.end();
    sql += fmt::format("{}{} {}{}", i ? ", " : "", quote_ident(f.name), sql_type(f.type, dialect),
                       in_key ? " NOT NULL" : "");
  }
  if (spec.has_seq)
    sql += fmt::format(", seq {} NOT NULL", sql_type(model::FieldType::kInt, dialect));
  sql += ", PRIMARY KEY (";
  for (size_t i = 0; i < spec.key.size(); ++i)
    sql += fmt::format("{}{}", i ? ", " : "", quote_ident(spec.key[i]));
  if (spec.has_seq) sql += ", seq";
  sql += "))";
  if (dialect == Dialect::kSqlite) sql += " WITHOUT ROWID";
  return sql;
}

// The kinds whose tables a later migration creates: migration 1 is released and never changes, so
// it creates every other table of the contract.
struct LaterTable {
  model::Kind kind;
  int version;
};
constexpr LaterTable kLaterTables[] = {{model::Kind::kActivities, 4}};

bool created_later(model::Kind kind) {
  return std::any_of(std::begin(kLaterTables), std::end(kLaterTables),
                     [kind](const LaterTable& t) { return t.kind == kind; });
}

}  // namespace

std::vector<Migration> migrations(Dialect dialect) {
  std::vector<Migration> out;
  Migration v1{1, "contract tables and metadata", {}};
  v1.statements.emplace_back(
      fmt::format("CREATE TABLE meta (key {} PRIMARY KEY, value TEXT NOT NULL)",
                  sql_type(model::FieldType::kText, dialect)));
  for (const auto& spec : model::contract())
    if (!created_later(spec.kind)) v1.statements.push_back(create_table(spec, dialect));
  // Lookup of clients by pseudonymized BSN (iJw messages and CSV rows that name the BSN).
  v1.statements.emplace_back("CREATE INDEX clients_bsn ON clients (bsn_pseudonym)");
  out.push_back(std::move(v1));
  // The audit log of the API (serve): one row per request, appended in batches, never updated.
  Migration v2{2, "audit log of the API", {}};
  v2.statements.emplace_back(fmt::format(
      "CREATE TABLE audit (time TEXT NOT NULL, who TEXT NOT NULL, role TEXT NOT NULL, "
      "method TEXT NOT NULL, target TEXT NOT NULL, scope TEXT NOT NULL, status {0} NOT NULL, "
      "result_size {0} NOT NULL)",
      sql_type(model::FieldType::kInt, dialect)));
  v2.statements.emplace_back("CREATE INDEX audit_time ON audit (time)");
  out.push_back(std::move(v2));
  // The client's address of each audited request (rows from before it have '').
  Migration v3{3, "client address in the audit log", {}};
  v3.statements.emplace_back("ALTER TABLE audit ADD COLUMN address TEXT NOT NULL DEFAULT ''");
  out.push_back(std::move(v3));
  // The social map's activities (docs/data-contract.md, activities.csv).
  Migration v4{4, "activities of the social map", {}};
  for (const LaterTable& t : kLaterTables)
    if (t.version == v4.version)
      v4.statements.push_back(create_table(model::table_spec(t.kind), dialect));
  out.push_back(std::move(v4));
  return out;
}

}  // namespace rk::store
