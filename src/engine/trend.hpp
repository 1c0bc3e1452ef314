// The trend test of the insights (docs/insights.md): the Mann–Kendall test for a monotonic trend
// in a series of equally spaced values, with the normal approximation and the correction of its
// variance for ties, and Sen's slope (the median of the pairwise slopes) for its size.
#pragma once

#include <span>

namespace rk::engine {

struct MannKendall {
  int n = 0;            // values tested
  long long s = 0;      // S = sum over i < j of sign(x_j - x_i)
  double variance = 0;  // Var(S) = (n(n-1)(2n+5) - sum over ties t(t-1)(2t+5)) / 18
  double z = 0;         // (S - 1) / sqrt(Var) for S > 0, (S + 1) / sqrt(Var) for S < 0, else 0
  double p = 1;         // two-sided p-value of z under the standard normal distribution

  // True when p < alpha: the series rises (S > 0) or falls (S < 0) beyond chance.
  [[nodiscard]] bool significant(double alpha) const { return s != 0 && p < alpha; }
};

// The test over `values` in their order (ties are equal values). Fewer than 2 values, or all
// equal, give S = 0, Var = 0 (for n < 2), z = 0 and p = 1.
MannKendall mann_kendall(std::span<const double> values);

// Sen's slope per step: the median of (x_j - x_i) / (j - i) over all pairs i < j; 0 for fewer
// than 2 values.
double sen_slope(std::span<const double> values);

}  // namespace rk::engine
