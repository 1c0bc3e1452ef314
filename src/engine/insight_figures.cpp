// The comparison windows of the insights: the previous quarter's waiting list and the results of
// each of the last 12 months, computed through the catalogue and disclosed like every figure.
#include "engine/disclosure.hpp"
#include "engine/insights.hpp"

namespace rk::engine {

Period previous_quarter_of(Period period) {
  const Date last = first_day_of_quarter(period.to) - 1;
  return Period{first_day_of_quarter(last), last};
}

std::vector<KeyedPeriod> trend_months(Period period) {
  const Date end =
      period.to == last_day_of_month(period.to) ? period.to : first_day_of_month(period.to) - 1;
  Date first = first_day_of_month(end);
  for (int i = 1; i < kTrendMonths; ++i) first = first_day_of_month(first - 1);
  return months_overlapping(Period{first, end});
}

Result<InsightFigures> insight_figures(const Catalogue& catalogue, const Snapshot& snapshot,
                                       const Query& query, const Config& config, Role role,
                                       std::vector<IndicatorResult> current) {
  InsightFigures f;
  f.period = Period{query.from, query.to};
  f.current = std::move(current);
  f.previous_quarter = previous_quarter_of(f.period);
  Query q = query;
  q.explain = false;
  q.from = f.previous_quarter.from;
  q.to = f.previous_quarter.to;
  if (auto r = compute_one(catalogue, "waitlist.count", snapshot, q, config))
    f.quarter_results.push_back(std::move(*r));
  if (Status s = disclose(role, config, f.quarter_results); !s) return s;
  // Every indicator of each month, not only the trend indicators: the disclosure layer's rules
  // across indicators (clients, ended by plan against end reasons) then hide in a month exactly
  // what that month's document hides.
  for (const IndicatorDef& def : catalogue.indicators())
    if (def.trend) f.trend_indicators.push_back(def.id);
  f.months = trend_months(f.period);
  for (const KeyedPeriod& month : f.months) {
    q.from = month.from;
    q.to = month.to;
    std::vector<IndicatorResult> results = compute_all(catalogue, snapshot, q, config);
    if (Status s = disclose(role, config, results); !s) return s;
    f.monthly.push_back(std::move(results));
  }
  return f;
}

}  // namespace rk::engine
