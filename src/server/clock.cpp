#include "server/clock.hpp"

namespace rk::server {
namespace {

class SystemClock : public Clock {
 public:
  [[nodiscard]] TimePoint now() const override { return std::chrono::system_clock::now(); }
};

}  // namespace

std::shared_ptr<const Clock> system_clock() {
  static const std::shared_ptr<const Clock> kClock = std::make_shared<SystemClock>();
  return kClock;
}

Clock::TimePoint ManualClock::now() const {
  const std::lock_guard lock(mutex_);
  return now_;
}

void ManualClock::advance(std::chrono::system_clock::duration by) {
  const std::lock_guard lock(mutex_);
  now_ += by;
}

void ManualClock::set(TimePoint to) {
  const std::lock_guard lock(mutex_);
  now_ = to;
}

}  // namespace rk::server
