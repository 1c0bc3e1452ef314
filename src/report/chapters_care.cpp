// Report chapters on care and organisation: care and outcomes, family plans, satisfaction,
// complaints, money, staffing, manual KPIs, transformation projects and the indicators left over.
#include <fmt/format.h>

#include <algorithm>

#include "engine/labels.hpp"
#include "report/builder.hpp"

namespace rk::report {

using engine::Figure;
using engine::IndicatorResult;
using engine::Unit;

namespace {

const engine::Breakdown* breakdown(const IndicatorResult* r, std::string_view dim) {
  if (r == nullptr) return nullptr;
  for (const auto& d : r->breakdowns)
    if (d.dimension == dim) return &d;
  return nullptr;
}

// Rows "label | current part | previous part" for named parts of an indicator's total.
void part_rows(Builder& b, Table& t, std::string_view id,
               const std::vector<std::pair<std::string, std::string>>& parts) {
  const IndicatorResult* c = b.cur(id);
  if (c == nullptr) return;
  const IndicatorResult* p = b.prev(id);
  for (const auto& [part, label] : parts)
    t.rows.push_back({Cell{label}, Builder::figure_cell(&c->total, c->unit, part),
                      Builder::figure_cell(p != nullptr ? &p->total : nullptr, c->unit, part)});
}

void add_if_rows(Chapter& ch, Table t) {
  if (!t.rows.empty()) ch.blocks.push_back(table_block(std::move(t)));
}

// Per municipality: costs | income | result for this period, and result of the previous.
Table result_table(Builder& b) {
  Table t;
  t.id = "finance.result.municipality";
  t.caption = "Resultaat per gemeente";
  t.header = {"Gemeente", "Kosten", "Inkomsten", "Resultaat", "Resultaat " + b.previous_label()};
  const IndicatorResult* c = b.cur("finance.result");
  const IndicatorResult* p = b.prev("finance.result");
  const engine::Breakdown* d = breakdown(c, "municipality");
  if (d == nullptr) return t;
  for (const auto& [code, f] : d->cells)
    t.rows.push_back(
        {Cell{b.name("municipality", code)}, Builder::figure_cell(&f, Unit::kEuro, "costs"),
         Builder::figure_cell(&f, Unit::kEuro, "income"),
         Builder::figure_cell(&f, Unit::kEuro, "result"),
         Builder::figure_cell(Builder::cell_of(p, "municipality", code), Unit::kEuro, "result")});
  std::vector<Cell> total{
      Cell{"Totaal"}, Builder::figure_cell(&c->total, Unit::kEuro, "costs"),
      Builder::figure_cell(&c->total, Unit::kEuro, "income"),
      Builder::figure_cell(&c->total, Unit::kEuro, "result"),
      Builder::figure_cell(p != nullptr ? &p->total : nullptr, Unit::kEuro, "result")};
  for (auto& cell : total) cell.emphasis = true;
  t.rows.push_back(std::move(total));
  return t;
}

// The latest period value of a municipality cell of projects.results, or nullptr.
const Figure* latest(const Figure& municipality_cell) {
  if (municipality_cell.nested.empty() || municipality_cell.nested[0].cells.empty()) return nullptr;
  return &municipality_cell.nested[0].cells.back().second;
}

const Figure* nested_cell(const Figure* f, const std::string& key) {
  if (f == nullptr || f->nested.empty()) return nullptr;
  for (const auto& [k, cell] : f->nested[0].cells)
    if (k == key) return &cell;
  return nullptr;
}

}  // namespace

Chapter chapter_care(Builder& b) {
  Chapter ch{"zorg-en-resultaten", "Zorg en resultaten", {}, {}};
  Table t = b.compare_table("care.totals", "Zorg en resultaten");
  for (const char* id :
       {"care.share_k1", "care.share_k2", "care.residential_share", "outcome.ended_by_plan",
        "outcome.goals_attained", "outcome.gas_t", "outcome.reentry_12m"})
    b.total_row(t, id);
  if (t.rows.empty()) return ch;
  ch.blocks.push_back(table_block(std::move(t)));
  add_if_rows(ch, b.breakdown_table("care.share_k1", "municipality",
                                    "Aandeel K1 in de zorgkosten per gemeente", "Gemeente", false));
  add_if_rows(ch, b.breakdown_table("outcome.end_reasons", "end_reason",
                                    "Beëindigde trajecten per reden", "Reden van beëindiging"));
  Table d = b.compare_table("outcome.duration", "Duur van beëindigde trajecten (dagen)");
  part_rows(b, d, "outcome.duration_days",
            {{"median", "alle trajecten, " + engine::part_nl("median")},
             {"p90", "alle trajecten, " + engine::part_nl("p90")}});
  const IndicatorResult* c = b.cur("outcome.duration_days");
  const IndicatorResult* p = b.prev("outcome.duration_days");
  if (const engine::Breakdown* q = breakdown(c, "quadrant"); q != nullptr)
    for (const auto& [key, f] : q->cells)
      for (const char* part : {"median", "p90"})
        d.rows.push_back(
            {Cell{b.name("quadrant", key) + ", " + engine::part_nl(part)},
             Builder::figure_cell(&f, Unit::kDays, part),
             Builder::figure_cell(Builder::cell_of(p, "quadrant", key), Unit::kDays, part)});
  add_if_rows(ch, std::move(d));
  return ch;
}

Chapter chapter_family_plans(Builder& b) {
  Chapter ch{"gezinsplannen", "Gezinsplannen", {}, {}};
  Table t = b.compare_table("family_plan.totals", "Dossiercontrole gezinsplannen");
  for (const char* id :
       {"family_plan.missing", "family_plan.multiple", "family_plan.multi_problem"})
    b.total_row(t, id);
  if (t.rows.empty()) return ch;
  ch.blocks.push_back(table_block(std::move(t)));
  add_if_rows(ch, b.breakdown_table("family_plan.missing", "case_type",
                                    "Dossiers zonder gezinsplan per soort casus", "Casus", false));
  add_if_rows(ch, b.breakdown_table("family_plan.missing", "director",
                                    "Dossiers zonder gezinsplan per regie", "Regie", false));
  return ch;
}

Chapter chapter_satisfaction(Builder& b) {
  Chapter ch{"tevredenheid", "Tevredenheid", {}, {}};
  Table t = b.compare_table("satisfaction.totals", "Tevredenheid van cliënten");
  part_rows(b, t, "satisfaction.responses",
            {{"opened", "vragenlijsten geopend"}, {"completed", "vragenlijsten ingevuld"}});
  b.total_row(t, "satisfaction.grade");
  part_rows(b, t, "satisfaction.decided_together",
            {{"yes", "samen besloten: ja"},
             {"partly", "samen besloten: deels"},
             {"no", "samen besloten: nee"}});
  if (t.rows.empty()) return ch;
  ch.blocks.push_back(table_block(std::move(t)));
  if (const IndicatorResult* s = b.cur("satisfaction.stars"); s != nullptr) {
    const IndicatorResult* p = b.prev("satisfaction.stars");
    Chart c;
    c.kind = ChartKind::kBar;
    c.title = "Waardering in sterren";
    Series prev{b.previous_label(), {}, {}, kPreviousColor};
    Series cur{b.label(), {}, {}, kCurrentColor};
    for (const char* k : {"1", "2", "3", "4", "5"}) {
      c.categories.emplace_back(k);
      c.category_labels.push_back(engine::part_nl(k));
      for (auto [r, series] : {std::pair{p, &prev}, {s, &cur}}) {
        const Cell cell = Builder::figure_cell(r != nullptr ? &r->total : nullptr, Unit::kCount, k);
        std::optional<double> v;
        if (r != nullptr && !cell.suppressed)
          for (const auto& [name, n] : r->total.values)
            if (name == k) v = n.value;
        series->values.push_back(v);
        series->gap_labels.push_back(cell.suppressed ? cell.text : "");
      }
    }
    if (p != nullptr) c.series.push_back(std::move(prev));
    c.series.push_back(std::move(cur));
    ch.blocks.push_back(chart_block(std::move(c)));
  }
  Table st = b.compare_table("satisfaction.statements",
                             "Gemiddelde instemming met de stellingen (1–5)", "Stelling");
  std::vector<std::pair<std::string, std::string>> parts;
  for (int i = 1; i <= 8; ++i)
    parts.emplace_back(fmt::format("s{}", i), engine::part_nl(fmt::format("s{}", i)));
  part_rows(b, st, "satisfaction.statements", parts);
  add_if_rows(ch, std::move(st));
  return ch;
}

Chapter chapter_complaints(Builder& b) {
  Chapter ch{"klachten", "Klachten", {}, {}};
  Table t = b.compare_table("complaints.totals", "Klachten");
  for (const char* id : {"complaints.count", "complaints.response_5wd", "complaints.escalated"})
    b.total_row(t, id);
  if (t.rows.empty()) return ch;
  ch.blocks.push_back(table_block(std::move(t)));
  add_if_rows(
      ch, b.breakdown_table("complaints.count", "category", "Klachten per categorie", "Categorie"));
  return ch;
}

Chapter chapter_money(Builder& b) {
  Chapter ch{"financien", "Financiën", {}, {}};
  const IndicatorResult* costs = b.cur("finance.costs");
  if (costs == nullptr) return ch;
  Table t = b.compare_table("finance.totals", "Financiële kerncijfers");
  b.total_row(t, "finance.costs", "Kosten");
  b.total_row(t, "finance.income", "Inkomsten (naar rato)");
  part_rows(b, t, "finance.result", {{"result", "Resultaat"}});
  part_rows(b, t, "finance.cost_per_client",
            {{"care", "Zorgkosten per cliënt"}, {"total", "Totale kosten per cliënt"}});
  b.total_row(t, "finance.small_providers");
  b.total_row(t, "finance.overhead_share");
  b.total_row(t, "finance.budget_used");
  ch.blocks.push_back(table_block(std::move(t)));
  add_if_rows(ch,
              b.breakdown_table("finance.costs", "category", "Kosten per categorie", "Categorie"));
  Chart c;
  c.kind = ChartKind::kBar;
  c.title = "Kosten per categorie";
  c.unit = "€";
  const IndicatorResult* pc = b.prev("finance.costs");
  Series prev{b.previous_label(), {}, {}, kPreviousColor};
  Series cur{b.label(), {}, {}, kCurrentColor};
  if (const auto* d = [&]() -> const engine::Breakdown* {
        for (const auto& x : costs->breakdowns)
          if (x.dimension == "category") return &x;
        return nullptr;
      }();
      d != nullptr) {
    for (const auto& [key, f] : d->cells) {
      c.categories.push_back(key);
      c.category_labels.push_back(b.name("category", key));
      cur.values.push_back(f.value ? f.value->value : std::nullopt);
      const Figure* pf = Builder::cell_of(pc, "category", key);
      prev.values.push_back(pf != nullptr && pf->value ? pf->value->value : std::nullopt);
    }
  }
  if (pc != nullptr) c.series.push_back(std::move(prev));
  c.series.push_back(std::move(cur));
  ch.blocks.push_back(chart_block(std::move(c)));
  ch.blocks.push_back(paragraph(
      "Verdeelsleutel: kosten die aan één gemeente zijn toe te rekenen, tellen bij die gemeente. "
      "Gedeelde kosten (gebiedsteams, specialistische zorg, overhead en organisatie) worden "
      "verdeeld naar de verhouding van de lumpsumvergoedingen van de gemeenten in dat jaar; elke "
      "gemeente krijgt haar aandeel naar beneden afgerond op hele centen, en de centen die "
      "overblijven gaan naar de gemeente met de grootste lumpsum. Inkomsten tellen naar rato: "
      "per hele maand in de periode een twaalfde van de jaarlijkse lumpsum en overige inkomsten."));
  add_if_rows(ch, result_table(b));
  add_if_rows(ch, b.breakdown_table("finance.budget_used", "municipality",
                                    "Uitputting van de lumpsum per gemeente", "Gemeente"));
  Table f = b.compare_table("finance.forecast", "Prognose voor het hele jaar");
  part_rows(b, f, "finance.forecast",
            {{"costs_to_date", "kosten tot en met de periode"},
             {"costs", "verwachte kosten"},
             {"income", "verwachte inkomsten"},
             {"result", "verwacht resultaat"}});
  add_if_rows(ch, std::move(f));
  return ch;
}

Chapter chapter_staffing(Builder& b) {
  Chapter ch{"formatie", "Formatie en medewerkers", {}, {}};
  const IndicatorResult* fte = b.cur("staffing.fte");
  if (fte != nullptr) {
    Table t = b.compare_table("staffing.totals", "Formatie (fte) op de laatste peildatum");
    b.total_row(t, "staffing.fte", "Totaal fte");
    ch.blocks.push_back(table_block(std::move(t)));
    Table teams;
    teams.id = "staffing.teams";
    teams.caption = "Formatie (fte) per team en peildatum";
    teams.header = {"Peildatum", "Team", "K1", "K2", "Totaal"};
    for (const auto* r : {b.prev("staffing.fte"), fte}) {
      if (r == nullptr) continue;
      for (const auto& d : r->breakdowns)
        for (const auto& [date, cell] : d.cells) {
          if (cell.nested.empty()) continue;
          for (const auto& [team, f] : cell.nested[0].cells)
            teams.rows.push_back({Cell{date}, Cell{team},
                                  Builder::figure_cell(&f, Unit::kFte, "K1"),
                                  Builder::figure_cell(&f, Unit::kFte, "K2"),
                                  Builder::figure_cell(&f, Unit::kFte, "total")});
        }
    }
    add_if_rows(ch, std::move(teams));
  }
  if (const IndicatorResult* items = b.cur("staff.items"); items != nullptr) {
    Table t;
    t.id = "staff.items";
    t.caption = "Medewerkerstevredenheid per onderwerp (gemiddelde, 1–10)";
    std::vector<std::string> years;
    for (const auto& d : items->breakdowns)
      for (const auto& [item, cell] : d.cells)
        if (!cell.nested.empty())
          for (const auto& [year, unused] : cell.nested[0].cells)
            if (std::find(years.begin(), years.end(), year) == years.end()) years.push_back(year);
    std::sort(years.begin(), years.end());
    t.header = {"Onderwerp"};
    for (const auto& y : years) t.header.push_back(y);
    for (const auto& d : items->breakdowns)
      for (const auto& [item, cell] : d.cells) {
        std::vector<Cell> row{Cell{b.name("item", item)}};
        for (const auto& y : years)
          row.push_back(Builder::figure_cell(nested_cell(&cell, y), Unit::kGrade));
        t.rows.push_back(std::move(row));
      }
    add_if_rows(ch, std::move(t));
  }
  Table a = b.compare_table("staff.admin", "Ervaren administratieve last");
  b.total_row(a, "staff.admin_burden");
  add_if_rows(ch, std::move(a));
  return ch;
}

Chapter chapter_manual(Builder& b) {
  Chapter ch{"handmatige-kpis", "Afgesproken KPI's (handmatig ingevoerd)", {}, {}};
  Table t;
  t.id = "manual.kpis";
  t.caption = "Handmatig ingevoerde KPI's";
  t.header = {"Indicator", "Norm", "Meetperiode", b.label(), b.previous_label(), "Status"};
  Table per;
  per.id = "manual.municipality";
  per.caption = "Handmatig ingevoerde KPI's per gemeente (" + b.label() + ")";
  per.header = {"Indicator", "Gemeente", "Waarde"};
  for (const auto& r : b.input().current) {
    if (!r.id.starts_with("manual.")) continue;
    b.cur(r.id);
    const IndicatorResult* p = b.prev(r.id);
    std::string period;
    std::string note;
    for (const auto& [k, v] : r.texts) {
      if (k == "period") period = v;
      if (k == "note") note = v;
    }
    t.rows.push_back({Cell{r.title_nl + (note.empty() ? "" : " (" + note + ")")},
                      Cell{r.norm ? norm_text(*r.norm, r.unit) : ""},
                      Cell{period.empty() ? "" : b.name("period", period)},
                      Builder::figure_cell(&r.total, r.unit),
                      Builder::figure_cell(p != nullptr ? &p->total : nullptr, r.unit),
                      status_cell(r.status)});
    if (const engine::Breakdown* d = breakdown(&r, "municipality"); d != nullptr)
      for (const auto& [code, f] : d->cells)
        per.rows.push_back({Cell{r.title_nl}, Cell{b.name("municipality", code)},
                            Builder::figure_cell(&f, r.unit)});
  }
  add_if_rows(ch, std::move(t));
  add_if_rows(ch, std::move(per));
  return ch;
}

Chapter chapter_projects(Builder& b) {
  Chapter ch{"transformatieprojecten", "Transformatieprojecten", {}, {}};
  const IndicatorResult* r = b.cur("projects.results");
  if (r == nullptr) return ch;
  const IndicatorResult* p = b.prev("projects.results");
  const engine::Breakdown* results = breakdown(r, "project/measure/municipality/period");
  const engine::Breakdown* status = breakdown(r, "status");
  const engine::Breakdown* prev_results = breakdown(p, "project/measure/municipality/period");
  if (status == nullptr) return ch;
  for (const auto& [project, st] : status->cells) {
    Table t = b.compare_table(
        "projects." + project,
        "Project " + b.name("project", project) + " (" +
            engine::text_nl(st.text.value_or("")).value_or(st.text.value_or("")) + ")",
        "Resultaat");
    const Figure* measures = nullptr;
    if (results != nullptr)
      for (const auto& [k, f] : results->cells)
        if (k == project) measures = &f;
    const Figure* prev_measures = nullptr;
    if (prev_results != nullptr)
      for (const auto& [k, f] : prev_results->cells)
        if (k == project) prev_measures = &f;
    if (measures != nullptr && !measures->nested.empty())
      for (const auto& [measure, mf] : measures->nested[0].cells) {
        if (mf.nested.empty()) continue;
        for (const auto& [muni, pf] : mf.nested[0].cells) {
          const Figure* prev_muni = nested_cell(nested_cell(prev_measures, measure), muni);
          t.rows.push_back(
              {Cell{b.name("measure", measure) + " — " + b.name("municipality", muni)},
               Builder::figure_cell(latest(pf), Unit::kNumber),
               Builder::figure_cell(prev_muni != nullptr ? latest(*prev_muni) : nullptr,
                                    Unit::kNumber)});
        }
      }
    if (t.rows.empty()) t.note = "Geen resultaten in deze periode.";
    ch.blocks.push_back(table_block(std::move(t)));
  }
  return ch;
}

Chapter chapter_other(Builder& b) {
  Chapter ch{"overig", "Overige indicatoren", {}, {}};
  Table t = b.compare_table("other", "Overige indicatoren");
  std::vector<std::string> left;
  for (const auto& r : b.input().current)
    if (b.placed().count(r.id) == 0) left.push_back(r.id);
  for (const auto& id : left) b.total_row(t, id);
  add_if_rows(ch, std::move(t));
  return ch;
}

}  // namespace rk::report
