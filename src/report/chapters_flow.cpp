// Report chapters on the client flow: summary of KPIs, clients (CBS table), requests, lead times
// and the waiting list.
#include <fmt/format.h>

#include <algorithm>

#include "engine/labels.hpp"
#include "report/builder.hpp"

namespace rk::report {

using engine::IndicatorResult;
using engine::Unit;

namespace {

// A table of indicators with a norm: indicator | norm | this period | previous | status.
Table norm_table(Builder& b, std::string id, std::string caption,
                 const std::vector<std::string>& ids) {
  Table t;
  t.id = std::move(id);
  t.caption = std::move(caption);
  t.header = {"Indicator", "Norm", b.label(), b.previous_label(), "Status"};
  for (const auto& i : ids) {
    const IndicatorResult* c = b.cur(i);
    if (c == nullptr) continue;
    const IndicatorResult* p = b.prev(i);
    t.rows.push_back({Cell{c->title_nl}, Cell{c->norm ? norm_text(*c->norm, c->unit) : ""},
                      Builder::figure_cell(&c->total, c->unit),
                      Builder::figure_cell(p != nullptr ? &p->total : nullptr, c->unit),
                      status_cell(c->status)});
  }
  return t;
}

// Median and p90 of `id` for both periods.
void add_median_rows(Builder& b, Table& t, const std::string& id, const std::string& what) {
  const IndicatorResult* c = b.cur(id);
  if (c == nullptr) return;
  const IndicatorResult* p = b.prev(id);
  for (const char* part : {"median", "p90"})
    t.rows.push_back({Cell{what + ", " + engine::part_nl(part)},
                      Builder::figure_cell(&c->total, c->unit, part),
                      Builder::figure_cell(p != nullptr ? &p->total : nullptr, c->unit, part)});
}

Chart tile_for(Builder& b, const IndicatorResult& r) {
  Chart t;
  t.kind = ChartKind::kTile;
  t.title = r.title_nl;
  t.unit = unit_word(r.unit) == "dagen" ? "dagen" : unit_word(r.unit);
  t.decimals = display_decimals(r.unit);
  const Cell cell = Builder::figure_cell(&r.total, r.unit);
  std::optional<double> v;
  if (r.total.value && !cell.suppressed) v = r.total.value->value;
  t.series.push_back({"", {v}, {cell.suppressed ? cell.text : ""}, std::nullopt});
  t.status = r.status;
  if (r.norm) t.norm_label = "norm " + norm_text(*r.norm, r.unit);
  const IndicatorResult* p = b.prev(r.id);
  if (p != nullptr) t.note = "vorige periode: " + Builder::figure_cell(&p->total, p->unit).text;
  return t;
}

}  // namespace

Chapter chapter_summary(Builder& b) {
  Chapter ch{"samenvatting", "Samenvatting", {}, {}};
  std::vector<std::string> ids;
  std::vector<Chart> tiles;
  int counts[4] = {0, 0, 0, 0};
  for (const auto& r : b.input().current) {
    if (!r.norm) continue;
    ids.push_back(r.id);
    tiles.push_back(tile_for(b, r));
    ++counts[static_cast<int>(r.status)];
  }
  if (!b.input().insights.empty()) {
    ch.blocks.push_back(paragraph(
        fmt::format("Wat opvalt in de cijfers van {}, het belangrijkste eerst:", b.label())));
    std::vector<std::string> items;
    for (const engine::Insight& i : b.input().insights) items.push_back(i.text);
    ch.blocks.push_back(list_block(std::move(items)));
  }
  if (ids.empty()) return ch;
  const int judged = counts[1] + counts[2] + counts[3];
  ch.blocks.push_back(paragraph(fmt::format(
      "Van de {} indicatoren met een norm konden er {} over {} worden beoordeeld: {} {}, {} {} "
      "en {} {}. Elk cijfer staat naast dat van {}.",
      ids.size(), judged, b.label(), counts[1], engine::status_nl(NormStatus::kGreen), counts[2],
      engine::status_nl(NormStatus::kYellow), counts[3], engine::status_nl(NormStatus::kRed),
      b.previous_label())));
  ch.blocks.push_back(tiles_block(std::move(tiles)));
  // The summary shows the norm indicators; their chapters place them again with context.
  Table t = norm_table(b, "summary.kpis", "Indicatoren met norm", ids);
  ch.blocks.push_back(table_block(std::move(t)));
  return ch;
}

Chapter chapter_clients(Builder& b) {
  Chapter ch{"clienten", "Cliënten", {}, {}};
  static const std::vector<std::pair<std::string, std::string>> kCbs = {
      {"clients.start", "a. begin"},
      {"clients.new", "b. nieuw"},
      {"clients.total", "c. totaal"},
      {"clients.ended", "d. uit zorg"},
      {"clients.end", "e. einde"}};
  const IndicatorResult* total = b.cur("clients.total");
  if (total == nullptr) return ch;
  ch.blocks.push_back(paragraph(
      "De cliëntentabel volgt de Beleidsinformatie Jeugd van het CBS: a. cliënten in zorg op de "
      "eerste dag van de periode, b. cliënten die in de periode in zorg kwamen, c. alle cliënten "
      "in zorg in de periode (a + b), d. cliënten van c die op de laatste dag niet meer in zorg "
      "waren en e. cliënten in zorg op de laatste dag (c − d). Een cliënt telt één keer, ook met "
      "meerdere trajecten."));
  Table t;
  t.id = "clients.cbs";
  t.caption = "Cliënten per gemeente (CBS-tabel a–e)";
  t.header = {"Gemeente", "Periode"};  // the columns are explained in the paragraph above
  for (const auto& [id, label] : kCbs) t.header.push_back(label);
  std::vector<std::string> codes;
  for (const auto& d : total->breakdowns)
    if (d.dimension == "municipality")
      for (const auto& cell : d.cells) codes.push_back(cell.first);
  std::sort(codes.begin(), codes.end(), [&](const std::string& x, const std::string& y) {
    return b.name("municipality", x) < b.name("municipality", y);
  });
  auto add_rows = [&](const std::string& label, const std::string& code, bool emphasis) {
    for (const bool current : {true, false}) {
      std::vector<Cell> row{Cell{current ? label : ""},
                            Cell{current ? b.label() : b.previous_label()}};
      for (const auto& [id, unused] : kCbs) {
        const IndicatorResult* r = current ? b.cur(id) : b.prev(id);
        const engine::Figure* f = code.empty() ? (r != nullptr ? &r->total : nullptr)
                                               : Builder::cell_of(r, "municipality", code);
        row.push_back(Builder::figure_cell(f, Unit::kCount));
      }
      for (auto& c : row) c.emphasis = emphasis;
      t.rows.push_back(std::move(row));
    }
  };
  for (const auto& code : codes) add_rows(b.name("municipality", code), code, false);
  if (codes.size() != 1 || b.input().scope.municipality == std::nullopt)
    add_rows("Totaal", "", true);
  t.note =
      "Een cliënt met trajecten in twee gemeenten telt in beide gemeenten; het totaal telt "
      "hem één keer.";
  ch.blocks.push_back(table_block(std::move(t)));
  ch.blocks.push_back(chart_block(
      b.series_chart("clients.monthly", ChartKind::kBar, "Cliënten in zorg per maand")));
  ch.blocks.push_back(table_block(b.breakdown_table(
      "clients.total", "quadrant", "Cliënten in zorg per kwadrant", "Kwadrant", false)));
  ch.blocks.push_back(table_block(
      b.breakdown_table("clients.total", "area", "Cliënten in zorg per gebied", "Gebied")));
  return ch;
}

Chapter chapter_requests(Builder& b) {
  Chapter ch{"zorgvragen", "Zorgvragen", {}, {}};
  Table t = b.compare_table("requests.totals", "Zorgvragen");
  b.total_row(t, "requests.new");
  b.total_row(t, "requests.incomplete");
  b.total_row(t, "requests.gp_not_in_care");
  if (t.rows.empty()) return ch;
  ch.blocks.push_back(table_block(std::move(t)));
  ch.blocks.push_back(
      chart_block(b.series_chart("requests.new", ChartKind::kBar, "Nieuwe zorgvragen per maand")));
  ch.blocks.push_back(table_block(b.breakdown_table(
      "requests.new", "referrer", "Nieuwe zorgvragen per verwijzer", "Verwijzer")));
  ch.blocks.push_back(table_block(b.breakdown_table("requests.new", "municipality",
                                                    "Nieuwe zorgvragen per gemeente", "Gemeente")));
  Table gp = b.breakdown_table("requests.gp_not_in_care", "gp_practice",
                               "Verwijzingen door de huisarts die niet tot zorg leidden, per "
                               "praktijk",
                               "Huisartsenpraktijk", false);
  if (!gp.rows.empty()) ch.blocks.push_back(table_block(std::move(gp)));
  return ch;
}

Chapter chapter_lead_times(Builder& b) {
  Chapter ch{"doorlooptijden", "Doorlooptijden", {}, {}};
  Table t = norm_table(
      b, "flow.norms", "Doorlooptijden tegen de norm",
      {"flow.intake_5wd", "flow.core_team_7d", "flow.urgent_24h", "flow.offer_letter_5wd"});
  if (!t.rows.empty()) ch.blocks.push_back(table_block(std::move(t)));
  if (const IndicatorResult* w = b.cur("flow.weekly_intake"); w != nullptr && !w->series.empty()) {
    Chart c = b.series_chart("flow.weekly_intake", ChartKind::kLine,
                             "Langste doorlooptijd van compleet tot instroom per week");
    c.unit = "werkdagen";
    c.norm = 5;
    c.norm_label = "norm 5 werkdagen";
    int within = 0;
    int weeks = 0;
    for (const auto& p : w->series)
      if (p.figure.value && p.figure.value->value) {
        ++weeks;
        if (*p.figure.value->value <= 5) ++within;
      }
    ch.blocks.push_back(paragraph(fmt::format(
        "In {} van de {} weken met afgeronde aanmeldingen lag de langste doorlooptijd van "
        "compleet tot instroom binnen 5 werkdagen.",
        within, weeks)));
    ch.blocks.push_back(chart_block(std::move(c)));
  }
  Table m = b.compare_table("flow.days", "Dagen van aanmelding tot zorgmatch en start", "Dagen");
  add_median_rows(b, m, "flow.lead_time_days", "Aanmelding tot zorgmatch");
  add_median_rows(b, m, "flow.time_to_start_days", "Aanmelding tot start zorg");
  if (!m.rows.empty()) ch.blocks.push_back(table_block(std::move(m)));
  return ch;
}

Chapter chapter_waitlist(Builder& b) {
  Chapter ch{"wachtlijst", "Wachtlijst", {}, {}};
  Table t = b.compare_table("waitlist.totals", "Wachtlijst");
  b.total_row(t, "waitlist.count", "Cliënten op de wachtlijst op de laatste dag");
  b.total_row(t, "waitlist.change", "Verandering in de periode");
  b.total_row(t, "waitlist.bridging");
  add_median_rows(b, t, "waitlist.days", "Wachttijd in dagen");
  if (t.rows.empty()) return ch;
  ch.blocks.push_back(table_block(std::move(t)));
  ch.blocks.push_back(chart_block(b.series_chart("waitlist.quarterly", ChartKind::kBar,
                                                 "Wachtenden op de laatste dag van elk kwartaal")));
  for (const auto& [dim, caption, column] :
       {std::tuple{"municipality", "Wachtenden per gemeente", "Gemeente"},
        {"quadrant", "Wachtenden per kwadrant", "Kwadrant"},
        {"kind", "Wachtenden per soort zorg", "Soort zorg"},
        {"ggz", "Wachtenden op GGZ-aanbod", "GGZ"},
        {"provider", "Wachtenden per aanbieder", "Aanbieder"}}) {
    Table bt = b.breakdown_table("waitlist.count", dim, caption, column, false);
    if (!bt.rows.empty()) ch.blocks.push_back(table_block(std::move(bt)));
  }
  Table change = b.breakdown_table("waitlist.change", "provider",
                                   "Verandering van de wachtlijst per aanbieder", "Aanbieder");
  if (!change.rows.empty()) ch.blocks.push_back(table_block(std::move(change)));
  return ch;
}

}  // namespace rk::report
