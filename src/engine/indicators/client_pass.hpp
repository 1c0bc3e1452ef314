// One pass over clients and their trajectories (CSR index of the snapshot) giving the CBS client
// counts per breakdown group; shared by clients.*, care.residential_share and finance.
#pragma once

#include <string>
#include <vector>

#include "engine/indicators/common.hpp"

namespace rk::engine::detail {

struct ClientCounts {
  int32_t groups = 1;
  MonthRange months;
  std::vector<int64_t> start, any, end, residential;  // per group
  std::vector<int64_t> monthly;  // per month of the series; the total ("") only, else empty
  // Per client (total pass with explain only): bit 0 in care on from, 1 in the period, 2 on to.
  std::vector<uint8_t> flags;
};

// Counts for the query's scope, grouped by `dimension` ("" = total).
const ClientCounts& client_counts(Context& ctx, const std::string& dimension);

}  // namespace rk::engine::detail
