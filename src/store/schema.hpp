// SQL schema of the store, generated from the contract, and its versioned migrations.
// Shared by every SQL backend; dialect differences are parameters, not copies.
#pragma once

#include <string>
#include <vector>

#include "model/contract.hpp"

namespace rk::store {

enum class Dialect { kSqlite, kPostgres };

struct Migration {
  int version;
  std::string description;
  std::vector<std::string> statements;
};

// All migrations in version order. Version 1 creates the contract tables and the meta table.
// A later change of the contract adds a migration here; released versions never change.
std::vector<Migration> migrations(Dialect dialect);

// SQL column type of a contract field in the given dialect.
std::string sql_type(model::FieldType type, Dialect dialect);
// Names of the stored columns of a table, in upsert/scan order (fields, then `seq`).
std::vector<std::string> stored_columns(const model::TableSpec& spec);
// True when the column is part of the key but may be empty in the contract: stored as '' (keys
// are NOT NULL) and returned as NULL by scan().
bool is_nullable_key(const model::TableSpec& spec, size_t field_index);

}  // namespace rk::store
