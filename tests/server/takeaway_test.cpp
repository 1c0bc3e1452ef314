// Taking figures away and bringing them in through the API, per role: the downloads of one
// indicator (CSV, xlsx) and of a chart (SVG, PNG) carry the same disclosed figures as the JSON;
// a figure entered by hand (POST /api/measurements) is validated as the importer validates it,
// audited, refused for a municipality, without its CSRF token and inside a closed period, and
// seen at once in /api/indicators.
#include <cctype>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "server_fixture.hpp"

namespace rk::server {
namespace {

constexpr const char* kManual = "safety.reporting_code_trained";

class TakeawayTest : public ServerTest {
 protected:
  // The CSV rows of an indicator answer, as `kpi --format csv` writes them.
  static std::string kpi_csv(const std::string& args, const std::string& id) {
    std::string out;
    EXPECT_EQ(
        test::run(test::shell_quote(RK_BINARY) + " kpi --db " + db_ + " --format csv " + args, out),
        0);
    std::istringstream in(out);
    std::string line;
    std::string rows;
    std::getline(in, line);
    rows += line + "\n";
    while (std::getline(in, line))
      if (line.starts_with(id + ",")) rows += line + "\n";
    return rows;
  }
  // The XML of one part of an xlsx answer (unzip from the workbook written to a file).
  static std::string xlsx_part(const std::string& bytes, const std::string& part) {
    const std::string path = dir_ + "/download.xlsx";
    std::ofstream(path, std::ios::binary) << bytes;
    std::string out;
    EXPECT_EQ(test::run("unzip -p " + test::shell_quote(path) + " " + part, out), 0);
    return out;
  }
  static httplib::Result post_measurement(const Json& body, const httplib::Headers& headers) {
    return client().Post("/api/measurements", headers, body.dump(), "application/json");
  }
  // The importer's verdict on one measurements.csv row: "column: reason" from the reject file of
  // `regiekamer check` against the test's store, or "" when it would be imported.
  static std::string importer_verdict(const std::string& row) {
    const std::string folder = dir_ + "/entry-check";
    std::string out;
    test::run("rm -rf " + folder + " && mkdir -p " + folder, out);
    std::ofstream(folder + "/measurements.csv") << "indicator,period,municipality,value,note\n"
                                                << row << "\n";
    test::run(test::shell_quote(RK_BINARY) + " check --db " + db_ + " --rejects " + folder +
                  "/rejects.csv " + folder + "/measurements.csv",
              out);
    std::ifstream in(folder + "/rejects.csv");
    std::string line;
    std::getline(in, line);  // header
    if (!std::getline(in, line)) return "";
    // file,line,column,reason,record: the reason may be quoted.
    static const std::regex kRow(R"(^[^,]*,\d+,([^,]*),("(?:[^"]|"")*"|[^,]*),)");
    std::smatch m;
    if (!std::regex_search(line, m, kRow)) return "?" + line;
    std::string reason = m[2];
    if (reason.starts_with('"')) {
      reason = reason.substr(1, reason.size() - 2);
      reason = std::regex_replace(reason, std::regex("\"\""), "\"");
    }
    return m[1].str().empty() ? reason : m[1].str() + ": " + reason;
  }
};

TEST_F(TakeawayTest, CsvDownloadIsTheDisclosedRowsOfKpiPerRole) {
  const std::string query = std::string("?") + kYear + "&format=csv";
  auto r = get("/api/indicators/clients.start" + query, bearer(token_));
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(r->get_header_value("Content-Disposition"),
            "attachment; filename=\"regiekamer-clients.start-2020.csv\"");
  EXPECT_EQ(r->body, kpi_csv("--from 2020-01-01 --to 2020-12-31", "clients.start"));

  // A municipality account: its own municipality with the municipality role's suppression, the
  // same rows as kpi writes for that role, "<5" kept as it is.
  const auto [cookie, csrf] = login("gm");
  const httplib::Headers gm{{"Cookie", cookie}};
  const std::string muni =
      kpi_csv("--from 2020-01-01 --to 2020-12-31 --municipality GM0917 --role municipality",
              "waitlist.count");
  const std::string analyst = kpi_csv(
      "--from 2020-01-01 --to 2020-12-31 --municipality GM0917 --role analyst", "waitlist.count");
  ASSERT_NE(muni, analyst) << "the demo year should have something to suppress";
  r = get("/api/indicators/waitlist.count" + query, gm);
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(r->body, muni);
  EXPECT_NE(r->body.find("<5"), std::string::npos);
  // Another municipality's figures: 403, whatever the format.
  for (const char* format : {"csv", "xlsx"}) {
    r = get(std::string("/api/indicators/waitlist.count?") + kYear +
                "&municipality=GM0882&format=" + format,
            gm);
    EXPECT_EQ(r->status, 403) << format;
    EXPECT_EQ(r->get_header_value("Content-Disposition"), "");
  }
  r = get(std::string("/api/indicators/clients.start?") + kYear + "&format=pdf", gm);
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(error_of(r).find("format"), std::string::npos);
  // A period of its own: the file is named after it.
  r = get("/api/indicators/clients.start?from=2020-02-03&to=2020-03-04&format=csv", gm);
  EXPECT_EQ(r->get_header_value("Content-Disposition"),
            "attachment; filename=\"regiekamer-clients.start-2020-02-03_2020-03-04.csv\"");
}

TEST_F(TakeawayTest, XlsxDownloadKeepsSuppressedCellsSuppressed) {
  const auto [cookie, csrf] = login("gm");
  auto r = get(std::string("/api/indicators/waitlist.count?") + kYear + "&format=xlsx",
               {{"Cookie", cookie}});
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->get_header_value("Content-Type"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(r->get_header_value("Content-Disposition"),
            "attachment; filename=\"regiekamer-waitlist.count-2020.xlsx\"");
  ASSERT_TRUE(r->body.starts_with("PK")) << "a zip container";
  // The index sheet and the indicator's sheet, as `export xlsx` writes them.
  const std::string book = xlsx_part(r->body, "xl/workbook.xml");
  EXPECT_NE(book.find("name=\"Inhoud\""), std::string::npos);
  EXPECT_NE(book.find("name=\"waitlist.count\""), std::string::npos);
  const std::string strings = xlsx_part(r->body, "xl/sharedStrings.xml");
  EXPECT_NE(strings.find("&lt;5"), std::string::npos) << "a count of 1 to 4 stays \"<5\"";
  EXPECT_NE(strings.find("rol gemeente"), std::string::npos);
  // Every number in the sheet is one the municipality's JSON shows: no exact count of 1 to 4.
  const Json json =
      Json::parse(get(std::string("/api/indicators/waitlist.count?") + kYear, {{"Cookie", cookie}})
                      ->body)["indicators"]["waitlist.count"];
  const std::string sheet = xlsx_part(r->body, "xl/worksheets/sheet2.xml");
  static const std::regex kNumber(R"(<c r="E\d+"[^>]*><v>([^<]+)</v>)");
  int numbers = 0;
  for (std::sregex_iterator it(sheet.begin(), sheet.end(), kNumber), end; it != end; ++it) {
    const double v = std::stod((*it)[1]);
    EXPECT_FALSE(v >= 1 && v <= 4 && v == static_cast<int>(v)) << "exact small count " << v;
    ++numbers;
  }
  EXPECT_GT(numbers, 3);
  EXPECT_TRUE(json.contains("breakdown"));

  // The analyst's workbook has figures the municipality's has not.
  r = get(std::string("/api/indicators/waitlist.count?") + kYear + "&format=xlsx", bearer(token_));
  ASSERT_EQ(r->status, 200);
  EXPECT_NE(xlsx_part(r->body, "xl/worksheets/sheet2.xml"), sheet);
}

TEST_F(TakeawayTest, ChartsArePngOrSvgDownloads) {
  const std::string base = std::string("/api/charts/requests.new?") + kYear;
  auto r = get(base + "&format=png&width=800&height=300", bearer(token_));
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->get_header_value("Content-Type"), "image/png");
  EXPECT_EQ(r->get_header_value("Content-Disposition"),
            "attachment; filename=\"regiekamer-requests.new-2020.png\"");
  ASSERT_GT(r->body.size(), 24U);
  EXPECT_EQ(r->body.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  // IHDR: width and height, big-endian, right after the signature and the chunk's head.
  const auto be32 = [&r](size_t at) {
    uint32_t v = 0;
    for (size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(r->body[at + i]);
    return v;
  };
  EXPECT_EQ(r->body.substr(12, 4), "IHDR");
  EXPECT_EQ(be32(16), 800U);
  EXPECT_EQ(be32(20), 300U);
  EXPECT_GT(r->body.size(), 2000U) << "a drawn chart, not an empty image";

  // SVG: inline without a format (the dashboard), a download with format=svg.
  r = get(base, bearer(token_));
  EXPECT_EQ(r->get_header_value("Content-Disposition"), "");
  EXPECT_TRUE(r->body.starts_with("<svg"));
  r = get(base + "&format=svg", bearer(token_));
  EXPECT_TRUE(r->body.starts_with("<svg"));
  EXPECT_EQ(r->get_header_value("Content-Disposition"),
            "attachment; filename=\"regiekamer-requests.new-2020.svg\"");
  // A municipality: only its own municipality.
  const auto [cookie, csrf] = login("gm");
  EXPECT_EQ(get(base + "&format=png&municipality=GM0882", {{"Cookie", cookie}})->status, 403);
  EXPECT_EQ(get(base + "&format=png", {{"Cookie", cookie}})->status, 200);
  EXPECT_EQ(get(base + "&format=gif", bearer(token_))->status, 400);
}

TEST_F(TakeawayTest, DownloadsAreAudited) {
  const int64_t before = audit_rows();
  auto r =
      get(std::string("/api/indicators/clients.start?") + kYear + "&format=xlsx", bearer(token_));
  ASSERT_EQ(r->status, 200);
  ASSERT_EQ(audit_rows_reaching(before + 1), before + 1);
  const Json row = last_audit_rows(1)[0];
  EXPECT_EQ(row["who"], "ana");
  EXPECT_NE(row["target"].get<std::string>().find("format=xlsx"), std::string::npos);
  EXPECT_EQ(row["status"], 200);
}

TEST_F(TakeawayTest, AnalystEntersAFigureSeenAtOnce) {
  const std::string indicator_path = std::string("/api/indicators/manual.") + kManual +
                                     "?from=2021-10-01&to=2021-12-31&municipality=GM0882";
  const Json entry{{"indicator", kManual},
                   {"period", "2021Q4"},
                   {"municipality", "GM0882"},
                   {"value", 87.25},
                   {"note", "ingevoerd in de test"}};
  const auto [cookie, csrf] = login("ana");
  const int64_t before = audit_rows();
  auto r = post_measurement(entry, {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
  ASSERT_EQ(r->status, 201) << r->body;
  EXPECT_EQ(Json::parse(r->body), entry);
  // At once: no wait for the watcher.
  r = get(indicator_path, {{"Cookie", cookie}});
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(Json::parse(r->body)["indicators"][std::string("manual.") + kManual]["value"], 87.25);
  // Listed; the audit row names who entered what, without the note.
  r = get(std::string("/api/measurements?indicator=") + kManual, {{"Cookie", cookie}});
  ASSERT_EQ(r->status, 200);
  bool listed = false;
  const Json list = Json::parse(r->body);
  for (const Json& m : list["measurements"]) listed |= m == entry;
  EXPECT_TRUE(listed) << r->body;
  audit_rows_reaching(before + 3);
  bool audited = false;
  for (const Json& row : last_audit_rows(3)) {
    if (row["method"] != "POST") continue;
    audited = true;
    EXPECT_EQ(row["who"], "ana");
    EXPECT_EQ(row["status"], 201);
    EXPECT_EQ(row["scope"], std::string("invoer measurements indicator=") + kManual +
                                " period=2021Q4 municipality=GM0882 value=87.25");
  }
  EXPECT_TRUE(audited);

  // A correction: the same key replaces the figure; a token call needs no CSRF header.
  Json fix = entry;
  fix["value"] = 91;
  r = post_measurement(fix, bearer(token_));
  ASSERT_EQ(r->status, 201) << r->body;
  r = get(indicator_path, {{"Cookie", cookie}});
  EXPECT_EQ(Json::parse(r->body)["indicators"][std::string("manual.") + kManual]["value"], 91);
}

TEST_F(TakeawayTest, EntryNeedsTheRoleAndTheCsrfToken) {
  const Json entry{{"indicator", kManual}, {"period", "2021Q3"}, {"value", 50}};
  const auto [gm_cookie, gm_csrf] = login("gm");
  auto r = post_measurement(entry, {{"Cookie", gm_cookie}, {"X-CSRF-Token", gm_csrf}});
  EXPECT_EQ(r->status, 403);
  EXPECT_EQ(get("/api/measurements", {{"Cookie", gm_cookie}})->status, 403);
  const auto [cookie, csrf] = login("beheer");
  r = post_measurement(entry, {{"Cookie", cookie}});
  EXPECT_EQ(r->status, 403);
  EXPECT_NE(error_of(r).find("X-CSRF-Token"), std::string::npos);
  r = post_measurement(entry, {{"Cookie", cookie}, {"X-CSRF-Token", "nep"}});
  EXPECT_EQ(r->status, 403);
  EXPECT_EQ(post_measurement(entry, {})->status, 401);
  r = post_measurement(entry, {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
  EXPECT_EQ(r->status, 201) << r->body;
}

TEST_F(TakeawayTest, InvalidFieldsAreRefusedWithTheImportersReason) {
  const auto h = bearer(token_);
  struct Case {
    Json entry;
    std::string csv;  // the same row in measurements.csv
  };
  const std::vector<Case> cases = {
      {{{"period", "2021Q3"}, {"value", 50}}, ",2021Q3,,50,"},
      {{{"indicator", kManual}, {"period", "2021Q5"}, {"value", 50}},
       std::string(kManual) + ",2021Q5,,50,"},
      {{{"indicator", kManual}, {"period", "2021Q3"}, {"municipality", "GM9999"}, {"value", 50}},
       std::string(kManual) + ",2021Q3,GM9999,50,"},
      {{{"indicator", kManual}, {"period", "2021Q3"}, {"municipality", "Heerlen"}, {"value", 50}},
       std::string(kManual) + ",2021Q3,Heerlen,50,"},
      {{{"indicator", kManual}, {"period", "2021Q3"}, {"value", "veel"}},
       std::string(kManual) + ",2021Q3,,veel,"},
      {{{"indicator", kManual}, {"period", "2021Q3"}}, std::string(kManual) + ",2021Q3,,,"},
      {{{"indicator", kManual}, {"period", "2021Q3"}, {"value", 50}, {"note", "BSN 123456782"}},
       std::string(kManual) + ",2021Q3,,50,BSN 123456782"},
  };
  for (const Case& c : cases) {
    const std::string importer = importer_verdict(c.csv);
    ASSERT_FALSE(importer.empty()) << c.csv << " should be rejected by the importer";
    auto r = post_measurement(c.entry, h);
    EXPECT_EQ(r->status, 400) << c.csv;
    EXPECT_EQ(error_of(r), importer) << c.csv;
    EXPECT_EQ(error_of(r).find("123456782"), std::string::npos);
  }
  // What is not a row of measurements.csv at all.
  auto r =
      client().Post("/api/measurements", h, "indicator=x", "application/x-www-form-urlencoded");
  EXPECT_EQ(r->status, 400);
  r = post_measurement(Json{{"indicator", kManual}, {"periode", "2021Q3"}}, h);
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(error_of(r).find("periode"), std::string::npos);
  r = post_measurement(Json{{"indicator", kManual}, {"period", "2021Q3"}, {"value", Json::array()}},
                       h);
  EXPECT_EQ(r->status, 400);
  // A valid row for the importer is stored by the API too.
  EXPECT_EQ(importer_verdict(std::string(kManual) + ",2021Q2,GM0917,75,"), "");
  r = post_measurement(
      Json{{"indicator", kManual}, {"period", "2021Q2"}, {"municipality", "GM0917"}, {"value", 75}},
      h);
  EXPECT_EQ(r->status, 201) << r->body;
}

TEST_F(TakeawayTest, ClosedPeriodsAreNotChangedByAnEntry) {
  std::string out;
  ASSERT_EQ(program("close --db " + db_ + " --period 2020H2", out), 0) << out;
  const auto h = bearer(token_);
  auto r = post_measurement(Json{{"indicator", kManual}, {"period", "2020Q4"}, {"value", 10}}, h);
  EXPECT_EQ(r->status, 409) << r->body;
  EXPECT_NE(error_of(r).find("afgesloten periode 2020H2"), std::string::npos) << r->body;
  r = post_measurement(Json{{"indicator", kManual}, {"period", "2020-11"}, {"value", 10}}, h);
  EXPECT_EQ(r->status, 409);
  // Nothing was stored: the list has no such row.
  r = get(std::string("/api/measurements?indicator=") + kManual, h);
  const Json list = Json::parse(r->body);
  ASSERT_FALSE(list["measurements"].empty());
  for (const Json& m : list["measurements"])
    EXPECT_FALSE(m["value"] == 10 && (m["period"] == "2020Q4" || m["period"] == "2020-11"));
  // A period that holds more than the closed one does not count in it.
  r = post_measurement(Json{{"indicator", kManual}, {"period", "2020"}, {"value", 10}}, h);
  EXPECT_EQ(r->status, 201) << r->body;
}

// The API's description is served without login and names every route the server registers;
// a route added without its description fails here. Paths described before their handlers land
// (the calls other parts of the dashboard work add) are listed; none may be described wrongly.
TEST_F(TakeawayTest, OpenApiDescribesEveryRoute) {
  auto r = get("/api/openapi.json");
  ASSERT_EQ(r->status, 200);
  EXPECT_TRUE(r->get_header_value("Content-Type").starts_with("application/json"));
  const Json doc = Json::parse(r->body);
  EXPECT_EQ(doc["openapi"], "3.1.0");
  // A documented path with its parameters filled in, and its methods.
  std::vector<std::pair<std::string, std::string>> documented;  // (sample path, METHOD)
  for (const auto& [path, item] : doc["paths"].items())
    for (const auto& [method, op] : item.items()) {
      std::string sample = std::regex_replace(path, std::regex(R"(\{[a-z_]+\})"), "clients.start");
      std::string upper = method;
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      documented.emplace_back(sample, upper);
    }
  const auto routes = server_->routes();
  ASSERT_GT(routes.size(), 10U);
  for (const auto& [pattern, method] : routes) {
    const std::regex re(pattern);
    bool found = false;
    for (const auto& [sample, m] : documented) found |= m == method && std::regex_match(sample, re);
    EXPECT_TRUE(found) << method << " " << pattern << " is not in docs/openapi.json";
  }
  const std::set<std::string> pending = {};
  for (const auto& [sample, method] : documented) {
    bool found = false;
    for (const auto& [pattern, m] : routes)
      found |= m == method && std::regex_match(sample, std::regex(pattern));
    EXPECT_TRUE(found || pending.contains(sample))
        << method << " " << sample << " is described but not served";
  }
}

}  // namespace
}  // namespace rk::server
