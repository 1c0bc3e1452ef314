// Helpers shared by the indicator families: scope tests, breakdown keys and result assembly.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "engine/catalogue.hpp"
#include "engine/stats.hpp"

namespace rk::engine::detail {

inline constexpr int32_t kOpenEnd = INT32_MAX;

// The scope-relevant columns of a table with municipality_eff / area_eff (trajectories, requests,
// waitlist); quadrant and provider spans are empty when the table has none.
struct ScopeColumns {
  std::span<const int32_t> municipality, area, provider;
  std::span<const int8_t> quadrant;

  [[nodiscard]] bool in(const Scope& s, int32_t r) const {
    const auto at = [r](auto span) { return span.empty() ? -1 : static_cast<int32_t>(span[r]); };
    return Scope::matches(s.municipality, at(municipality)) && Scope::matches(s.area, at(area)) &&
           Scope::matches(s.provider, at(provider)) && Scope::matches(s.quadrant, at(quadrant));
  }
  // The breakdown key of row r for `dimension` ("municipality", "area", "quadrant", "provider");
  // 0 for the empty dimension (the total); -1 when the row has no value.
  [[nodiscard]] int32_t key(const std::string& dimension, int32_t r) const;
  // The number of distinct keys of `dimension` in `snapshot`.
  [[nodiscard]] static int32_t key_count(const Snapshot& snapshot, const std::string& dimension);
};

ScopeColumns scope_columns(const Table& table);

// The display key of group `g` of a scope dimension: municipality code, area id, provider id,
// K1..K3.
std::string scope_key_text(const Snapshot& snapshot, const std::string& dimension, int32_t g);

// Date range test with null end as open.
inline bool covers(int32_t start, int32_t end, int32_t day) {
  return start != kNullDate && start <= day && (end == kNullDate || day <= end);
}
inline bool overlaps(int32_t start, int32_t end, int32_t from, int32_t to) {
  return start != kNullDate && start <= to && (end == kNullDate || end >= from);
}
inline bool in_period(int32_t day, const Query& q) {
  return day != kNullDate && q.from.days <= day && day <= q.to.days;
}

// The months of the series of a query: from the month of `from` to the month of `to`.
struct MonthRange {
  int32_t first = 0;  // month index
  int32_t count = 0;
  [[nodiscard]] std::string key(int32_t i) const;
  [[nodiscard]] int32_t start_day(int32_t i) const { return month_start(first + i); }
  [[nodiscard]] int32_t end_day(int32_t i) const { return month_start(first + i + 1) - 1; }
};
MonthRange month_range(const Query& q);

// Adds a breakdown of count cells: one per group with a non-zero `present` (cells with no records
// are left out).
Breakdown count_breakdown(const Snapshot& snapshot, const std::string& dimension,
                          std::span<const int64_t> counts, std::span<const int64_t> present);
// The same from tallies (counts with the keys of their records): one cell per non-empty group.
Breakdown count_breakdown(const Snapshot& snapshot, const std::string& dimension,
                          std::span<const Tally> counts);

// The enum spelling of value `v` of a contract field.
std::string enum_text(model::Kind kind, std::string_view field, int32_t v);

}  // namespace rk::engine::detail
