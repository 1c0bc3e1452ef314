// Complaints (seed §5.5): complaints.count, complaints.response_5wd, complaints.escalated.
// A complaint belongs to a period by received_on. Complaints carry no municipality, so these
// indicators exist only in the combined scope.
#include <algorithm>

#include "engine/indicators/common.hpp"

namespace rk::engine {
namespace {

using model::Kind;

struct Complaints {
  const Table& t;
  std::span<const int32_t> received, first_response;
  std::span<const int8_t> category, escalated;

  explicit Complaints(const Snapshot& s)
      : t(s.table(Kind::kComplaints)),
        received(t.i32("received_on")),
        first_response(t.i32("first_response_on")),
        category(t.i8("category")),
        escalated(t.i8("escalated")) {}
};

void count(Context& ctx, const IndicatorDef&, IndicatorResult& r) {
  const Complaints c(ctx.snapshot());
  const Query& q = ctx.query();
  const KeySpan keys = ctx.keys(Kind::kComplaints);
  std::vector<Tally> per_category(
      model::table_spec(Kind::kComplaints)
          .fields[static_cast<size_t>(model::table_spec(Kind::kComplaints).field_index("category"))]
          .enum_values.size());
  Tally total;
  for (int32_t i = 0; i < c.t.rows(); ++i) {
    if (!detail::in_period(c.received[i], q)) continue;
    total.add(keys[i]);
    if (c.category[i] >= 0 && static_cast<size_t>(c.category[i]) < per_category.size())
      per_category[static_cast<size_t>(c.category[i])].add(keys[i]);
    if (q.explain) r.records.emplace_back(c.t.key_text(i));
  }
  r.total = Figure::of(Number::count(total));
  Breakdown b{"category", {}};
  for (size_t k = 0; k < per_category.size(); ++k)
    if (per_category[k].n > 0)
      b.cells.emplace_back(
          detail::enum_text(Kind::kComplaints, "category", static_cast<int32_t>(k)),
          Figure::of(Number::count(per_category[k])));
  std::sort(b.cells.begin(), b.cells.end(),
            [](const auto& a, const auto& x) { return a.first < x.first; });
  r.breakdowns.push_back(std::move(b));
}

// % of complaints received in the period with workdays(received_on, first_response_on) <= 5;
// a complaint without first response is late.
void response_5wd(Context& ctx, const IndicatorDef&, IndicatorResult& r) {
  const Complaints c(ctx.snapshot());
  const Query& q = ctx.query();
  const KeySpan keys = ctx.keys(Kind::kComplaints);
  Tally num, den;
  for (int32_t i = 0; i < c.t.rows(); ++i) {
    if (!detail::in_period(c.received[i], q)) continue;
    den.add(keys[i]);
    if (c.first_response[i] != kNullDate &&
        ctx.working_days().workdays(Date{c.received[i]}, Date{c.first_response[i]}) <= 5)
      num.add(keys[i]);
    if (q.explain) r.records.emplace_back(c.t.key_text(i));
  }
  r.total = Figure::ratio(num, den);
}

void escalated(Context& ctx, const IndicatorDef&, IndicatorResult& r) {
  const Complaints c(ctx.snapshot());
  const Query& q = ctx.query();
  const KeySpan keys = ctx.keys(Kind::kComplaints);
  Tally n;
  for (int32_t i = 0; i < c.t.rows(); ++i) {
    if (!detail::in_period(c.received[i], q) || c.escalated[i] != 1) continue;
    n.add(keys[i]);
    if (q.explain) r.records.emplace_back(c.t.key_text(i));
  }
  r.total = Figure::of(Number::count(n));
}

}  // namespace

void register_complaints(Catalogue& c) {
  c.add({.id = "complaints.count",
         .title_nl = "Ontvangen klachten",
         .title_en = "Complaints received",
         .unit = Unit::kCount,
         .better = Better::kNeither,
         .scopes = 0,
         .dimensions = {"category"},
         .explainable = true,
         .trend = true,
         .compute = count});
  c.add({.id = "complaints.response_5wd",
         .title_nl = "Klachten binnen 5 werkdagen beantwoord",
         .title_en = "Complaints answered within 5 working days",
         .unit = Unit::kPercent,
         .better = Better::kHigher,
         .norm = Norm{Norm::Op::kAtLeast, 100, 5},
         .scopes = 0,
         .explainable = true,
         .trend = true,
         .compute = response_5wd});
  c.add({.id = "complaints.escalated",
         .title_nl = "Klachten doorgezet naar de klachtencommissie",
         .title_en = "Complaints escalated to the complaints committee",
         .unit = Unit::kCount,
         .better = Better::kLower,
         .scopes = 0,
         .explainable = true,
         .compute = escalated});
}

}  // namespace rk::engine
