// The CBS Beleidsinformatie Jeugd figures per municipality, as the StatLine youth-care tables
// publish them: clients and trajectories in care at the start and at the end of the period,
// started and ended, started trajectories by referrer, ended trajectories by reason of ending
// (according to plan, early, other) and their average duration. Computed over the snapshot; the
// definitions are in docs/statline.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/query.hpp"
#include "engine/snapshot.hpp"

namespace rk::engine {

struct StatlineFigures {
  std::string municipality;        // code, or "totaal" for all municipalities of the query together
  int64_t clients_start = 0;       // clients with a trajectory in care on the first day
  int64_t clients_end = 0;         // ... on the last day
  int64_t clients_started = 0;     // clients with a trajectory that started in the period
  int64_t clients_ended = 0;       // clients with a trajectory that ended in the period
  int64_t trajectories_start = 0;  // trajectories in care on the first day
  int64_t trajectories_end = 0;    // ... on the last day
  int64_t trajectories_started = 0;
  int64_t trajectories_ended = 0;
  // Started trajectories by the referrer of their request, in contract order; "unknown" for a
  // trajectory without request.
  std::vector<std::pair<std::string, int64_t>> started_by_referrer;
  int64_t ended_plan = 0;   // end_reason plan
  int64_t ended_early = 0;  // mutual, client, provider
  int64_t ended_other = 0;  // external, other, or none recorded
  // Mean of (end_date - start_date + 1) over the ended trajectories; nullopt when none ended.
  std::optional<double> average_duration_days;
};

// The figures of every municipality in the query's scope (in code order), then the total row.
// REQUIRES: nothing beyond a valid snapshot; the query's working_days are not used.
std::vector<StatlineFigures> statline_figures(const Snapshot& snapshot, const Query& query);

}  // namespace rk::engine
