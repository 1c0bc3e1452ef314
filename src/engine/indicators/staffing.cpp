// Staffing (seed appendix 2): staffing.fte, fte per team and quadrant (K1, K2) on each measurement
// date inside [from, to], with totals. Teams are free text (area team or municipality), so the
// indicator exists only in the combined scope.
#include <array>
#include <cmath>
#include <map>

#include "engine/indicators/common.hpp"

namespace rk::engine {
namespace {

using model::Kind;

using Fte = std::array<double, 2>;  // K1, K2

Figure fte_figure(const Fte& f) {
  Figure out;
  out.values.emplace_back("K1", Number::amount(f[0]));
  out.values.emplace_back("K2", Number::amount(f[1]));
  out.values.emplace_back("total", Number::amount(f[0] + f[1]));
  return out;
}

void fte(Context& ctx, const IndicatorDef&, IndicatorResult& r) {
  const Table& t = ctx.snapshot().table(Kind::kStaffing);
  const auto on = t.i32("on");
  const auto team = t.i32("team");
  const auto quadrant = t.i8("quadrant");
  const auto value = t.f64("fte");
  const Dictionary& teams = t.dictionary("team");
  std::map<int32_t, Fte> per_date;
  std::map<int32_t, std::map<std::string, Fte>> per_date_team;
  for (int32_t i = 0; i < t.rows(); ++i) {
    if (!detail::in_period(on[i], ctx.query()) || quadrant[i] < 0 || quadrant[i] > 1 ||
        std::isnan(value[i]))
      continue;
    const auto k = static_cast<size_t>(static_cast<uint8_t>(quadrant[i]));
    per_date[on[i]][k] += value[i];
    per_date_team[on[i]][team[i] < 0 ? std::string() : std::string(teams[team[i]])][k] += value[i];
  }
  r.series_indicator = true;
  Breakdown by_date{"date/team", {}};
  for (const auto& [day, f] : per_date) {
    const std::string key = Date{day}.to_string();
    r.series.push_back({key, fte_figure(f)});
    Figure cell;
    cell.nested.push_back({"team", {}});
    for (const auto& [name, tf] : per_date_team[day])
      cell.nested.front().cells.emplace_back(name, fte_figure(tf));
    by_date.cells.emplace_back(key, std::move(cell));
  }
  r.total = Figure::of(Number::amount(
      per_date.empty()
          ? std::nullopt
          : std::optional<double>(per_date.rbegin()->second[0] + per_date.rbegin()->second[1])));
  r.breakdowns.push_back(std::move(by_date));
}

}  // namespace

void register_staffing(Catalogue& c) {
  c.add({.id = "staffing.fte",
         .title_nl = "Formatie (fte) per team en kwadrant",
         .title_en = "Staffing (fte) per team and quadrant",
         .unit = Unit::kFte,
         .better = Better::kNeither,
         .scopes = 0,
         .dimensions = {"date/team"},
         .compute = fte});
}

}  // namespace rk::engine
