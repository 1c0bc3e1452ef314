// Clients (CBS table): start, new, total, ended, end, monthly; care.residential_share.
#include <algorithm>

#include "engine/indicators/client_pass.hpp"

namespace rk::engine {
namespace detail {
namespace {

ClientCounts count_clients(Context& ctx, const std::string& dimension) {
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

  ClientCounts out;
  out.groups = ScopeColumns::key_count(snap, dimension);
  out.months = month_range(q);
  const auto groups = static_cast<size_t>(out.groups);
  out.start.assign(groups, 0);
  out.any.assign(groups, 0);
  out.end.assign(groups, 0);
  out.residential.assign(groups, 0);
  out.monthly.assign(groups * static_cast<size_t>(out.months.count), 0);
  const bool explain = q.explain && dimension.empty();
  if (explain) out.flags.assign(static_cast<size_t>(clients.rows()), 0);
  const int32_t window_from = out.months.count ? out.months.start_day(0) : q.from.days;
  const int32_t window_to = out.months.count ? out.months.end_day(out.months.count - 1) : q.to.days;
  std::vector<int32_t> mark(static_cast<size_t>(out.months.count), -1);
  std::vector<int32_t> seen;
  int32_t stamp = 0;

  for (int32_t c = 0; c < clients.rows(); ++c) {
    seen.clear();
    for (int32_t k = begin[c]; k < begin[c + 1]; ++k) {
      const int32_t t = by_client[k];
      if (!sc.in(q.scope, t) || !overlaps(start[t], end[t], window_from, window_to)) continue;
      const int32_t g = sc.key(dimension, t);
      if (g >= 0 && std::find(seen.begin(), seen.end(), g) == seen.end()) seen.push_back(g);
    }
    for (int32_t g : seen) {
      bool on_from = false, in_any = false, on_to = false, res = false;
      ++stamp;
      for (int32_t k = begin[c]; k < begin[c + 1]; ++k) {
        const int32_t t = by_client[k];
        if (!sc.in(q.scope, t) || sc.key(dimension, t) != g) continue;
        const int32_t s = start[t], e = end[t];
        if (!overlaps(s, e, window_from, window_to)) continue;
        on_from |= covers(s, e, q.from.days);
        on_to |= covers(s, e, q.to.days);
        if (overlaps(s, e, q.from.days, q.to.days)) {
          in_any = true;
          res |= residential[t] == 1;
        }
        const int32_t m0 = std::max(month_index(s), out.months.first) - out.months.first;
        const int32_t m1 =
            (e == kNullDate ? out.months.count - 1
                            : std::min(month_index(e) - out.months.first, out.months.count - 1));
        for (int32_t m = m0; m <= m1; ++m) {
          if (mark[static_cast<size_t>(m)] == stamp) continue;
          mark[static_cast<size_t>(m)] = stamp;
          ++out.monthly[static_cast<size_t>(g) * static_cast<size_t>(out.months.count) +
                        static_cast<size_t>(m)];
        }
      }
      const auto gi = static_cast<size_t>(g);
      out.start[gi] += on_from;
      out.any[gi] += in_any;
      out.end[gi] += on_to;
      out.residential[gi] += res;
      if (explain)
        out.flags[static_cast<size_t>(c)] =
            static_cast<uint8_t>(on_from | (in_any << 1) | (on_to << 2));
    }
  }
  return out;
}

}  // namespace

const ClientCounts& client_counts(Context& ctx, const std::string& dimension) {
  return ctx.memo<ClientCounts>("clients/" + dimension,
                                [&] { return count_clients(ctx, dimension); });
}

}  // namespace detail

namespace {

using detail::ClientCounts;

enum class Measure { kStart, kNew, kTotal, kEnded, kEnd };

int64_t measure(const ClientCounts& c, size_t g, Measure m) {
  switch (m) {
    case Measure::kStart:
      return c.start[g];
    case Measure::kNew:
      return c.any[g] - c.start[g];
    case Measure::kTotal:
      return c.any[g];
    case Measure::kEnded:
      return c.any[g] - c.end[g];
    case Measure::kEnd:
      return c.end[g];
  }
  return 0;
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
    r.total = Figure::of(Number::count(static_cast<double>(measure(total, 0, m))));
    for (const auto& dim : def.dimensions) {
      const ClientCounts& c = detail::client_counts(ctx, dim);
      std::vector<int64_t> values(static_cast<size_t>(c.groups));
      for (size_t g = 0; g < values.size(); ++g) values[g] = measure(c, g, m);
      r.breakdowns.push_back(detail::count_breakdown(ctx.snapshot(), dim, values, c.any));
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
  for (int32_t m = 0; m < c.months.count; ++m)
    r.series.push_back(
        {c.months.key(m),
         Figure::of(Number::count(static_cast<double>(c.monthly[static_cast<size_t>(m)])))});
}

void residential_share(Context& ctx, const IndicatorDef& def, IndicatorResult& r) {
  const ClientCounts& total = detail::client_counts(ctx, "");
  r.total =
      Figure::ratio(static_cast<double>(total.residential[0]), static_cast<double>(total.any[0]));
  for (const auto& dim : def.dimensions) {
    const ClientCounts& c = detail::client_counts(ctx, dim);
    Breakdown b{dim, {}};
    for (int32_t g = 0; g < c.groups; ++g)
      if (c.any[static_cast<size_t>(g)] > 0)
        b.cells.emplace_back(
            detail::scope_key_text(ctx.snapshot(), dim, g),
            Figure::ratio(static_cast<double>(c.residential[static_cast<size_t>(g)]),
                          static_cast<double>(c.any[static_cast<size_t>(g)])));
    std::sort(b.cells.begin(), b.cells.end(),
              [](const auto& a, const auto& x) { return a.first < x.first; });
    r.breakdowns.push_back(std::move(b));
  }
}

}  // namespace

void register_clients(Catalogue& c) {
  const std::vector<std::string> dims = {"municipality", "area", "quadrant"};
  const auto add = [&](std::string id, std::string nl, std::string en, Measure m) {
    c.add({std::move(id), std::move(nl), std::move(en), Unit::kCount, std::nullopt, kScopeAll, dims,
           true, count_of(m)});
  };
  add("clients.start", "Cliënten in zorg bij begin periode", "Clients in care at start",
      Measure::kStart);
  add("clients.new", "Nieuwe cliënten in de periode", "New clients in the period", Measure::kNew);
  add("clients.total", "Cliënten in zorg in de periode", "Clients in care in the period",
      Measure::kTotal);
  add("clients.ended", "Cliënten uit zorg in de periode", "Clients leaving care in the period",
      Measure::kEnded);
  add("clients.end", "Cliënten in zorg aan einde periode", "Clients in care at end", Measure::kEnd);
  c.add({"clients.monthly",
         "Cliënten in zorg per maand",
         "Clients in care per month",
         Unit::kCount,
         std::nullopt,
         kScopeAll,
         {},
         false,
         monthly});
  c.add({"care.residential_share", "Aandeel cliënten met verblijf",
         "Share of clients with residential care", Unit::kPercent, std::nullopt, kScopeAll, dims,
         false, residential_share});
}

}  // namespace rk::engine
