// The limits of the API (issue 11): the period a request may ask, bodies of any framing, the
// method of a known path, JSON for every error, and an audit row with the client's address for
// every request, also one refused before a handler ran.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "server/request_limits.hpp"
#include "server_fixture.hpp"

namespace rk::server {
namespace {

class ApiLimitsTest : public ServerTest {
 protected:
  static void expect_json_error(int status, const std::string& content_type,
                                const std::string& body, const std::string& what) {
    EXPECT_NE(content_type.find("application/json"), std::string::npos) << what;
    const Json j = Json::parse(body, nullptr, false);
    ASSERT_TRUE(j.is_object()) << what << ": " << body;
    ASSERT_TRUE(j.contains("error") && j["error"].is_string()) << what << ": " << body;
    EXPECT_FALSE(j["error"].get<std::string>().empty()) << what;
    EXPECT_GE(status, 400) << what;
  }
  static void expect_json_error(const RawAnswer& a, const std::string& what) {
    expect_json_error(a.status, a.header("Content-Type"), a.body, what);
  }
  static std::string chunked_login_head() {
    return "POST /api/login HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
           "Transfer-Encoding: chunked\r\n\r\n";
  }
};

TEST_F(ApiLimitsTest, PeriodIsAtMostTenYearsBetween1900And2200) {
  const auto h = bearer(token_);
  auto r = get("/api/indicators?from=2020-01-01&to=2030-01-01", h);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(error_of(r).find("'to'"), std::string::npos) << r->body;
  EXPECT_NE(error_of(r).find("3653"), std::string::npos) << r->body;
  r = get("/api/indicators?from=1899-12-31&to=1900-01-31", h);
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(error_of(r).find("'from'"), std::string::npos) << r->body;
  r = get("/api/indicators?from=2200-12-01&to=2201-01-01", h);
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(error_of(r).find("'to'"), std::string::npos) << r->body;
  // Every endpoint with a period shares the rule.
  EXPECT_EQ(get("/api/charts/clients.start?from=2000-01-01&to=2020-12-31", h)->status, 400);
  EXPECT_EQ(get("/api/explain/clients.start?from=2000-01-01&to=2020-12-31", h)->status, 400);
  // Ten whole years are answered.
  r = get("/api/indicators/clients.start?from=2012-01-01&to=2021-12-31", h);
  EXPECT_EQ(r->status, 200) << r->body;
}

TEST_F(ApiLimitsTest, ChunkedBodyPastTheLimitIs413WithoutReadingIt) {
  // 50 MB in chunks of 64 KiB: the server answers long before the client could send it all.
  const std::string data(65536, 'x');
  const std::string chunk = "10000\r\n" + data + "\r\n";
  const size_t chunks = 50 * 1000 * 1000 / data.size();
  const RawAnswer a = raw(chunked_login_head(), chunk, chunks);
  EXPECT_EQ(a.status, 413) << a.head;
  expect_json_error(a, "chunked 50 MB");
  EXPECT_EQ(a.header("Connection"), "close");
  EXPECT_LT(a.sent, chunks * chunk.size() / 2) << "the server read (nearly) the whole body";
  // The server goes on answering.
  auto health = get("/api/health");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  // A small chunked login is read as any other.
  const std::string body = Json{{"name", "ana"}, {"password", kPassword}}.dump();
  std::string head = chunked_login_head();
  head.insert(head.size() - 2, "Connection: close\r\n");
  const RawAnswer ok = raw(head + fmt::format("{:x}\r\n", body.size()) + body + "\r\n0\r\n\r\n");
  EXPECT_EQ(ok.status, 200) << ok.head << ok.body;
}

TEST_F(ApiLimitsTest, LargeOrUnframedBodiesAreRefusedBeforeTheyAreSent) {
  // Content-Length over the limit: answered at once, the body not waited for.
  RawAnswer a =
      raw("POST /api/login HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
          "Content-Length: 50000000\r\n\r\n",
          std::string(65536, 'x'), 50000000 / 65536);
  EXPECT_EQ(a.status, 413);
  expect_json_error(a, "Content-Length 50 MB");
  EXPECT_LT(a.sent, size_t{25} * 1000 * 1000);
  // The same with Expect: 100-continue: refused before the client sends anything.
  a =
      raw("POST /api/login HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
          "Content-Length: 50000000\r\nExpect: 100-continue\r\n\r\n");
  EXPECT_EQ(a.status, 413) << a.head;
  // No length at all: 411, not a wait for the client to close.
  a = raw("POST /api/login HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n\r\n");
  EXPECT_EQ(a.status, 411) << a.head;
  expect_json_error(a, "no Content-Length");
  EXPECT_EQ(get("/api/health")->status, 200);
}

TEST_F(ApiLimitsTest, WrongMethodOnAKnownPathIs405WithAllow) {
  struct Case {
    std::string method, path, allow;
  };
  for (const Case& c :
       {Case{"POST", "/api/me", "GET, HEAD"}, Case{"GET", "/api/login", "POST"},
        Case{"PUT", "/api/indicators", "GET, HEAD"},
        Case{"DELETE", "/api/indicators/clients.start", "GET, HEAD"},
        Case{"PATCH", "/api/logout", "POST"}, Case{"OPTIONS", "/api/me", "GET, HEAD"},
        Case{"POST", "/index.html", "GET, HEAD"}, Case{"DELETE", "/", "GET, HEAD"}}) {
    const RawAnswer a =
        raw(c.method + " " + c.path +
            " HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(a.status, 405) << c.method << " " << c.path;
    EXPECT_EQ(a.header("Allow"), c.allow) << c.method << " " << c.path;
    expect_json_error(a, c.method + " " + c.path);
  }
  // An unknown path is 404 whatever the method.
  const RawAnswer a =
      raw("PUT /api/nothing HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n"
          "Connection: close\r\n\r\n");
  EXPECT_EQ(a.status, 404);
  expect_json_error(a, "PUT /api/nothing");
  // HEAD of a GET path is fine.
  EXPECT_EQ(client().Head("/api/health")->status, 200);
}

TEST_F(ApiLimitsTest, EveryErrorIsJsonInDutch) {
  auto check = [](const httplib::Result& r, int status, const std::string& what) {
    ASSERT_TRUE(r) << what;
    EXPECT_EQ(r->status, status) << what;
    expect_json_error(r->status, r->get_header_value("Content-Type"), r->body, what);
  };
  check(get("/no-such-file.js"), 404, "static 404");
  check(get("/api/nothing", bearer(token_)), 404, "unknown call");
  check(get("/api/me"), 401, "no login");
  check(get("/api/indicators?from=x", bearer(token_)), 400, "bad date");
  check(client().Post("/api/login", "x", "text/plain"), 400, "not JSON");
  check(client().Put("/api/me", "", "application/json"), 405, "wrong method");
  // What the library refuses before any handler.
  struct Case {
    std::string request;
    int status;
  };
  const std::string long_target = "/api/me?x=" + std::string(9000, 'a');
  const std::string huge_target = "/api/me?x=" + std::string(100000, 'a');
  std::string many_headers;
  for (int i = 0; i < 2000; ++i) many_headers += fmt::format("X-Filler-{}: {}\r\n", i, "abcdefgh");
  for (const Case& c :
       {Case{"GET " + long_target + " HTTP/1.1\r\nHost: t\r\n\r\n", 414},
        Case{"GET " + huge_target + " HTTP/1.1\r\nHost: t\r\n\r\n", 414},
        Case{"GET /api/me HTTP/1.1\r\nHost: t\r\n" + many_headers + "\r\n", 431},
        Case{"NONSENSE\r\n\r\n", 400}, Case{"BREW /api/me HTTP/1.1\r\nHost: t\r\n\r\n", 400}}) {
    const RawAnswer a = raw(c.request);
    EXPECT_EQ(a.status, c.status) << c.request.substr(0, 40);
    expect_json_error(a, c.request.substr(0, 40));
  }
  EXPECT_EQ(get("/api/health")->status, 200);
}

TEST_F(ApiLimitsTest, RefusedRequestsAreAuditedWithTheClientAddress) {
  const auto h = bearer(token_);
  const int64_t start = audit_rows();
  ASSERT_EQ(get("/api/nothing", h)->status, 404);
  ASSERT_EQ(client().Post("/api/me", "", "application/json")->status, 405);
  const RawAnswer too_large =
      raw("POST /api/login HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
          "Content-Length: 99999999\r\n\r\n");
  ASSERT_EQ(too_large.status, 413);
  ASSERT_EQ(get("/api/me")->status, 401);
  const std::string long_query =
      "/api/indicators?from=2020-01-01&to=2020-12-31&area=" + std::string(3000, 'z');
  ASSERT_EQ(get(long_query, h)->status, 400);
  ASSERT_EQ(raw("GET /api/me?x=" + std::string(9000, 'a') + " HTTP/1.1\r\nHost: t\r\n\r\n").status,
            414);
  // Answers on different connections may be logged in either order: found by status.
  ASSERT_EQ(audit_rows_reaching(start + 6), start + 6);
  const Json rows = last_audit_rows(6);
  ASSERT_EQ(rows.size(), 6U);
  std::map<int, Json> by_status;
  for (const auto& row : rows) {
    by_status[row["status"].get<int>()] = row;
    EXPECT_EQ(row["address"], "127.0.0.1") << row.dump();
    EXPECT_LE(row["target"].get<std::string>().size(), kAuditTextBytes) << row.dump();
    EXPECT_LE(row["scope"].get<std::string>().size(), kAuditTextBytes) << row.dump();
  }
  ASSERT_EQ(by_status.size(), 6U);
  EXPECT_EQ(by_status[414]["target"], "") << "the library refuses the line before reading it";
  EXPECT_EQ(by_status[414]["method"], "-");
  EXPECT_EQ(by_status[400]["who"], "ana");
  EXPECT_EQ(by_status[400]["target"], long_query.substr(0, kAuditTextBytes - 3) + "...");
  EXPECT_EQ(by_status[400]["scope"], "")
      << "the query is stored once: in the target, not in the scope";
  EXPECT_EQ(by_status[401]["target"], "/api/me");
  EXPECT_EQ(by_status[413]["method"], "POST");
  EXPECT_EQ(by_status[413]["target"], "/api/login");
  EXPECT_EQ(by_status[405]["method"], "POST");
  EXPECT_EQ(by_status[405]["target"], "/api/me");
  EXPECT_EQ(by_status[404]["target"], "/api/nothing");
  EXPECT_EQ(by_status[404]["who"], "ana");
  // Health is the one call not audited; the dashboard's files are.
  const int64_t before = audit_rows();
  ASSERT_EQ(get("/api/health")->status, 200);
  ASSERT_EQ(get("/")->status, 200);
  EXPECT_EQ(audit_rows_reaching(before + 1), before + 1);
}

}  // namespace
}  // namespace rk::server
