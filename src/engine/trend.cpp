#include "engine/trend.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

#include "engine/stats.hpp"

namespace rk::engine {

MannKendall mann_kendall(std::span<const double> values) {
  MannKendall mk;
  mk.n = static_cast<int>(values.size());
  for (size_t i = 0; i < values.size(); ++i)
    for (size_t j = i + 1; j < values.size(); ++j)
      mk.s += (values[j] > values[i]) - (values[j] < values[i]);
  const auto n = static_cast<double>(mk.n);
  double ties = 0;
  std::map<double, int> groups;
  for (double v : values) ++groups[v];
  for (const auto& [value, count] : groups) {
    const auto t = static_cast<double>(count);
    ties += t * (t - 1) * (2 * t + 5);
  }
  mk.variance = (n * (n - 1) * (2 * n + 5) - ties) / 18.0;
  if (mk.s != 0 && mk.variance > 0) {
    const double sd = std::sqrt(mk.variance);
    mk.z = static_cast<double>(mk.s > 0 ? mk.s - 1 : mk.s + 1) / sd;
    mk.p = std::erfc(std::fabs(mk.z) / std::sqrt(2.0));
  }
  return mk;
}

double sen_slope(std::span<const double> values) {
  std::vector<double> slopes;
  for (size_t i = 0; i < values.size(); ++i)
    for (size_t j = i + 1; j < values.size(); ++j)
      slopes.push_back((values[j] - values[i]) / static_cast<double>(j - i));
  return percentile_inc(slopes, 0.5).value_or(0.0);
}

}  // namespace rk::engine
