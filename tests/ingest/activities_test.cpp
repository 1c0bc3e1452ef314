// The social map's contract file activities.csv (docs/data-contract.md), golden: the case
// tests/data/bad/46_activities imported, its good rows stored as written, every bad row rejected
// with file, line, column and reason; then the snapshot carries them and engine::social_map lists
// them with names, in order, per scope.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "engine/snapshot.hpp"
#include "engine/social_map.hpp"
#include "test_dataset.hpp"

namespace rk::testing {
namespace {

using model::Kind;

const std::string kCase = std::string(RK_TEST_DATA) + "/bad/46_activities";

std::vector<std::vector<std::string>> stored(store::Store& s, Kind kind) {
  std::vector<std::vector<std::string>> out;
  EXPECT_TRUE(s.scan(kind, [&](std::span<const store::Cell> row) {
                 std::vector<std::string> r;
                 for (const auto& c : row)
                   r.push_back(c.is_null()                       ? "<null>"
                               : c.tag == store::Cell::Tag::kInt ? std::to_string(c.i)
                                                                 : std::string(c.s));
                 out.push_back(std::move(r));
               }).is_ok());
  return out;
}

TEST(Activities, GoodRowsStoredEachBadRowRejectedWithItsReason) {
  ImportFixture fx;
  const auto summary = fx.import({kCase});
  EXPECT_EQ(summary.rows_rejected, 6u);
  // In key order (provider, area, name); empty optional cells are null.
  EXPECT_EQ(stored(fx.store(), Kind::kActivities),
            (std::vector<std::vector<std::string>>{
                {"73100001", "heerlen-noord", "Jongerenwerk", "Jongeren van 12 tot 23 jaar",
                 "info@alcander.nl", "<null>"},
                {"73100001", "schaesberg", "Ouder-kindgroep",
                 "Ouders met kinderen van 0 tot 4 jaar", "045-5612345", "3"},
                {"GT0001", "heerlen-noord", "Opvoedspreekuur",
                 "Ouders van kinderen van 0 tot 18 jaar", "<null>", "0"}}));
  std::vector<std::tuple<uint64_t, std::string, std::string>> rejected;
  for (const Reject& r : fx.rejects()) {
    EXPECT_NE(r.file.find("activities.csv"), std::string::npos) << r.file;
    rejected.emplace_back(r.line, r.column, r.reason);
  }
  EXPECT_EQ(
      rejected,
      (std::vector<std::tuple<uint64_t, std::string, std::string>>{
          {5, "provider", "onbekende aanbieder '73199999'"},
          {6, "area", "onbekend gebied 'hoensbroek'"},
          {7, "waiting_weeks", "waarde -1 kleiner dan 0"},
          {8, "contact",
           "waarde lijkt op een BSN (9 cijfers, elfproef); een BSN hoort alleen in kolom bsn"},
          {9, "target_group", "verplicht veld is leeg"},
          {10, "provider", "dubbele sleutel (ook op regel 2)"}}));
  // The BSN-shaped number is masked in the rejected record.
  EXPECT_EQ(read_file(fx.rejects_path()).find("111 222 333"), std::string::npos);
}

TEST(Activities, SnapshotCarriesThemAndTheSocialMapListsThemInOrder) {
  ImportFixture fx;
  fx.import({kCase});
  auto snap = engine::Snapshot::build(fx.store());
  ASSERT_TRUE(snap) << snap.status().message();
  const engine::Table& t = (*snap)->table(Kind::kActivities);
  ASSERT_EQ(t.rows(), 3);
  EXPECT_EQ(t.find("provider")->references, static_cast<int8_t>(Kind::kProviders));
  EXPECT_EQ(t.find("area")->references, static_cast<int8_t>(Kind::kAreas));

  using Row = std::tuple<std::string, std::string, std::string, std::string, std::string,
                         std::string, std::string, std::string, std::string, int64_t>;
  const auto rows = [&](const engine::Scope& scope) {
    std::vector<Row> out;
    for (const engine::Activity& a : engine::social_map(**snap, scope))
      out.emplace_back(a.municipality, a.municipality_name, a.area, a.area_name, a.provider,
                       a.provider_name, a.name, a.target_group, a.contact,
                       a.waiting_weeks.value_or(-1));
    return out;
  };
  const Row noord_alcander{
      "GM0917",           "Heerlen",  "heerlen-noord", "Heerlen Noord",
      "73100001",         "Alcander", "Jongerenwerk",  "Jongeren van 12 tot 23 jaar",
      "info@alcander.nl", -1};
  const Row noord_team{"GM0917",
                       "Heerlen",
                       "heerlen-noord",
                       "Heerlen Noord",
                       "GT0001",
                       "Gebiedsteam Heerlen Noord",
                       "Opvoedspreekuur",
                       "Ouders van kinderen van 0 tot 18 jaar",
                       "",
                       0};
  const Row schaesberg{"GM0882",          "Landgraaf",
                       "schaesberg",      "Schaesberg",
                       "73100001",        "Alcander",
                       "Ouder-kindgroep", "Ouders met kinderen van 0 tot 4 jaar",
                       "045-5612345",     3};
  // Municipality name (Heerlen before Landgraaf), area name, provider name, name.
  EXPECT_EQ(rows({}), (std::vector<Row>{noord_alcander, noord_team, schaesberg}));
  // Scope by codes (municipality, area, provider; "" = any), resolved as the API does.
  const auto scope = [&](const std::string& municipality, const std::string& area,
                         const std::string& provider) {
    const auto code = [](const std::string& c) {
      return c.empty() ? std::nullopt : std::optional<std::string>(c);
    };
    return engine::resolve_scope(
        **snap, engine::ScopeText{code(municipality), code(area), std::nullopt, code(provider)});
  };
  EXPECT_EQ(rows(scope("GM0882", "", "")), (std::vector<Row>{schaesberg}));
  EXPECT_EQ(rows(scope("", "heerlen-noord", "")), (std::vector<Row>{noord_alcander, noord_team}));
  EXPECT_EQ(rows(scope("GM0882", "heerlen-noord", "")), std::vector<Row>{});
  EXPECT_EQ(rows(scope("", "", "GT0001")), (std::vector<Row>{noord_team}));
  EXPECT_TRUE(rows(scope("GM9999", "", "")).empty());
}

TEST(Activities, ReplacedProvidersTakeTheirActivitiesAlong) {
  ImportFixture fx;
  fx.import({kCase});
  // A full export of providers without Alcander: its activities go as orphans.
  fx.write_data("providers.csv", "provider_id,name,kind\nGT0001,Gebiedsteam Heerlen Noord,own\n");
  const auto s = fx.import({fx.data_dir()}, true);
  EXPECT_EQ(s.orphans_removed, 2);
  EXPECT_EQ(fx.count(Kind::kActivities), 1);
}

}  // namespace
}  // namespace rk::testing
