#include "server/audit_log.hpp"

#include <chrono>
#include <cstdio>
#include <vector>

#include "util/text.hpp"

namespace rk::server {
namespace {
constexpr size_t kMaxBatch = 5000;
constexpr auto kInterval = std::chrono::milliseconds(250);
constexpr auto kRetryDelay = std::chrono::milliseconds(500);
}  // namespace

AuditLog::AuditLog(std::unique_ptr<store::Store> store, std::shared_ptr<const Clock> clock)
    : store_(std::move(store)), clock_(std::move(clock)), thread_([this] { run(); }) {}

AuditLog::~AuditLog() { stop(); }

void AuditLog::add(store::AuditRecord record) {
  record.time = util::utc_timestamp(clock_->now(), true);
  bool full = false;
  {
    const std::lock_guard lock(mutex_);
    queue_.push_back(std::move(record));
    ++added_;
    full = queue_.size() >= kMaxBatch;
  }
  if (full) wake_.notify_one();
}

void AuditLog::flush() {
  std::unique_lock lock(mutex_);
  const int64_t target = added_;
  wake_.notify_one();
  done_.wait(lock, [&] { return written_ >= target; });
}

void AuditLog::stop() {
  {
    const std::lock_guard lock(mutex_);
    if (stopping_ && !thread_.joinable()) return;
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

int64_t AuditLog::written() const {
  const std::lock_guard lock(mutex_);
  return written_;
}

int64_t AuditLog::pending() const {
  const std::lock_guard lock(mutex_);
  return added_ - written_;
}

void AuditLog::run() {
  std::vector<store::AuditRecord> batch;
  bool reported = false;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait_for(lock, kInterval, [&] { return stopping_ || queue_.size() >= kMaxBatch; });
      if (queue_.empty()) {
        if (stopping_) return;
        continue;
      }
      const size_t n = std::min(queue_.size(), kMaxBatch);
      batch.assign(std::make_move_iterator(queue_.begin()),
                   std::make_move_iterator(queue_.begin() + static_cast<std::ptrdiff_t>(n)));
      queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
    }
    // Retried until written: the store may be locked by an import for a while.
    for (;;) {
      const Status s = store_->append_audit(batch);
      if (s) break;
      if (!reported) {
        std::fprintf(stderr, "regiekamer serve: auditlog wacht op de opslag: %s\n",
                     s.message().c_str());
        reported = true;
      }
      std::this_thread::sleep_for(kRetryDelay);
    }
    reported = false;
    {
      const std::lock_guard lock(mutex_);
      written_ += static_cast<int64_t>(batch.size());
    }
    done_.notify_all();
    batch.clear();
  }
}

}  // namespace rk::server
