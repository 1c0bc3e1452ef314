// Golden tests of the report model: the hand-counted golden datasets (tests/data/golden, figures
// from their expected*.json, which were written by hand from indicators.md) are imported with the
// real program; the model built from the engine's results must show those figures in the right
// table, row and column. Also: the previous period of each kind.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "../engine/program.hpp"
#include "calendar/workdays.hpp"
#include "engine/catalogue.hpp"
#include "engine/disclosure.hpp"
#include "engine/snapshot.hpp"
#include "report/model.hpp"
#include "store/store.hpp"

namespace rk::report {
namespace {

namespace fs = std::filesystem;

Period P(const char* text) { return *parse_period(text); }

TEST(PreviousPeriod, SameKindJustBefore) {
  EXPECT_EQ(previous_period(P("2020H2")), P("2020H1"));
  EXPECT_EQ(previous_period(P("2020H1")), P("2019H2"));
  EXPECT_EQ(previous_period(P("2020")), P("2019"));
  EXPECT_EQ(previous_period(P("2020Q1")), P("2019Q4"));
  EXPECT_EQ(previous_period(P("2020Q3")), P("2020Q2"));
  EXPECT_EQ(previous_period(P("2020-03")), P("2020-02"));  // 29 days, leap year
  EXPECT_EQ(previous_period(P("2021-01")), P("2020-12"));
  EXPECT_EQ(previous_period(P("2020-W02")), P("2020-W01"));
  // Any other range: the equally long range just before it.
  EXPECT_EQ(previous_period(P("2020-01-10..2020-01-19")), P("2019-12-31..2020-01-09"));
  EXPECT_EQ(previous_period(P("2020-02-01..2020-03-31")), P("2019-12-03..2020-01-31"));
}

// A golden case imported into a fresh store, and the report model of one query on it.
class GoldenReport : public ::testing::Test {
 protected:
  static Report build(const std::string& golden_case, const std::string& period, engine::Role role,
                      std::optional<std::string> municipality = {}) {
    const fs::path dir =
        fs::temp_directory_path() / ("rk_report_" + golden_case + "_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string db = (dir / "store.db").string();
    std::string out;
    const int rc =
        test::run(std::string(RK_BINARY) + " import --db " + test::shell_quote(db) + " " +
                      test::shell_quote(std::string(RK_TEST_DATA) + "/golden/" + golden_case) +
                      " >/dev/null 2>&1",
                  out);
    EXPECT_EQ(rc, 0);
    auto store = store::Store::open(db);
    EXPECT_TRUE(store.is_ok());
    auto snapshot = engine::Snapshot::load_or_build(**store);
    EXPECT_TRUE(snapshot.is_ok());
    // The report renders the layer's flags ("<5", "–"); they are checked here on exact counts
    // (no noise), as hand-counted golden figures. Perturbation: tests/engine/disclosure_test.
    engine::Config config;
    config.disclosure.max_noise = 0;
    const engine::Catalogue catalogue = engine::Catalogue::create(config);
    const WorkingDays working_days;
    ReportInput in;
    in.period = P(period.c_str());
    in.previous = previous_period(in.period);
    in.role = role;
    in.scope.municipality = std::move(municipality);
    in.vocabulary.add_name("municipality", "GM0917", "Heerlen");
    in.vocabulary.add_name("municipality", "GM0882", "Landgraaf");
    in.vocabulary.add_name("municipality", "GM0986", "Voerendaal");
    const engine::Scope scope = engine::resolve_scope(**snapshot, in.scope);
    const engine::RecordKeys keys(*snapshot, engine::PerturbationKey::for_testing(9));
    for (auto [p, results] :
         {std::pair{in.period, &in.current}, {in.previous, &in.previous_results}}) {
      engine::Query q{p.from, p.to, scope, &working_days};
      q.record_keys = &keys;
      *results = engine::compute_all(catalogue, **snapshot, q, config);
      EXPECT_TRUE(engine::disclose(role, config, *results).is_ok());
    }
    // The summary's insights, as the report command computes them.
    engine::Query q{in.period.from, in.period.to, scope, &working_days};
    q.record_keys = &keys;
    auto figures = engine::insight_figures(catalogue, **snapshot, q, config, role, in.current);
    EXPECT_TRUE(figures.is_ok());
    if (figures) in.insights = engine::make_insights(*figures);
    Report r = build_report(in);
    fs::remove_all(dir);
    return r;
  }

  static const Table* table(const Report& r, const std::string& chapter, const std::string& id) {
    for (const auto& c : r.chapters)
      if (c.id == chapter)
        for (const auto& b : c.blocks)
          if (b.kind == Block::Kind::kTable && b.table.id == id) return &b.table;
    return nullptr;
  }

  // The texts of the row whose first cell is `label` (the first such row).
  static std::vector<std::string> row(const Table& t, const std::string& label) {
    for (const auto& r : t.rows)
      if (!r.empty() && r[0].text == label) {
        std::vector<std::string> texts;
        for (const auto& c : r) texts.push_back(c.text);
        return texts;
      }
    return {};
  }
};

TEST_F(GoldenReport, CbsTableOfClientsEdges) {
  const Report r = build("clients_edges", "2020H2", engine::Role::kAnalyst);
  EXPECT_EQ(r.period_label, "2e halfjaar 2020");
  EXPECT_EQ(r.previous_label, "1e halfjaar 2020");
  const Table* t = table(r, "clienten", "clients.cbs");
  ASSERT_NE(t, nullptr);
  // expected.json: start 2/0/0, new 2/3/1, total 4/3/1, ended 1/1/0, end 3/2/1; totals 2,5,7,2,5.
  using V = std::vector<std::string>;
  EXPECT_EQ(row(*t, "Heerlen"), (V{"Heerlen", "2e halfjaar 2020", "2", "2", "4", "1", "3"}));
  EXPECT_EQ(row(*t, "Landgraaf"), (V{"Landgraaf", "2e halfjaar 2020", "0", "3", "3", "1", "2"}));
  EXPECT_EQ(row(*t, "Voerendaal"), (V{"Voerendaal", "2e halfjaar 2020", "0", "1", "1", "0", "1"}));
  EXPECT_EQ(row(*t, "Totaal"), (V{"Totaal", "2e halfjaar 2020", "2", "5", "7", "2", "5"}));
  // Each municipality row is followed by the same municipality's previous period.
  for (size_t i = 0; i + 1 < t->rows.size(); i += 2)
    EXPECT_EQ(t->rows[i + 1][1].text, "1e halfjaar 2020");
  // care.residential_share 2 of 7 = 28,6 %.
  const Table* care = table(r, "zorg-en-resultaten", "care.totals");
  ASSERT_NE(care, nullptr);
  EXPECT_EQ(row(*care, "Aandeel cliënten met verblijf").at(1), "28,6 %");
  EXPECT_EQ(row(*care, "Terugkeer in zorg binnen 12 maanden").at(1), "50,0 %");
  EXPECT_FALSE(r.has_suppressed());
}

TEST_F(GoldenReport, MunicipalityRoleShowsSmallCountsAsBelowFive) {
  const Report r = build("clients_edges", "2020H2", engine::Role::kMunicipality, "GM0917");
  EXPECT_EQ(r.scope_label, "gemeente Heerlen");
  const Table* t = table(r, "clienten", "clients.cbs");
  ASSERT_NE(t, nullptr);
  // expected_gm0917.json: 2, 2, 4, 1, 3 — all counts of 1-4, so all "<5" for the role.
  EXPECT_EQ(row(*t, "Heerlen"), (std::vector<std::string>{"Heerlen", "2e halfjaar 2020", "<5", "<5",
                                                          "<5", "<5", "<5"}));
  EXPECT_TRUE(t->has_suppressed());
  EXPECT_TRUE(r.has_suppressed());
  // Complaints, family audits and staffing have no municipality: no chapter for them.
  for (const auto& c : r.chapters) EXPECT_NE(c.id, "klachten");
}

TEST_F(GoldenReport, MoneyOfFinanceAllocation) {
  const Report r = build("finance_allocation", "2020H2", engine::Role::kAnalyst);
  const Table* t = table(r, "financien", "finance.result.municipality");
  ASSERT_NE(t, nullptr);
  // expected.json: GM0917 costs 47382.38, income 306000, result 258617.62; total 85100.01,
  // 513000, 427899.99 (euros shown without cents).
  EXPECT_EQ(row(*t, "Heerlen").at(1), "€ 47.382");
  EXPECT_EQ(row(*t, "Heerlen").at(2), "€ 306.000");
  EXPECT_EQ(row(*t, "Heerlen").at(3), "€ 258.618");
  EXPECT_EQ(row(*t, "Landgraaf").at(1), "€ 35.941");
  EXPECT_EQ(row(*t, "Totaal").at(3), "€ 427.900");
  const Table* cat = table(r, "financien", "finance.costs.category");
  ASSERT_NE(cat, nullptr);
  EXPECT_EQ(row(*cat, "K2 gebiedsteams").at(1), "€ 45.400");
  EXPECT_EQ(row(*cat, "overhead").at(1), "€ 1.700");
  // The summary judges care.share_k2 (58,3 %, green) and small providers (1,5 %, red).
  const Table* kpis = table(r, "samenvatting", "summary.kpis");
  ASSERT_NE(kpis, nullptr);
  const auto share = row(*kpis, "Aandeel K2 in de kosten van K2 en K3");
  ASSERT_EQ(share.size(), 5U);
  EXPECT_EQ(share[2], "58,3 %");
  EXPECT_EQ(share[4], "op norm");
  EXPECT_EQ(row(*kpis, "Besteding bij kleine aanbieders (K3, % van de lumpsum)").at(4),
            "onder norm");
}

TEST_F(GoldenReport, SummaryOpensWithTheInsights) {
  const Report r = build("finance_allocation", "2020H2", engine::Role::kAnalyst);
  ASSERT_FALSE(r.chapters.empty());
  const Chapter& summary = r.chapters.front();
  ASSERT_EQ(summary.id, "samenvatting");
  ASSERT_GE(summary.blocks.size(), 2U);
  EXPECT_EQ(summary.blocks[0].text,
            "Wat opvalt in de cijfers van 2e halfjaar 2020, het belangrijkste eerst:");
  ASSERT_EQ(summary.blocks[1].kind, Block::Kind::kList);
  const std::vector<std::string>& items = summary.blocks[1].items;
  // expected.json: small providers 1,47 % against >= 4 (red, 2,53 points under: weight 3,63,
  // above any other kind); care.share_k2 58,28 % (green, 18,28 above); the forecast of 2020
  // equals the costs to date, 95.099,01, against income 1.026.000: a surplus of 930.900,99.
  ASSERT_FALSE(items.empty());
  EXPECT_EQ(items[0],
            "Besteding bij kleine aanbieders (K3, % van de lumpsum): 1,5 %; de norm (≥ 4 %) is "
            "niet gehaald: 2,5 procentpunt onder de streefwaarde.");
  const auto has = [&](const std::string& text) {
    return std::find(items.begin(), items.end(), text) != items.end();
  };
  EXPECT_TRUE(
      has("Aandeel K2 in de kosten van K2 en K3: 58,3 %; de norm (≥ 40 %) is gehaald, "
          "18,3 procentpunt boven de streefwaarde."));
  EXPECT_TRUE(
      has("Prognose kosten en resultaat van het jaar 2020: een verwacht overschot van "
          "€ 930.901 (verwachte kosten € 95.099, inkomsten € 1.026.000)."));
}

TEST_F(GoldenReport, EveryIndicatorIsPlaced) {
  const Report r = build("finance_allocation", "2020H2", engine::Role::kAnalyst);
  for (const auto& c : r.chapters) EXPECT_NE(c.id, "overig") << "an indicator has no chapter";
}

}  // namespace
}  // namespace rk::report
