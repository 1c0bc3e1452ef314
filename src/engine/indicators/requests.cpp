// Requests and flow: requests.new, flow.*, requests.gp_not_in_care, requests.incomplete.
#include <algorithm>
#include <map>

#include "calendar/period.hpp"
#include "calendar/timezone.hpp"
#include "engine/indicators/common.hpp"

namespace rk::engine {
namespace {

using model::Kind;

constexpr int8_t kReferrerGp = 0;
constexpr int8_t kMatchNone = 3;
constexpr uint8_t kRequestScopes = kScopeMunicipality | kScopeArea;

struct Requests {
  const Table& t;
  std::span<const int32_t> municipality, area;
  std::span<const int64_t> received, complete, first_contact, intake, core_team, matched, approval,
      offer_letter;
  std::span<const int8_t> referrer, urgent, match;

  explicit Requests(const Snapshot& s)
      : t(s.table(Kind::kRequests)),
        municipality(t.i32("municipality_eff")),
        area(t.i32("area_eff")),
        received(t.i64("received_at")),
        complete(t.i64("complete_at")),
        first_contact(t.i64("first_contact_at")),
        intake(t.i64("intake_at")),
        core_team(t.i64("core_team_at")),
        matched(t.i64("matched_at")),
        approval(t.i64("approval_at")),
        offer_letter(t.i64("offer_letter_at")),
        referrer(t.i8("referrer")),
        urgent(t.i8("urgent")),
        match(t.i8("match")) {}

  [[nodiscard]] bool in_scope(const Scope& s, int32_t r) const {
    return Scope::matches(s.municipality, municipality[r]) && Scope::matches(s.area, area[r]);
  }
  // date(column[r]) lies in the query period.
  [[nodiscard]] static bool in(std::span<const int64_t> col, int32_t r, const Query& q) {
    return col[r] != kNullTime && detail::in_period(date_of(col[r]), q);
  }
};

int32_t wd(const Context& ctx, int64_t a, int64_t b) {
  return ctx.working_days().workdays(Date{date_of(a)}, Date{date_of(b)});
}

// A "within N" ratio: the denominator rows selected by `in_denominator`, on time by `on_time`
// (a missing closing step is late, by construction of on_time). Both count requests.
template <typename Den, typename OnTime>
void within(Context& ctx, IndicatorResult& r, Den in_denominator, OnTime on_time) {
  const Requests rq(ctx.snapshot());
  const Query& q = ctx.query();
  const KeySpan keys = ctx.keys(Kind::kRequests);
  Tally num, den;
  for (int32_t i = 0; i < rq.t.rows(); ++i) {
    if (!rq.in_scope(q.scope, i) || !in_denominator(rq, i)) continue;
    den.add(keys[i]);
    if (on_time(rq, i)) num.add(keys[i]);
    if (q.explain) r.records.emplace_back(rq.t.key_text(i));
  }
  r.total = Figure::ratio(num, den);
}

void requests_new(Context& ctx, const IndicatorDef&, IndicatorResult& r) {
  const Requests rq(ctx.snapshot());
  const Query& q = ctx.query();
  const detail::MonthRange months = detail::month_range(q);
  r.additive_series = true;  // the monthly points add up to the total
  const KeySpan keys = ctx.keys(Kind::kRequests);
  std::vector<Tally> per_month(static_cast<size_t>(months.count));
  std::vector<Tally> per_referrer(model::table_spec(Kind::kRequests).fields[3].enum_values.size());
  const int32_t window_from = months.count ? months.start_day(0) : q.from.days;
  const int32_t window_to = months.count ? months.end_day(months.count - 1) : q.to.days;
  const Snapshot& s = ctx.snapshot();
  std::vector<Tally> per_municipality(static_cast<size_t>(s.table(Kind::kMunicipalities).rows()));
  std::vector<Tally> per_area(static_cast<size_t>(s.table(Kind::kAreas).rows()));
  Tally total;
  for (int32_t i = 0; i < rq.t.rows(); ++i) {
    if (!rq.in_scope(q.scope, i) || rq.received[i] == kNullTime) continue;
    const int32_t day = date_of(rq.received[i]);
    if (day < window_from || day > window_to) continue;
    const uint64_t key = keys[i];
    per_month[static_cast<size_t>(month_index(day) - months.first)].add(key);
    if (!detail::in_period(day, q)) continue;
    total.add(key);
    if (rq.referrer[i] >= 0) per_referrer[static_cast<size_t>(rq.referrer[i])].add(key);
    if (rq.municipality[i] >= 0) per_municipality[static_cast<size_t>(rq.municipality[i])].add(key);
    if (rq.area[i] >= 0) per_area[static_cast<size_t>(rq.area[i])].add(key);
    if (q.explain) r.records.emplace_back(rq.t.key_text(i));
  }
  r.total = Figure::of(Number::count(total));
  for (int32_t m = 0; m < months.count; ++m)
    r.series.push_back(
        {months.key(m), Figure::of(Number::count(per_month[static_cast<size_t>(m)]))});
  Breakdown b{"referrer", {}};
  for (size_t k = 0; k < per_referrer.size(); ++k)
    if (per_referrer[k].n > 0)
      b.cells.emplace_back(detail::enum_text(Kind::kRequests, "referrer", static_cast<int32_t>(k)),
                           Figure::of(Number::count(per_referrer[k])));
  std::sort(b.cells.begin(), b.cells.end(),
            [](const auto& a, const auto& c) { return a.first < c.first; });
  r.breakdowns.push_back(std::move(b));
  // Cells are the municipalities and areas (the client's) with requests in the period.
  r.breakdowns.push_back(detail::count_breakdown(s, "municipality", per_municipality));
  r.breakdowns.push_back(detail::count_breakdown(s, "area", per_area));
}

void intake_5wd(Context& ctx, const IndicatorDef&, IndicatorResult& r) {
  const Query& q = ctx.query();
  within(
      ctx, r,
      [&](const Requests& rq, int32_t i) {
        return Requests::in(rq.received, i, q) && rq.complete[i] != kNullTime;
      },
      [&](const Requests& rq, int32_t i) {
        return rq.intake[i] != kNullTime && wd(ctx, rq.complete[i], rq.intake[i]) <= 5;
      });
}

void core_team_7d(Context& ctx, const IndicatorDef&, IndicatorResult& r) {
  const Query& q = ctx.query();
  within(
      ctx, r, [&](const Requests& rq, int32_t i) { return Requests::in(rq.intake, i, q); },
      [](const Requests& rq, int32_t i) {
        return rq.core_team[i] != kNullTime &&
               date_of(rq.core_team[i]) - date_of(rq.intake[i]) <= 7;
      });
}

void urgent_24h(Context& ctx, const IndicatorDef&, IndicatorResult& r) {
  const Query& q = ctx.query();
  within(
      ctx, r,
      [&](const Requests& rq, int32_t i) {
        return Requests::in(rq.received, i, q) && rq.urgent[i] == 1;
      },
      [](const Requests& rq, int32_t i) {
        return rq.first_contact[i] != kNullTime &&
               elapsed_seconds(Timestamp{rq.received[i]}, Timestamp{rq.first_contact[i]}) <=
                   int64_t{24} * 3600;
      });
}

void offer_letter_5wd(Context& ctx, const IndicatorDef&, IndicatorResult& r) {
  const Query& q = ctx.query();
  within(
      ctx, r, [&](const Requests& rq, int32_t i) { return Requests::in(rq.approval, i, q); },
      [&](const Requests& rq, int32_t i) {
        return rq.offer_letter[i] != kNullTime && wd(ctx, rq.approval[i], rq.offer_letter[i]) <= 5;
      });
}

void weekly_intake(Context& ctx, const IndicatorDef&, IndicatorResult& r) {
  const Requests rq(ctx.snapshot());
  const Query& q = ctx.query();
  // ISO week Monday -> largest working days (or -1 when no completed request has an intake).
  std::map<int32_t, int32_t> weeks;
  for (int32_t i = 0; i < rq.t.rows(); ++i) {
    if (!rq.in_scope(q.scope, i) || !Requests::in(rq.complete, i, q)) continue;
    const int32_t day = date_of(rq.complete[i]);
    const int32_t monday = day - static_cast<int32_t>(Date{day}.iso_weekday()) + 1;
    auto [it, inserted] = weeks.try_emplace(monday, -1);
    if (rq.intake[i] != kNullTime)
      it->second = std::max(it->second, wd(ctx, rq.complete[i], rq.intake[i]));
  }
  r.series_indicator = true;
  for (const auto& [monday, days] : weeks)
    r.series.push_back(
        {iso_week_key(Date{monday}),
         Figure::of(Number::amount(days < 0 ? std::nullopt : std::optional<double>(days)))});
}

void time_to_start(Context& ctx, const IndicatorDef&, IndicatorResult& r) {
  const Snapshot& s = ctx.snapshot();
  const Query& q = ctx.query();
  const Requests rq(s);
  const Table& traj = s.table(Kind::kTrajectories);
  const auto request = traj.i32("request_id");
  const auto start = traj.i32("start_date");
  const detail::ScopeColumns sc = detail::scope_columns(traj);
  // First trajectory per request.
  std::vector<int32_t> first(static_cast<size_t>(rq.t.rows()), -1);
  for (int32_t t = 0; t < traj.rows(); ++t) {
    const int32_t req = request[t];
    if (req < 0 || start[t] == kNullDate) continue;
    int32_t& f = first[static_cast<size_t>(req)];
    if (f < 0 || start[t] < start[f]) f = t;
  }
  std::vector<double> days;
  for (int32_t i = 0; i < rq.t.rows(); ++i) {
    const int32_t t = first[static_cast<size_t>(i)];
    if (t < 0 || !detail::in_period(start[t], q) || !sc.in(q.scope, t) ||
        rq.received[i] == kNullTime)
      continue;
    days.push_back(start[t] - date_of(rq.received[i]));
    if (q.explain) r.records.emplace_back(rq.t.key_text(i));
  }
  r.total = median_p90(days);
}

void lead_time(Context& ctx, const IndicatorDef&, IndicatorResult& r) {
  const Requests rq(ctx.snapshot());
  const Query& q = ctx.query();
  std::vector<double> days;
  for (int32_t i = 0; i < rq.t.rows(); ++i) {
    if (!rq.in_scope(q.scope, i) || !Requests::in(rq.matched, i, q)) continue;
    days.push_back(date_of(rq.matched[i]) - date_of(rq.received[i]));
    if (q.explain) r.records.emplace_back(rq.t.key_text(i));
  }
  r.total = median_p90(days);
}

void gp_not_in_care(Context& ctx, const IndicatorDef&, IndicatorResult& r) {
  const Snapshot& s = ctx.snapshot();
  const Requests rq(s);
  const Query& q = ctx.query();
  const auto practice = rq.t.i32("gp_practice");
  const Dictionary& practices = rq.t.dictionary("gp_practice");
  const auto areas = static_cast<size_t>(s.table(Kind::kAreas).rows());
  const KeySpan keys = ctx.keys(Kind::kRequests);
  std::vector<Tally> num(1 + areas + static_cast<size_t>(practices.size()));
  std::vector<Tally> den(num.size());
  for (int32_t i = 0; i < rq.t.rows(); ++i) {
    if (!rq.in_scope(q.scope, i) || rq.referrer[i] != kReferrerGp ||
        !Requests::in(rq.received, i, q))
      continue;
    const bool none = rq.match[i] == kMatchNone;
    const uint64_t key = keys[i];
    const auto count = [&](size_t slot) {
      den[slot].add(key);
      if (none) num[slot].add(key);
    };
    count(0);
    if (rq.area[i] >= 0) count(1 + static_cast<size_t>(rq.area[i]));
    if (practice[i] >= 0) count(1 + areas + static_cast<size_t>(practice[i]));
    if (q.explain) r.records.emplace_back(rq.t.key_text(i));
  }
  r.total = Figure::ratio(num[0], den[0]);
  Breakdown by_area{"area", {}}, by_practice{"gp_practice", {}};
  for (size_t k = 1; k < num.size(); ++k) {
    if (den[k].n == 0) continue;
    Figure f = Figure::ratio(num[k], den[k]);
    if (k <= areas)
      by_area.cells.emplace_back(detail::scope_key_text(s, "area", static_cast<int32_t>(k - 1)), f);
    else
      by_practice.cells.emplace_back(std::string(practices[static_cast<int32_t>(k - 1 - areas)]),
                                     f);
  }
  for (Breakdown* b : {&by_area, &by_practice}) {
    std::sort(b->cells.begin(), b->cells.end(),
              [](const auto& a, const auto& c) { return a.first < c.first; });
    r.breakdowns.push_back(std::move(*b));
  }
}

void incomplete(Context& ctx, const IndicatorDef&, IndicatorResult& r) {
  const Requests rq(ctx.snapshot());
  const Query& q = ctx.query();
  const KeySpan keys = ctx.keys(Kind::kRequests);
  Tally n;
  for (int32_t i = 0; i < rq.t.rows(); ++i) {
    if (!rq.in_scope(q.scope, i) || !Requests::in(rq.received, i, q)) continue;
    if (rq.complete[i] != kNullTime && wd(ctx, rq.received[i], rq.complete[i]) <= 5) continue;
    n.add(keys[i]);
    if (q.explain) r.records.emplace_back(rq.t.key_text(i));
  }
  r.total = Figure::of(Number::count(n));
}

Norm at_least(double target, double tolerance) {
  return Norm{Norm::Op::kAtLeast, target, tolerance};
}

// The four on-time shares of the flow, each with a norm.
void register_flow_norms(Catalogue& c) {
  c.add({.id = "flow.intake_5wd",
         .title_nl = "Instroom binnen 5 werkdagen na compleet",
         .title_en = "Intake within 5 working days of completion",
         .unit = Unit::kPercent,
         .better = Better::kHigher,
         .norm = at_least(100, 5),
         .scopes = kRequestScopes,
         .explainable = true,
         .trend = true,
         .compute = intake_5wd});
  c.add({.id = "flow.core_team_7d",
         .title_nl = "Kernteam binnen 7 dagen na instroom",
         .title_en = "Core team within 7 days of intake",
         .unit = Unit::kPercent,
         .better = Better::kHigher,
         .norm = at_least(100, 5),
         .scopes = kRequestScopes,
         .explainable = true,
         .trend = true,
         .compute = core_team_7d});
  c.add({.id = "flow.urgent_24h",
         .title_nl = "Spoedvragen binnen 24 uur opgepakt",
         .title_en = "Urgent requests picked up in 24 h",
         .unit = Unit::kPercent,
         .better = Better::kHigher,
         .norm = at_least(90, 5),
         .scopes = kRequestScopes,
         .explainable = true,
         .trend = true,
         .compute = urgent_24h});
  c.add({.id = "flow.offer_letter_5wd",
         .title_nl = "Brief van aanbod binnen 5 werkdagen na akkoord",
         .title_en = "Offer letter within 5 working days of approval",
         .unit = Unit::kPercent,
         .better = Better::kHigher,
         .norm = at_least(100, 5),
         .scopes = kRequestScopes,
         .explainable = true,
         .trend = true,
         .compute = offer_letter_5wd});
}

}  // namespace

void register_requests(Catalogue& c) {
  c.add({.id = "requests.new",
         .title_nl = "Nieuwe zorgvragen",
         .title_en = "New requests",
         .unit = Unit::kCount,
         .better = Better::kNeither,
         .scopes = kRequestScopes,
         .dimensions = {"referrer", "municipality", "area"},
         .explainable = true,
         .trend = true,
         .compute = requests_new});
  register_flow_norms(c);
  c.add({.id = "flow.weekly_intake",
         .title_nl = "Langste doorlooptijd compleet tot instroom per week (werkdagen)",
         .title_en = "Longest completion-to-intake time per week (working days)",
         .unit = Unit::kDays,
         .better = Better::kLower,
         .scopes = kRequestScopes,
         .explainable = true,
         .compute = weekly_intake});
  c.add({.id = "flow.time_to_start_days",
         .title_nl = "Dagen van aanmelding tot start zorg",
         .title_en = "Days from request to start of care",
         .unit = Unit::kDays,
         .better = Better::kLower,
         .scopes = kScopeAll,
         .explainable = true,
         .compute = time_to_start});
  c.add({.id = "flow.lead_time_days",
         .title_nl = "Doorlooptijd aanmelding tot zorgmatch (dagen)",
         .title_en = "Lead time from request to match (days)",
         .unit = Unit::kDays,
         .better = Better::kLower,
         .scopes = kRequestScopes,
         .explainable = true,
         .trend = true,
         .compute = lead_time});
  c.add({.id = "requests.gp_not_in_care",
         .title_nl = "Verwijzingen huisarts zonder zorg",
         .title_en = "GP referrals without care",
         .unit = Unit::kPercent,
         .better = Better::kNeither,
         .scopes = kRequestScopes,
         .dimensions = {"area", "gp_practice"},
         .explainable = true,
         .compute = gp_not_in_care});
  c.add({.id = "requests.incomplete",
         .title_nl = "Zorgvragen niet compleet na 5 werkdagen",
         .title_en = "Requests not complete after 5 working days",
         .unit = Unit::kCount,
         .better = Better::kLower,
         .scopes = kRequestScopes,
         .explainable = true,
         .compute = incomplete});
}

}  // namespace rk::engine
