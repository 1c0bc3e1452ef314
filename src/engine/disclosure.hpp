// The one disclosure-control layer (indicators.md, "Privacy rule for outputs"). Every figure that
// the roles municipality and public see passes `disclose` on its way out, whatever the view: kpi,
// the API and dashboard, the report, the xlsx and StatLine exports and the frozen figures of
// closed periods. No view applies a rule of its own.
//
//  1. Counts are perturbed by the cell-key method: published = true + noise, the noise looked up
//     in the perturbation table by (true count, cell key), the cell key being the sum of the
//     records' keys (Tally, record_keys.hpp). The same records give the same published count in
//     every query. Percentages are rebuilt from perturbed numerator and denominator, per-client
//     amounts from the perturbed client count, differences of counts from the perturbed counts.
//  2. Then small cells and secondary suppression (suppression.hpp) on the published figures.
//
// Analysts see exact figures: `disclose` leaves their results as computed.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "engine/config.hpp"
#include "engine/result.hpp"
#include "engine/role.hpp"
#include "model/status.hpp"

namespace rk::engine {

// The perturbation table (docs/privacy.md): for a true count c and a cell key u in [0, 1) the
// noise d in [-D, D] with cumulative probabilities per row. Row c (c = 1 .. D + 1; larger counts
// use row D + 1) is the maximum-entropy distribution on the noises that keep c + d >= 1 with mean 0
// and variance V; row 1 has no such noise but 0 (a count of 1 stays 1; it is published "<5").
class PerturbationTable {
 public:
  static constexpr int kMaxNoise = 2;
  using Params = DisclosureParams;  // D (max_noise, at most kMaxNoise) and V (variance)
  // The table for `params`; fails when D is out of 0..kMaxNoise or V cannot be reached. D = 0
  // gives no noise at all (config.hpp).
  static Result<PerturbationTable> create(const Params& params);
  // The default table (D = 2, V = 1).
  static const PerturbationTable& standard();
  // The table of a configuration: standard() for the defaults. REQUIRES: parameters that
  // create() accepts (load_config checks them).
  static std::shared_ptr<const PerturbationTable> of(const Config& config);

  // The noise for a true count `count` >= 0 and cell key `key` (a fraction of 2^64); 0 for 0.
  [[nodiscard]] int noise(int64_t count, uint64_t key) const;
  [[nodiscard]] int64_t published(const Tally& t) const { return t.n + noise(t.n, t.key); }

  // Probability of noise d (index d + kMaxNoise) for a true count (for documentation and tests).
  [[nodiscard]] std::array<double, 2 * kMaxNoise + 1> probabilities(int64_t count) const;
  [[nodiscard]] const Params& params() const { return params_; }

 private:
  using Row = std::array<double, 2 * kMaxNoise + 1>;
  Params params_;
  std::vector<Row> rows_;  // probabilities; rows_[c - 1] for c = 1 .. D + 1
};

// Rewrites `results` for `role` (a no-op for analysts): perturbation, then suppression. Fails,
// leaving nothing shown, when a result carries no record keys (computed without
// Query::record_keys): figures that cannot be perturbed are never published.
Status disclose(Role role, const PerturbationTable& table, std::vector<IndicatorResult>& results);
// The same with the configuration's table (PerturbationTable::of): what every view calls.
Status disclose(Role role, const Config& config, std::vector<IndicatorResult>& results);

// The sentence every view shows once when figures are disclosed for `role` (empty for analysts).
std::string_view disclosure_note(Role role);

}  // namespace rk::engine
