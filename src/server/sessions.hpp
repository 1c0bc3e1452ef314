// Who is calling the API, the dashboard's login sessions, and the gate every password check
// passes. Sessions live in memory only and expire kSessionLifetime after the login, by the
// server's clock (clock.hpp); the gate throttles failed logins (login_throttle.hpp) and lets one
// password check at a time run per (name, address).
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>

#include "model/status.hpp"
#include "server/accounts.hpp"
#include "server/clock.hpp"
#include "server/login_throttle.hpp"

namespace rk::server {

constexpr auto kSessionLifetime = std::chrono::hours(8);
// The name of the session cookie.
constexpr std::string_view kSessionCookie = "rk_session";

// The account a request is made for.
struct Caller {
  std::string name;
  AccountRole role;
  std::string session;  // empty for token calls
  std::string csrf;
};

// A session belongs to one account (its id, not its name) in one session epoch: a removed
// account, or one whose role or password changed, has no sessions left.
struct Session {
  std::string name;
  std::string account;
  std::string epoch;
  std::string csrf;
  Clock::TimePoint expires;
};

// The sessions of the running server, by session id. Thread-safe.
class SessionTable {
 public:
  explicit SessionTable(std::shared_ptr<const Clock> clock) : clock_(std::move(clock)) {}

  // Starts session `id` for `account` (forgetting expired ones); returns its end.
  // REQUIRES: `id` and `csrf` are fresh random values.
  Clock::TimePoint start(const std::string& id, const Account& account, const std::string& csrf);
  // The session `id`, or nullopt when there is none or it has expired (it is then forgotten).
  std::optional<Session> find(const std::string& id);
  void end(const std::string& id);
  // Forgets every session for which `keep` is false.
  void retain(const std::function<bool(const Session&)>& keep);

 private:
  std::shared_ptr<const Clock> clock_;
  std::mutex mutex_;
  std::unordered_map<std::string, Session> sessions_;
};

// Admits password checks: a pair (name, address) that is throttled, or whose previous check is
// still running, is refused (kTooManyRequests) with the seconds to wait. Parallel guesses would
// otherwise all pass the throttle before the first failure is counted. Thread-safe.
class LoginGate {
 public:
  explicit LoginGate(std::shared_ptr<const Clock> clock) : throttle_(std::move(clock)) {}

  // One running check; the pair may be checked again once it is destroyed.
  class Check {
   public:
    Check(LoginGate& gate, std::string name, std::string address);
    ~Check();
    Check(const Check&) = delete;
    Check& operator=(const Check&) = delete;
    // The outcome, for the throttle: a failure counts, a success forgets the pair's failures.
    void failed();
    void succeeded();

   private:
    LoginGate& gate_;
    std::string name_;
    std::string address_;
  };

  struct Admission {
    std::unique_ptr<Check> check;  // null when refused
    Status refusal;                // kTooManyRequests when refused
    int retry_after = 0;           // seconds, for the Retry-After header
  };
  // `name` is counted as given: a caller passes one stand-in for names no account can have, so
  // that made-up names do not fill the throttle's table.
  Admission admit(const std::string& name, const std::string& address);

 private:
  static std::string pair_key(const std::string& name, const std::string& address);

  LoginThrottle throttle_;
  std::mutex mutex_;
  std::set<std::string> checking_;  // pairs whose password is being checked
};

}  // namespace rk::server
