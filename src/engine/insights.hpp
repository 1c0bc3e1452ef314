// Insights: a few Dutch sentences that say what stands out in the figures of a period, as the
// 2023 council letter does ("Meer dan 75 % van de trajecten is volgens plan beëindigd"). Four
// kinds, at most one sentence per indicator and kind: a norm met or missed and by how much; a
// trend over the last 12 months that passes the Mann–Kendall test (trend.hpp); the biggest mover
// of the waiting list by provider group (GGZ or not) against the end of the previous quarter; the
// forecast result of the year. Ranked by weight. The rules and weights: docs/insights.md.
//
// Sentences are built only from disclosed results (disclosure.hpp): a figure the role may not see
// (suppressed, "<5") yields no sentence and no number of a sentence is computed from it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "calendar/period.hpp"
#include "engine/catalogue.hpp"
#include "engine/result.hpp"
#include "engine/role.hpp"
#include "model/status.hpp"

namespace rk::engine {

// The way a sentence's figure moves (cli.md, /api/insights): for a norm the figure against the
// target, for a trend its slope, for the waiting list its change, for the forecast the sign of
// the expected result.
enum class Direction : uint8_t { kUp, kDown, kFlat };
// "up", "down" or "flat".
std::string_view to_string(Direction direction);

enum class InsightKind : uint8_t { kNorm, kTrend, kMovers, kForecast };

struct Insight {
  std::string indicator;
  InsightKind kind = InsightKind::kNorm;
  std::string text;  // Dutch, numbers in Dutch format
  Direction direction = Direction::kFlat;
  double weight = 0;  // the larger, the more important (docs/insights.md)
};

// Significance level of the trend test (two-sided).
inline constexpr double kTrendAlpha = 0.05;
// Months of the trend window.
inline constexpr int kTrendMonths = 12;
// The smallest change of a provider group's waiting clients that the movers sentence reports:
// smaller changes may be the perturbation of the two counts (±2 each).
inline constexpr double kMoverMinimum = 5;

// Everything the sentences are built from, every result disclosed for the caller's role.
struct InsightFigures {
  Period period;
  std::vector<IndicatorResult> current;  // the period's results
  // The quarter before the quarter of period.to, and waitlist.count on its last day.
  Period previous_quarter;
  std::vector<IndicatorResult> quarter_results;
  // The 12 whole months up to period.to (oldest first) and every indicator's results per month.
  std::vector<KeyedPeriod> months;
  std::vector<std::vector<IndicatorResult>> monthly;
  // The indicators whose monthly figures are tested for a trend (IndicatorDef::trend).
  std::vector<std::string> trend_indicators;
};

// The quarter before the quarter that holds period.to.
Period previous_quarter_of(Period period);
// The 12 whole calendar months that end with the month of period.to, or with the month before it
// when period.to is not the last day of its month (a part of a month is no month of a trend).
std::vector<KeyedPeriod> trend_months(Period period);

// Computes the comparison windows of `query` (its scope, working days and record keys; period
// query.from..query.to) through the catalogue, passes them through the disclosure layer for
// `role`, and keeps `current` (the period's results as the caller shows them, already disclosed)
// beside them. Fails as disclose() fails (results without record keys for municipality and
// public).
Result<InsightFigures> insight_figures(const Catalogue& catalogue, const Snapshot& snapshot,
                                       const Query& query, const Config& config, Role role,
                                       std::vector<IndicatorResult> current);

// The sentences, most important first; empty when nothing stands out.
std::vector<Insight> make_insights(const InsightFigures& figures);

// The /api/insights answer: [{"indicator", "text", "direction", "weight"}] in the given order.
nlohmann::json insights_json(const std::vector<Insight>& insights);

}  // namespace rk::engine
