// The social map (activities.csv, docs/data-contract.md): the K1 activities of providers per
// area, read from the snapshot with the names of their provider, area and municipality, in the
// order every view lists them. No figures, so nothing here passes the disclosure layer: an
// activity is an organisation's public offer, never a client's record.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "engine/query.hpp"
#include "engine/snapshot.hpp"

namespace rk::engine {

// One activity. The texts point into the snapshot: valid while the snapshot is.
struct Activity {
  std::string_view provider;  // AGB code
  std::string_view provider_name;
  std::string_view area;  // area_id
  std::string_view area_name;
  std::string_view municipality;  // GM code of the area's municipality
  std::string_view municipality_name;
  std::string_view name;
  std::string_view target_group;
  std::string_view contact;              // empty when not given
  std::optional<int64_t> waiting_weeks;  // nullopt when not given
};

// The activities whose area lies in `scope` (its municipality, area and provider rows; the
// quadrant does not apply), sorted by municipality name, area name, provider name and name (then
// by the codes, so equal names keep one order). A scope row of Scope::kNoMatch selects nothing.
std::vector<Activity> social_map(const Snapshot& snapshot, const Scope& scope);

}  // namespace rk::engine
