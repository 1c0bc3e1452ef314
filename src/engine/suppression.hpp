// The privacy rule of indicators.md for the roles municipality and public, applied as a separate
// pass over computed results: counts 1-4 become "<5", ratios and statistics with fewer than 10
// observations are suppressed, and a breakdown with exactly one suppressed cell and a shown total
// loses its smallest other non-zero cell too, in every row and column of a table of two
// dimensions (a breakdown whose cells break down like the total). The vector form then closes
// what combining indicators would recover (client identities, ended_by_plan against end_reasons,
// star buckets against completed responses). Analysts see every number.
#pragma once

#include <vector>

#include "engine/result.hpp"
#include "engine/role.hpp"

namespace rk::engine {

// Rewrites `results` in place for `role`; a no-op for analysts. Statuses of suppressed values
// become kNone.
void apply_suppression(Role role, std::vector<IndicatorResult>& results);
void apply_suppression(Role role, IndicatorResult& result);

}  // namespace rk::engine
