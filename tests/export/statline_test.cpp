// The CBS StatLine figures (engine/statline.hpp) and their CSV (export/statline.hpp) on the golden
// case tests/data/golden/statline, whose README counts every figure by hand, and on a generated
// table large enough for the disclosure layer (engine/disclosure.hpp) to show most of it.
#include <gtest/gtest.h>

#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "calendar/date.hpp"
#include "calendar/period.hpp"
#include "engine/catalogue.hpp"
#include "engine/disclosure.hpp"
#include "engine/record_keys.hpp"
#include "engine/render.hpp"
#include "engine/snapshot.hpp"
#include "engine/statline.hpp"
#include "export/statline.hpp"
#include "ingest/importer.hpp"
#include "store/store.hpp"

namespace rk::exporting {
namespace {

namespace fs = std::filesystem;
namespace id = engine::statline;
using engine::Figure;
using engine::IndicatorResult;

// The results' figure `key` of `result`: a municipality code or "totaal" for the total row.
const Figure& figure(const std::vector<IndicatorResult>& results, std::string_view result,
                     const std::string& key) {
  for (const auto& r : results) {
    if (r.id != result) continue;
    if (key == "totaal") return r.total;
    for (const auto& [k, cell] : r.breakdowns.front().cells)
      if (k == key) return cell;
  }
  throw std::logic_error("no figure " + std::string(result) + " " + key);
}

const Figure& part(const Figure& f, const std::string& key) {
  for (const auto& [k, cell] : f.nested.front().cells)
    if (k == key) return cell;
  throw std::logic_error("no part " + key);
}

class StatlineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "rk-statline-XXXXXX").string();
    dir_ = ::mkdtemp(tmpl.data());
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  void import(const std::string& data) {
    auto store = store::Store::open(dir_ + "/store.db");
    ASSERT_TRUE(store.is_ok()) << store.status().message();
    auto p = ingest::Pseudonymizer::from_key_file(dir_ + "/store.db.key");
    ASSERT_TRUE(p.is_ok());
    ingest::ImportOptions options;
    options.rejects_path = dir_ + "/rejects.csv";
    auto summary = ingest::import_paths(**store, {data}, *p, options);
    ASSERT_TRUE(summary.is_ok());
    ASSERT_EQ(summary->rows_rejected, 0u);
    auto snapshot = engine::Snapshot::build(**store);
    ASSERT_TRUE(snapshot.is_ok());
    snapshot_ = *snapshot;
    keys_ =
        std::make_unique<engine::RecordKeys>(snapshot_, engine::PerturbationKey::for_testing(7));
  }
  engine::Query query(const engine::ScopeText& scope = {}, bool keyed = false) const {
    engine::Query q{*parse_date("2020-07-01"), *parse_date("2020-12-31"),
                    engine::resolve_scope(*snapshot_, scope), &working_days_};
    if (keyed) q.record_keys = keys_.get();
    return q;
  }
  std::vector<IndicatorResult> results(const engine::Query& q) const {
    return engine::statline_results(*snapshot_, q);
  }
  // The results for `role` as the export writes them: computed with keys, then disclosed.
  std::vector<IndicatorResult> disclosed(engine::Role role) const {
    std::vector<IndicatorResult> r = results(query({}, true));
    const Status s = engine::disclose(role, engine::PerturbationTable::standard(), r);
    EXPECT_TRUE(s) << s.message();
    return r;
  }
  std::string csv(const std::vector<IndicatorResult>& r, engine::Role role) const {
    const engine::Query q = query();
    return statline_csv({q.from, q.to, {}, role}, statline_tables(r, Period{q.from, q.to}));
  }

  std::string dir_;
  std::shared_ptr<const engine::Snapshot> snapshot_;
  std::unique_ptr<engine::RecordKeys> keys_;
  WorkingDays working_days_;
};

class GoldenStatline : public StatlineTest {
 protected:
  void SetUp() override {
    StatlineTest::SetUp();
    import(std::string(RK_TEST_DATA) + "/golden/statline");
  }
};

int64_t count(const Figure& f) { return static_cast<int64_t>(*f.value->value); }

TEST_F(GoldenStatline, FiguresPerMunicipalityAsCountedByHand) {
  const std::vector<IndicatorResult> r = results(query());
  ASSERT_EQ(r.size(), 9u);
  for (const auto& x : r) {
    EXPECT_FALSE(x.keyed) << x.id;
    ASSERT_EQ(x.breakdowns.size(), 1u);
    ASSERT_EQ(x.breakdowns.front().cells.size(), 2u);
    EXPECT_EQ(x.breakdowns.front().cells[0].first, "GM0882");  // code order
    EXPECT_EQ(x.breakdowns.front().cells[1].first, "GM0917");
  }
  const auto f = [&](std::string_view result, const std::string& m) {
    return count(figure(r, result, m));
  };
  const auto referrer = [&](const std::string& m, const std::string& key) {
    return count(part(figure(r, id::kStartedByReferrer, m), key));
  };
  const auto ending = [&](const std::string& m, const std::string& key) {
    return count(part(figure(r, id::kEndedByReason, m), key));
  };
  const auto duration = [&](const std::string& m) {
    return *figure(r, id::kAverageDuration, m).value->value;
  };

  EXPECT_EQ(f(id::kTrajectoriesStart, "GM0917"), 3);  // T1 T3 T4
  EXPECT_EQ(f(id::kTrajectoriesEnd, "GM0917"), 2);    // T2 T4
  EXPECT_EQ(f(id::kStartedByReferrer, "GM0917"), 2);
  EXPECT_EQ(f(id::kEndedByReason, "GM0917"), 2);
  EXPECT_EQ(f(id::kClientsStart, "GM0917"), 3);
  EXPECT_EQ(f(id::kClientsEnd, "GM0917"), 2);
  EXPECT_EQ(f(id::kClientsStarted, "GM0917"), 2);
  EXPECT_EQ(f(id::kClientsEnded, "GM0917"), 2);
  EXPECT_EQ(referrer("GM0917", "school"), 1);
  EXPECT_EQ(referrer("GM0917", "unknown"), 1);
  EXPECT_EQ(referrer("GM0917", "gp"), 0);  // T1's request, but T1 started before the period
  EXPECT_EQ(ending("GM0917", "plan"), 1);
  EXPECT_EQ(ending("GM0917", "early"), 1);
  EXPECT_EQ(ending("GM0917", "other"), 0);
  EXPECT_DOUBLE_EQ(duration("GM0917"), 127.0);
  EXPECT_EQ(figure(r, id::kAverageDuration, "GM0917").value->n, 2);

  EXPECT_EQ(f(id::kTrajectoriesStart, "GM0882"), 0);
  EXPECT_EQ(f(id::kClientsStart, "GM0882"), 0);
  EXPECT_EQ(f(id::kTrajectoriesEnd, "GM0882"), 1);
  EXPECT_EQ(f(id::kClientsStarted, "GM0882"), 1);
  EXPECT_EQ(f(id::kEndedByReason, "GM0882"), 1);
  EXPECT_EQ(referrer("GM0882", "court"), 1);
  EXPECT_EQ(ending("GM0882", "other"), 1);
  EXPECT_DOUBLE_EQ(duration("GM0882"), 1.0);

  EXPECT_EQ(f(id::kTrajectoriesStart, "totaal"), 3);
  EXPECT_EQ(f(id::kClientsEnd, "totaal"), 3);
  EXPECT_EQ(f(id::kStartedByReferrer, "totaal"), 3);
  EXPECT_EQ(f(id::kClientsEnded, "totaal"), 3);
  EXPECT_EQ(ending("totaal", "plan") + ending("totaal", "early") + ending("totaal", "other"), 3);
  EXPECT_DOUBLE_EQ(duration("totaal"), 85.0);
}

TEST_F(GoldenStatline, ScopeToOneMunicipality) {
  const auto r = results(query({"GM0917", {}, {}, {}}));
  ASSERT_EQ(r.front().breakdowns.front().cells.size(), 1u);
  EXPECT_EQ(r.front().breakdowns.front().cells[0].first, "GM0917");
  EXPECT_EQ(count(figure(r, id::kTrajectoriesStart, "totaal")), 3);  // Heerlen alone
}

TEST_F(GoldenStatline, CountsCarryTheKeysOfTheirRecords) {
  const std::vector<IndicatorResult> r = results(query({}, true));
  for (const auto& x : r) EXPECT_TRUE(x.keyed) << x.id;
  // Trajectories in care at the start of GM0917 are T1 T3 T4; its clients c1 c2 c3.
  const engine::Table& trajectories = snapshot_->table(model::Kind::kTrajectories);
  const auto traj = [&](std::string_view t) {
    for (int32_t row = 0; row < trajectories.rows(); ++row)
      if (trajectories.key_text(row) == t) return keys_->of(model::Kind::kTrajectories)[row];
    ADD_FAILURE() << "no trajectory " << t;
    return uint64_t{0};
  };
  engine::Tally expected;
  for (const char* t : {"T1", "T3", "T4"}) expected.add(traj(t));
  EXPECT_EQ(figure(r, id::kTrajectoriesStart, "GM0917").value->counted, expected);
  EXPECT_EQ(figure(r, id::kClientsStart, "GM0917").value->counted->n, 3);
  EXPECT_NE(figure(r, id::kClientsStart, "GM0917").value->counted->key, expected.key);
}

TEST_F(GoldenStatline, CsvLayoutAndSuppression) {
  const std::string analyst = csv(disclosed(engine::Role::kAnalyst), engine::Role::kAnalyst);
  EXPECT_EQ(analyst.find("\"Beleidsinformatie Jeugd, 2020-07-01 t/m 2020-12-31, rol analist\"\n\n"),
            0u)
      << analyst;
  EXPECT_NE(analyst.find("\"Gemeente\";\"Perioden\";\"Jongeren met jeugdhulp begin\""),
            std::string::npos);
  EXPECT_NE(analyst.find("\"GM0917\";\"2020H2\";3;2;3;2\n"), std::string::npos) << analyst;
  EXPECT_NE(analyst.find("\"GM0917\";\"2020H2\";2;0;0;0;0;0;1;0;0;0;0;0;1\n"), std::string::npos)
      << analyst;
  EXPECT_NE(analyst.find("\"Totaal\";\"2020H2\";3;1;1;1;85.0\n"), std::string::npos) << analyst;

  const std::string pub = csv(disclosed(engine::Role::kPublic), engine::Role::kPublic);
  EXPECT_NE(pub.find("rol openbaar\"\n\"Cijfers zijn licht verstoord"), std::string::npos) << pub;
  // A count of 1 stays 1 and is written "<5", zero stays zero; an average over fewer than 10
  // trajectories is left out.
  EXPECT_NE(pub.find("\"GM0882\";\"2020H2\";0;\"<5\";0;\"<5\"\n"), std::string::npos) << pub;
  EXPECT_NE(pub.find("\"GM0882\";\"2020H2\";\"<5\";0;0;\"<5\";\n"), std::string::npos) << pub;
}

TEST_F(GoldenStatline, PublicFiguresNeedKeys) {
  std::vector<IndicatorResult> r = results(query());
  EXPECT_FALSE(engine::disclose(engine::Role::kPublic, engine::PerturbationTable::standard(), r));
}

// Two municipalities with enough started trajectories to show most cells: A (GM0917) has 20 by
// the GP, 8 by a school and 2 by a court; B (GM0882) 15, 12 and 9. Every client has one
// trajectory, started 2020-08-03 and still running.
class LargeStatline : public StatlineTest {
 protected:
  void SetUp() override {
    StatlineTest::SetUp();
    const std::string data = dir_ + "/data";
    fs::create_directories(data);
    fs::copy_file(std::string(RK_TEST_DATA) + "/golden/statline/providers.csv",
                  data + "/providers.csv");
    fs::copy_file(std::string(RK_TEST_DATA) + "/golden/statline/municipalities.csv",
                  data + "/municipalities.csv");
    std::ofstream clients(data + "/clients.csv"), requests(data + "/requests.csv"),
        trajectories(data + "/trajectories.csv");
    clients << "client_id,birth_date,municipality\n";
    requests << "request_id,client_id,received_at,referrer,gp_practice,complete_at,matched_at,"
                "match\n";
    trajectories << "trajectory_id,client_id,request_id,quadrant,provider_id,start_date,end_date,"
                    "end_reason\n";
    int n = 0;
    for (const auto& [municipality, referrer, count] :
         std::vector<std::tuple<std::string, std::string, int>>{{"GM0917", "gp", 20},
                                                                {"GM0917", "school", 8},
                                                                {"GM0917", "court", 2},
                                                                {"GM0882", "gp", 15},
                                                                {"GM0882", "school", 12},
                                                                {"GM0882", "court", 9}})
      for (int i = 0; i < count; ++i, ++n) {
        const std::string k = std::to_string(n);
        clients << "c" << k << ",2010-01-01," << municipality << "\n";
        requests << "Q" << k << ",c" << k << ",2020-07-01T09:00," << referrer << ","
                 << (referrer == "gp" ? "GP01" : "") << ",2020-07-02T09:00,2020-07-20T10:00,K2\n";
        trajectories << "T" << k << ",c" << k << ",Q" << k << ",K2,P_OWN,2020-08-03,,\n";
      }
    clients.close();
    requests.close();
    trajectories.close();
    import(data);
  }
};

// Hidden: written "<5" or left empty.
bool hidden(const std::string& cell) { return cell == "<5" || cell.empty(); }

TEST_F(LargeStatline, ARowWithOneSmallCellLosesASecondOne) {
  const std::vector<IndicatorResult> exact = results(query());
  ASSERT_EQ(count(part(figure(exact, id::kStartedByReferrer, "GM0917"), "court")), 2);
  const std::vector<IndicatorResult> pub = disclosed(engine::Role::kPublic);
  const std::vector<StatlineTable> tables = statline_tables(pub, Period{query().from, query().to});
  const StatlineTable& t3 = tables[2];
  ASSERT_EQ(t3.rows.size(), 3u);  // GM0882, GM0917, Totaal
  const auto column = [&](const std::string& name) {
    for (size_t c = 0; c < t3.columns.size(); ++c)
      if (t3.columns[c] == name) return c;
    throw std::logic_error("no column " + name);
  };
  const size_t total = column("Trajecten gestart");
  const size_t first = total + 1;  // the referrers

  // A's court cell (2) is "<5"; with A's total shown, the other cells would give it by
  // subtraction, so a second cell of the row is hidden.
  const std::vector<std::string>& a = t3.rows[1];
  ASSERT_EQ(a[0], "GM0917");
  EXPECT_EQ(a[column("Rechter, officier van justitie, JJI")], "<5");
  EXPECT_FALSE(hidden(a[total]));
  EXPECT_TRUE(hidden(a[column("School")])) << "the smallest other non-zero cell";
  EXPECT_FALSE(hidden(a[column("Huisarts")]));

  // No row and no column has exactly one hidden member, its total included: B's court cell goes
  // too, since the court column's total is shown.
  EXPECT_TRUE(hidden(t3.rows[0][column("Rechter, officier van justitie, JJI")]));
  for (const auto& row : t3.rows) {
    int n = 0;
    for (size_t c = total; c < row.size(); ++c) n += hidden(row[c]);
    EXPECT_NE(n, 1) << row[0];
  }
  for (size_t c = first; c < t3.columns.size(); ++c) {
    int n = 0;
    for (const auto& row : t3.rows) n += hidden(row[c]);
    EXPECT_NE(n, 1) << t3.columns[c];
  }
}

TEST_F(LargeStatline, CellsAreTheLayersOutput) {
  // The written cells are the disclosed results, nothing else.
  const std::vector<IndicatorResult> pub = disclosed(engine::Role::kPublic);
  const std::vector<StatlineTable> tables = statline_tables(pub, Period{query().from, query().to});
  const Figure& a = figure(pub, id::kStartedByReferrer, "GM0917");
  EXPECT_EQ(tables[2].rows[1][2], std::to_string(count(a)));
  EXPECT_EQ(tables[2].rows[1][3], std::to_string(count(part(a, "gp"))));
  EXPECT_EQ(tables[1].rows[1][4], tables[2].rows[1][2]) << "trajectories started, twice";
  const Figure& end = figure(pub, id::kClientsEnd, "GM0917");
  EXPECT_EQ(tables[0].rows[1][3], std::to_string(count(end)));
  // The count is perturbed (published as true count + noise of the cell's records) ...
  EXPECT_LE(std::abs(count(end) - 30), 2);
  EXPECT_FALSE(end.value->counted.has_value()) << "no keys leave the layer";

  // ... the same for the role municipality scoped to A, where A's row is the total row too: the
  // same records give the same published count, whatever the query.
  std::vector<IndicatorResult> own = results(query({"GM0917", {}, {}, {}}, true));
  ASSERT_TRUE(
      engine::disclose(engine::Role::kMunicipality, engine::PerturbationTable::standard(), own));
  EXPECT_EQ(count(figure(own, id::kClientsEnd, "GM0917")), count(end));
  EXPECT_EQ(count(figure(own, id::kClientsEnd, "totaal")), count(end));
}

TEST_F(LargeStatline, ClientsInCareAreTheFigureOfTheIndicator) {
  // "Jongeren met jeugdhulp eind" counts the clients of the indicator clients.end: published
  // through the layer, both views give the same figure.
  const engine::Config config;
  const engine::Catalogue catalogue = engine::Catalogue::create(config);
  const engine::Query scoped = query({"GM0917", {}, {}, {}}, true);
  std::optional<IndicatorResult> kpi =
      engine::compute_one(catalogue, "clients.end", *snapshot_, scoped, config);
  ASSERT_TRUE(kpi.has_value());
  ASSERT_EQ(count(kpi->total), 30);
  if (!kpi->total.value->counted) GTEST_SKIP() << "clients.end does not carry record keys yet";
  std::vector<IndicatorResult> kpis{*kpi};
  ASSERT_TRUE(engine::disclose(engine::Role::kPublic, engine::PerturbationTable::standard(), kpis));
  const std::vector<IndicatorResult> pub = disclosed(engine::Role::kPublic);
  EXPECT_EQ(count(kpis.front().total), count(figure(pub, id::kClientsEnd, "GM0917")));
}

TEST(StatlineCsv, TextCellsAreNeutralisedAndNumbersStayBare) {
  const engine::DocumentHeader header{
      Date::from_civil(2020, 7, 1), Date::from_civil(2020, 12, 31), {}, engine::Role::kAnalyst};
  const StatlineTable t{
      "=Titel",
      {"Gemeente", "@Kolom"},
      {{"=HYPERLINK(\"x\")", "-12"}, {"-2+3", "85.0"}, {"2020-07-01..2020-12-31", "<5"}}};
  const std::string csv = statline_csv(header, {t});
  EXPECT_NE(csv.find("\n\"'=Titel\"\n\"Gemeente\";\"'@Kolom\"\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\n\"'=HYPERLINK(\"\"x\"\")\";-12\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\n\"'-2+3\";85.0\n"), std::string::npos) << csv;
  // A period FROM..TO is text: quoted like every text cell.
  EXPECT_NE(csv.find("\n\"2020-07-01..2020-12-31\";\"<5\"\n"), std::string::npos) << csv;
}

}  // namespace
}  // namespace rk::exporting
