// GET /api/rows and the `labels` of /api/indicators (issue 14, acceptance 2): per role, the flat
// rows hold the figures `kpi --format csv` gives for that role and scope (an independent path
// through the CLI), "<5" and suppressed cells as the JSON document has them, the Dutch name of
// every key, and never another municipality's codes or names.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "server_fixture.hpp"

namespace rk::server {
namespace {

class ApiRowsTest : public ServerTest {
 protected:
  // `kpi --format csv` for the arguments: rows of cells (no quoted commas in the demo's CSV).
  static std::vector<std::vector<std::string>> kpi_csv(const std::string& args) {
    std::string out;
    EXPECT_EQ(
        test::run(test::shell_quote(RK_BINARY) + " kpi --db " + db_ + " --format csv " + args, out),
        0);
    std::vector<std::vector<std::string>> rows;
    std::istringstream lines(out);
    std::string line;
    std::getline(lines, line);  // header
    while (std::getline(lines, line)) {
      std::vector<std::string> cells;
      std::string cell;
      std::istringstream in(line);
      while (std::getline(in, cell, ',')) cells.push_back(cell);
      if (!line.empty() && line.back() == ',') cells.emplace_back();
      rows.push_back(cells);
    }
    return rows;
  }

  // The value of a row as the CSV writes it.
  static std::string value_text(const Json& v) {
    if (v.is_null()) return "";
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
    std::ostringstream s;
    s.precision(17);
    s << v.get<double>();
    return s.str();
  }

  // Every row's figure equals the CLI's for the same role and scope, in the same order.
  static void expect_rows_equal_kpi(const Json& rows, const std::string& args) {
    const auto want = kpi_csv(args);
    ASSERT_EQ(rows.size(), want.size());
    for (size_t i = 0; i < want.size(); ++i) {
      const Json& r = rows[i];
      const auto& w = want[i];
      ASSERT_GE(w.size(), 8u) << i;
      EXPECT_EQ(r["indicator"], w[0]) << i;
      EXPECT_EQ(r["dimension"], w[1]) << i;
      EXPECT_EQ(r["key"], w[2]) << i;
      EXPECT_EQ(r["part"], w[3]) << i;
      if (r["value"].is_number_float()) {
        EXPECT_NEAR(r["value"].get<double>(), std::stod(w[4]), 1e-9) << i;
      } else if (r["value"].is_string() && r["value"] != "<5") {
        EXPECT_FALSE(w[4].empty()) << i;  // a text cell, in Dutch here
      } else {
        EXPECT_EQ(value_text(r["value"]), w[4]) << i << " " << r.dump();
      }
    }
  }
};

TEST_F(ApiRowsTest, AnalystRowsAreTheFiguresOfKpiWithTheirNames) {
  auto r = get(std::string("/api/rows?") + kYear, bearer(token_));
  ASSERT_EQ(r->status, 200);
  EXPECT_NE(r->get_header_value("Content-Type").find("application/json"), std::string::npos);
  const Json rows = Json::parse(r->body);
  expect_rows_equal_kpi(rows, "--from 2020-01-01 --to 2020-12-31 --role analyst");
  std::map<std::string, std::string> municipality_names;
  int labelled = 0;
  for (const Json& row : rows) {
    EXPECT_EQ(row["period"], "2020");
    EXPECT_FALSE(row["title"].get<std::string>().empty());
    const std::string key = row["key"];
    const std::string label = row["label"];
    EXPECT_EQ(key.empty(), label.empty()) << row.dump();
    if (row["dimension"] == "municipality") municipality_names[key] = label;
    if (row["dimension"] == "referrer" && key == "gp") {
      EXPECT_EQ(label, "huisarts");
    }
    if (row["dimension"] == "provider") {
      EXPECT_NE(label, key) << row.dump();
    }
    if (!key.empty()) ++labelled;
  }
  EXPECT_GT(labelled, 100);
  EXPECT_EQ(municipality_names,
            (std::map<std::string, std::string>{
                {"GM0882", "Landgraaf"}, {"GM0917", "Heerlen"}, {"GM0986", "Voerendaal"}}));
}

TEST_F(ApiRowsTest, MunicipalityRowsAreSuppressedAsItsDocumentAndOnlyItsOwn) {
  const auto [cookie, csrf] = login("gm");
  const httplib::Headers h{{"Cookie", cookie}};
  auto r = get(std::string("/api/rows?") + kYear, h);
  ASSERT_EQ(r->status, 200);
  const Json rows = Json::parse(r->body);
  const std::string args =
      "--from 2020-01-01 --to 2020-12-31 --municipality GM0917 --role "
      "municipality";
  expect_rows_equal_kpi(rows, args);
  int below_five = 0;
  int suppressed = 0;
  for (const Json& row : rows) {
    below_five += row["value"] == "<5" ? 1 : 0;
    suppressed += row["value"].is_null() ? 1 : 0;
    const std::string text = row.dump();
    for (const char* other : {"GM0882", "GM0986", "Landgraaf", "Voerendaal"})
      EXPECT_EQ(text.find(other), std::string::npos) << text;
  }
  EXPECT_GT(below_five, 0) << "the demo year should have counts below five";
  EXPECT_GT(suppressed, 0) << "the demo year should have suppressed figures";
  // The "<5" cells are the document's: every "<5" row's cell is "<5" in /api/indicators too.
  const Json doc = Json::parse(get(std::string("/api/indicators?") + kYear, h)->body);
  for (const Json& row : rows) {
    if (row["value"] != "<5" || row["dimension"].get<std::string>().find('/') != std::string::npos)
      continue;
    const Json& ind = doc["indicators"][row["indicator"].get<std::string>()];
    if (row["dimension"] == "" && row["part"] == "") {
      EXPECT_EQ(ind["value"], "<5") << row.dump();
    } else if (row["dimension"] != "" && row["dimension"] != "series" && row["part"] == "") {
      const Json& cell =
          ind["breakdown"][row["dimension"].get<std::string>()][row["key"].get<std::string>()];
      EXPECT_TRUE(cell == "<5" || cell.value("value", Json()) == "<5") << row.dump();
    }
  }
  // Another municipality: 403.
  r = get(std::string("/api/rows?") + kYear + "&municipality=GM0882", h);
  EXPECT_EQ(r->status, 403);
}

TEST_F(ApiRowsTest, CsvHasTheColumnsOfTheContract) {
  const auto [cookie, csrf] = login("gm");
  auto r = get(std::string("/api/rows?") + kYear + "&format=csv", {{"Cookie", cookie}});
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  const std::string& body = r->body;
  EXPECT_EQ(body.rfind("indicator,title,unit,part,dimension,key,label,value,status,period\n", 0),
            0u);
  const Json rows = Json::parse(get(std::string("/api/rows?") + kYear, {{"Cookie", cookie}})->body);
  size_t lines = 0;
  for (char c : body) lines += c == '\n' ? 1 : 0;
  EXPECT_EQ(lines, rows.size() + 1);
  EXPECT_NE(body.find(",municipality,GM0917,Heerlen,"), std::string::npos);
  EXPECT_NE(body.find(",<5,"), std::string::npos);
  EXPECT_EQ(body.find("GM0882"), std::string::npos);
}

TEST_F(ApiRowsTest, RefusalsAndAudit) {
  EXPECT_EQ(get(std::string("/api/rows?") + kYear)->status, 401);
  auto r = get(std::string("/api/rows?") + kYear + "&format=xml", bearer(token_));
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(error_of(r).find("format"), std::string::npos);
  EXPECT_EQ(get("/api/rows?from=2020-01-01", bearer(token_))->status, 400);
  const int64_t before = audit_rows();
  ASSERT_EQ(get(std::string("/api/rows?") + kYear + "&format=csv", bearer(token_))->status, 200);
  audit_rows_reaching(before + 1);
  const Json last = last_audit_rows(1)[0];
  EXPECT_EQ(last["target"], std::string("/api/rows?") + kYear + "&format=csv");
  EXPECT_EQ(last["status"], 200);
}

// The labels of /api/indicators name every code the answer shows, and only those.
TEST_F(ApiRowsTest, IndicatorAnswersCarryLabelsOfWhatTheyShow) {
  const auto [cookie, csrf] = login("gm");
  const Json doc =
      Json::parse(get(std::string("/api/indicators?") + kYear, {{"Cookie", cookie}})->body);
  const Json& labels = doc["labels"];
  ASSERT_TRUE(labels.is_object());
  EXPECT_EQ(labels["statuses"]["green"], "op norm");
  EXPECT_EQ(labels["codes"]["municipality"], (Json{{"GM0917", "Heerlen"}}));
  int keys = 0;
  for (const auto& [id, ind] : doc["indicators"].items()) {
    EXPECT_TRUE(labels["units"].contains(ind["unit"])) << id;
    const Json values = ind.value("values", Json::object());
    for (const auto& [part, v] : values.items()) {
      EXPECT_TRUE(labels["parts"].contains(part)) << id << " " << part;
    }
    const Json series = ind.value("series", Json::array());
    for (const Json& p : series) {
      EXPECT_TRUE(labels["periods"].contains(p["key"])) << id;
    }
    if (!ind.contains("breakdown")) continue;
    for (const auto& [dimension, cells] : ind["breakdown"].items()) {
      EXPECT_TRUE(labels["dimensions"].contains(dimension)) << id << " " << dimension;
      const std::string first = dimension.substr(0, dimension.find('/'));
      for (const auto& [key, cell] : cells.items()) {
        EXPECT_TRUE(labels["codes"][first].contains(key)) << id << " " << first << " " << key;
        ++keys;
      }
    }
  }
  EXPECT_GT(keys, 50);
  // One indicator: the labels of that indicator only.
  const Json one = Json::parse(
      get(std::string("/api/indicators/requests.new?") + kYear, {{"Cookie", cookie}})->body);
  EXPECT_EQ(one["labels"]["codes"]["referrer"]["gp"], "huisarts");
  EXPECT_FALSE(one["labels"]["codes"].contains("end_reason"));
}

}  // namespace
}  // namespace rk::server
