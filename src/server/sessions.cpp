#include "server/sessions.hpp"

#include <fmt/format.h>

namespace rk::server {

Clock::TimePoint SessionTable::start(const std::string& id, const Account& account,
                                     const std::string& csrf) {
  const Clock::TimePoint now = clock_->now();
  const Clock::TimePoint expires = now + kSessionLifetime;
  const std::lock_guard lock(mutex_);
  std::erase_if(sessions_, [now](const auto& kv) { return kv.second.expires < now; });
  sessions_[id] = Session{account.name, account.id, account.session_epoch, csrf, expires};
  return expires;
}

std::optional<Session> SessionTable::find(const std::string& id) {
  const Clock::TimePoint now = clock_->now();
  const std::lock_guard lock(mutex_);
  auto it = sessions_.find(id);
  if (it == sessions_.end()) return std::nullopt;
  if (it->second.expires < now) {
    sessions_.erase(it);
    return std::nullopt;
  }
  return it->second;
}

void SessionTable::end(const std::string& id) {
  const std::lock_guard lock(mutex_);
  sessions_.erase(id);
}

void SessionTable::retain(const std::function<bool(const Session&)>& keep) {
  const std::lock_guard lock(mutex_);
  std::erase_if(sessions_, [&keep](const auto& kv) { return !keep(kv.second); });
}

std::string LoginGate::pair_key(const std::string& name, const std::string& address) {
  return name + '\n' + address;  // '\n' is in neither
}

LoginGate::Admission LoginGate::admit(const std::string& name, const std::string& address) {
  Admission out;
  if (const int wait = throttle_.locked_for(name, address); wait > 0) {
    out.retry_after = wait;
    out.refusal = Status::error(
        ErrorKind::kTooManyRequests,
        fmt::format("te veel mislukte pogingen; probeer het over {} s opnieuw", wait));
    return out;
  }
  {
    const std::lock_guard lock(mutex_);
    if (!checking_.insert(pair_key(name, address)).second) {
      out.retry_after = 1;
      out.refusal =
          Status::error(ErrorKind::kTooManyRequests,
                        "er loopt al een inlogpoging voor deze naam; probeer het zo opnieuw");
      return out;
    }
  }
  out.check = std::make_unique<Check>(*this, name, address);
  return out;
}

LoginGate::Check::Check(LoginGate& gate, std::string name, std::string address)
    : gate_(gate), name_(std::move(name)), address_(std::move(address)) {}

LoginGate::Check::~Check() {
  const std::lock_guard lock(gate_.mutex_);
  gate_.checking_.erase(pair_key(name_, address_));
}

void LoginGate::Check::failed() { gate_.throttle_.failure(name_, address_); }

void LoginGate::Check::succeeded() { gate_.throttle_.success(name_, address_); }

}  // namespace rk::server
