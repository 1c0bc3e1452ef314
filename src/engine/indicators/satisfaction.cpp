// Satisfaction (seed §4.4, §4.6, KPI 5, KPI 8): client surveys (satisfaction.responses, .grade,
// .decided_together, .stars, .statements) and staff surveys (staff.items, staff.admin_burden).
// Client responses belong to a period by answered_on; a response without municipality appears only
// in the combined scope. Staff surveys are per year and have no municipality (combined only).
#include <algorithm>
#include <array>
#include <cmath>
#include <map>

#include "engine/indicators/common.hpp"

namespace rk::engine {
namespace {

using model::Kind;

constexpr size_t kStatements = 8;
constexpr size_t kDecided = 3;  // yes, partly, no
constexpr size_t kStars = 5;

// The counts of responses carry the responses' record keys; the means count observations only.
struct SurveyCounts {
  Tally opened, completed;
  double grade_sum = 0;
  int64_t grades = 0;
  std::array<Tally, kDecided> decided{};
  Tally answered;
  std::array<Tally, kStars> stars{};
  std::array<double, kStatements> statement_sum{};
  std::array<int64_t, kStatements> statements{};
  std::vector<int32_t> rows;  // responses of the period in scope (for --explain)
};

SurveyCounts count_surveys(const Context& ctx) {
  const Table& t = ctx.snapshot().table(Kind::kSurveys);
  const Query& q = ctx.query();
  const auto answered_on = t.i32("answered_on");
  const auto municipality = t.i32("municipality");
  const auto complete = t.i8("complete");
  const auto grade = t.f64("grade");
  const auto stars = t.i64("stars");
  const auto decided = t.i8("decided_together");
  std::array<std::span<const int64_t>, kStatements> statement;
  for (size_t s = 0; s < kStatements; ++s) statement[s] = t.i64("s" + std::to_string(s + 1));
  const KeySpan keys = ctx.keys(Kind::kSurveys);

  SurveyCounts c;
  for (int32_t r = 0; r < t.rows(); ++r) {
    if (!detail::in_period(answered_on[r], q)) continue;
    // A response without municipality belongs to no municipality: only the combined scope.
    if (q.scope.municipality != Scope::kAny && municipality[r] != q.scope.municipality) continue;
    const uint64_t key = keys[r];
    c.opened.add(key);
    if (q.explain) c.rows.push_back(r);
    if (complete[r] != 1) continue;
    c.completed.add(key);
    if (!std::isnan(grade[r])) {
      c.grade_sum += grade[r];
      ++c.grades;
    }
    if (decided[r] >= 0 && static_cast<size_t>(static_cast<uint8_t>(decided[r])) < kDecided) {
      c.decided[static_cast<size_t>(static_cast<uint8_t>(decided[r]))].add(key);
      c.answered.add(key);
    }
    if (stars[r] >= 1 && stars[r] <= static_cast<int64_t>(kStars))
      c.stars[static_cast<size_t>(stars[r] - 1)].add(key);
    for (size_t s = 0; s < kStatements; ++s) {
      if (statement[s][r] == kNullInt) continue;
      c.statement_sum[s] += static_cast<double>(statement[s][r]);
      ++c.statements[s];
    }
  }
  return c;
}

const SurveyCounts& surveys(Context& ctx) {
  return ctx.memo<SurveyCounts>("surveys", [&] { return count_surveys(ctx); });
}

// Lists the responses behind a figure: those of the period for which keep(table, row) holds.
template <typename Keep>
void explain(Context& ctx, const SurveyCounts& c, IndicatorResult& r, Keep keep) {
  if (!ctx.query().explain) return;
  const Table& t = ctx.snapshot().table(Kind::kSurveys);
  for (int32_t row : c.rows)
    if (keep(t, row)) r.records.emplace_back(t.key_text(row));
}

bool is_complete(const Table& t, int32_t row) { return t.i8("complete")[row] == 1; }

Number mean(double sum, int64_t n) {
  return Number::statistic(
      n > 0 ? std::optional<double>(sum / static_cast<double>(n)) : std::nullopt, n);
}

void responses(Context& ctx, const IndicatorDef&, IndicatorResult& r) {
  const SurveyCounts& c = surveys(ctx);
  r.total.values.emplace_back("opened", Number::count(c.opened));
  r.total.values.emplace_back("completed", Number::count(c.completed));
  explain(ctx, c, r, [](const Table&, int32_t) { return true; });
}

void grade(Context& ctx, const IndicatorDef&, IndicatorResult& r) {
  const SurveyCounts& c = surveys(ctx);
  r.total = Figure::of(mean(c.grade_sum, c.grades));
  explain(ctx, c, r, [](const Table& t, int32_t row) {
    return is_complete(t, row) && !std::isnan(t.f64("grade")[row]);
  });
}

// value (with numerator and denominator) is the share `yes`, the KPI 5 figure the norm judges;
// values gives all three shares.
void decided_together(Context& ctx, const IndicatorDef&, IndicatorResult& r) {
  const SurveyCounts& c = surveys(ctx);
  r.total = Figure::ratio(c.decided[0], c.answered);
  static constexpr std::array<const char*, kDecided> kNames = {"yes", "partly", "no"};
  for (size_t k = 0; k < kDecided; ++k)
    r.total.values.emplace_back(kNames[k], Number::ratio(c.decided[k], c.answered));
  explain(ctx, c, r, [](const Table& t, int32_t row) {
    return is_complete(t, row) && t.i8("decided_together")[row] >= 0;
  });
}

void stars(Context& ctx, const IndicatorDef&, IndicatorResult& r) {
  const SurveyCounts& c = surveys(ctx);
  for (size_t k = 0; k < kStars; ++k)
    r.total.values.emplace_back(std::to_string(k + 1), Number::count(c.stars[k]));
  explain(ctx, c, r, [](const Table& t, int32_t row) {
    return is_complete(t, row) && t.i64("stars")[row] != kNullInt;
  });
}

void statements(Context& ctx, const IndicatorDef&, IndicatorResult& r) {
  const SurveyCounts& c = surveys(ctx);
  for (size_t s = 0; s < kStatements; ++s)
    r.total.values.emplace_back("s" + std::to_string(s + 1),
                                mean(c.statement_sum[s], c.statements[s]));
  explain(ctx, c, r, [](const Table& t, int32_t row) {
    bool any = false;
    for (size_t s = 0; s < kStatements; ++s)
      any |= t.i64("s" + std::to_string(s + 1))[row] != kNullInt;
    return is_complete(t, row) && any;
  });
}

// Staff surveys of one year: mean score per item (dictionary index of `item`).
struct StaffYear {
  std::map<int32_t, std::pair<double, int64_t>> items;  // item -> (sum, n)
};

StaffYear staff_year(const Context& ctx, int64_t year) {
  const Table& t = ctx.snapshot().table(Kind::kStaffSurveys);
  const auto years = t.i64("year");
  const auto item = t.i32("item");
  const auto score = t.f64("score");
  StaffYear y;
  for (int32_t r = 0; r < t.rows(); ++r) {
    if (years[r] != year || item[r] < 0 || std::isnan(score[r])) continue;
    auto& [sum, n] = y.items[item[r]];
    sum += score[r];
    ++n;
  }
  return y;
}

int to_year(const Context& ctx) { return ctx.query().to.civil().year; }

void staff_items(Context& ctx, const IndicatorDef&, IndicatorResult& r) {
  const Table& t = ctx.snapshot().table(Kind::kStaffSurveys);
  const Dictionary& names = t.dictionary("item");
  const int year = to_year(ctx);
  const std::array<int, 2> years = {year - 1, year};
  const std::array<StaffYear, 2> data = {staff_year(ctx, years[0]), staff_year(ctx, years[1])};
  std::map<std::string, Figure> cells;  // item name -> nested year cells
  for (size_t k = 0; k < years.size(); ++k)
    for (const auto& [item, sn] : data[k].items) {
      Figure& cell = cells[std::string(names[item])];
      if (cell.nested.empty()) cell.nested.push_back({"year", {}});
      cell.nested.front().cells.emplace_back(std::to_string(years[k]),
                                             Figure::of(mean(sn.first, sn.second)));
    }
  Breakdown b{"item/year", {}};
  for (auto& [name, cell] : cells) b.cells.emplace_back(name, std::move(cell));
  r.breakdowns.push_back(std::move(b));
}

void admin_burden(Context& ctx, const IndicatorDef&, IndicatorResult& r) {
  const Dictionary& names = ctx.snapshot().table(Kind::kStaffSurveys).dictionary("item");
  const int32_t item = names.find("admin_burden");
  const StaffYear y = staff_year(ctx, to_year(ctx));
  const auto it = item < 0 ? y.items.end() : y.items.find(item);
  r.total =
      Figure::of(it == y.items.end() ? mean(0, 0) : mean(it->second.first, it->second.second));
}

}  // namespace

void register_satisfaction(Catalogue& c) {
  // Client surveys list their responses; staff survey rows have no own id to list.
  c.add({.id = "satisfaction.responses",
         .title_nl = "Ingevulde tevredenheidsvragenlijsten",
         .title_en = "Satisfaction responses",
         .unit = Unit::kCount,
         .better = Better::kNeither,
         .scopes = kScopeMunicipality,
         .explainable = true,
         .compute = responses});
  c.add({.id = "satisfaction.grade",
         .title_nl = "Gemiddeld rapportcijfer cliënten",
         .title_en = "Mean client grade",
         .unit = Unit::kGrade,
         .better = Better::kHigher,
         .scopes = kScopeMunicipality,
         .explainable = true,
         .trend = true,
         .compute = grade});
  c.add({.id = "satisfaction.decided_together",
         .title_nl = "Samen besloten over de hulp",
         .title_en = "Decided on care together",
         .unit = Unit::kPercent,
         .better = Better::kHigher,
         .norm = Norm{Norm::Op::kAtLeast, 75, 5},
         .scopes = kScopeMunicipality,
         .explainable = true,
         .compute = decided_together});
  c.add({.id = "satisfaction.stars",
         .title_nl = "Waardering in sterren",
         .title_en = "Rating in stars",
         .unit = Unit::kCount,
         .better = Better::kNeither,
         .scopes = kScopeMunicipality,
         .explainable = true,
         .compute = stars});
  c.add({.id = "satisfaction.statements",
         .title_nl = "Gemiddelde instemming met de stellingen",
         .title_en = "Mean agreement with the statements",
         .unit = Unit::kScore,
         .better = Better::kHigher,
         .scopes = kScopeMunicipality,
         .explainable = true,
         .compute = statements});
  c.add({.id = "staff.items",
         .title_nl = "Medewerkerstevredenheid per onderwerp",
         .title_en = "Staff satisfaction per item",
         .unit = Unit::kGrade,
         .better = Better::kNeither,
         .scopes = 0,
         .dimensions = {"item/year"},
         .compute = staff_items});
  c.add({.id = "staff.admin_burden",
         .title_nl = "Ervaren administratieve last (medewerkers)",
         .title_en = "Experienced administrative burden (staff)",
         .unit = Unit::kGrade,
         .better = Better::kHigher,
         .norm = Norm{Norm::Op::kAtLeast, 6, 0.5},
         .scopes = 0,
         .compute = admin_burden});
}

}  // namespace rk::engine
