// One pass over clients and their trajectories (CSR index of the snapshot) giving the CBS client
// counts per breakdown group; shared by clients.*, care.residential_share and finance.
#pragma once

#include <string>
#include <vector>

#include "engine/indicators/common.hpp"

namespace rk::engine::detail {

// Every count is kept as a number of clients and, beside it, the sum (modulo 2^64) of the record
// keys of the clients counted (all 0 when the query carries no keys): together a Tally.
struct ClientCounts {
  int32_t groups = 1;
  MonthRange months;
  // Per group: clients in care on `from` (start), in the period (any), on `to` (end), and in the
  // period with residential care (residential).
  std::vector<int64_t> start, any, end, residential;
  std::vector<uint64_t> start_key, any_key, end_key, residential_key;
  // Per month of the series; the total ("") only, else empty.
  std::vector<int64_t> monthly;
  std::vector<uint64_t> monthly_key;
  // Per client (total pass with explain only): bit 0 in care on from, 1 in the period, 2 on to.
  std::vector<uint8_t> flags;

  // The clients in care in the period in group `g`, with their keys (the client count of finance).
  [[nodiscard]] Tally clients(size_t g = 0) const { return {any[g], any_key[g]}; }
};

// Counts for the query's scope, grouped by `dimension` ("" = total).
const ClientCounts& client_counts(Context& ctx, const std::string& dimension);

}  // namespace rk::engine::detail
