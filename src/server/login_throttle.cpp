#include "server/login_throttle.hpp"

#include <algorithm>

namespace rk::server {

std::string LoginThrottle::pair_key(std::string_view name, std::string_view address) {
  std::string key(address);
  key += '\n';  // in neither an address nor an account name
  key += name;
  return key;
}

int LoginThrottle::locked_for(std::string_view name, std::string_view address) {
  const TimePoint now = clock_->now();
  const std::lock_guard lock(mutex_);
  int wait = 0;
  auto left = [&](const Table& table, const std::string& key) {
    auto it = table.find(key);
    if (it == table.end() || it->second.locked_until <= now) return;
    const auto seconds =
        std::chrono::ceil<std::chrono::seconds>(it->second.locked_until - now).count();
    wait = std::max(wait, static_cast<int>(seconds));
  };
  left(pairs_, pair_key(name, address));
  left(addresses_, std::string(address));
  return wait;
}

void LoginThrottle::count(Table& table, const std::string& key, int free, TimePoint now) {
  if (table.size() >= kMaxEntries) prune(table, now);
  Failures& f = table[key];
  if (now - f.last > kFailureMemory) f.count = 0;
  f.last = now;
  ++f.count;
  if (f.count > free) {
    const int exponent = std::min(f.count - free - 1, 10);
    f.locked_until = now + std::chrono::seconds(std::min(kMaxLockSeconds, 1 << exponent));
  }
}

void LoginThrottle::prune(Table& table, TimePoint now) {
  std::erase_if(table, [now](const auto& kv) {
    return now - kv.second.last > kFailureMemory && kv.second.locked_until <= now;
  });
  // Still full (a flood of new names or addresses): keep only the running locks.
  if (table.size() >= kMaxEntries)
    std::erase_if(table, [now](const auto& kv) { return kv.second.locked_until <= now; });
}

void LoginThrottle::failure(std::string_view name, std::string_view address) {
  const TimePoint now = clock_->now();
  const std::lock_guard lock(mutex_);
  count(pairs_, pair_key(name, address), kFreePairFailures, now);
  count(addresses_, std::string(address), kFreeAddressFailures, now);
}

void LoginThrottle::success(std::string_view name, std::string_view address) {
  const std::lock_guard lock(mutex_);
  pairs_.erase(pair_key(name, address));
}

}  // namespace rk::server
