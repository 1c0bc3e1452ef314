#include "engine/stats.hpp"

#include <algorithm>
#include <cmath>

namespace rk::engine {

std::optional<double> percentile_inc(std::vector<double>& values, double p) {
  if (values.empty()) return std::nullopt;
  // Selection instead of sorting: the two closest ranks are the lo-th smallest value and the
  // smallest value above it.
  const double h = (static_cast<double>(values.size()) - 1) * p;
  const auto lo = static_cast<size_t>(std::floor(h));
  const auto nth = values.begin() + static_cast<std::ptrdiff_t>(lo);
  std::nth_element(values.begin(), nth, values.end());
  if (lo + 1 >= values.size()) return *nth;
  const double next = *std::min_element(nth + 1, values.end());
  return *nth + (h - static_cast<double>(lo)) * (next - *nth);
}

Figure median_p90(std::vector<double>& values) {
  const auto n = static_cast<int64_t>(values.size());
  Figure f;
  f.values.emplace_back("median", Number::statistic(percentile_inc(values, 0.5), n));
  f.values.emplace_back("p90", Number::statistic(percentile_inc(values, 0.9), n));
  return f;
}

Figure mean_of(double sum, int64_t n) {
  return Figure::of(Number::statistic(
      n > 0 ? std::optional<double>(sum / static_cast<double>(n)) : std::nullopt, n));
}

int32_t month_index(int32_t day) {
  const CivilDate c = Date{day}.civil();
  return c.year * 12 + static_cast<int32_t>(c.month) - 1;
}

int32_t month_start(int32_t month_index) {
  const int year = month_index >= 0 ? month_index / 12 : (month_index - 11) / 12;
  const auto month = static_cast<unsigned>(month_index - year * 12 + 1);
  return Date::from_civil(year, month, 1).days;
}

}  // namespace rk::engine
