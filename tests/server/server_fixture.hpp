// The fixture of the API tests: `regiekamer serve` runs in-process on a free port over the demo
// dataset (made and imported by the built program); requests go through httplib::Client or, to
// send what a client library would not, a plain socket. The server reads a manual clock, which a
// test moves forward instead of sleeping (session expiry, login throttle, audit times).
#pragma once

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "../engine/program.hpp"
#include "server/accounts.hpp"
#include "server/clock.hpp"
#include "server/server.hpp"
#include "store/store.hpp"

namespace rk::server {
namespace {

using Json = nlohmann::json;

constexpr const char* kPassword = "correct-paard-batterij";
constexpr const char* kYear = "from=2020-01-01&to=2020-12-31";

class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    char tmpl[] = "/tmp/rk-server-test-XXXXXX";
    dir_ = ::mkdtemp(tmpl);
    db_ = dir_ + "/store.db";
    ::setenv("REGIEKAMER_KEY_FILE", (dir_ + "/key").c_str(), 1);
    std::string out;
    const std::string bin = test::shell_quote(RK_BINARY);
    ASSERT_EQ(test::run(bin + " generate --profile demo --dir " + dir_ + "/data", out), 0);
    ASSERT_EQ(test::run(bin + " import --db " + db_ + " " + dir_ + "/data", out), 0);
    {
      auto store = store::Store::open(db_);
      ASSERT_TRUE(store);
      ASSERT_TRUE(add_account(**store, "ana", *parse_account_role("analyst"), kPassword));
      ASSERT_TRUE(add_account(**store, "beheer", *parse_account_role("admin"), kPassword));
      ASSERT_TRUE(
          add_account(**store, "gm", *parse_account_role("municipality:GM0917"), kPassword));
      auto t = create_token(**store, "ana");
      ASSERT_TRUE(t);
      token_ = *t;
    }
    ServeOptions options;
    options.db = db_;
    options.port = 0;
    options.threads = 8;
    options.clock = clock_;
    auto server = Server::create(options);
    ASSERT_TRUE(server) << server.status().message();
    server_ = std::move(*server);
    auto port = server_->bind();
    ASSERT_TRUE(port);
    port_ = *port;
    thread_ = std::make_unique<std::thread>([] { server_->run(); });
  }

  static void TearDownTestSuite() {
    if (server_) server_->stop();
    if (thread_) thread_->join();
    server_.reset();
    std::string out;
    test::run("rm -rf " + test::shell_quote(dir_), out);
  }

  static httplib::Client client() {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(30, 0);
    return c;
  }
  static httplib::Headers bearer(const std::string& token) {
    return {{"Authorization", "Bearer " + token}};
  }
  static httplib::Result get(const std::string& path, const httplib::Headers& headers = {}) {
    return client().Get(path, headers);
  }
  static std::string error_of(const httplib::Result& r) {
    return Json::parse(r->body).value("error", "");
  }
  // Logs in; returns the session cookie ("rk_session=…") and the CSRF token.
  static std::pair<std::string, std::string> login(const std::string& name) {
    auto r = client().Post("/api/login", Json{{"name", name}, {"password", kPassword}}.dump(),
                           "application/json");
    EXPECT_EQ(r->status, 200);
    const std::string set_cookie = r->get_header_value("Set-Cookie");
    return {set_cookie.substr(0, set_cookie.find(';')),
            Json::parse(r->body).value("csrf_token", "")};
  }
  static int64_t audit_rows() {
    server_->flush_audit();
    auto store = store::Store::open(db_);
    auto n = (*store)->count_audit();
    return n ? *n : -1;
  }
  // The audit row of a request is written just after its answer: a test that counts rows right
  // after the last answer waits (at most 5 s) until `want` rows are there, then returns the count.
  static int64_t audit_rows_reaching(int64_t want) {
    for (int i = 0; i < 50; ++i) {
      const int64_t n = audit_rows();
      if (n >= want) return n;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return audit_rows();
  }
  static Json kpi(const std::string& args) {
    std::string out;
    EXPECT_EQ(
        test::run(test::shell_quote(RK_BINARY) + " kpi --db " + db_ + " --format json " + args,
                  out),
        0);
    return Json::parse(out);
  }

  // Runs the built program; returns its exit status, its output (stdout and stderr) in `out`.
  static int program(const std::string& args, std::string& out, const std::string& input = "") {
    std::string command = test::shell_quote(RK_BINARY) + " " + args + " 2>&1";
    if (!input.empty()) command = "printf '%s\\n' " + test::shell_quote(input) + " | " + command;
    return test::run(command, out);
  }
  // True once `done` holds, trying for up to 5 s (the server reads accounts every second).
  static bool eventually(const std::function<bool()>& done) {
    for (int i = 0; i < 100; ++i) {
      if (done()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return done();
  }
  // The last `n` audit rows, newest first, read back through SQLite itself.
  static Json last_audit_rows(int n) {
    server_->flush_audit();
    std::string out;
    EXPECT_EQ(
        test::run("sqlite3 -json " + db_ + " 'SELECT * FROM audit ORDER BY rowid DESC LIMIT " +
                      std::to_string(n) + "'",
                  out),
        0);
    return Json::parse(out);
  }

  // An answer read from a plain socket.
  struct RawAnswer {
    int status = 0;
    std::string head;  // status line and headers
    std::string body;
    size_t sent = 0;  // bytes of the request written before the answer came
    [[nodiscard]] std::string header(const std::string& name) const {
      const size_t at = head.find("\r\n" + name + ": ");
      if (at == std::string::npos) return "";
      const size_t from = at + name.size() + 4;
      return head.substr(from, head.find("\r\n", from) - from);
    }
  };
  // Sends `head`, then `chunks` copies of `chunk` (as long as the server reads), and reads the
  // answer until the server closes the connection or 10 s pass.
  static RawAnswer raw(const std::string& head, const std::string& chunk = "", size_t chunks = 0) {
    RawAnswer answer;
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port_));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      ::close(fd);
      return answer;
    }
    std::string pending = head;
    size_t chunks_left = chunks;
    std::string in;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    bool open = true;
    while (open && std::chrono::steady_clock::now() < deadline) {
      if (pending.empty() && chunks_left > 0) {
        pending = chunk;
        --chunks_left;
      }
      pollfd p{fd, static_cast<short>(POLLIN | (pending.empty() ? 0 : POLLOUT)), 0};
      if (::poll(&p, 1, 100) <= 0) continue;
      if ((p.revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
        char buf[65536];
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0) open = false;
        if (n > 0) in.append(buf, static_cast<size_t>(n));
        pending.clear();  // the server has answered: stop sending
        chunks_left = 0;
        continue;
      }
      const ssize_t n = ::send(fd, pending.data(), pending.size(), MSG_NOSIGNAL);
      if (n <= 0) {
        pending.clear();
        chunks_left = 0;
        continue;
      }
      answer.sent += static_cast<size_t>(n);
      pending.erase(0, static_cast<size_t>(n));
    }
    ::close(fd);
    const size_t end = in.find("\r\n\r\n");
    answer.head = in.substr(0, end);
    if (end != std::string::npos) answer.body = in.substr(end + 4);
    if (in.starts_with("HTTP/1.1 ")) answer.status = std::atoi(in.c_str() + 9);
    return answer;
  }

  static inline std::string dir_, db_, token_;
  static inline int port_ = 0;
  static inline std::shared_ptr<ManualClock> clock_ = std::make_shared<ManualClock>();
  static inline std::unique_ptr<Server> server_;
  static inline std::unique_ptr<std::thread> thread_;
};

}  // namespace
}  // namespace rk::server
