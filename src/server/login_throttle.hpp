// Throttling of failed logins (`POST /api/login`), kept in memory by `serve`. Failures are
// counted for the pair (name, client address) and, with a larger allowance, for the client
// address alone:
//  - the pair: after kFreePairFailures failures within kFailureMemory, each further failure locks
//    that name *from that address* for 1, 2, 4 … seconds (at most kMaxLockSeconds). A stranger
//    elsewhere cannot lock the real user out, and a success clears only its own pair.
//  - the address: after kFreeAddressFailures failures (of any names) each further failure locks
//    every login from the address the same way. Only failures count, and only time resets it (a
//    failure is forgotten kFailureMemory after the last one), so a caller who owns one account
//    cannot reset its guessing allowance by logging in to it.
// The address is the one the server sees: behind a reverse proxy that is the proxy's. Time comes
// from the Clock the throttle is given (clock.hpp), so a test moves a ManualClock instead of
// sleeping.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "server/clock.hpp"

namespace rk::server {

class LoginThrottle {
 public:
  using TimePoint = Clock::TimePoint;

  static constexpr int kFreePairFailures = 4;
  static constexpr int kFreeAddressFailures = 20;
  static constexpr int kMaxLockSeconds = 900;
  static constexpr std::chrono::minutes kFailureMemory{15};
  // Past this many remembered keys, entries without a running lock are forgotten first.
  static constexpr size_t kMaxEntries = 100000;

  explicit LoginThrottle(std::shared_ptr<const Clock> clock = system_clock())
      : clock_(std::move(clock)) {}

  // Seconds a login of `name` from `address` must still wait; 0 when it may be tried.
  int locked_for(std::string_view name, std::string_view address);
  // A wrong name or password.
  void failure(std::string_view name, std::string_view address);
  // A right password: forgets the failures of this pair only.
  void success(std::string_view name, std::string_view address);

 private:
  struct Failures {
    int count = 0;
    TimePoint last;
    TimePoint locked_until;
  };
  using Table = std::unordered_map<std::string, Failures>;

  static std::string pair_key(std::string_view name, std::string_view address);
  static void count(Table& table, const std::string& key, int free, TimePoint now);
  static void prune(Table& table, TimePoint now);

  std::shared_ptr<const Clock> clock_;
  std::mutex mutex_;
  Table pairs_;
  Table addresses_;
};

}  // namespace rk::server
