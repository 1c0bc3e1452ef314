// Parses one CSV cell by its contract field type into the stored canonical form.
// Bad values give a reason in Dutch that names what was expected; the value of a `bsn` column is
// never echoed (the caller handles BSNs before this point).
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "model/contract.hpp"
#include "store/store.hpp"

namespace rk::ingest {

inline constexpr size_t kMaxIdLength = 64;
inline constexpr size_t kMaxTextLength = 4096;

// Scratch space for canonical text of one field (timestamps are re-formatted, bools become 0/1).
struct FieldBuffer {
  std::array<char, 24> text{};
};

// Parses `raw` (already unquoted) for `spec`. An empty cell gives a null Cell (the caller checks
// `required`). On failure returns false and sets `reason`.
bool parse_field(const model::FieldSpec& spec, std::string_view raw, FieldBuffer& buffer,
                 store::Cell& out, std::string& reason);

// Parses a boolean as the contract allows: true/false/1/0/ja/nee (case-insensitive).
bool parse_bool(std::string_view raw, bool& out);
// Parses euros with up to two decimals into cents.
bool parse_money(std::string_view raw, int64_t& cents);
// Parses a period key: 2020, 2020H1/H2, 2020Q1..Q4, 2020-11.
bool is_period_key(std::string_view raw);

}  // namespace rk::ingest
