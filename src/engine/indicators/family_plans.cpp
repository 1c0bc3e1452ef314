// Family plans (seed KPI 4): family_plan.missing, family_plan.multi_problem, family_plan.multiple.
// Each audit row counts, by audited_on in the period; audits carry no municipality, so these
// indicators exist only in the combined scope.
#include <algorithm>
#include <array>

#include "engine/indicators/common.hpp"

namespace rk::engine {
namespace {

using model::Kind;

constexpr int8_t kMultiple = 1;
constexpr int8_t kMultiProblem = 2;
constexpr size_t kCaseTypes = 3;
constexpr size_t kDirectors = 3;

// Audits of the period (with the audits' record keys): without plan / all, in total and per case
// type and director; with plan per case type.
struct AuditCounts {
  Tally missing, all;
  std::array<Tally, kCaseTypes> case_missing{}, case_with{}, case_all{};
  std::array<Tally, kDirectors> director_missing{}, director_all{};
  std::vector<int32_t> rows;  // audits of the period (for --explain)
};

AuditCounts count_audits(const Context& ctx) {
  const Table& t = ctx.snapshot().table(Kind::kFamilyAudits);
  const auto audited = t.i32("audited_on");
  const auto case_type = t.i8("case_type");
  const auto director = t.i8("director");
  const auto plan = t.i8("has_family_plan");
  const KeySpan keys = ctx.keys(Kind::kFamilyAudits);
  AuditCounts c;
  for (int32_t r = 0; r < t.rows(); ++r) {
    if (!detail::in_period(audited[r], ctx.query())) continue;
    const bool missing = plan[r] != 1;
    const uint64_t key = keys[r];
    c.all.add(key);
    if (missing) c.missing.add(key);
    if (case_type[r] >= 0 && static_cast<size_t>(static_cast<uint8_t>(case_type[r])) < kCaseTypes) {
      const auto k = static_cast<size_t>(static_cast<uint8_t>(case_type[r]));
      c.case_all[k].add(key);
      (missing ? c.case_missing : c.case_with)[k].add(key);
    }
    if (director[r] >= 0 && static_cast<size_t>(static_cast<uint8_t>(director[r])) < kDirectors) {
      const auto k = static_cast<size_t>(static_cast<uint8_t>(director[r]));
      c.director_all[k].add(key);
      if (missing) c.director_missing[k].add(key);
    }
    c.rows.push_back(r);
  }
  return c;
}

const AuditCounts& audits(Context& ctx) {
  return ctx.memo<AuditCounts>("family_plans", [&] { return count_audits(ctx); });
}

template <size_t N>
Breakdown ratio_breakdown(const std::string& dimension, std::string_view field,
                          const std::array<Tally, N>& num, const std::array<Tally, N>& den) {
  Breakdown b{dimension, {}};
  for (size_t k = 0; k < N; ++k)
    if (den[k].n > 0)
      b.cells.emplace_back(detail::enum_text(Kind::kFamilyAudits, field, static_cast<int32_t>(k)),
                           Figure::ratio(num[k], den[k]));
  std::sort(b.cells.begin(), b.cells.end(),
            [](const auto& a, const auto& c) { return a.first < c.first; });
  return b;
}

void explain(Context& ctx, const AuditCounts& c, IndicatorResult& r, int8_t case_type) {
  if (!ctx.query().explain) return;
  const Table& t = ctx.snapshot().table(Kind::kFamilyAudits);
  const auto types = t.i8("case_type");
  for (int32_t row : c.rows)
    if (case_type < 0 || types[row] == case_type) r.records.emplace_back(t.key_text(row));
}

void missing(Context& ctx, const IndicatorDef&, IndicatorResult& r) {
  const AuditCounts& c = audits(ctx);
  r.total = Figure::ratio(c.missing, c.all);
  r.breakdowns.push_back(ratio_breakdown("case_type", "case_type", c.case_missing, c.case_all));
  r.breakdowns.push_back(
      ratio_breakdown("director", "director", c.director_missing, c.director_all));
  explain(ctx, c, r, -1);
}

ComputeFn with_plan(int8_t case_type) {
  return [case_type](Context& ctx, const IndicatorDef&, IndicatorResult& r) {
    const AuditCounts& c = audits(ctx);
    const auto k = static_cast<size_t>(static_cast<uint8_t>(case_type));
    r.total = Figure::ratio(c.case_with[k], c.case_all[k]);
    explain(ctx, c, r, case_type);
  };
}

}  // namespace

void register_family_plans(Catalogue& c) {
  c.add({.id = "family_plan.missing",
         .title_nl = "Gecontroleerde dossiers zonder gezinsplan",
         .title_en = "Audited dossiers without a family plan",
         .unit = Unit::kPercent,
         .better = Better::kLower,
         .scopes = 0,
         .dimensions = {"case_type", "director"},
         .explainable = true,
         .compute = missing});
  c.add({.id = "family_plan.multi_problem",
         .title_nl = "Multiprobleemdossiers met gezinsplan",
         .title_en = "Multi-problem dossiers with a family plan",
         .unit = Unit::kPercent,
         .better = Better::kHigher,
         .norm = Norm{Norm::Op::kAtLeast, 100, 5},
         .scopes = 0,
         .explainable = true,
         .compute = with_plan(kMultiProblem)});
  c.add({.id = "family_plan.multiple",
         .title_nl = "Meervoudige dossiers met gezinsplan",
         .title_en = "Multiple-problem dossiers with a family plan",
         .unit = Unit::kPercent,
         .better = Better::kHigher,
         .norm = Norm{Norm::Op::kAtLeast, 90, 5},
         .scopes = 0,
         .explainable = true,
         .compute = with_plan(kMultiple)});
}

}  // namespace rk::engine
