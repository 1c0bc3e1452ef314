// Care and outcome: outcome.ended_by_plan, outcome.end_reasons, outcome.goals_attained,
// outcome.gas_t, outcome.duration_days and outcome.reentry_12m. Counts of trajectories carry the
// trajectories' record keys, counts of goals the goals' keys and counts of clients the clients'.
#include <algorithm>
#include <cmath>
#include <span>

#include "engine/indicators/common.hpp"

namespace rk::engine {
namespace {

using model::Kind;

constexpr int8_t kEndReasonPlan = 0;
constexpr double kGasRho = 0.3;

// The trajectories of the query's scope that ended in the period (end_date in [from, to]), in
// row order, and their tally; shared by every outcome indicator but reentry.
struct Ended {
  std::vector<int32_t> rows;
  Tally tally;
};

const Ended& ended(Context& ctx) {
  return ctx.memo<Ended>("outcome/ended", [&] {
    const Table& traj = ctx.snapshot().table(Kind::kTrajectories);
    const auto end = traj.i32("end_date");
    const detail::ScopeColumns sc = detail::scope_columns(traj);
    const KeySpan keys = ctx.keys(Kind::kTrajectories);
    Ended e;
    for (int32_t t = 0; t < traj.rows(); ++t)
      if (detail::in_period(end[t], ctx.query()) && sc.in(ctx.query().scope, t)) {
        e.rows.push_back(t);
        e.tally.add(keys[t]);
      }
    return e;
  });
}

void explain_rows(Context& ctx, const std::vector<int32_t>& rows, IndicatorResult& r) {
  if (!ctx.query().explain) return;
  const Table& traj = ctx.snapshot().table(Kind::kTrajectories);
  for (int32_t t : rows) r.records.emplace_back(traj.key_text(t));
}

void ended_by_plan(Context& ctx, const IndicatorDef&, IndicatorResult& r) {
  const Ended& e = ended(ctx);
  const auto reason = ctx.snapshot().table(Kind::kTrajectories).i8("end_reason");
  const KeySpan keys = ctx.keys(Kind::kTrajectories);
  Tally plan;
  for (int32_t t : e.rows)
    if (reason[t] == kEndReasonPlan) plan.add(keys[t]);
  r.total = Figure::ratio(plan, e.tally);
  explain_rows(ctx, e.rows, r);
}

void end_reasons(Context& ctx, const IndicatorDef&, IndicatorResult& r) {
  const Ended& e = ended(ctx);
  const auto reason = ctx.snapshot().table(Kind::kTrajectories).i8("end_reason");
  const model::TableSpec& spec = model::table_spec(Kind::kTrajectories);
  const auto field = static_cast<size_t>(spec.field_index("end_reason"));
  const KeySpan keys = ctx.keys(Kind::kTrajectories);
  std::vector<Tally> per_reason(spec.fields[field].enum_values.size());
  for (int32_t t : e.rows)
    if (reason[t] >= 0) per_reason[static_cast<size_t>(reason[t])].add(keys[t]);
  r.total = Figure::of(Number::count(e.tally));
  Breakdown b{"end_reason", {}};
  for (size_t k = 0; k < per_reason.size(); ++k)
    if (per_reason[k].n > 0)
      b.cells.emplace_back(
          detail::enum_text(Kind::kTrajectories, "end_reason", static_cast<int32_t>(k)),
          Figure::of(Number::count(per_reason[k])));
  std::sort(b.cells.begin(), b.cells.end(),
            [](const auto& a, const auto& c) { return a.first < c.first; });
  r.breakdowns.push_back(std::move(b));
  explain_rows(ctx, e.rows, r);
}

// The goal columns, resolved once per indicator (not per trajectory).
struct GoalColumns {
  std::span<const int32_t> begin, order;
  std::span<const int64_t> score;
  std::span<const double> weight;
  explicit GoalColumns(const Snapshot& s)
      : begin(s.table(Kind::kTrajectories).i32("goal_begin")),
        order(s.table(Kind::kGoals).i32("by_trajectory")),
        score(s.table(Kind::kGoals).i64("score")),
        weight(s.table(Kind::kGoals).f64("weight")) {}
};

// The scored goals of one trajectory: goal rows with a score (unscored goals are ignored
// entirely, their weight too); an empty weight is 1.
template <typename Fn>
void for_scored_goals(const GoalColumns& c, int32_t t, Fn&& fn) {
  for (int32_t k = c.begin[t]; k < c.begin[t + 1]; ++k) {
    const int32_t g = c.order[k];
    if (c.score[g] == kNullInt) continue;
    fn(g, std::isnan(c.weight[g]) ? 1.0 : c.weight[g], static_cast<double>(c.score[g]));
  }
}

void goals_attained(Context& ctx, const IndicatorDef&, IndicatorResult& r) {
  const Snapshot& s = ctx.snapshot();
  const GoalColumns columns(s);
  const KeySpan keys = ctx.keys(Kind::kGoals);
  Tally scored, attained;
  for (int32_t t : ended(ctx).rows)
    for_scored_goals(columns, t, [&](int32_t g, double, double x) {
      scored.add(keys[g]);
      if (x >= 0) attained.add(keys[g]);
      if (ctx.query().explain) r.records.emplace_back(s.table(Kind::kGoals).key_text(g));
    });
  r.total = Figure::ratio(attained, scored);
}

void gas_t(Context& ctx, const IndicatorDef&, IndicatorResult& r) {
  const Snapshot& s = ctx.snapshot();
  const GoalColumns columns(s);
  double sum_t = 0;
  int64_t n = 0;
  for (int32_t t : ended(ctx).rows) {
    double sw = 0, sw2 = 0, swx = 0;
    int goals = 0;
    for_scored_goals(columns, t, [&](int32_t, double w, double x) {
      sw += w;
      sw2 += w * w;
      swx += w * x;
      ++goals;
    });
    const double den = std::sqrt((1 - kGasRho) * sw2 + kGasRho * sw * sw);
    // A trajectory without scored goals (or whose scored goals all weigh 0) has no T-score.
    if (goals == 0 || den <= 0) continue;
    sum_t += 50 + 10 * swx / den;
    ++n;
    if (ctx.query().explain) r.records.emplace_back(s.table(Kind::kTrajectories).key_text(t));
  }
  r.total = mean_of(sum_t, n);
}

void duration_days(Context& ctx, const IndicatorDef&, IndicatorResult& r) {
  const Table& traj = ctx.snapshot().table(Kind::kTrajectories);
  const auto start = traj.i32("start_date");
  const auto end = traj.i32("end_date");
  const auto quadrant = traj.i8("quadrant");
  const Ended& e = ended(ctx);
  std::vector<double> all;
  std::vector<std::vector<double>> per_quadrant(3);
  for (int32_t t : e.rows) {
    const double days = end[t] - start[t] + 1;
    all.push_back(days);
    if (quadrant[t] >= 0 && quadrant[t] < 3)
      per_quadrant[static_cast<size_t>(quadrant[t])].push_back(days);
  }
  r.total = median_p90(all);
  Breakdown b{"quadrant", {}};
  for (int32_t q = 0; q < 3; ++q) {
    auto& v = per_quadrant[static_cast<size_t>(q)];
    if (!v.empty()) b.cells.emplace_back("K" + std::to_string(q + 1), median_p90(v));
  }
  r.breakdowns.push_back(std::move(b));
  explain_rows(ctx, e.rows, r);
}

// The day 12 months before `d` (the same day of the month, or the month's last day).
int32_t twelve_months_before(Date d) {
  const CivilDate c = d.civil();
  return Date::from_civil(c.year - 1, c.month, std::min(c.day, days_in_month(c.year - 1, c.month)))
      .days;
}

void reentry_12m(Context& ctx, const IndicatorDef&, IndicatorResult& r) {
  const Snapshot& s = ctx.snapshot();
  const Query& q = ctx.query();
  const Table& clients = s.table(Kind::kClients);
  const Table& traj = s.table(Kind::kTrajectories);
  const auto begin = clients.i32("traj_begin");
  const auto by_client = traj.i32("by_client");
  const auto start = traj.i32("start_date");
  const auto end = traj.i32("end_date");
  const detail::ScopeColumns sc = detail::scope_columns(traj);
  const int32_t window_from = twelve_months_before(q.from);
  const int32_t from = q.from.days;
  const KeySpan keys = ctx.keys(Kind::kClients);
  Tally den, num;
  for (int32_t c = 0; c < clients.rows(); ++c) {
    bool in_care_on_from = false, returns = false, any_before = false;
    int32_t last_end = kNullDate;
    for (int32_t k = begin[c]; k < begin[c + 1]; ++k) {
      const int32_t t = by_client[k];
      if (!sc.in(q.scope, t) || start[t] == kNullDate) continue;
      if (start[t] < from) {
        any_before = true;
        if (end[t] == kNullDate || end[t] >= from)
          in_care_on_from = true;
        else
          last_end = std::max(last_end, end[t]);
      } else if (start[t] <= q.to.days) {
        returns = true;
      }
    }
    if (!any_before || in_care_on_from || last_end < window_from) continue;
    den.add(keys[c]);
    if (returns) num.add(keys[c]);
    if (q.explain) r.records.emplace_back(clients.key_text(c));
  }
  r.total = Figure::ratio(num, den);
}

}  // namespace

void register_outcome(Catalogue& c) {
  c.add({.id = "outcome.ended_by_plan",
         .title_nl = "Trajecten volgens plan beëindigd",
         .title_en = "Trajectories ended according to plan",
         .unit = Unit::kPercent,
         .better = Better::kHigher,
         .norm = Norm{Norm::Op::kAtLeast, 75, 5},
         .explainable = true,
         .trend = true,
         .compute = ended_by_plan});
  c.add({.id = "outcome.end_reasons",
         .title_nl = "Beëindigde trajecten per reden",
         .title_en = "Ended trajectories by reason",
         .unit = Unit::kCount,
         .better = Better::kNeither,
         .dimensions = {"end_reason"},
         .explainable = true,
         .compute = end_reasons});
  c.add({.id = "outcome.goals_attained",
         .title_nl = "Doelen behaald (GAS-score ≥ 0)",
         .title_en = "Goals attained (GAS score ≥ 0)",
         .unit = Unit::kPercent,
         .better = Better::kHigher,
         .explainable = true,
         .compute = goals_attained});
  c.add({.id = "outcome.gas_t",
         .title_nl = "Gemiddelde GAS T-score",
         .title_en = "Mean GAS T-score",
         .unit = Unit::kScore,
         .better = Better::kHigher,
         .explainable = true,
         .compute = gas_t});
  c.add({.id = "outcome.duration_days",
         .title_nl = "Duur beëindigde trajecten (dagen)",
         .title_en = "Length of ended trajectories (days)",
         .unit = Unit::kDays,
         .better = Better::kNeither,
         .dimensions = {"quadrant"},
         .explainable = true,
         .compute = duration_days});
  c.add({.id = "outcome.reentry_12m",
         .title_nl = "Terugkeer in zorg binnen 12 maanden",
         .title_en = "Return to care within 12 months",
         .unit = Unit::kPercent,
         .better = Better::kLower,
         .explainable = true,
         .compute = reentry_12m});
}

}  // namespace rk::engine
