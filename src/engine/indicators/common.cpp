#include "engine/indicators/common.hpp"

#include <algorithm>

#include "calendar/period.hpp"

namespace rk::engine::detail {

ScopeColumns scope_columns(const Table& table) {
  ScopeColumns c;
  c.municipality = table.i32("municipality_eff");
  c.area = table.i32("area_eff");
  if (table.find("provider_id") != nullptr) c.provider = table.i32("provider_id");
  if (table.find("quadrant") != nullptr) c.quadrant = table.i8("quadrant");
  return c;
}

int32_t ScopeColumns::key(const std::string& dimension, int32_t r) const {
  // Called per record in the hot loops: the four scope dimensions differ in their first letter,
  // so dispatch on it instead of comparing strings (only those four names reach this).
  if (dimension.empty()) return 0;
  switch (dimension[0]) {
    case 'm':
      return municipality[r];
    case 'a':
      return area[r];
    case 'p':
      return provider.empty() ? -1 : provider[r];
    case 'q':
      return quadrant.empty() ? -1 : quadrant[r];
    default:
      return -1;
  }
}

int32_t ScopeColumns::key_count(const Snapshot& snapshot, const std::string& dimension) {
  if (dimension.empty()) return 1;
  if (dimension == "municipality") return snapshot.table(model::Kind::kMunicipalities).rows();
  if (dimension == "area") return snapshot.table(model::Kind::kAreas).rows();
  if (dimension == "provider") return snapshot.table(model::Kind::kProviders).rows();
  if (dimension == "quadrant") return 3;
  return 1;
}

std::string scope_key_text(const Snapshot& snapshot, const std::string& dimension, int32_t g) {
  if (dimension == "municipality")
    return std::string(snapshot.table(model::Kind::kMunicipalities).key_text(g));
  if (dimension == "area") return std::string(snapshot.table(model::Kind::kAreas).key_text(g));
  if (dimension == "provider")
    return std::string(snapshot.table(model::Kind::kProviders).key_text(g));
  if (dimension == "quadrant") return "K" + std::to_string(g + 1);
  return {};
}

std::string MonthRange::key(int32_t i) const { return month_key(Date{start_day(i)}); }

MonthRange month_range(const Query& q) {
  MonthRange m;
  m.first = month_index(q.from.days);
  m.count = q.to < q.from ? 0 : month_index(q.to.days) - m.first + 1;
  return m;
}

Breakdown count_breakdown(const Snapshot& snapshot, const std::string& dimension,
                          std::span<const int64_t> counts, std::span<const int64_t> present) {
  Breakdown b{dimension, {}};
  for (size_t g = 0; g < counts.size(); ++g)
    if (present[g] > 0)
      b.cells.emplace_back(scope_key_text(snapshot, dimension, static_cast<int32_t>(g)),
                           Figure::of(Number::count(static_cast<double>(counts[g]))));
  std::sort(b.cells.begin(), b.cells.end(),
            [](const auto& a, const auto& c) { return a.first < c.first; });
  return b;
}

Breakdown count_breakdown(const Snapshot& snapshot, const std::string& dimension,
                          std::span<const Tally> counts) {
  Breakdown b{dimension, {}};
  for (size_t g = 0; g < counts.size(); ++g)
    if (counts[g].n > 0)
      b.cells.emplace_back(scope_key_text(snapshot, dimension, static_cast<int32_t>(g)),
                           Figure::of(Number::count(counts[g])));
  std::sort(b.cells.begin(), b.cells.end(),
            [](const auto& a, const auto& c) { return a.first < c.first; });
  return b;
}

std::string enum_text(model::Kind kind, std::string_view field, int32_t v) {
  const auto& spec = model::table_spec(kind);
  const auto& f = spec.fields[static_cast<size_t>(spec.field_index(field))];
  return v < 0 || static_cast<size_t>(v) >= f.enum_values.size()
             ? std::string()
             : std::string(f.enum_values[static_cast<size_t>(v)]);
}

}  // namespace rk::engine::detail
