// GET /api/social-map (issue 14): the social map of the demo dataset per role. Expected rows come
// from the demo's own activities.csv, areas.csv, providers.csv and municipalities.csv, read here
// as text: an independent path to the snapshot and engine::social_map behind the call.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "server_fixture.hpp"

namespace rk::server {
namespace {

using Fields = std::vector<std::string>;

// The data rows of one of the demo's files (the generator never quotes a field).
std::vector<Fields> demo_rows(const std::string& dir, const std::string& file) {
  std::ifstream in(dir + "/data/" + file);
  std::vector<Fields> rows;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    Fields f;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ',')) f.push_back(cell);
    if (line.ends_with(',')) f.emplace_back();
    rows.push_back(std::move(f));
  }
  return rows;
}

std::map<std::string, Fields> by_first(const std::vector<Fields>& rows) {
  std::map<std::string, Fields> out;
  for (const Fields& f : rows) out[f[0]] = f;
  return out;
}

// The activities the API should list, as JSON objects in the contract's order, for the areas
// of `municipality` (all when empty).
Json expected_map(const std::string& dir, const std::string& municipality = "") {
  const auto areas = by_first(demo_rows(dir, "areas.csv"));
  const auto providers = by_first(demo_rows(dir, "providers.csv"));
  const auto municipalities = by_first(demo_rows(dir, "municipalities.csv"));
  std::vector<Json> list;
  for (const Fields& a : demo_rows(dir, "activities.csv")) {
    const Fields& area = areas.at(a[1]);
    if (!municipality.empty() && area[2] != municipality) continue;
    list.push_back(Json{{"provider", a[0]},
                        {"provider_name", providers.at(a[0])[1]},
                        {"area", a[1]},
                        {"area_name", area[1]},
                        {"municipality", area[2]},
                        {"municipality_name", municipalities.at(area[2])[1]},
                        {"name", a[2]},
                        {"target_group", a[3]},
                        {"contact", a[4]},
                        {"waiting_weeks", a[5].empty() ? Json(nullptr) : Json(std::stoi(a[5]))}});
  }
  const auto key = [](const Json& j) {
    return std::make_tuple(j["municipality_name"].get<std::string>(),
                           j["area_name"].get<std::string>(), j["provider_name"].get<std::string>(),
                           j["name"].get<std::string>());
  };
  std::sort(list.begin(), list.end(),
            [&](const Json& x, const Json& y) { return key(x) < key(y); });
  return Json{{"activities", list}};
}

// The API fixture (server_fixture.hpp) under a name of this file's own.
class SocialMapTest : public ServerTest {};

TEST_F(SocialMapTest, ListsEveryActivityForAnalystsAndAdmins) {
  const Json expected = expected_map(dir_);
  ASSERT_GE(expected["activities"].size(), 7U * 5U) << "a few activities in each demo area";
  auto r = get("/api/social-map", bearer(token_));
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(r->get_header_value("Cache-Control"), "no-store");
  EXPECT_EQ(Json::parse(r->body), expected);
  const auto [cookie, csrf] = login("beheer");
  EXPECT_EQ(Json::parse(get("/api/social-map", {{"Cookie", cookie}})->body), expected);
  // Filters: a municipality, an area.
  EXPECT_EQ(Json::parse(get("/api/social-map?municipality=GM0882", bearer(token_))->body),
            expected_map(dir_, "GM0882"));
  const Json hoensbroek = Json::parse(get("/api/social-map?area=hoensbroek", bearer(token_))->body);
  ASSERT_FALSE(hoensbroek["activities"].empty());
  for (const Json& a : hoensbroek["activities"]) EXPECT_EQ(a["area"], "hoensbroek");
}

TEST_F(SocialMapTest, OfAMunicipalityUserHoldsOnlyItsOwnAreas) {
  const auto [cookie, csrf] = login("gm");
  const httplib::Headers h{{"Cookie", cookie}};
  const Json own = expected_map(dir_, "GM0917");
  ASSERT_FALSE(own["activities"].empty());
  ASSERT_LT(own["activities"].size(), expected_map(dir_)["activities"].size());
  EXPECT_EQ(Json::parse(get("/api/social-map", h)->body), own);
  EXPECT_EQ(Json::parse(get("/api/social-map?municipality=GM0917", h)->body), own);
  auto r = get("/api/social-map?municipality=GM0882", h);
  EXPECT_EQ(r->status, 403);
  EXPECT_NE(error_of(r).find("GM0882"), std::string::npos);
  // An area of another municipality lies outside its scope: nothing.
  r = get("/api/social-map?area=schaesberg", h);
  ASSERT_EQ(r->status, 200);
  EXPECT_TRUE(Json::parse(r->body)["activities"].empty());
}

TEST_F(SocialMapTest, RefusesStrangersAndBadParameters) {
  EXPECT_EQ(get("/api/social-map")->status, 401);
  EXPECT_EQ(get("/api/social-map", bearer("rk_0000"))->status, 401);
  struct Case {
    std::string query;
    std::string says;
  };
  for (const Case& c : {Case{"municipality=GM9999", "'municipality'"},
                        Case{"area=nergens", "'area'"}, Case{"from=2020-01-01", "'from'"},
                        Case{"quadrant=K1", "'quadrant'"}, Case{"area=", "'area'"}}) {
    auto r = get("/api/social-map?" + c.query, bearer(token_));
    EXPECT_EQ(r->status, 400) << c.query;
    EXPECT_NE(error_of(r).find(c.says), std::string::npos) << c.query << ": " << r->body;
  }
}

TEST_F(SocialMapTest, CallsAreAudited) {
  const int64_t before = audit_rows();
  const auto [cookie, csrf] = login("gm");
  ASSERT_EQ(get("/api/social-map?area=hoensbroek", {{"Cookie", cookie}})->status, 200);
  ASSERT_EQ(get("/api/social-map?municipality=GM0882", {{"Cookie", cookie}})->status, 403);
  ASSERT_EQ(get("/api/social-map")->status, 401);
  EXPECT_EQ(audit_rows_reaching(before + 4), before + 4);  // login and three calls
  const std::string query =
      "SELECT * FROM (SELECT * FROM audit WHERE target LIKE '/api/social-map%'"
      " ORDER BY rowid DESC LIMIT 3) ORDER BY status";
  Json rows;
  eventually([&] {
    std::string out;
    if (test::run("sqlite3 -json " + db_ + " " + test::shell_quote(query), out) != 0) return false;
    rows = out.empty() ? Json::array() : Json::parse(out);
    return rows.size() == 3;
  });
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_EQ(rows[0]["status"], 200);
  EXPECT_EQ(rows[0]["who"], "gm");
  EXPECT_EQ(rows[0]["role"], "municipality:GM0917");
  EXPECT_EQ(rows[0]["target"], "/api/social-map?area=hoensbroek");
  EXPECT_EQ(rows[0]["scope"], "municipality=GM0917 area=hoensbroek");
  EXPECT_EQ(rows[1]["status"], 401);
  EXPECT_EQ(rows[1]["who"], "-");
  EXPECT_EQ(rows[2]["status"], 403);
  EXPECT_EQ(rows[2]["target"], "/api/social-map?municipality=GM0882");
}

}  // namespace
}  // namespace rk::server
