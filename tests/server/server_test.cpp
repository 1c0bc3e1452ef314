// The API of `regiekamer serve` (issue 5, acceptance 2): the server runs in-process on a free port
// over the demo dataset (made and imported by the built program); requests go through
// httplib::Client. Expected figures come from `regiekamer kpi --format json`, an independent path.
#include <gtest/gtest.h>
#include <httplib.h>
#include <stdlib.h>

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "../engine/program.hpp"
#include "engine/catalogue.hpp"
#include "engine/config.hpp"
#include "server/accounts.hpp"
#include "server/server.hpp"
#include "server_fixture.hpp"
#include "store/store.hpp"
#include "util/version.hpp"

namespace rk::server {
namespace {

TEST_F(ServerTest, HealthNeedsNoLoginAndIsNotAudited) {
  const int64_t before = audit_rows();
  auto r = get("/api/health");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(Json::parse(r->body)["status"], "ok");
  EXPECT_EQ(Json::parse(r->body)["version"], std::string(util::version_text()));
  EXPECT_EQ(audit_rows(), before);
}

TEST_F(ServerTest, EveryOtherCallNeedsCredentials) {
  for (const std::string& path :
       {std::string("/api/indicators?") + kYear, std::string("/api/me"),
        std::string("/api/periods"), std::string("/api/indicators/clients.start?") + kYear}) {
    auto r = get(path);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 401) << path;
    EXPECT_FALSE(error_of(r).empty());
    EXPECT_EQ(get(path, bearer("rk_0000"))->status, 401) << path;
    EXPECT_EQ(get(path, {{"Cookie", "rk_session=abc"}})->status, 401) << path;
  }
}

TEST_F(ServerTest, TokenGivesTheAnalystDocumentOfKpi) {
  auto r = get(std::string("/api/indicators?") + kYear + "&municipality=GM0917", bearer(token_));
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Cache-Control"), "no-store");
  EXPECT_EQ(Json::parse(r->body),
            kpi("--from 2020-01-01 --to 2020-12-31 --municipality GM0917 --role analyst"));
  // The second (cached) answer is the same.
  EXPECT_EQ(
      get(std::string("/api/indicators?") + kYear + "&municipality=GM0917", bearer(token_))->body,
      r->body);
}

TEST_F(ServerTest, MunicipalityUserSeesOwnMunicipalitySuppressed) {
  const auto [cookie, csrf] = login("gm");
  const httplib::Headers h{{"Cookie", cookie}};
  auto me = Json::parse(get("/api/me", h)->body);
  EXPECT_EQ(me["name"], "gm");
  EXPECT_EQ(me["role"], "municipality");
  EXPECT_EQ(me["municipality"], "GM0917");
  EXPECT_EQ(me["csrf_token"], csrf);

  // Without a municipality parameter, and with its own, the answer is kpi --role municipality.
  const Json expected =
      kpi("--from 2020-01-01 --to 2020-12-31 --municipality GM0917 --role municipality");
  const Json analyst =
      kpi("--from 2020-01-01 --to 2020-12-31 --municipality GM0917 --role analyst");
  ASSERT_NE(expected, analyst) << "the demo year should have something to suppress";
  auto r = get(std::string("/api/indicators?") + kYear, h);
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(Json::parse(r->body), expected);
  r = get(std::string("/api/indicators?") + kYear + "&municipality=GM0917", h);
  EXPECT_EQ(Json::parse(r->body), expected);
  // One indicator: the same object as in the whole document.
  r = get(std::string("/api/indicators/clients.start?") + kYear, h);
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(Json::parse(r->body)["indicators"]["clients.start"],
            expected["indicators"]["clients.start"]);

  // Another municipality, or the records behind a figure: 403, also with a token.
  r = get(std::string("/api/indicators?") + kYear + "&municipality=GM0882", h);
  EXPECT_EQ(r->status, 403);
  EXPECT_NE(error_of(r).find("GM0882"), std::string::npos);
  EXPECT_EQ(get(std::string("/api/indicators/clients.start?") + kYear + "&municipality=GM0882", h)
                ->status,
            403);
  EXPECT_EQ(get(std::string("/api/explain/clients.start?") + kYear, h)->status, 403);
}

TEST_F(ServerTest, BadParametersAreNamed) {
  const auto h = bearer(token_);
  struct Case {
    std::string query;
    std::string says;
  };
  for (const Case& c :
       {Case{"from=2020-13-01&to=2020-12-31", "'from'"},
        Case{"from=2020-01-01&to=31-12-2020", "'to'"}, Case{"from=2020-01-01", "'to'"},
        Case{"from=2021-01-01&to=2020-12-31", "'from'"},
        Case{std::string(kYear) + "&quadrant=K4", "'quadrant'"},
        Case{std::string(kYear) + "&municipality=GM9999", "'municipality'"},
        Case{std::string(kYear) + "&colour=red", "'colour'"},
        Case{std::string(kYear) + "&from=2020-02-01", "'from'"}}) {
    auto r = get("/api/indicators?" + c.query, h);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << c.query;
    EXPECT_NE(error_of(r).find(c.says), std::string::npos) << c.query << ": " << r->body;
  }
}

TEST_F(ServerTest, UnknownIndicatorIs404) {
  const auto h = bearer(token_);
  auto r = get(std::string("/api/indicators/no.such?") + kYear, h);
  EXPECT_EQ(r->status, 404);
  EXPECT_NE(error_of(r).find("no.such"), std::string::npos);
  EXPECT_EQ(get(std::string("/api/explain/no.such?") + kYear, h)->status, 404);
  EXPECT_EQ(get("/api/nothing", h)->status, 404);
  // Text that is no UTF-8 is answered, not a failure.
  auto bad = get(std::string("/api/indicators?") + kYear + "&municipality=%ff%fe", h);
  EXPECT_EQ(bad->status, 400);
}

TEST_F(ServerTest, ExplainForAnalystsAndAdmins) {
  const engine::Catalogue catalogue = engine::Catalogue::create(engine::Config{});
  std::string id;
  for (const auto& def : catalogue.indicators())
    if (def.explainable) {
      id = def.id;
      break;
    }
  ASSERT_FALSE(id.empty());
  std::string out;
  ASSERT_EQ(test::run(test::shell_quote(RK_BINARY) + " kpi --db " + db_ +
                          " --from 2020-01-01 --to 2020-12-31 --format json --explain " + id,
                      out),
            0);
  const Json expected = Json::parse(out);
  auto r = get("/api/explain/" + id + "?" + kYear, bearer(token_));
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(Json::parse(r->body), expected);
  const auto [cookie, csrf] = login("beheer");
  EXPECT_EQ(get("/api/explain/" + id + "?" + kYear, {{"Cookie", cookie}})->status, 200);
}

TEST_F(ServerTest, PeriodsSpanTheData) {
  auto r = get("/api/periods", bearer(token_));
  ASSERT_EQ(r->status, 200);
  const Json p = Json::parse(r->body);
  // The demo dataset covers 2019-2021 (clients of earlier years included).
  const auto& years = p["years"];
  EXPECT_NE(std::find(years.begin(), years.end(), "2020"), years.end());
  const auto& quarters = p["quarters"];
  EXPECT_NE(std::find(quarters.begin(), quarters.end(), "2021Q4"), quarters.end());
  EXPECT_TRUE(p["closed"].is_array());
  // A period closed with `regiekamer close` appears within about a second, as a listing: period,
  // dates, time of closing and hash, and none of its frozen figures.
  std::string out;
  ASSERT_EQ(
      test::run("'" RK_BINARY "' close --db " + test::shell_quote(db_) + " --period 2020Q1 2>&1",
                out),
      0)
      << out;
  Json closed;
  eventually([&closed] {
    closed = Json::parse(get("/api/periods", bearer(token_))->body)["closed"];
    return !closed.empty();
  });
  ASSERT_EQ(closed.size(), 1U);
  EXPECT_EQ(closed[0]["period"], "2020Q1");
  EXPECT_EQ(closed[0]["from"], "2020-01-01");
  EXPECT_EQ(closed[0]["to"], "2020-03-31");
  EXPECT_EQ(closed[0]["hash"].get<std::string>().size(), 64U);
  EXPECT_FALSE(closed[0].contains("detail"));
  EXPECT_FALSE(closed[0].contains("scopes"));
  const std::string body = get("/api/periods", bearer(token_))->body;
  EXPECT_EQ(body.find("GM0"), std::string::npos) << "no municipality's figures in the listing";
}

TEST_F(ServerTest, LogoutNeedsTheCsrfToken) {
  const auto [cookie, csrf] = login("ana");
  const httplib::Headers h{{"Cookie", cookie}};
  ASSERT_EQ(get("/api/me", h)->status, 200);
  auto r = client().Post("/api/logout", h, "", "application/json");
  EXPECT_EQ(r->status, 403);
  r = client().Post("/api/logout", {{"Cookie", cookie}, {"X-CSRF-Token", "wrong"}}, "",
                    "application/json");
  EXPECT_EQ(r->status, 403);
  EXPECT_EQ(get("/api/me", h)->status, 200) << "a refused logout keeps the session";
  r = client().Post("/api/logout", {{"Cookie", cookie}, {"X-CSRF-Token", csrf}}, "",
                    "application/json");
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(get("/api/me", h)->status, 401);
}

TEST_F(ServerTest, SessionCookieIsHttpOnlyAndStrict) {
  auto r = client().Post("/api/login", Json{{"name", "ana"}, {"password", kPassword}}.dump(),
                         "application/json");
  ASSERT_EQ(r->status, 200);
  const std::string c = r->get_header_value("Set-Cookie");
  EXPECT_NE(c.find("HttpOnly"), std::string::npos);
  EXPECT_NE(c.find("SameSite=Strict"), std::string::npos);
  EXPECT_NE(c.find("Path=/"), std::string::npos);
  // A form post (no JSON) is not accepted as a login.
  r = client().Post("/api/login", "name=ana&password=x", "application/x-www-form-urlencoded");
  EXPECT_EQ(r->status, 400);
}

TEST_F(ServerTest, PasswordsAreStoredAsArgon2id) {
  auto store = store::Store::open(db_);
  ASSERT_TRUE(store);
  auto value = (*store)->get_meta("user:ana");
  ASSERT_TRUE(value);
  const Json doc = Json::parse(*value);
  const std::string hash = doc["password"];
  EXPECT_TRUE(hash.starts_with("$argon2id$")) << hash;
  EXPECT_EQ(value->find(kPassword), std::string::npos);
  auto all = (*store)->list_meta("");
  ASSERT_TRUE(all);
  for (const auto& [k, v] : *all) {
    EXPECT_EQ(k.find(token_), std::string::npos);
    EXPECT_EQ(v.find(token_), std::string::npos);
    EXPECT_EQ(v.find(kPassword), std::string::npos);
  }
}

TEST_F(ServerTest, AuditRowsAreWritten) {
  const int64_t before = audit_rows();
  const auto [cookie, csrf] = login("gm");
  auto r =
      get(std::string("/api/indicators?") + kYear + "&municipality=GM0882", {{"Cookie", cookie}});
  ASSERT_EQ(r->status, 403);
  r = get(std::string("/api/indicators?") + kYear, {{"Cookie", cookie}});
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(audit_rows_reaching(before + 3), before + 3);  // login and two calls
  // This test's two calls, read back through SQLite itself. A row is written just after its answer,
  // so rows of calls on different connections (or of an earlier test) may land in either order:
  // the calls are found by their target, the newest two, sorted by status (200, then 403).
  const std::string query =
      "SELECT * FROM (SELECT * FROM audit WHERE who = 'gm' AND target LIKE '/api/indicators?%'"
      " ORDER BY rowid DESC LIMIT 2) ORDER BY status";
  Json rows;
  eventually([&] {
    std::string out;
    if (test::run("sqlite3 -json " + db_ + " " + test::shell_quote(query), out) != 0) return false;
    rows = Json::parse(out);
    return rows.size() == 2 && rows[0]["status"] == 200 && rows[1]["status"] == 403;
  });
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0]["who"], "gm");
  EXPECT_EQ(rows[0]["role"], "municipality:GM0917");
  EXPECT_EQ(rows[0]["address"], "127.0.0.1");
  EXPECT_EQ(rows[0]["method"], "GET");
  EXPECT_EQ(rows[0]["target"], std::string("/api/indicators?") + kYear);
  EXPECT_EQ(rows[0]["status"], 200);
  EXPECT_EQ(rows[0]["result_size"], static_cast<int64_t>(r->body.size()));
  EXPECT_NE(rows[0]["scope"].get<std::string>().find("municipality=GM0917"), std::string::npos);
  EXPECT_EQ(rows[1]["status"], 403);
  EXPECT_NE(rows[1]["target"].get<std::string>().find("GM0882"), std::string::npos);
  EXPECT_FALSE(rows[0]["time"].get<std::string>().empty());
}

TEST_F(ServerTest, TokensAreRevocable) {
  std::string second;
  {
    auto store = store::Store::open(db_);
    auto t = create_token(**store, "beheer");
    ASSERT_TRUE(t);
    second = *t;
  }
  // Accounts and tokens are read again every second.
  auto status = [&] { return get("/api/me", bearer(second))->status; };
  eventually([&] { return status() == 200; });
  ASSERT_EQ(status(), 200);
  {
    auto store = store::Store::open(db_);
    auto n = revoke_tokens(**store, "beheer");
    ASSERT_TRUE(n);
    EXPECT_EQ(*n, 1);
  }
  eventually([&] { return status() == 401; });
  EXPECT_EQ(status(), 401);
  EXPECT_EQ(get("/api/me", bearer(token_))->status, 200) << "other accounts' tokens stay";
}

TEST_F(ServerTest, StaticDashboardWithSecurityHeaders) {
  auto r = get("/");
  ASSERT_EQ(r->status, 200);
  EXPECT_NE(r->get_header_value("Content-Type").find("text/html"), std::string::npos);
  EXPECT_NE(r->get_header_value("Content-Security-Policy").find("default-src 'self'"),
            std::string::npos);
  EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_NE(r->body.find("<html"), std::string::npos);
  EXPECT_EQ(get("/no-such-file.js")->status, 404);
}

// Locks logins of ana from this address for a few seconds of the server's clock, then moves the
// clock past the lock: it leaves no lock behind for the tests that follow.
TEST_F(ServerTest, LoginIsThrottledAfterFailures) {
  auto attempt = [](const std::string& password) {
    return client().Post("/api/login", Json{{"name", "ana"}, {"password", password}}.dump(),
                         "application/json");
  };
  EXPECT_EQ(attempt("wrong")->status, 401);
  int status = 0;
  int tries = 1;
  for (; tries < 8 && status != 429; ++tries) status = attempt("wrong")->status;
  EXPECT_EQ(status, 429);
  EXPECT_LE(tries, 6);
  auto r = attempt(kPassword);  // even the right password waits
  EXPECT_EQ(r->status, 429);
  const int wait = std::stoi("0" + r->get_header_value("Retry-After"));
  EXPECT_GE(wait, 1);
  ASSERT_LE(wait, 10);
  clock_->advance(std::chrono::seconds(wait));
  EXPECT_EQ(attempt(kPassword)->status, 200);
}

}  // namespace
}  // namespace rk::server
