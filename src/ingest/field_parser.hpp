// Parses one CSV cell by its contract field type into the stored canonical form.
// Bad values give a reason in Dutch that names what was expected; the value of a `bsn` column is
// never echoed (the caller handles BSNs before this point).
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "ingest/rejection.hpp"
#include "model/contract.hpp"
#include "store/store.hpp"

namespace rk::ingest {

inline constexpr size_t kMaxIdLength = 64;
inline constexpr size_t kMaxTextLength = 4096;

// Scratch space for canonical text of one field (timestamps are re-formatted, bools become 0/1).
struct FieldBuffer {
  std::array<char, 24> text{};
};

// Parses `raw` (already unquoted) for `spec` into `out`. An empty cell gives a null Cell (the
// caller checks `required`). Returns nothing when the value is valid, else a Rejection naming the
// field and the reason. An id or text value that holds a BSN-shaped number is rejected
// (check_not_bsn_shaped, "kolom bsn").
Rejected parse_field(const model::FieldSpec& spec, std::string_view raw, FieldBuffer& buffer,
                     store::Cell& out);

// The rule that keeps BSNs out of every column but `bsn`, for CSV rows and for the values iJw
// messages become alike. It covers the columns with free-form values: identifiers (kId: ids,
// references, codes) and free text (kText: names, notes, descriptions); every other type has a
// strict form that cannot hold 9 digits. A value holding a BSN-shaped number (holds_bsn_shaped;
// an id column read as an identifier, a text column as text) is rejected: the Rejection names the
// field of `spec` and a reason that names `bsn_place` (where a BSN belongs in this input, e.g.
// "kolom bsn") and never quotes the value. Returns nothing for every other value and column.
Rejected check_not_bsn_shaped(const model::FieldSpec& spec, std::string_view value,
                              std::string_view bsn_place);

// Parses a boolean as the contract allows: true/false/1/0/ja/nee (case-insensitive).
bool parse_bool(std::string_view raw, bool& out);
// Parses euros with up to two decimals into cents.
bool parse_money(std::string_view raw, int64_t& cents);
// Parses a period key: 2020, 2020H1/H2, 2020Q1..Q4, 2020-11.
bool is_period_key(std::string_view raw);

}  // namespace rk::ingest
