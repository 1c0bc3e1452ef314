// The API's audit log: requests hand their record to add(), which never blocks on the store; a
// background thread writes the records in batches (one transaction each) and retries a failed
// batch until it is written, so that an import holding the store's write lock delays the log
// but loses nothing. stop() (and the destructor) writes what is left. Records are stamped with
// the time of the clock the log is given (clock.hpp).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

#include "server/clock.hpp"
#include "store/store.hpp"

namespace rk::server {

class AuditLog {
 public:
  explicit AuditLog(std::unique_ptr<store::Store> store,
                    std::shared_ptr<const Clock> clock = system_clock());
  ~AuditLog();
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  // Queues `record`, its time set to now (UTC, with milliseconds).
  void add(store::AuditRecord record);
  // Waits until every record added so far is written (tests, shutdown).
  void flush();
  // Writes the rest and ends the thread.
  void stop();
  [[nodiscard]] int64_t written() const;
  [[nodiscard]] int64_t pending() const;

 private:
  void run();

  std::unique_ptr<store::Store> store_;
  std::shared_ptr<const Clock> clock_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable done_;
  std::deque<store::AuditRecord> queue_;
  int64_t added_ = 0;
  int64_t written_ = 0;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace rk::server
