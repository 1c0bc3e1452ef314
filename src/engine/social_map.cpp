#include "engine/social_map.hpp"

#include <algorithm>
#include <tuple>

namespace rk::engine {
namespace {

using model::Kind;

// The text of an interned column's value; empty for a null.
std::string_view text_of(const Table& t, std::string_view column, int32_t row) {
  const int32_t v = t.i32(column)[static_cast<size_t>(row)];
  return v < 0 ? std::string_view{} : t.dictionary(column)[v];
}

auto order_key(const Activity& a) {
  return std::tie(a.municipality_name, a.area_name, a.provider_name, a.name, a.municipality, a.area,
                  a.provider);
}

}  // namespace

std::vector<Activity> social_map(const Snapshot& snapshot, const Scope& scope) {
  const Table& activities = snapshot.table(Kind::kActivities);
  const Table& providers = snapshot.table(Kind::kProviders);
  const Table& areas = snapshot.table(Kind::kAreas);
  const Table& municipalities = snapshot.table(Kind::kMunicipalities);
  const auto provider = activities.i32("provider");
  const auto area = activities.i32("area");
  const auto area_municipality = areas.i32("municipality");
  const auto waiting = activities.i64("waiting_weeks");
  std::vector<Activity> out;
  for (int32_t r = 0; r < activities.rows(); ++r) {
    const auto i = static_cast<size_t>(r);
    const int32_t p = provider[i];
    const int32_t a = area[i];
    if (p < 0 || a < 0) continue;  // references resolve after every import; defensive only
    const int32_t m = area_municipality[static_cast<size_t>(a)];
    if (!Scope::matches(scope.municipality, m) || !Scope::matches(scope.area, a) ||
        !Scope::matches(scope.provider, p))
      continue;
    Activity act;
    act.provider = providers.key_text(p);
    act.provider_name = text_of(providers, "name", p);
    act.area = areas.key_text(a);
    act.area_name = text_of(areas, "name", a);
    if (m >= 0) {
      act.municipality = municipalities.key_text(m);
      act.municipality_name = text_of(municipalities, "name", m);
    }
    act.name = text_of(activities, "name", r);
    act.target_group = text_of(activities, "target_group", r);
    act.contact = text_of(activities, "contact", r);
    if (waiting[i] != kNullInt) act.waiting_weeks = waiting[i];
    out.push_back(act);
  }
  std::sort(out.begin(), out.end(),
            [](const Activity& x, const Activity& y) { return order_key(x) < order_key(y); });
  return out;
}

}  // namespace rk::engine
