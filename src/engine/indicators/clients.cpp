// Clients (CBS table): start, new, total, ended, end, monthly; care.residential_share.
#include <algorithm>
#include <cstdint>
#include <span>

#include "engine/indicators/client_pass.hpp"

namespace rk::engine {
namespace detail {
namespace {

// The breakdown key column of one dimension, resolved once (not per row).
struct DimensionKeys {
  std::span<const int32_t> i32;
  std::span<const int8_t> i8;
  bool total = false;  // the empty dimension: every row is group 0

  [[nodiscard]] int32_t key(int32_t t) const {
    if (total) return 0;
    if (!i32.empty()) return i32[t];
    if (!i8.empty()) return i8[t];
    return -1;
  }
};

DimensionKeys dimension_keys(const ScopeColumns& sc, const std::string& dimension) {
  DimensionKeys k;
  if (dimension.empty()) {
    k.total = true;
  } else if (dimension == "municipality") {
    k.i32 = sc.municipality;
  } else if (dimension == "area") {
    k.i32 = sc.area;
  } else if (dimension == "provider") {
    k.i32 = sc.provider;
  } else if (dimension == "quadrant") {
    k.i8 = sc.quadrant;
  }
  return k;
}

// What one trajectory contributes to its client's flags, for the trajectories of a client that
// are in scope and overlap the months of the series.
struct Contribution {
  int32_t trajectory;
  bool on_from, in_period, on_to, residential;
  int32_t month_first, month_last;  // indexes into the series' months
};

// Sets bits first..last (inclusive) of a bit set.
void set_bits(std::vector<uint64_t>& bits, int32_t first, int32_t last) {
  for (int32_t m = first; m <= last;) {
    const auto word = static_cast<size_t>(m) >> 6;
    const int32_t lo = m & 63, hi = std::min(63, lo + (last - m));
    const uint64_t upto = hi == 63 ? ~uint64_t{0} : (uint64_t{1} << (hi + 1)) - 1;
    bits[word] |= upto & (~uint64_t{0} << lo);
    m += hi - lo + 1;
  }
}

// Zeroed counts for `dimensions`: every group of each, the monthly series for the total, and the
// per-client flags of the total when explaining.
std::vector<ClientCounts> zero_counts(const Snapshot& snap, const Query& q,
                                      const std::vector<std::string>& dimensions,
                                      const MonthRange& months, int32_t clients) {
  std::vector<ClientCounts> out(dimensions.size());
  for (size_t d = 0; d < dimensions.size(); ++d) {
    ClientCounts& o = out[d];
    o.groups = ScopeColumns::key_count(snap, dimensions[d]);
    o.months = months;
    const auto groups = static_cast<size_t>(o.groups);
    for (auto* v : {&o.start, &o.any, &o.end, &o.residential}) v->assign(groups, 0);
    for (auto* v : {&o.start_key, &o.any_key, &o.end_key, &o.residential_key}) v->assign(groups, 0);
    if (dimensions[d].empty()) {
      o.monthly.assign(static_cast<size_t>(months.count), 0);
      o.monthly_key.assign(static_cast<size_t>(months.count), 0);
      if (q.explain) o.flags.assign(static_cast<size_t>(clients), 0);
    }
  }
  return out;
}

// The index of the month of the series a day falls in, by search over the months' first days
// (no calendar conversion per trajectory).
class MonthIndex {
 public:
  MonthIndex(const MonthRange& months, int32_t window_to) {
    starts_.reserve(static_cast<size_t>(months.count) + 1);
    for (int32_t m = 0; m < months.count; ++m) starts_.push_back(months.start_day(m));
    starts_.push_back(window_to + 1);
  }
  [[nodiscard]] int32_t of(int32_t day) const {
    return static_cast<int32_t>(std::upper_bound(starts_.begin(), starts_.end(), day) -
                                starts_.begin()) -
           1;
  }

 private:
  std::vector<int32_t> starts_;
};

// Scratch space reused for every client, so that counting allocates nothing per client.
struct ClientScratch {
  std::vector<Contribution> mine;  // the client's trajectories in scope
  std::vector<int32_t> group_of;   // group of each of them in the dimension being counted
  std::vector<uint64_t> covered;   // months covered by one group, as a bit set
};

// Adds client `c` (record key `key`), whose trajectories are `x.mine`, to the counts `o` of one
// dimension: once per group its trajectories fall in, with the flags ORed over them.
void add_client(ClientCounts& o, const DimensionKeys& keys, ClientScratch& x, uint64_t key,
                int32_t c) {
  // The client's key when a flag is set, else 0 (no branch in the loop below).
  const auto key_if = [key](bool flag) { return key & (uint64_t{0} - uint64_t{flag}); };
  const size_t n = x.mine.size();
  for (size_t i = 0; i < n; ++i) x.group_of[i] = keys.key(x.mine[i].trajectory);
  for (size_t i = 0; i < n; ++i) {
    const int32_t g = x.group_of[i];
    if (g < 0) continue;
    bool first_of_group = true;
    for (size_t j = 0; j < i && first_of_group; ++j) first_of_group = x.group_of[j] != g;
    if (!first_of_group) continue;
    bool on_from = false, in_any = false, on_to = false, res = false;
    const bool monthly = !o.monthly.empty();
    if (monthly) std::fill(x.covered.begin(), x.covered.end(), 0);
    for (size_t j = i; j < n; ++j) {
      if (x.group_of[j] != g) continue;
      const Contribution& t = x.mine[j];
      on_from |= t.on_from;
      on_to |= t.on_to;
      in_any |= t.in_period;
      res |= t.in_period && t.residential;
      if (monthly) set_bits(x.covered, t.month_first, t.month_last);
    }
    const auto gi = static_cast<size_t>(g);
    o.start[gi] += on_from;
    o.any[gi] += in_any;
    o.end[gi] += on_to;
    o.residential[gi] += res;
    o.start_key[gi] += key_if(on_from);
    o.any_key[gi] += key_if(in_any);
    o.end_key[gi] += key_if(on_to);
    o.residential_key[gi] += key_if(res);
    if (monthly)
      for (size_t w = 0; w < x.covered.size(); ++w)
        for (uint64_t bits = x.covered[w]; bits != 0; bits &= bits - 1) {
          const size_t month = w * 64 + static_cast<size_t>(__builtin_ctzll(bits));
          ++o.monthly[month];
          o.monthly_key[month] += key;
        }
    if (!o.flags.empty())
      o.flags[static_cast<size_t>(c)] =
          static_cast<uint8_t>(on_from | (in_any << 1) | (on_to << 2));
  }
}

// One pass over the clients and their trajectories (CSR index) giving the counts of every
// dimension in `dimensions` at once: per client, the trajectories in scope are collected once,
// then each dimension ORs their flags per group. Every count adds the client's record key to its
// key sum. No allocation per client.
std::vector<ClientCounts> count_clients(Context& ctx, const std::vector<std::string>& dimensions) {
  const Snapshot& snap = ctx.snapshot();
  const Query& q = ctx.query();
  const Table& clients = snap.table(model::Kind::kClients);
  const Table& traj = snap.table(model::Kind::kTrajectories);
  const auto begin = clients.i32("traj_begin");
  const auto by_client = traj.i32("by_client");
  const auto start = traj.i32("start_date");
  const auto end = traj.i32("end_date");
  const auto residential = traj.i8("residential");
  const ScopeColumns sc = scope_columns(traj);
  const MonthRange months = month_range(q);
  const int32_t window_from = months.count ? months.start_day(0) : q.from.days;
  const int32_t window_to = months.count ? months.end_day(months.count - 1) : q.to.days;
  const bool scoped = q.scope.any();
  const KeySpan client_keys = ctx.keys(model::Kind::kClients);

  std::vector<ClientCounts> out = zero_counts(snap, q, dimensions, months, clients.rows());
  std::vector<DimensionKeys> keys;
  keys.reserve(dimensions.size());
  for (const std::string& dimension : dimensions) keys.push_back(dimension_keys(sc, dimension));
  const MonthIndex month(months, window_to);
  ClientScratch x;
  x.covered.assign((static_cast<size_t>(months.count) + 63) / 64, 0);
  for (int32_t c = 0; c < clients.rows(); ++c) {
    x.mine.clear();
    for (int32_t k = begin[c]; k < begin[c + 1]; ++k) {
      const int32_t t = by_client[k];
      const int32_t s = start[t], e = end[t];
      if (!overlaps(s, e, window_from, window_to) || (scoped && !sc.in(q.scope, t))) continue;
      x.mine.push_back({t, covers(s, e, q.from.days), overlaps(s, e, q.from.days, q.to.days),
                        covers(s, e, q.to.days), residential[t] == 1,
                        s <= window_from ? 0 : month.of(s),
                        e == kNullDate || e >= window_to ? months.count - 1 : month.of(e)});
    }
    if (x.mine.empty()) continue;
    x.group_of.resize(x.mine.size());
    for (size_t d = 0; d < dimensions.size(); ++d)
      add_client(out[d], keys[d], x, client_keys[c], c);
  }
  return out;
}

// The dimensions the client indicators break down by: computed together with the total.
const std::vector<std::string> kCommonDimensions = {"", "municipality", "area", "quadrant"};

}  // namespace

const ClientCounts& client_counts(Context& ctx, const std::string& dimension) {
  if (std::find(kCommonDimensions.begin(), kCommonDimensions.end(), dimension) !=
      kCommonDimensions.end()) {
    const auto& all = ctx.memo<std::vector<ClientCounts>>(
        "clients/common", [&] { return count_clients(ctx, kCommonDimensions); });
    return all[static_cast<size_t>(
        std::find(kCommonDimensions.begin(), kCommonDimensions.end(), dimension) -
        kCommonDimensions.begin())];
  }
  return ctx.memo<ClientCounts>("clients/" + dimension, [&] {
    return std::move(count_clients(ctx, std::vector<std::string>{dimension}).front());
  });
}

}  // namespace detail

namespace {

using detail::ClientCounts;

enum class Measure { kStart, kNew, kTotal, kEnded, kEnd };

// The clients of `a` that are not in `b`, for b a subset of a: the difference of the counts and
// of the key sums is exactly the tally of those clients.
Tally without(Tally a, const Tally& b) {
  a.n -= b.n;
  a.key -= b.key;  // modulo 2^64, like the sums
  return a;
}

// The clients counted by measure `m` in group `g`, with their record keys. The clients in care on
// `from` and those in care on `to` are both part of those in care in the period.
Tally measure(const ClientCounts& c, size_t g, Measure m) {
  const Tally start{c.start[g], c.start_key[g]};
  const Tally end{c.end[g], c.end_key[g]};
  switch (m) {
    case Measure::kStart:
      return start;
    case Measure::kNew:
      return without(c.clients(g), start);
    case Measure::kTotal:
      return c.clients(g);
    case Measure::kEnded:
      return without(c.clients(g), end);
    case Measure::kEnd:
      return end;
  }
  return {};
}

// A breakdown of client counts: one cell per group with a client in care in the period (a count
// of 0 is shown too).
Breakdown client_breakdown(const Snapshot& snapshot, const std::string& dimension,
                           std::span<const Tally> counts, std::span<const int64_t> present) {
  Breakdown b{dimension, {}};
  for (size_t g = 0; g < counts.size(); ++g)
    if (present[g] > 0)
      b.cells.emplace_back(detail::scope_key_text(snapshot, dimension, static_cast<int32_t>(g)),
                           Figure::of(Number::count(counts[g])));
  std::sort(b.cells.begin(), b.cells.end(),
            [](const auto& a, const auto& c) { return a.first < c.first; });
  return b;
}

bool explains(uint8_t flags, Measure m) {
  const bool from = flags & 1, any = flags & 2, to = flags & 4;
  switch (m) {
    case Measure::kStart:
      return from;
    case Measure::kNew:
      return any && !from;
    case Measure::kTotal:
      return any;
    case Measure::kEnded:
      return any && !to;
    case Measure::kEnd:
      return to;
  }
  return false;
}

ComputeFn count_of(Measure m) {
  return [m](Context& ctx, const IndicatorDef& def, IndicatorResult& r) {
    const ClientCounts& total = detail::client_counts(ctx, "");
    r.total = Figure::of(Number::count(measure(total, 0, m)));
    for (const auto& dim : def.dimensions) {
      const ClientCounts& c = detail::client_counts(ctx, dim);
      std::vector<Tally> values(static_cast<size_t>(c.groups));
      for (size_t g = 0; g < values.size(); ++g) values[g] = measure(c, g, m);
      r.breakdowns.push_back(client_breakdown(ctx.snapshot(), dim, values, c.any));
    }
    if (ctx.query().explain) {
      const Table& clients = ctx.snapshot().table(model::Kind::kClients);
      for (size_t i = 0; i < total.flags.size(); ++i)
        if (explains(total.flags[i], m))
          r.records.emplace_back(clients.key_text(static_cast<int32_t>(i)));
    }
  };
}

void monthly(Context& ctx, const IndicatorDef&, IndicatorResult& r) {
  const ClientCounts& c = detail::client_counts(ctx, "");
  for (size_t m = 0; m < c.monthly.size(); ++m)
    r.series.push_back({c.months.key(static_cast<int32_t>(m)),
                        Figure::of(Number::count(Tally{c.monthly[m], c.monthly_key[m]}))});
}

void residential_share(Context& ctx, const IndicatorDef& def, IndicatorResult& r) {
  const ClientCounts& total = detail::client_counts(ctx, "");
  r.total = Figure::ratio(Tally{total.residential[0], total.residential_key[0]}, total.clients(0));
  for (const auto& dim : def.dimensions) {
    const ClientCounts& c = detail::client_counts(ctx, dim);
    Breakdown b{dim, {}};
    for (size_t g = 0; g < static_cast<size_t>(c.groups); ++g)
      if (c.any[g] > 0)
        b.cells.emplace_back(
            detail::scope_key_text(ctx.snapshot(), dim, static_cast<int32_t>(g)),
            Figure::ratio(Tally{c.residential[g], c.residential_key[g]}, c.clients(g)));
    std::sort(b.cells.begin(), b.cells.end(),
              [](const auto& a, const auto& x) { return a.first < x.first; });
    r.breakdowns.push_back(std::move(b));
  }
}

}  // namespace

void register_clients(Catalogue& c) {
  const std::vector<std::string> dims = {"municipality", "area", "quadrant"};
  c.add({.id = "clients.start",
         .title_nl = "Cliënten in zorg bij begin periode",
         .title_en = "Clients in care at start",
         .unit = Unit::kCount,
         .better = Better::kNeither,
         .dimensions = dims,
         .explainable = true,
         .compute = count_of(Measure::kStart)});
  c.add({.id = "clients.new",
         .title_nl = "Nieuwe cliënten in de periode",
         .title_en = "New clients in the period",
         .unit = Unit::kCount,
         .better = Better::kNeither,
         .dimensions = dims,
         .explainable = true,
         .compute = count_of(Measure::kNew)});
  c.add({.id = "clients.total",
         .title_nl = "Cliënten in zorg in de periode",
         .title_en = "Clients in care in the period",
         .unit = Unit::kCount,
         .better = Better::kNeither,
         .dimensions = dims,
         .explainable = true,
         .compute = count_of(Measure::kTotal)});
  c.add({.id = "clients.ended",
         .title_nl = "Cliënten uit zorg in de periode",
         .title_en = "Clients leaving care in the period",
         .unit = Unit::kCount,
         .better = Better::kNeither,
         .dimensions = dims,
         .explainable = true,
         .compute = count_of(Measure::kEnded)});
  c.add({.id = "clients.end",
         .title_nl = "Cliënten in zorg aan einde periode",
         .title_en = "Clients in care at end",
         .unit = Unit::kCount,
         .better = Better::kNeither,
         .dimensions = dims,
         .explainable = true,
         .compute = count_of(Measure::kEnd)});
  c.add({.id = "clients.monthly",
         .title_nl = "Cliënten in zorg per maand",
         .title_en = "Clients in care per month",
         .unit = Unit::kCount,
         .better = Better::kNeither,
         .trend = true,
         .compute = monthly});
  c.add({.id = "care.residential_share",
         .title_nl = "Aandeel cliënten met verblijf",
         .title_en = "Share of clients with residential care",
         .unit = Unit::kPercent,
         .better = Better::kLower,
         .dimensions = dims,
         .trend = true,
         .compute = residential_share});
}

}  // namespace rk::engine
