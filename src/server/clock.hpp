// The clock of `serve`: sessions expire, the login throttle locks and forgets, and the audit log
// stamps its records by it. The server reads the system clock; a test passes a ManualClock and
// moves it forward instead of sleeping. The connection deadlines (http_connection.hpp) and the
// snapshot watcher's waits are about real waiting and keep to the steady clock.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>

namespace rk::server {

class Clock {
 public:
  using TimePoint = std::chrono::system_clock::time_point;

  virtual ~Clock() = default;
  // The current moment (UTC). Thread-safe.
  [[nodiscard]] virtual TimePoint now() const = 0;
};

// The system clock, shared by every part of a server that is not given another.
std::shared_ptr<const Clock> system_clock();

// A clock that stands still until a test moves it. Thread-safe.
class ManualClock : public Clock {
 public:
  // Starts at `start` (by default 2026-01-01T00:00:00Z).
  explicit ManualClock(TimePoint start = TimePoint(std::chrono::seconds(1767225600)))
      : now_(start) {}

  [[nodiscard]] TimePoint now() const override;
  void advance(std::chrono::system_clock::duration by);
  void set(TimePoint to);

 private:
  mutable std::mutex mutex_;
  TimePoint now_;
};

}  // namespace rk::server
