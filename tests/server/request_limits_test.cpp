// The limits of a request: dates and span, body framing, and the audit's text length.
#include "server/request_limits.hpp"

#include <gtest/gtest.h>

#include <string>

namespace rk::server {
namespace {

Date date(const char* text) { return *parse_date(text); }

TEST(RequestLimitsTest, TenYearsPassOneDayMoreDoesNot) {
  EXPECT_FALSE(check_span(date("2020-01-01"), date("2029-12-31")));  // 3,653 days (3 leap)
  EXPECT_FALSE(check_span(date("2021-01-01"), date("2030-12-31")));  // 3,652 days
  EXPECT_FALSE(check_span(date("2020-06-01"), date("2020-06-01")));
  auto refused = check_span(date("2020-01-01"), date("2030-01-01"));
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status(), 400);
  EXPECT_NE(refused->message.find("'from'"), std::string::npos);
  EXPECT_NE(refused->message.find("'to'"), std::string::npos);
  EXPECT_NE(refused->message.find("3654"), std::string::npos) << refused->message;
}

TEST(RequestLimitsTest, DatesFrom1900To2200) {
  EXPECT_FALSE(check_date("from", date("1900-01-01")));
  EXPECT_FALSE(check_date("to", date("2200-12-31")));
  // parse_date refuses years before 1900 itself; the check guards any other path to a Date.
  EXPECT_FALSE(parse_date("1899-12-31"));
  auto early = check_date("from", Date::from_civil(1899, 12, 31));
  ASSERT_TRUE(early);
  EXPECT_EQ(early->status(), 400);
  EXPECT_NE(early->message.find("'from'"), std::string::npos);
  auto late = check_date("to", date("2201-01-01"));
  ASSERT_TRUE(late);
  EXPECT_NE(late->message.find("'to'"), std::string::npos);
}

httplib::Request post(std::initializer_list<std::pair<const char*, const char*>> headers) {
  httplib::Request req;
  req.method = "POST";
  for (const auto& [k, v] : headers) req.headers.emplace(k, v);
  return req;
}

TEST(RequestLimitsTest, BodyFraming) {
  auto plan = plan_body(post({{"Content-Length", "120"}}));
  EXPECT_FALSE(plan.refusal);
  EXPECT_EQ(plan.wire_bytes, 120U);
  plan = plan_body(post({{"Content-Length", std::to_string(kMaxBodyBytes).c_str()}}));
  EXPECT_FALSE(plan.refusal);
  plan = plan_body(post({{"Content-Length", std::to_string(kMaxBodyBytes + 1).c_str()}}));
  ASSERT_TRUE(plan.refusal);
  EXPECT_EQ(plan.refusal->status(), 413);
  plan = plan_body(post({{"Content-Length", "99999999999999999999999"}}));
  ASSERT_TRUE(plan.refusal);
  EXPECT_EQ(plan.refusal->status(), 400);
  plan = plan_body(post({{"Content-Length", "12abc"}}));
  ASSERT_TRUE(plan.refusal);
  EXPECT_EQ(plan.refusal->status(), 400);
  plan = plan_body(post({}));
  ASSERT_TRUE(plan.refusal);
  EXPECT_EQ(plan.refusal->status(), 411);
  // Chunked: read, but bounded on the wire.
  plan = plan_body(post({{"Transfer-Encoding", "Chunked"}}));
  EXPECT_FALSE(plan.refusal);
  EXPECT_EQ(plan.wire_bytes, kMaxBodyBytes + kChunkFramingBytes);
  plan = plan_body(post({{"Transfer-Encoding", "gzip, chunked"}}));
  ASSERT_TRUE(plan.refusal);
  EXPECT_EQ(plan.refusal->status(), 400);
  plan = plan_body(post({{"Transfer-Encoding", "chunked"}, {"Content-Length", "10"}}));
  ASSERT_TRUE(plan.refusal) << "both framings at once is a smuggling attempt";
  EXPECT_FALSE(announces_body(post({{"Content-Length", "0"}})));
  EXPECT_TRUE(announces_body(post({{"Content-Length", "1"}})));
  EXPECT_TRUE(announces_body(post({{"Transfer-Encoding", "chunked"}})));
}

TEST(RequestLimitsTest, AuditTextIsCutAtACharacter) {
  EXPECT_EQ(truncate_text("/api/me"), "/api/me");
  const std::string exact(kAuditTextBytes, 'a');
  EXPECT_EQ(truncate_text(exact), exact);
  const std::string cut = truncate_text(std::string(10000, 'a'));
  EXPECT_EQ(cut.size(), kAuditTextBytes);
  EXPECT_TRUE(cut.ends_with("..."));
  // "é" is two bytes: a cut inside it backs up to before it.
  std::string accents(kAuditTextBytes - 4, 'a');
  accents += "éééé";
  const std::string cut_accents = truncate_text(accents);
  EXPECT_LE(cut_accents.size(), kAuditTextBytes);
  EXPECT_EQ(cut_accents, std::string(kAuditTextBytes - 4, 'a') + "...");
}

TEST(RequestLimitsTest, ErrorJson) {
  EXPECT_EQ(error_json("niet gevonden"), R"({"error":"niet gevonden"})");
  EXPECT_EQ(error_json("\xff"), "{\"error\":\"\xEF\xBF\xBD\"}");
  for (int status : {400, 401, 403, 404, 405, 411, 413, 414, 429, 431, 500, 599})
    EXPECT_FALSE(status_message(status).empty()) << status;
}

}  // namespace
}  // namespace rk::server
