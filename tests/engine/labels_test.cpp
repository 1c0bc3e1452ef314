// The one vocabulary (engine/labels.hpp): golden Dutch words for units, statuses, dimensions,
// parts, periods and codes, every value of every contract enum named, the `labels` object of a
// document naming exactly what the document shows, and the flat rows of /api/rows.
#include <gtest/gtest.h>

#include <span>

#include "engine/labels.hpp"
#include "model/contract.hpp"

namespace rk::engine {
namespace {

using nlohmann::json;

TEST(Labels, UnitsStatusesAndRoles) {
  EXPECT_EQ(unit_nl(Unit::kCount), "aantal");
  EXPECT_EQ(unit_nl(Unit::kPercent), "procent");
  EXPECT_EQ(unit_nl(Unit::kDays), "dagen");
  EXPECT_EQ(unit_nl(Unit::kEuro), "euro");
  EXPECT_EQ(unit_nl(Unit::kGrade), "rapportcijfer");
  EXPECT_EQ(unit_nl(Unit::kScore), "score");
  EXPECT_EQ(unit_nl(Unit::kFte), "fte");
  EXPECT_EQ(unit_nl(Unit::kNumber), "getal");
  EXPECT_EQ(unit_symbol(Unit::kPercent), "%");
  EXPECT_EQ(unit_symbol(Unit::kEuro), "€");
  EXPECT_EQ(unit_symbol(Unit::kCount), "");
  EXPECT_EQ(status_nl(NormStatus::kGreen), "op norm");
  EXPECT_EQ(status_nl(NormStatus::kYellow), "binnen marge");
  EXPECT_EQ(status_nl(NormStatus::kRed), "onder norm");
  EXPECT_EQ(status_nl(NormStatus::kNone), "geen oordeel");
  EXPECT_EQ(role_nl(Role::kAnalyst), "analist");
  EXPECT_EQ(role_nl(Role::kMunicipality), "gemeente");
  EXPECT_EQ(role_nl(Role::kPublic), "openbaar");
}

TEST(Labels, DimensionsAndParts) {
  EXPECT_EQ(dimension_nl("referrer"), "verwijzer");
  EXPECT_EQ(dimension_nl("gp_practice"), "huisartsenpraktijk");
  EXPECT_EQ(dimension_nl("item/year"), "onderwerp / jaar");
  EXPECT_EQ(dimension_nl("project/measure/municipality/period"),
            "project / meetwaarde / gemeente / periode");
  EXPECT_EQ(dimension_nl("waiting_room"), "waiting room");  // unknown: words, not snake_case
  EXPECT_EQ(part_nl("median"), "mediaan");
  EXPECT_EQ(part_nl("p90"), "90e percentiel");
  EXPECT_EQ(part_nl("costs_to_date"), "kosten tot nu");
  EXPECT_EQ(part_nl("1"), "1 ster");
  EXPECT_EQ(part_nl("4"), "4 sterren");
  EXPECT_EQ(part_nl("s3"), "We hebben het gezinsplan samen gemaakt");
  EXPECT_EQ(part_nl("K2"), "K2 gebiedsteams");
}

TEST(Labels, PeriodKeys) {
  EXPECT_EQ(period_nl("2020"), "2020");
  EXPECT_EQ(period_nl("2020H2"), "2e halfjaar 2020");
  EXPECT_EQ(period_nl("2020Q1"), "1e kwartaal 2020");
  EXPECT_EQ(period_nl("2020-04"), "april 2020");
  EXPECT_EQ(period_nl("2020-W01"), "week 1 2020");
  EXPECT_EQ(period_nl("2020-W53"), "week 53 2020");
  EXPECT_EQ(period_nl("2020-09-30"), "30 sep 2020");
  EXPECT_EQ(period_nl("2020-07-01..2020-12-31"), "2e halfjaar 2020");  // exactly a half-year
  EXPECT_EQ(period_nl("2020-07-01..2020-11-30"), "1 jul 2020 t/m 30 nov 2020");
  EXPECT_EQ(period_nl("GM0917"), std::nullopt);
  EXPECT_EQ(period_nl("gp"), std::nullopt);
}

TEST(Labels, CodesFromRecordsEnumsAndFallbacks) {
  Vocabulary v;
  v.add_name("municipality", "GM0917", "Heerlen");
  v.add_name("provider", "73000001", "Koraal");
  EXPECT_EQ(v.code("municipality", "GM0917"), "Heerlen");
  EXPECT_EQ(v.code("provider", "73000001"), "Koraal");
  EXPECT_EQ(v.code("municipality", "GM9999"), "gemeente GM9999");  // a code nobody named
  EXPECT_EQ(v.code("gp_practice", "HA0917-01"), "huisartsenpraktijk HA0917-01");
  EXPECT_EQ(v.code("referrer", "gp"), "huisarts");
  EXPECT_EQ(v.code("end_reason", "provider"), "op initiatief van de aanbieder");
  EXPECT_EQ(v.code("provider", "provider"), "aanbieder provider");  // per dimension, not global
  EXPECT_EQ(v.code("item", "admin_burden"), "Mijn werk is zo regelarm mogelijk ingericht");
  EXPECT_EQ(v.code("ggz", "true"), "GGZ-aanbieder");
  EXPECT_EQ(v.code("municipality", "all"), "alle gemeenten");
  EXPECT_EQ(v.code("team", "Heerlen Noord"), "Heerlen Noord");
  EXPECT_EQ(v.code("year", "2020"), "2020");
  EXPECT_EQ(v.code("series", "2020Q3"), "3e kwartaal 2020");
  EXPECT_EQ(v.code("date", "2020-12-31"), "31 dec 2020");
  EXPECT_EQ(text_nl("running"), "lopend");
  EXPECT_EQ(text_nl("embedded"), "geborgd");
  EXPECT_EQ(text_nl("een notitie"), std::nullopt);
}

// Every value of every enum of the contract has its own Dutch word (no fallback).
TEST(Labels, EveryContractEnumValueIsNamed) {
  const Vocabulary v;
  const std::vector<std::pair<std::string_view, std::span<const std::string_view>>> enums = {
      {"provider_kind", model::kProviderKinds},
      {"referrer", model::kReferrers},
      {"match", model::kMatches},
      {"quadrant", model::kQuadrants},
      {"quadrant", model::kWaitQuadrants},
      {"quadrant", model::kStaffQuadrants},
      {"end_reason", model::kEndReasons},
      {"case_type", model::kCaseTypes},
      {"director", model::kDirectors},
      {"kind", model::kWaitKinds},
      {"decided_together", model::kDecided},
      {"category", model::kComplaintCategories},
      {"category", model::kCostCategories}};
  int named = 0;
  for (const auto& [dimension, values] : enums)
    for (std::string_view value : values) {
      const std::string word = v.code(dimension, value);
      EXPECT_NE(word, dimension_nl(dimension) + " " + std::string(value))
          << dimension << " " << value << " has no word";
      EXPECT_FALSE(word.empty());
      ++named;
    }
  EXPECT_EQ(named, 5 + 11 + 4 + 3 + 2 + 2 + 6 + 3 + 3 + 3 + 3 + 6 + 7);
}

// A result with every kind of key: a breakdown, a series, parts, a nested table and a text.
std::vector<IndicatorResult> sample() {
  IndicatorResult a;
  a.id = "requests.new";
  a.title_nl = "Nieuwe zorgvragen";
  a.total = Figure::of(Number::count(12));
  a.series.push_back({"2020Q3", Figure::of(Number::count(7))});
  a.breakdowns.push_back({"referrer", {{"gp", Figure::of(Number::count(9))}}});
  Number small = Number::count(3);
  small.below_five = true;
  a.breakdowns.push_back({"municipality", {{"GM0917", Figure::of(small)}}});
  IndicatorResult b;
  b.id = "staff.items";
  b.title_nl = "Medewerkerstevredenheid per onderwerp";
  b.unit = Unit::kGrade;
  Figure item;
  item.nested.push_back({"year", {{"2020", Figure::of(Number::amount(7.25))}}});
  b.breakdowns.push_back({"item/year", {{"admin_burden", item}}});
  b.total.values = {{"median", Number::amount(7)}};
  Number hidden = Number::statistic(std::nullopt, 3);
  hidden.suppressed = true;
  b.total.values.emplace_back("p90", hidden);
  Figure status;
  status.text = "running";
  b.breakdowns.push_back({"status", {{"ROOTZ", status}}});
  return {a, b};
}

TEST(Labels, LabelsNameExactlyWhatTheDocumentShows) {
  Vocabulary v;
  v.add_name("municipality", "GM0917", "Heerlen");
  v.add_name("municipality", "GM0882", "Landgraaf");  // not in the results: not named
  v.add_name("area", "hoensbroek", "Hoensbroek");
  v.add_name("status", "ROOTZ", "Rootz");
  ScopeText scope;
  scope.area = "hoensbroek";
  const json labels = labels_json(v, scope, sample());
  EXPECT_EQ(labels["dimensions"], (json{{"municipality", "gemeente"},
                                        {"referrer", "verwijzer"},
                                        {"item/year", "onderwerp / jaar"},
                                        {"item", "onderwerp"},
                                        {"year", "jaar"},
                                        {"status", "status"},
                                        {"area", "gebied"}}));
  EXPECT_EQ(labels["parts"], (json{{"median", "mediaan"}, {"p90", "90e percentiel"}}));
  EXPECT_EQ(labels["periods"], (json{{"2020Q3", "3e kwartaal 2020"}, {"2020", "2020"}}));
  EXPECT_EQ(labels["codes"],
            (json{{"referrer", {{"gp", "huisarts"}}},
                  {"municipality", {{"GM0917", "Heerlen"}}},
                  {"item", {{"admin_burden", "Mijn werk is zo regelarm mogelijk ingericht"}}},
                  {"year", {{"2020", "2020"}}},
                  {"status", {{"ROOTZ", "Rootz"}}},
                  {"area", {{"hoensbroek", "Hoensbroek"}}}}));
  EXPECT_EQ(labels["texts"], (json{{"running", "lopend"}}));
  EXPECT_EQ(labels["statuses"], (json{{"green", "op norm"},
                                      {"yellow", "binnen marge"},
                                      {"red", "onder norm"},
                                      {"none", "geen oordeel"}}));
  EXPECT_EQ(labels["units"].size(), 8u);
  EXPECT_EQ(labels["units"]["percent"], "procent");
}

TEST(Labels, FlatRowsCarryTheirLevels) {
  Vocabulary v;
  const std::vector<FlatRow> rows = flatten(sample());
  const FlatRow* nested = nullptr;
  for (const FlatRow& r : rows)
    if (r.dimension == "item/year") nested = &r;
  ASSERT_NE(nested, nullptr);
  EXPECT_EQ(nested->key, "admin_burden/2020");
  EXPECT_EQ(v.key(*nested), "Mijn werk is zo regelarm mogelijk ingericht / 2020");
  EXPECT_EQ(Vocabulary::dimension(*nested), "onderwerp / jaar");
  EXPECT_EQ(v.key(rows.front()), "");  // the total has no key
}

TEST(Labels, RowsOfTheApi) {
  Vocabulary v;
  v.add_name("municipality", "GM0917", "Heerlen");
  const DocumentHeader h{
      Date::from_civil(2020, 7, 1), Date::from_civil(2020, 12, 31), {}, Role::kMunicipality};
  const json rows = rows_json(h, sample(), v);
  ASSERT_EQ(rows.size(), 8u);
  EXPECT_EQ(rows[0], (json{{"indicator", "requests.new"},
                           {"title", "Nieuwe zorgvragen"},
                           {"unit", "count"},
                           {"part", ""},
                           {"dimension", ""},
                           {"key", ""},
                           {"label", ""},
                           {"value", 12},
                           {"status", nullptr},
                           {"period", "2020H2"}}));
  EXPECT_EQ(rows[1]["label"], "3e kwartaal 2020");
  EXPECT_EQ(rows[2]["label"], "huisarts");
  EXPECT_EQ(rows[3]["label"], "Heerlen");
  EXPECT_EQ(rows[3]["value"], "<5");
  EXPECT_EQ(rows[5]["part"], "p90");
  EXPECT_TRUE(rows[5]["value"].is_null());  // suppressed
  EXPECT_EQ(rows[7]["value"], "lopend");
  EXPECT_EQ(rows_csv(h, sample(), v),
            "indicator,title,unit,part,dimension,key,label,value,status,period\n"
            "requests.new,Nieuwe zorgvragen,count,,,,,12,,2020H2\n"
            "requests.new,Nieuwe zorgvragen,count,,series,2020Q3,3e kwartaal 2020,7,,2020H2\n"
            "requests.new,Nieuwe zorgvragen,count,,referrer,gp,huisarts,9,,2020H2\n"
            "requests.new,Nieuwe zorgvragen,count,,municipality,GM0917,Heerlen,<5,,2020H2\n"
            "staff.items,Medewerkerstevredenheid per onderwerp,grade,median,,,,7,,2020H2\n"
            "staff.items,Medewerkerstevredenheid per onderwerp,grade,p90,,,,,,2020H2\n"
            "staff.items,Medewerkerstevredenheid per onderwerp,grade,,item/year,admin_burden/2020,"
            "Mijn werk is zo regelarm mogelijk ingericht / 2020,7.25,,2020H2\n"
            "staff.items,Medewerkerstevredenheid per onderwerp,grade,,status,ROOTZ,status ROOTZ,"
            "lopend,,2020H2\n");
}

TEST(Labels, StatusOfAnIndicatorWithANorm) {
  IndicatorResult r;
  r.id = "flow.intake_5wd";
  r.title_nl = "Instroom binnen 5 werkdagen na compleet";
  r.unit = Unit::kPercent;
  r.total = Figure::of(Number::amount(96.5));
  r.norm = Norm{Norm::Op::kAtLeast, 100, 5};
  r.status = NormStatus::kYellow;
  const DocumentHeader h{
      Date::from_civil(2020, 7, 1), Date::from_civil(2020, 11, 30), {}, Role::kAnalyst};
  const json rows = rows_json(h, {r}, Vocabulary{});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["status"], "binnen marge");
  EXPECT_EQ(rows[0]["value"], 96.5);
  EXPECT_EQ(rows[0]["period"], "2020-07-01..2020-11-30");
}

}  // namespace
}  // namespace rk::engine
