// Money (seed §7, KPI 13, risk 7): finance.costs, .income, .result, .cost_per_client,
// .small_providers, .overhead_share, .budget_used, .forecast; and the cost shares care.share_k2 and
// care.share_k1 (seed §3.1), which read the same ledger.
//
// Costs are kept in cents. Every cost row becomes one or more *entries* of one municipality: a row
// with a municipality is that municipality's; a shared row is split by the municipalities' lump
// sums of the row's year, floor(cents x lump / sum of lumps) each, the cents left over all to the
// municipality with the largest lump sum (golden README reading 18). A shared row of a year without
// lump sums cannot be split: it counts in the combined total only. Cost rows count when their month
// overlaps the period; income counts per calendar month lying wholly inside the period.
#include <algorithm>
#include <array>
#include <map>

#include "engine/indicators/client_pass.hpp"

namespace rk::engine {
namespace {

using model::Kind;

__extension__ using Int128 = __int128;

enum Category : int8_t { kK1, kK2, kK3, kPgb, kInitiatives, kOverhead, kOrganisation };
constexpr size_t kCategories = 7;

struct Entry {
  int32_t month = 0;          // month index
  int32_t municipality = -1;  // row of municipalities; -1 = shared row that could not be split
  int8_t category = 0;
  int32_t provider = -1;
  int64_t cents = 0;
};

struct Budget {
  int32_t municipality = 0;
  int64_t lump = 0;   // cents
  int64_t other = 0;  // cents
};

struct Ledger {
  std::vector<Entry> entries;
  std::map<int64_t, std::vector<Budget>> budgets;  // year -> budgets of that year
};

// The entries of the cost rows whose month lies in [first_month, last_month] (month indexes): a
// query reads only the months of its period and of the year of `to`, so rows outside are skipped
// before any work.
Ledger build_ledger(const Snapshot& s, int32_t first_month, int32_t last_month) {
  Ledger l;
  const Table& b = s.table(Kind::kBudgets);
  const auto year = b.i64("year");
  const auto b_muni = b.i32("municipality");
  const auto lump = b.i64("lump_sum");
  const auto other = b.i64("other_income");
  for (int32_t r = 0; r < b.rows(); ++r) {
    if (year[r] == kNullInt || b_muni[r] < 0 || lump[r] == kNullInt) continue;
    l.budgets[year[r]].push_back({b_muni[r], lump[r], other[r] == kNullInt ? 0 : other[r]});
  }
  const Table& municipalities = s.table(Kind::kMunicipalities);
  // Per year: the total of the lump sums and the municipality with the largest one (on a tie the
  // first municipality code).
  struct Split {
    int64_t total = 0;
    int32_t largest = -1;
  };
  std::map<int64_t, Split> splits;
  for (const auto& [y, list] : l.budgets) {
    Split sp;
    const Budget* best = nullptr;
    for (const Budget& bu : list) {
      sp.total += bu.lump;
      if (best == nullptr || bu.lump > best->lump ||
          (bu.lump == best->lump &&
           municipalities.key_text(bu.municipality) < municipalities.key_text(best->municipality)))
        best = &bu;
    }
    sp.largest = best ? best->municipality : -1;
    splits[y] = sp;
  }

  const Table& c = s.table(Kind::kCosts);
  const auto start = c.i32("month_start");
  const auto muni = c.i32("municipality");
  const auto category = c.i8("category");
  const auto provider = c.i32("provider_id");
  const auto amount = c.i64("amount");
  const int32_t first_day = month_start(first_month), last_day = month_start(last_month + 1) - 1;
  for (int32_t r = 0; r < c.rows(); ++r) {
    if (start[r] == kNullDate || category[r] < 0 || amount[r] == kNullInt) continue;
    if (start[r] < first_day || start[r] > last_day) continue;
    Entry e{month_index(start[r]), muni[r], category[r], provider[r], amount[r]};
    if (e.municipality >= 0) {
      l.entries.push_back(e);
      continue;
    }
    const int64_t y = Date{start[r]}.civil().year;
    const auto sp = splits.find(y);
    if (sp == splits.end() || sp->second.total <= 0) {
      l.entries.push_back(e);  // cannot be split: combined total only
      continue;
    }
    int64_t given = 0;
    const size_t first = l.entries.size();
    for (const Budget& bu : l.budgets[y]) {
      const Int128 product = static_cast<Int128>(amount[r]) * bu.lump;
      Int128 share = product / sp->second.total;
      if (product % sp->second.total != 0 && product < 0) --share;  // floor, also below zero
      e.municipality = bu.municipality;
      e.cents = static_cast<int64_t>(share);
      given += e.cents;
      l.entries.push_back(e);
    }
    for (size_t i = first; i < l.entries.size(); ++i)
      if (l.entries[i].municipality == sp->second.largest) l.entries[i].cents += amount[r] - given;
  }
  return l;
}

// The sums of one query. Slot 0 = entries that could not be split, slot 1 + m = municipality m.
struct Sums {
  size_t slots = 1;
  std::vector<std::array<int64_t, kCategories>> period;  // cents per slot and category
  std::vector<std::array<int64_t, kCategories>> rows;    // entries per slot and category
  std::vector<int64_t> small_k3;                         // cents
  std::vector<int64_t> year_to_date;                     // cents
  std::vector<uint8_t> ytd_rows;
  // Income in cents (fractional after the division by 12), so that a result is computed on the
  // same footing as the costs and converted to euros once.
  std::vector<double> income;       // pro rata (lump sum + other income)
  std::vector<double> lump_income;  // pro rata (lump sum only)
  std::vector<double> year_income;  // the whole year of `to`
  std::vector<uint8_t> budget_period, budget_year;
  int32_t elapsed = 0;         // whole months of the year of `to` up to and including its month
  std::vector<size_t> scoped;  // the slots of the query's scope

  // Sums over the slots of the scope.
  [[nodiscard]] int64_t cents(std::span<const size_t> in, std::initializer_list<int> cats) const {
    int64_t t = 0;
    for (size_t sl : in)
      for (int cat : cats) t += period[sl][static_cast<size_t>(cat)];
    return t;
  }
  template <typename V>
  [[nodiscard]] static auto sum(std::span<const size_t> in, const std::vector<V>& v) {
    V t{};
    for (size_t sl : in) t += v[sl];
    return t;
  }
};

constexpr std::initializer_list<int> kAll = {kK1,          kK2,       kK3,          kPgb,
                                             kInitiatives, kOverhead, kOrganisation};
constexpr std::initializer_list<int> kCare = {kK1, kK2, kK3, kPgb, kInitiatives};

const Ledger& ledger(Context& ctx) {
  return ctx.memo<Ledger>("finance/ledger", [&] {
    const Query& q = ctx.query();
    const int32_t last = month_index(q.to.days);
    return build_ledger(ctx.snapshot(), std::min(month_index(q.from.days), q.to.civil().year * 12),
                        last);
  });
}

Sums build_sums(Context& ctx) {
  const Snapshot& s = ctx.snapshot();
  const Query& q = ctx.query();
  const Ledger& l = ledger(ctx);
  Sums x;
  const auto municipalities = static_cast<size_t>(s.table(Kind::kMunicipalities).rows());
  x.slots = 1 + municipalities;
  x.period.assign(x.slots, {});
  x.rows.assign(x.slots, {});
  x.small_k3.assign(x.slots, 0);
  x.year_to_date.assign(x.slots, 0);
  x.ytd_rows.assign(x.slots, 0);
  x.income.assign(x.slots, 0);
  x.lump_income.assign(x.slots, 0);
  x.year_income.assign(x.slots, 0);
  x.budget_period.assign(x.slots, 0);
  x.budget_year.assign(x.slots, 0);

  const bool empty = q.to < q.from;
  const int32_t first = month_index(q.from.days), last = month_index(q.to.days);
  const int to_year = q.to.civil().year;
  x.elapsed = static_cast<int32_t>(q.to.civil().month);
  const int32_t year_first = to_year * 12;

  const auto employees = s.table(Kind::kProviders).i64("employees");
  const auto small = [&](int32_t p) {
    return p >= 0 && employees[p] != kNullInt && employees[p] < 10;
  };
  for (const Entry& e : l.entries) {
    const size_t sl = e.municipality < 0 ? 0 : 1 + static_cast<size_t>(e.municipality);
    const auto cat = static_cast<size_t>(static_cast<uint8_t>(e.category));
    if (!empty && e.month >= first && e.month <= last) {
      x.period[sl][cat] += e.cents;
      ++x.rows[sl][cat];
      if (e.category == kK3 && small(e.provider)) x.small_k3[sl] += e.cents;
    }
    if (e.month >= year_first && e.month <= last) {
      x.year_to_date[sl] += e.cents;
      x.ytd_rows[sl] = 1;
    }
  }

  // Whole calendar months inside the period, per year.
  std::map<int, int> whole_months;
  if (!empty)
    for (int32_t m = first; m <= last; ++m)
      if (month_start(m) >= q.from.days && month_start(m + 1) - 1 <= q.to.days)
        ++whole_months[Date{month_start(m)}.civil().year];
  for (const auto& [y, list] : l.budgets)
    for (const Budget& bu : list) {
      const size_t sl = 1 + static_cast<size_t>(bu.municipality);
      if (const auto it = whole_months.find(static_cast<int>(y)); it != whole_months.end()) {
        x.income[sl] += static_cast<double>(bu.lump + bu.other) * it->second / 12.0;
        x.lump_income[sl] += static_cast<double>(bu.lump) * it->second / 12.0;
        x.budget_period[sl] = 1;
      }
      if (y == to_year) {
        x.year_income[sl] += static_cast<double>(bu.lump + bu.other);
        x.budget_year[sl] = 1;
      }
    }

  if (q.scope.municipality == Scope::kAny) {
    for (size_t sl = 0; sl < x.slots; ++sl) x.scoped.push_back(sl);
  } else if (q.scope.municipality >= 0) {
    x.scoped.push_back(1 + static_cast<size_t>(q.scope.municipality));
  }
  return x;
}

const Sums& sums(Context& ctx) {
  return ctx.memo<Sums>("finance/sums", [&] { return build_sums(ctx); });
}

double euros(int64_t cents) { return static_cast<double>(cents) / 100.0; }
double euros(double cents) { return cents / 100.0; }

// A money share: numerator / denominator x 100 (null when the denominator is 0). Money is no count
// of people, so the share is an amount for the privacy rule.
Number money_share(double numerator, double denominator) {
  return Number::amount(denominator != 0 ? std::optional<double>(numerator / denominator * 100.0)
                                         : std::nullopt);
}

Figure money_share_figure(double numerator, double denominator) {
  Figure f = Figure::of(money_share(numerator, denominator));
  f.numerator = numerator;
  f.denominator = denominator;
  return f;
}

bool has_rows(const Sums& x, size_t sl, std::initializer_list<int> cats) {
  for (int cat : cats)
    if (x.rows[sl][static_cast<size_t>(cat)] > 0) return true;
  return false;
}

// The municipality slots of the scope for which `present(slot)`, with their key texts, by code.
template <typename Present>
std::vector<std::pair<std::string, size_t>> municipality_cells(const Context& ctx, const Sums& x,
                                                               Present present) {
  std::vector<std::pair<std::string, size_t>> out;
  for (size_t sl : x.scoped)
    if (sl > 0 && present(sl))
      out.emplace_back(
          detail::scope_key_text(ctx.snapshot(), "municipality", static_cast<int32_t>(sl - 1)), sl);
  std::sort(out.begin(), out.end());
  return out;
}

std::span<const size_t> one(const size_t& slot) { return {&slot, 1}; }

void costs(Context& ctx, const IndicatorDef&, IndicatorResult& r) {
  const Sums& x = sums(ctx);
  r.total = Figure::of(Number::amount(euros(x.cents(x.scoped, kAll))));
  Breakdown by_category{"category", {}};
  for (int cat : kAll) {
    bool any = false;
    for (size_t sl : x.scoped) any |= x.rows[sl][static_cast<size_t>(cat)] > 0;
    if (any)
      by_category.cells.emplace_back(detail::enum_text(Kind::kCosts, "category", cat),
                                     Figure::of(Number::amount(euros(x.cents(x.scoped, {cat})))));
  }
  std::sort(by_category.cells.begin(), by_category.cells.end(),
            [](const auto& a, const auto& c) { return a.first < c.first; });
  r.breakdowns.push_back(std::move(by_category));
  Breakdown by_municipality{"municipality", {}};
  for (const auto& [key, sl] :
       municipality_cells(ctx, x, [&](size_t sl) { return has_rows(x, sl, kAll); }))
    by_municipality.cells.emplace_back(key,
                                       Figure::of(Number::amount(euros(x.cents(one(sl), kAll)))));
  r.breakdowns.push_back(std::move(by_municipality));
}

void income(Context& ctx, const IndicatorDef&, IndicatorResult& r) {
  const Sums& x = sums(ctx);
  r.total = Figure::of(Number::amount(euros(Sums::sum(x.scoped, x.income))));
  Breakdown b{"municipality", {}};
  for (const auto& [key, sl] :
       municipality_cells(ctx, x, [&](size_t sl) { return x.budget_period[sl] != 0; }))
    b.cells.emplace_back(key, Figure::of(Number::amount(euros(x.income[sl]))));
  r.breakdowns.push_back(std::move(b));
}

Figure result_figure(int64_t costs_cents, double income_cents) {
  Figure f;
  f.values.emplace_back("costs", Number::amount(euros(costs_cents)));
  f.values.emplace_back("income", Number::amount(euros(income_cents)));
  f.values.emplace_back("result",
                        Number::amount(euros(income_cents - static_cast<double>(costs_cents))));
  return f;
}

bool has_money(const Sums& x, size_t sl) {
  return has_rows(x, sl, kAll) || x.budget_period[sl] != 0;
}

void result(Context& ctx, const IndicatorDef&, IndicatorResult& r) {
  const Sums& x = sums(ctx);
  r.total = result_figure(x.cents(x.scoped, kAll), Sums::sum(x.scoped, x.income));
  Breakdown b{"municipality", {}};
  for (const auto& [key, sl] :
       municipality_cells(ctx, x, [&](size_t sl) { return has_money(x, sl); }))
    b.cells.emplace_back(key, result_figure(x.cents(one(sl), kAll), x.income[sl]));
  r.breakdowns.push_back(std::move(b));
}

// The clients of clients.total (client_pass.hpp: a client with a trajectory in scope overlapping
// the period), with their record keys: the count that a cost per client divides by, so that the
// same clients give the same published count here and in clients.total.
Tally client_tally(Context& ctx) { return detail::client_counts(ctx, "").clients(); }

void cost_per_client(Context& ctx, const IndicatorDef&, IndicatorResult& r) {
  const Sums& x = sums(ctx);
  const Tally clients = client_tally(ctx);
  // Money stays exact; the division is rebuilt from the published client count.
  const auto per_client = [&](std::initializer_list<int> cats) {
    return Number::per_count(euros(x.cents(x.scoped, cats)), clients);
  };
  r.total.values.emplace_back("care", per_client(kCare));
  r.total.values.emplace_back("total", per_client(kAll));
}

void small_providers(Context& ctx, const IndicatorDef&, IndicatorResult& r) {
  const Sums& x = sums(ctx);
  r.total = money_share_figure(euros(Sums::sum(x.scoped, x.small_k3)),
                               euros(Sums::sum(x.scoped, x.lump_income)));
}

void overhead_share(Context& ctx, const IndicatorDef&, IndicatorResult& r) {
  const Sums& x = sums(ctx);
  r.total = money_share_figure(euros(x.cents(x.scoped, {kOverhead, kOrganisation})),
                               euros(x.cents(x.scoped, kAll)));
}

void budget_used(Context& ctx, const IndicatorDef&, IndicatorResult& r) {
  const Sums& x = sums(ctx);
  r.total =
      money_share_figure(euros(x.cents(x.scoped, kAll)), euros(Sums::sum(x.scoped, x.income)));
  Breakdown b{"municipality", {}};
  for (const auto& [key, sl] :
       municipality_cells(ctx, x, [&](size_t sl) { return has_money(x, sl); }))
    b.cells.emplace_back(key,
                         money_share_figure(euros(x.cents(one(sl), kAll)), euros(x.income[sl])));
  r.breakdowns.push_back(std::move(b));
}

// Costs to date + (costs to date / months elapsed) x months remaining, all in cents.
Figure forecast_figure(const Sums& x, int64_t to_date_cents, double year_income_cents) {
  const auto to_date = static_cast<double>(to_date_cents);
  const double expected =
      to_date + to_date / static_cast<double>(x.elapsed) * static_cast<double>(12 - x.elapsed);
  Figure f;
  f.values.emplace_back("costs_to_date", Number::amount(euros(to_date)));
  f.values.emplace_back("costs", Number::amount(euros(expected)));
  f.values.emplace_back("income", Number::amount(euros(year_income_cents)));
  f.values.emplace_back("result", Number::amount(euros(year_income_cents - expected)));
  return f;
}

void forecast(Context& ctx, const IndicatorDef&, IndicatorResult& r) {
  const Sums& x = sums(ctx);
  r.total =
      forecast_figure(x, Sums::sum(x.scoped, x.year_to_date), Sums::sum(x.scoped, x.year_income));
  Breakdown b{"municipality", {}};
  for (const auto& [key, sl] : municipality_cells(
           ctx, x, [&](size_t sl) { return x.ytd_rows[sl] != 0 || x.budget_year[sl] != 0; }))
    b.cells.emplace_back(key, forecast_figure(x, x.year_to_date[sl], x.year_income[sl]));
  r.breakdowns.push_back(std::move(b));
}

void share_k2(Context& ctx, const IndicatorDef&, IndicatorResult& r) {
  const Sums& x = sums(ctx);
  r.total =
      money_share_figure(euros(x.cents(x.scoped, {kK2})), euros(x.cents(x.scoped, {kK2, kK3})));
}

void share_k1(Context& ctx, const IndicatorDef&, IndicatorResult& r) {
  const Sums& x = sums(ctx);
  r.total = money_share_figure(euros(x.cents(x.scoped, {kK1})),
                               euros(x.cents(x.scoped, {kK1, kK2, kK3})));
  Breakdown b{"municipality", {}};
  for (const auto& [key, sl] : municipality_cells(ctx, x, [&](size_t sl) {
         return has_rows(x, sl, {kK1, kK2, kK3});
       }))
    b.cells.emplace_back(key, money_share_figure(euros(x.cents(one(sl), {kK1})),
                                                 euros(x.cents(one(sl), {kK1, kK2, kK3}))));
  r.breakdowns.push_back(std::move(b));
}

}  // namespace

void register_finance(Catalogue& c) {
  // Finance is booked per municipality only; no finance indicator lists records.
  c.add({.id = "finance.costs",
         .title_nl = "Kosten",
         .title_en = "Costs",
         .unit = Unit::kEuro,
         .better = Better::kNeither,
         .scopes = kScopeMunicipality,
         .dimensions = {"category", "municipality"},
         .compute = costs});
  c.add({.id = "finance.income",
         .title_nl = "Inkomsten (lumpsum en overige inkomsten, naar rato)",
         .title_en = "Income (lump sum and other income, pro rata)",
         .unit = Unit::kEuro,
         .better = Better::kNeither,
         .scopes = kScopeMunicipality,
         .dimensions = {"municipality"},
         .compute = income});
  c.add({.id = "finance.result",
         .title_nl = "Resultaat (inkomsten min kosten)",
         .title_en = "Result (income minus costs)",
         .unit = Unit::kEuro,
         .better = Better::kHigher,
         .scopes = kScopeMunicipality,
         .dimensions = {"municipality"},
         .compute = result});
  c.add({.id = "finance.cost_per_client",
         .title_nl = "Kosten per cliënt",
         .title_en = "Costs per client",
         .unit = Unit::kEuro,
         .better = Better::kNeither,
         .scopes = kScopeMunicipality,
         .compute = cost_per_client});
  c.add({.id = "finance.small_providers",
         .title_nl = "Besteding bij kleine aanbieders (K3, % van de lumpsum)",
         .title_en = "Spending with small providers (K3, % of the lump sum)",
         .unit = Unit::kPercent,
         .better = Better::kHigher,
         .norm = Norm{Norm::Op::kAtLeast, 4, 0.5},
         .scopes = kScopeMunicipality,
         .compute = small_providers});
  c.add({.id = "finance.overhead_share",
         .title_nl = "Aandeel overhead en organisatie in de kosten",
         .title_en = "Share of overhead and organisation in costs",
         .unit = Unit::kPercent,
         .better = Better::kLower,
         .scopes = kScopeMunicipality,
         .compute = overhead_share});
  c.add({.id = "finance.budget_used",
         .title_nl = "Uitputting van de lumpsum",
         .title_en = "Share of the income used",
         .unit = Unit::kPercent,
         .better = Better::kNeither,
         .scopes = kScopeMunicipality,
         .dimensions = {"municipality"},
         .compute = budget_used});
  c.add({.id = "finance.forecast",
         .title_nl = "Prognose kosten en resultaat van het jaar",
         .title_en = "Forecast of the year's costs and result",
         .unit = Unit::kEuro,
         .better = Better::kHigher,
         .scopes = kScopeMunicipality,
         .dimensions = {"municipality"},
         .compute = forecast});
  c.add({.id = "care.share_k2",
         .title_nl = "Aandeel K2 in de kosten van K2 en K3",
         .title_en = "K2 share of K2 and K3 costs",
         .unit = Unit::kPercent,
         .better = Better::kHigher,
         .norm = Norm{Norm::Op::kAtLeast, 40, 5},
         .scopes = kScopeMunicipality,
         .compute = share_k2});
  c.add({.id = "care.share_k1",
         .title_nl = "Aandeel K1 in de kosten van K1, K2 en K3",
         .title_en = "K1 share of K1, K2 and K3 costs",
         .unit = Unit::kPercent,
         .better = Better::kHigher,
         .scopes = kScopeMunicipality,
         .dimensions = {"municipality"},
         .compute = share_k1});
}

}  // namespace rk::engine
