// GET /api/insights (cli.md, docs/insights.md) on the demo dataset, per role: ranked sentences
// whose figures are the disclosed figures of /api/indicators for the same role and scope; a
// municipality account only for its own municipality, with no sentence from a hidden figure;
// the report's summary carries the same sentences; every call is audited.
#include <gtest/gtest.h>
#include <httplib.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "../engine/program.hpp"
#include "server_fixture.hpp"

namespace rk::server {
namespace {

// The demo server of server_fixture.hpp, as a suite of its own.
class InsightsApiTest : public ServerTest {};

constexpr const char* kHalf = "from=2020-07-01&to=2020-12-31";

// A number as the sentences write it: Dutch, `decimals` digits.
std::string dutch(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.*f", decimals, std::fabs(v));
  std::string s(buf);
  const size_t dot = s.find('.');
  std::string whole = s.substr(0, dot);
  std::string grouped;
  for (size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) grouped += '.';
    grouped += whole[i];
  }
  return (v < 0 ? "-" : "") + grouped + (dot == std::string::npos ? "" : "," + s.substr(dot + 1));
}

// Checks the shape of the answer and returns it.
Json insights_of(const httplib::Result& r) {
  EXPECT_EQ(r->status, 200) << r->body;
  const Json list = Json::parse(r->body);
  EXPECT_TRUE(list.is_array());
  double previous = 1e9;
  std::set<std::string> texts;
  for (const Json& i : list) {
    EXPECT_EQ(i.size(), 4U) << i.dump();
    EXPECT_TRUE(i["indicator"].is_string());
    EXPECT_TRUE(i["text"].is_string());
    const std::string direction = i["direction"];
    EXPECT_TRUE(direction == "up" || direction == "down" || direction == "flat") << direction;
    EXPECT_LE(i["weight"].get<double>(), previous) << "most important first";
    previous = i["weight"].get<double>();
    EXPECT_TRUE(texts.insert(i["text"]).second) << "a sentence twice: " << i["text"];
  }
  return list;
}

// Every norm sentence quotes its indicator's value and norm as `doc` shows them, and an
// indicator whose figure `doc` hides has no sentence of that kind.
void norm_sentences_match(const Json& list, const Json& doc) {
  int norms = 0;
  for (const Json& i : list) {
    const std::string text = i["text"];
    if (text.find("; de norm (") == std::string::npos) continue;
    ++norms;
    const Json& figure = doc["indicators"][i["indicator"].get<std::string>()];
    ASSERT_TRUE(figure["value"].is_number()) << text << " quotes a hidden figure";
    EXPECT_FALSE(figure.value("suppressed", false)) << text;
    const std::string value =
        dutch(figure["value"].get<double>(), 1) + (figure["unit"] == "percent" ? " %" : "");
    EXPECT_NE(text.find(": " + value + ";"), std::string::npos) << text << " lacks " << value;
  }
  EXPECT_GT(norms, 0) << "the demo's half year has indicators with a norm";
}

TEST_F(InsightsApiTest, InsightsForTheAnalystAreTheDocumentsFiguresInSentences) {
  EXPECT_EQ(get(std::string("/api/insights?") + kHalf)->status, 401);
  const Json list = insights_of(get(std::string("/api/insights?") + kHalf, bearer(token_)));
  ASSERT_FALSE(list.empty());
  const Json doc = Json::parse(get(std::string("/api/indicators?") + kHalf, bearer(token_))->body);
  for (const Json& i : list)
    EXPECT_TRUE(doc["indicators"].contains(i["indicator"].get<std::string>())) << i.dump();
  norm_sentences_match(list, doc);
  // The same answer again (from the cache), and a bad parameter is named as for indicators.
  EXPECT_EQ(Json::parse(get(std::string("/api/insights?") + kHalf, bearer(token_))->body), list);
  auto bad = get("/api/insights?from=2020-07-01", bearer(token_));
  EXPECT_EQ(bad->status, 400);
  EXPECT_NE(error_of(bad).find("'to'"), std::string::npos) << error_of(bad);
}

TEST_F(InsightsApiTest, MunicipalityInsightsAreItsOwnAndDisclosed) {
  const auto [cookie, csrf] = login("gm");
  const httplib::Headers h{{"Cookie", cookie}};
  EXPECT_EQ(get(std::string("/api/insights?") + kHalf + "&municipality=GM0882", h)->status, 403);
  const Json list = insights_of(get(std::string("/api/insights?") + kHalf, h));
  const Json doc = Json::parse(get(std::string("/api/indicators?") + kHalf, h)->body);
  ASSERT_EQ(doc["scope"]["role"], "municipality");
  norm_sentences_match(list, doc);
  // Not the analyst's sentences: those quote exact figures of the whole region.
  EXPECT_NE(list, insights_of(get(std::string("/api/insights?") + kHalf, bearer(token_))));

  // A small scope where figures are hidden: one area in one month. No sentence may stand on a
  // hidden figure: a norm sentence only where the document shows the value.
  const std::string own = "from=2020-11-01&to=2020-11-30&area=hoensbroek";
  const Json own_doc = Json::parse(get("/api/indicators?" + own, h)->body);
  int hidden = 0;
  for (const auto& [id, figure] : own_doc["indicators"].items())
    hidden += figure.value("suppressed", false) || figure.value("value", Json()) == "<5";
  ASSERT_GT(hidden, 0) << "the month of one area should hide something";
  const Json own_list = insights_of(get("/api/insights?" + own, h));
  for (const Json& i : own_list) {
    const Json& figure = own_doc["indicators"][i["indicator"].get<std::string>()];
    EXPECT_FALSE(figure.value("suppressed", false) &&
                 i["text"].get<std::string>().find("; de norm (") != std::string::npos)
        << i["text"];
  }
}

// The <li> items of the report's summary list.
std::vector<std::string> summary_items(const std::string& html) {
  std::vector<std::string> items;
  const size_t list = html.find("<ul>");
  if (list == std::string::npos) return items;
  const size_t end = html.find("</ul>", list);
  for (size_t at = html.find("<li>", list); at != std::string::npos && at < end;
       at = html.find("<li>", at + 4)) {
    const size_t close = html.find("</li>", at);
    items.push_back(html.substr(at + 4, close - at - 4));
  }
  return items;
}

std::string html_escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '&')
      out += "&amp;";
    else if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '"')
      out += "&quot;";
    else
      out += c;
  }
  return out;
}

TEST_F(InsightsApiTest, TheReportsSummaryCarriesTheSameSentences) {
  const auto [cookie, csrf] = login("gm");
  struct Case {
    std::string report_args;
    httplib::Headers headers;
  };
  for (const Case& c :
       {Case{"", bearer(token_)}, Case{"--municipality GM0917", {{"Cookie", cookie}}}}) {
    const std::string out = dir_ + "/report-insights";
    std::string log;
    ASSERT_EQ(
        program("report --db " + db_ + " --period 2020H2 " + c.report_args + " --out " + out, log),
        0)
        << log;
    std::ifstream in(out + "/report.html");
    std::stringstream html;
    html << in.rdbuf();
    const Json list = insights_of(get(std::string("/api/insights?") + kHalf, c.headers));
    std::vector<std::string> expected;
    for (const Json& i : list) expected.push_back(html_escaped(i["text"]));
    EXPECT_EQ(summary_items(html.str()), expected) << c.report_args;
    EXPECT_FALSE(expected.empty());
  }
}

TEST_F(InsightsApiTest, InsightCallsAreAudited) {
  const int64_t before = audit_rows();
  ASSERT_EQ(get(std::string("/api/insights?") + kHalf, bearer(token_))->status, 200);
  EXPECT_EQ(audit_rows_reaching(before + 1), before + 1);
  const Json rows = last_audit_rows(1);
  EXPECT_EQ(rows[0]["target"].get<std::string>().rfind("/api/insights?", 0), 0U) << rows.dump();
  EXPECT_EQ(rows[0]["status"], 200);
}

}  // namespace
}  // namespace rk::server
