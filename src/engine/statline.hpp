// The CBS Beleidsinformatie Jeugd figures per municipality, as the StatLine youth-care tables
// publish them: clients and trajectories in care at the start and at the end of the period,
// started and ended, started trajectories by referrer, ended trajectories by reason of ending
// (according to plan, early, other) and their average duration. Computed over the snapshot; the
// definitions are in docs/statline.md.
//
// The figures are IndicatorResults, so that the one disclosure layer (engine/disclosure.hpp)
// protects them as it protects every other view: each result has the total row as `total` and a
// breakdown "municipality" with one cell per municipality of the scope, in code order. Counts
// carry the keys of their records (clients' keys for client counts, trajectories' keys for
// trajectory counts) when the query has record keys. The two tables with a breakdown per row are
// tables of two dimensions: a row's cell holds the row's total as its value and the row's parts as
// its `nested` breakdown, and so does the total, which lets secondary suppression protect every
// row and every column (engine/suppression.hpp).
#pragma once

#include <string_view>
#include <vector>

#include "engine/query.hpp"
#include "engine/result.hpp"
#include "engine/snapshot.hpp"

namespace rk::engine {

namespace statline {
inline constexpr std::string_view kDimension = "municipality";
// Clients with a trajectory in care on the first day, on the last day, with a trajectory that
// started in the period and with one that ended in it; trajectories in care on the first and on
// the last day.
inline constexpr std::string_view kClientsStart = "statline.clients_start";
inline constexpr std::string_view kClientsEnd = "statline.clients_end";
inline constexpr std::string_view kClientsStarted = "statline.clients_started";
inline constexpr std::string_view kClientsEnded = "statline.clients_ended";
inline constexpr std::string_view kTrajectoriesStart = "statline.trajectories_start";
inline constexpr std::string_view kTrajectoriesEnd = "statline.trajectories_end";
// Trajectories started in the period (a row's value), nested by the referrer of their request
// (dimension "referrer", the contract's referrers in contract order, then "unknown" for a
// trajectory without request).
inline constexpr std::string_view kStartedByReferrer = "statline.started_by_referrer";
// Trajectories ended in the period (a row's value), nested by reason of ending (dimension
// "end_reason": "plan"; "early" for mutual, client and provider; "other" for external, other or
// none recorded).
inline constexpr std::string_view kEndedByReason = "statline.ended_by_reason";
// Mean of (end_date - start_date + 1) days over the ended trajectories, a statistic over their
// number; null when none ended.
inline constexpr std::string_view kAverageDuration = "statline.average_duration";
}  // namespace statline

// The StatLine results for the query, in the order of the ids above; `keyed` when the query
// carries record keys. REQUIRES: a valid snapshot; the query's working_days are not used.
std::vector<IndicatorResult> statline_results(const Snapshot& snapshot, const Query& query);

}  // namespace rk::engine
