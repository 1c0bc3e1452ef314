// Waiting list: waitlist.count, waitlist.quarterly, waitlist.change, waitlist.bridging,
// waitlist.days. A client is waiting on day D when since <= D < until (or until empty); a client
// waiting in several entries counts once. The counts are counts of clients: they carry the
// clients' record keys (not the entries').
#include <algorithm>

#include "calendar/period.hpp"
#include "engine/indicators/common.hpp"

namespace rk::engine {
namespace {

using model::Kind;

// Breakdown dimensions of the waiting list ("" = the total).
enum class Dim : uint8_t { kTotal, kMunicipality, kArea, kProvider, kQuadrant, kKind, kGgz };

struct Entries {
  const Table& t;
  std::span<const int32_t> client, provider, municipality, area, since, until;
  std::span<const int8_t> quadrant, kind, bridging, provider_ggz;

  explicit Entries(const Snapshot& s)
      : t(s.table(Kind::kWaitlist)),
        client(t.i32("client_id")),
        provider(t.i32("provider_id")),
        municipality(t.i32("municipality_eff")),
        area(t.i32("area_eff")),
        since(t.i32("since")),
        until(t.i32("until")),
        quadrant(t.i8("quadrant")),
        kind(t.i8("kind")),
        bridging(t.i8("bridging_care")),
        provider_ggz(s.table(Kind::kProviders).i8("ggz")) {}

  // The contract's quadrant of a waiting-list entry is K2 or K3 (enum 0, 1); scopes and
  // breakdowns number quadrants K1..K3 as 0..2.
  [[nodiscard]] int32_t quadrant_index(int32_t e) const {
    return quadrant[e] < 0 ? -1 : quadrant[e] + 1;
  }
  [[nodiscard]] bool in_scope(const Scope& s, int32_t e) const {
    return Scope::matches(s.municipality, municipality[e]) && Scope::matches(s.area, area[e]) &&
           Scope::matches(s.provider, provider[e]) && Scope::matches(s.quadrant, quadrant_index(e));
  }
  [[nodiscard]] bool waiting_on(int32_t e, int32_t day) const {
    return since[e] != kNullDate && since[e] <= day && (until[e] == kNullDate || day < until[e]);
  }
  // Waiting on at least one day of [a, b].
  [[nodiscard]] bool waiting_during(int32_t e, int32_t a, int32_t b) const {
    return since[e] != kNullDate && since[e] <= b && (until[e] == kNullDate || until[e] > a);
  }
  // Breakdown key of entry e for dimension `d`; -1 when it has none.
  [[nodiscard]] int32_t key(Dim d, int32_t e) const {
    switch (d) {
      case Dim::kTotal:
        return 0;
      case Dim::kMunicipality:
        return municipality[e];
      case Dim::kArea:
        return area[e];
      case Dim::kProvider:
        return provider[e];
      case Dim::kQuadrant:
        return quadrant_index(e);
      case Dim::kKind:
        return kind[e];
      case Dim::kGgz:  // 0 = false (also unknown), 1 = true
        return provider[e] < 0 ? -1 : (provider_ggz[provider[e]] == 1 ? 1 : 0);
    }
    return -1;
  }
};

Dim dim_of(const std::string& dimension) {
  if (dimension == "municipality") return Dim::kMunicipality;
  if (dimension == "area") return Dim::kArea;
  if (dimension == "provider") return Dim::kProvider;
  if (dimension == "quadrant") return Dim::kQuadrant;
  if (dimension == "kind") return Dim::kKind;
  if (dimension == "ggz") return Dim::kGgz;
  return Dim::kTotal;
}

int32_t group_count(const Snapshot& s, const std::string& dimension) {
  if (dimension == "kind") return 3;
  if (dimension == "ggz") return 2;
  return detail::ScopeColumns::key_count(s, dimension);
}

std::string group_text(const Snapshot& s, const std::string& dimension, int32_t g) {
  if (dimension == "kind") return detail::enum_text(Kind::kWaitlist, "kind", g);
  if (dimension == "ggz") return g == 1 ? "true" : "false";
  return detail::scope_key_text(s, dimension, g);
}

// Distinct clients waiting on `day`, per group of `dimension`, within the query's scope.
const std::vector<Tally>& waiting(Context& ctx, int32_t day, const std::string& dimension) {
  return ctx.memo<std::vector<Tally>>("waitlist/" + std::to_string(day) + "/" + dimension, [&] {
    const Entries en(ctx.snapshot());
    const KeySpan client_keys = ctx.keys(Kind::kClients);
    std::vector<Tally> out(static_cast<size_t>(group_count(ctx.snapshot(), dimension)));
    const Dim d = dim_of(dimension);
    std::vector<uint64_t> pairs;  // group << 32 | client
    for (int32_t e = 0; e < en.t.rows(); ++e) {
      if (!en.waiting_on(e, day) || !en.in_scope(ctx.query().scope, e)) continue;
      const int32_t g = en.key(d, e);
      if (g < 0 || en.client[e] < 0) continue;
      pairs.push_back(static_cast<uint64_t>(g) << 32 | static_cast<uint32_t>(en.client[e]));
    }
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    for (uint64_t p : pairs)
      out[static_cast<size_t>(p >> 32)].add(client_keys[static_cast<int32_t>(p & 0xffffffffU)]);
    return out;
  });
}

// Groups of `dimension` with an entry in scope waiting on some day of [a, b].
std::vector<int64_t> present(Context& ctx, int32_t a, int32_t b, const std::string& dimension) {
  const Entries en(ctx.snapshot());
  std::vector<int64_t> out(static_cast<size_t>(group_count(ctx.snapshot(), dimension)), 0);
  const Dim d = dim_of(dimension);
  for (int32_t e = 0; e < en.t.rows(); ++e) {
    if (!en.waiting_during(e, a, b) || !en.in_scope(ctx.query().scope, e)) continue;
    const int32_t g = en.key(d, e);
    if (g >= 0) out[static_cast<size_t>(g)] = 1;
  }
  return out;
}

// One cell per group with a non-zero `shown`: the number of group g is `number(g)`.
template <typename NumberOf>
Breakdown breakdown_of(const Snapshot& s, const std::string& dimension,
                       const std::vector<int64_t>& shown, NumberOf&& number) {
  Breakdown b{dimension, {}};
  for (size_t g = 0; g < shown.size(); ++g)
    if (shown[g] > 0)
      b.cells.emplace_back(group_text(s, dimension, static_cast<int32_t>(g)),
                           Figure::of(number(g)));
  std::sort(b.cells.begin(), b.cells.end(),
            [](const auto& x, const auto& y) { return x.first < y.first; });
  return b;
}

void count(Context& ctx, const IndicatorDef& def, IndicatorResult& r) {
  const Query& q = ctx.query();
  r.total = Figure::of(Number::count(waiting(ctx, q.to.days, "")[0]));
  for (const auto& dim : def.dimensions) {
    const std::vector<Tally>& counts = waiting(ctx, q.to.days, dim);
    r.breakdowns.push_back(breakdown_of(ctx.snapshot(), dim,
                                        present(ctx, q.from.days, q.to.days, dim),
                                        [&](size_t g) { return Number::count(counts[g]); }));
  }
  if (q.explain) {
    const Entries en(ctx.snapshot());
    const Table& clients = ctx.snapshot().table(Kind::kClients);
    std::vector<int32_t> ids;
    for (int32_t e = 0; e < en.t.rows(); ++e)
      if (en.waiting_on(e, q.to.days) && en.in_scope(q.scope, e) && en.client[e] >= 0)
        ids.push_back(en.client[e]);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    for (int32_t c : ids) r.records.emplace_back(clients.key_text(c));
  }
}

void quarterly(Context& ctx, const IndicatorDef&, IndicatorResult& r) {
  const Query& q = ctx.query();
  r.series_indicator = true;
  for (const KeyedPeriod& quarter : quarters_overlapping(Period{q.from, q.to}))
    r.series.push_back(
        {quarter.key, Figure::of(Number::count(waiting(ctx, quarter.to.days, "")[0]))});
}

void change(Context& ctx, const IndicatorDef& def, IndicatorResult& r) {
  const Query& q = ctx.query();
  const int32_t before = q.from.days - 1;
  // The difference of group g of `dim` (clients waiting at the end minus those waiting the day
  // before the period), marked when either count it is built from is 1-4.
  const auto diff = [&](const std::string& dim) {
    const std::vector<Tally>& now = waiting(ctx, q.to.days, dim);
    const std::vector<Tally>& then = waiting(ctx, before, dim);
    return [&now, &then](size_t g) {
      const auto one_to_four = [](const Tally& c) { return c.n >= 1 && c.n <= 4; };
      Number d = Number::difference_of(now[g], then[g]);
      d.from_small_count = one_to_four(now[g]) || one_to_four(then[g]);
      return d;
    };
  };
  r.total = Figure::of(diff("")(0));
  for (const auto& dim : def.dimensions)
    r.breakdowns.push_back(
        breakdown_of(ctx.snapshot(), dim, present(ctx, before, q.to.days, dim), diff(dim)));
}

void bridging(Context& ctx, const IndicatorDef&, IndicatorResult& r) {
  const Query& q = ctx.query();
  const Entries en(ctx.snapshot());
  const KeySpan client_keys = ctx.keys(Kind::kClients);
  std::vector<uint64_t> pairs;  // client << 1 | bridging
  for (int32_t e = 0; e < en.t.rows(); ++e)
    if (en.waiting_on(e, q.to.days) && en.in_scope(q.scope, e) && en.client[e] >= 0)
      pairs.push_back(static_cast<uint64_t>(en.client[e]) << 1 | (en.bridging[e] == 1 ? 1U : 0U));
  std::sort(pairs.begin(), pairs.end());
  Tally waiting_clients, bridged;
  for (size_t i = 0; i < pairs.size(); ++i) {
    const bool last_of_client = i + 1 == pairs.size() || (pairs[i + 1] >> 1) != (pairs[i] >> 1);
    if (!last_of_client) continue;
    const uint64_t key = client_keys[static_cast<int32_t>(pairs[i] >> 1)];
    waiting_clients.add(key);
    // Sorted: the client's last pair has bit 1 when any entry has it.
    if ((pairs[i] & 1) != 0) bridged.add(key);
  }
  r.total = Figure::ratio(bridged, waiting_clients);
}

void days(Context& ctx, const IndicatorDef&, IndicatorResult& r) {
  const Query& q = ctx.query();
  const Entries en(ctx.snapshot());
  std::vector<double> waited;
  for (int32_t e = 0; e < en.t.rows(); ++e) {
    if (!detail::in_period(en.until[e], q) || en.since[e] == kNullDate || !en.in_scope(q.scope, e))
      continue;
    waited.push_back(en.until[e] - en.since[e]);
    if (q.explain) r.records.emplace_back(en.t.key_text(e));
  }
  r.total = median_p90(waited);
}

}  // namespace

void register_waitlist(Catalogue& c) {
  c.add({.id = "waitlist.count",
         .title_nl = "Cliënten op de wachtlijst",
         .title_en = "Clients on the waiting list",
         .unit = Unit::kCount,
         .better = Better::kLower,
         .dimensions = {"municipality", "area", "quadrant", "provider", "kind", "ggz"},
         .explainable = true,
         .trend = true,
         .compute = count});
  c.add({.id = "waitlist.quarterly",
         .title_nl = "Wachtlijst per kwartaal",
         .title_en = "Waiting list per quarter",
         .unit = Unit::kCount,
         .better = Better::kLower,
         .compute = quarterly});
  c.add({.id = "waitlist.change",
         .title_nl = "Verandering wachtlijst",
         .title_en = "Change of the waiting list",
         .unit = Unit::kCount,
         .better = Better::kLower,
         .dimensions = {"provider"},
         .compute = change});
  c.add({.id = "waitlist.bridging",
         .title_nl = "Wachtenden met overbruggingszorg",
         .title_en = "Waiting clients receiving bridging care",
         .unit = Unit::kPercent,
         .better = Better::kHigher,
         .compute = bridging});
  c.add({.id = "waitlist.days",
         .title_nl = "Wachttijd (dagen)",
         .title_en = "Days waited",
         .unit = Unit::kDays,
         .better = Better::kLower,
         .explainable = true,
         .trend = true,
         .compute = days});
}

}  // namespace rk::engine
