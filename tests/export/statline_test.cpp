// The CBS StatLine figures (engine/statline.hpp) and their CSV (export/statline.hpp) on the golden
// case tests/data/golden/statline, whose README counts every figure by hand.
#include <gtest/gtest.h>

#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "calendar/date.hpp"
#include "engine/render.hpp"
#include "engine/snapshot.hpp"
#include "engine/statline.hpp"
#include "export/statline.hpp"
#include "ingest/importer.hpp"
#include "store/store.hpp"

namespace rk::exporting {
namespace {

namespace fs = std::filesystem;
using engine::StatlineFigures;

class StatlineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "rk-statline-XXXXXX").string();
    dir_ = ::mkdtemp(tmpl.data());
    auto store = store::Store::open(dir_ + "/store.db");
    ASSERT_TRUE(store.is_ok()) << store.status().message();
    auto p = ingest::Pseudonymizer::from_key_file(dir_ + "/store.db.key");
    ASSERT_TRUE(p.is_ok());
    ingest::ImportOptions options;
    options.rejects_path = dir_ + "/rejects.csv";
    auto summary = ingest::import_paths(**store, {std::string(RK_TEST_DATA) + "/golden/statline"},
                                        *p, options);
    ASSERT_TRUE(summary.is_ok());
    ASSERT_EQ(summary->rows_rejected, 0u);
    auto snapshot = engine::Snapshot::build(**store);
    ASSERT_TRUE(snapshot.is_ok());
    snapshot_ = *snapshot;
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  engine::Query query(const engine::ScopeText& scope = {}) const {
    return {*parse_date("2020-07-01"), *parse_date("2020-12-31"),
            engine::resolve_scope(*snapshot_, scope), nullptr};
  }
  static int64_t referrer(const StatlineFigures& f, const std::string& name) {
    for (const auto& [key, n] : f.started_by_referrer)
      if (key == name) return n;
    ADD_FAILURE() << "no referrer " << name;
    return -1;
  }

  std::string dir_;
  std::shared_ptr<const engine::Snapshot> snapshot_;
};

TEST_F(StatlineTest, FiguresPerMunicipalityAsCountedByHand) {
  const std::vector<StatlineFigures> f = engine::statline_figures(*snapshot_, query());
  ASSERT_EQ(f.size(), 3u);
  const StatlineFigures& landgraaf = f[0];
  const StatlineFigures& heerlen = f[1];
  const StatlineFigures& total = f[2];
  EXPECT_EQ(landgraaf.municipality, "GM0882");  // code order
  EXPECT_EQ(heerlen.municipality, "GM0917");
  EXPECT_EQ(total.municipality, "totaal");

  EXPECT_EQ(heerlen.trajectories_start, 3);  // T1 T3 T4
  EXPECT_EQ(heerlen.trajectories_end, 2);    // T2 T4
  EXPECT_EQ(heerlen.trajectories_started, 2);
  EXPECT_EQ(heerlen.trajectories_ended, 2);
  EXPECT_EQ(heerlen.clients_start, 3);
  EXPECT_EQ(heerlen.clients_end, 2);
  EXPECT_EQ(heerlen.clients_started, 2);
  EXPECT_EQ(heerlen.clients_ended, 2);
  EXPECT_EQ(referrer(heerlen, "school"), 1);
  EXPECT_EQ(referrer(heerlen, "unknown"), 1);
  EXPECT_EQ(referrer(heerlen, "gp"), 0);  // T1's request, but T1 started before the period
  EXPECT_EQ(heerlen.ended_plan, 1);
  EXPECT_EQ(heerlen.ended_early, 1);
  EXPECT_EQ(heerlen.ended_other, 0);
  EXPECT_DOUBLE_EQ(*heerlen.average_duration_days, 127.0);

  EXPECT_EQ(landgraaf.trajectories_start, 0);
  EXPECT_EQ(landgraaf.clients_start, 0);
  EXPECT_EQ(landgraaf.trajectories_end, 1);
  EXPECT_EQ(landgraaf.clients_started, 1);
  EXPECT_EQ(landgraaf.trajectories_ended, 1);
  EXPECT_EQ(referrer(landgraaf, "court"), 1);
  EXPECT_EQ(landgraaf.ended_other, 1);
  EXPECT_DOUBLE_EQ(*landgraaf.average_duration_days, 1.0);

  EXPECT_EQ(total.trajectories_start, 3);
  EXPECT_EQ(total.clients_end, 3);
  EXPECT_EQ(total.trajectories_started, 3);
  EXPECT_EQ(total.clients_ended, 3);
  EXPECT_EQ(total.ended_plan + total.ended_early + total.ended_other, 3);
  EXPECT_DOUBLE_EQ(*total.average_duration_days, 85.0);
}

TEST_F(StatlineTest, ScopeToOneMunicipality) {
  const auto f = engine::statline_figures(*snapshot_, query({"GM0917", {}, {}, {}}));
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].municipality, "GM0917");
  EXPECT_EQ(f[1].trajectories_start, 3);  // the total row is Heerlen alone
}

TEST_F(StatlineTest, CsvLayoutAndSuppression) {
  const engine::Query q = query();
  const engine::DocumentHeader header{q.from, q.to, {}, engine::Role::kAnalyst};
  const std::string analyst =
      statline_csv(header, statline_tables(*snapshot_, q, engine::Role::kAnalyst));
  EXPECT_NE(analyst.find("\"Gemeente\";\"Perioden\";\"Jongeren met jeugdhulp begin\""),
            std::string::npos);
  EXPECT_NE(analyst.find("\"GM0917\";\"2020H2\";3;2;3;2\n"), std::string::npos) << analyst;
  EXPECT_NE(analyst.find("\"Totaal\";\"2020H2\";3;1;1;1;85.0\n"), std::string::npos) << analyst;
  const std::string pub =
      statline_csv(header, statline_tables(*snapshot_, q, engine::Role::kPublic));
  // Counts 1-4 become "<5", zero stays, an average over fewer than 10 trajectories is left out.
  EXPECT_NE(pub.find("\"GM0882\";\"2020H2\";0;\"<5\";0;\"<5\"\n"), std::string::npos) << pub;
  EXPECT_NE(pub.find("\"Totaal\";\"2020H2\";\"<5\";\"<5\";\"<5\";\"<5\";\n"), std::string::npos)
      << pub;
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
