// Text helpers of the PostgreSQL store (postgres_store.cpp, postgres_copy.cpp): quoted
// identifiers and column lists of contract tables, and the COPY text format (backslash escapes,
// tab-separated fields, \N for NULL) in both directions. Internal to store/.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/contract.hpp"

namespace rk::store::pg {

// `name` in double quotes (contract names hold no quotes).
std::string quote_ident(std::string_view name);
// The quoted names joined with commas.
std::string column_list(const std::vector<std::string>& cols);
// The key columns of a table: its contract key, then `seq` when it has one.
std::vector<std::string> key_columns(const model::TableSpec& spec);
// The temporary table an import's COPY writes a kind's rows to before they are merged.
std::string staging_table(const model::TableSpec& spec);
// True for the types stored as BIGINT (bool, int, money).
bool is_integer_type(model::FieldType t);

// Appends `text` in COPY text format (backslash escapes for the separators).
void append_escaped(std::string& out, std::string_view text);
// Splits one COPY text row into fields, unescaping into `buf` (resized to the row's length, which
// no unescaped field exceeds). A field has data() == nullptr for \N.
void split_row(std::string_view line, std::string& buf, std::vector<std::string_view>& fields);

}  // namespace rk::store::pg
