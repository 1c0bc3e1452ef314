// Manual indicators and projects (seed §3.2, §4.7): manual.<id> for every manual indicator declared
// in configuration (values from measurements.csv) and projects.results (project_results.csv).
// A measurement or result period is inside the query period when its first day >= from and its
// last day <= to.
#include <algorithm>
#include <cmath>
#include <map>

#include "calendar/period.hpp"
#include "engine/indicators/common.hpp"

namespace rk::engine {
namespace {

using model::Kind;

// The periods of a dictionary column, parsed once per distinct text.
std::vector<std::optional<Period>> parse_periods(const Dictionary& d) {
  std::vector<std::optional<Period>> out(static_cast<size_t>(d.size()));
  for (int32_t i = 0; i < d.size(); ++i) out[static_cast<size_t>(i)] = parse_period(d[i]);
  return out;
}

bool inside(const std::optional<Period>& p, const Query& q) {
  return p && q.from <= p->from && p->to <= q.to;
}

// "Latest": the latest end date; on a tie the shortest period.
bool later(const Period& a, const Period& b) {
  if (a.to != b.to) return b.to < a.to;
  return a.days() < b.days();
}

struct Chosen {
  int32_t row = -1;
  Period period;
};

void manual(Context& ctx, const std::string& id, IndicatorResult& r) {
  const Snapshot& s = ctx.snapshot();
  const Query& q = ctx.query();
  const Table& t = s.table(Kind::kMeasurements);
  const auto indicator = t.i32("indicator");
  const auto period = t.i32("period");
  const auto municipality = t.i32("municipality");
  const auto value = t.f64("value");
  const auto note = t.i32("note");
  const int32_t wanted = t.dictionary("indicator").find(id);
  const std::vector<std::optional<Period>> periods = parse_periods(t.dictionary("period"));

  // Slot 0 = combined (no municipality), slot 1 + m = municipality row m.
  const auto municipalities = s.table(Kind::kMunicipalities).rows();
  std::vector<Chosen> chosen(1 + static_cast<size_t>(municipalities));
  for (int32_t i = 0; wanted >= 0 && i < t.rows(); ++i) {
    if (indicator[i] != wanted || period[i] < 0 || std::isnan(value[i])) continue;
    const std::optional<Period>& p = periods[static_cast<size_t>(period[i])];
    if (!inside(p, q)) continue;
    Chosen& c = chosen[municipality[i] < 0 ? 0 : 1 + static_cast<size_t>(municipality[i])];
    if (c.row < 0 || later(*p, c.period)) c = {i, *p};
  }
  const auto number = [&](const Chosen& c) {
    return Number::amount(c.row < 0 ? std::nullopt : std::optional<double>(value[c.row]));
  };
  const bool scoped = q.scope.municipality != Scope::kAny;
  const Chosen none;
  const Chosen& main =
      !scoped ? chosen[0]
              : (q.scope.municipality >= 0 ? chosen[1 + static_cast<size_t>(q.scope.municipality)]
                                           : none);
  r.total = Figure::of(number(main));
  if (main.row >= 0) {
    r.texts.emplace_back("period", period_key(main.period));
    if (note[main.row] >= 0)
      r.texts.emplace_back("note", std::string(t.dictionary("note")[note[main.row]]));
    if (q.explain) r.records.emplace_back(t.key_text(main.row));
  }
  if (scoped) return;
  Breakdown b{"municipality", {}};
  for (int32_t m = 0; m < municipalities; ++m) {
    const Chosen& c = chosen[1 + static_cast<size_t>(m)];
    if (c.row >= 0)
      b.cells.emplace_back(detail::scope_key_text(s, "municipality", m), Figure::of(number(c)));
  }
  std::sort(b.cells.begin(), b.cells.end(),
            [](const auto& a, const auto& x) { return a.first < x.first; });
  r.breakdowns.push_back(std::move(b));
}

// A nested cell of the projects table, built from sorted maps.
using PeriodValues = std::map<std::string, double>;
using MunicipalityValues = std::map<std::string, PeriodValues>;
using MeasureValues = std::map<std::string, MunicipalityValues>;

template <typename Map, typename Leaf>
Figure nested(const std::string& dimension, const Map& m, Leaf leaf) {
  Figure f;
  f.nested.push_back({dimension, {}});
  for (const auto& [key, inner] : m) f.nested.front().cells.emplace_back(key, leaf(inner));
  return f;
}

void projects(Context& ctx, const IndicatorDef&, IndicatorResult& r) {
  const Snapshot& s = ctx.snapshot();
  const Query& q = ctx.query();
  const Table& projects = s.table(Kind::kProjects);
  const Table& t = s.table(Kind::kProjectResults);
  const auto project = t.i32("project_id");
  const auto period = t.i32("period");
  const auto municipality = t.i32("municipality");
  const auto measure = t.i32("measure");
  const auto value = t.f64("value");
  const Dictionary& periods_text = t.dictionary("period");
  const Dictionary& measures = t.dictionary("measure");
  const std::vector<std::optional<Period>> periods = parse_periods(periods_text);

  std::map<std::string, MeasureValues> table;
  for (int32_t i = 0; i < t.rows(); ++i) {
    if (project[i] < 0 || period[i] < 0 || measure[i] < 0 || std::isnan(value[i])) continue;
    if (!inside(periods[static_cast<size_t>(period[i])], q)) continue;
    if (!Scope::matches(q.scope.municipality, municipality[i])) continue;
    const std::string where =
        municipality[i] < 0 ? "all" : detail::scope_key_text(s, "municipality", municipality[i]);
    table[std::string(projects.key_text(project[i]))][std::string(measures[measure[i]])][where]
         [std::string(periods_text[period[i]])] = value[i];
    if (q.explain) r.records.emplace_back(projects.key_text(project[i]));
  }
  Breakdown results{"project/measure/municipality/period", {}};
  for (const auto& [name, measure_values] : table)
    results.cells.emplace_back(
        name, nested("measure", measure_values, [](const MunicipalityValues& mv) {
          return nested("municipality", mv, [](const PeriodValues& pv) {
            return nested("period", pv, [](double v) { return Figure::of(Number::amount(v)); });
          });
        }));
  r.breakdowns.push_back(std::move(results));

  const auto embedded = projects.i32("embedded_on");
  Breakdown status{"status", {}};
  for (int32_t p = 0; p < projects.rows(); ++p) {
    Figure f;
    f.text = embedded[p] != kNullDate && embedded[p] <= q.to.days ? "embedded" : "running";
    status.cells.emplace_back(std::string(projects.key_text(p)), std::move(f));
  }
  std::sort(status.cells.begin(), status.cells.end(),
            [](const auto& a, const auto& x) { return a.first < x.first; });
  r.breakdowns.push_back(std::move(status));
  std::sort(r.records.begin(), r.records.end());
  r.records.erase(std::unique(r.records.begin(), r.records.end()), r.records.end());
}

}  // namespace

void register_manual(Catalogue& c, const Config& config) {
  const std::vector<ManualIndicator> declared =
      config.manual_declared ? config.manual : default_manual_indicators();
  for (const ManualIndicator& m : declared) {
    c.add({.id = "manual." + m.id,
           .title_nl = m.title_nl,
           .title_en = m.title_en,
           .unit = m.unit,
           .better = m.better,
           .norm = m.norm,
           .scopes = kScopeMunicipality,
           .dimensions = {"municipality"},
           .explainable = true,
           .compute = [id = m.id](Context& ctx, const IndicatorDef&, IndicatorResult& r) {
             manual(ctx, id, r);
           }});
  }
  c.add({.id = "projects.results",
         .title_nl = "Resultaten van de transformatieprojecten",
         .title_en = "Results of the transformation projects",
         .unit = Unit::kNumber,
         .better = Better::kNeither,
         .scopes = kScopeMunicipality,
         .dimensions = {"project/measure/municipality/period", "status"},
         .explainable = true,
         .compute = projects});
}

}  // namespace rk::engine
