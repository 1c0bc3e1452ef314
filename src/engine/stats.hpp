// Small statistics and date helpers shared by the indicator families.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "calendar/date.hpp"
#include "engine/result.hpp"

namespace rk::engine {

// Spreadsheet PERCENTILE.INC: linear interpolation between closest ranks, p in [0, 1].
// Reorders `values`. nullopt when empty.
std::optional<double> percentile_inc(std::vector<double>& values, double p);

// Figure with values {median, p90} (statistics over values.size() observations). Reorders values.
Figure median_p90(std::vector<double>& values);

// Figure with the mean of the values (a statistic), null when empty.
Figure mean_of(double sum, int64_t n);

// The local calendar date of a timestamp in seconds (floor division).
inline int32_t date_of(int64_t seconds) {
  return static_cast<int32_t>(seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400));
}

// Month index (year * 12 + month - 1) of a day number.
int32_t month_index(int32_t day);
// First day of a month index.
int32_t month_start(int32_t month_index);

}  // namespace rk::engine
