// Transactions as scoped values: begun when made, rolled back when they end uncommitted, so no
// early return can leave one open. `Transaction` is the import transaction of a Store
// (Store::begin/commit/rollback); `SqlTransaction` is a backend's own short transaction
// (migrations, an audit batch) run through its SQL exec function.
#pragma once

#include <functional>
#include <string>

#include "model/status.hpp"
#include "store/store.hpp"

namespace rk::store {

class Transaction {
 public:
  // Calls store.begin(); status() tells whether it began. `store` must outlive the guard.
  explicit Transaction(Store& store);
  // Rolls back unless commit() succeeded (or begin failed).
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  // The outcome of begin(): ok when the transaction is open.
  [[nodiscard]] const Status& status() const { return begun_; }
  // Commits. REQUIRES: status() ok, not committed yet. On failure the destructor rolls back.
  Status commit();

 private:
  Store& store_;
  Status begun_;
  bool open_ = false;
};

class SqlTransaction {
 public:
  using Exec = std::function<Status(const std::string&)>;
  // Runs `begin_sql` ("BEGIN", "BEGIN IMMEDIATE") through `exec`; status() tells whether it ran.
  SqlTransaction(Exec exec, const std::string& begin_sql);
  // Runs ROLLBACK (its outcome ignored) unless commit() succeeded.
  ~SqlTransaction();
  SqlTransaction(const SqlTransaction&) = delete;
  SqlTransaction& operator=(const SqlTransaction&) = delete;

  [[nodiscard]] const Status& status() const { return begun_; }
  // Runs COMMIT. REQUIRES: status() ok. On failure the destructor rolls back.
  Status commit();

 private:
  Exec exec_;
  Status begun_;
  bool open_ = false;
};

}  // namespace rk::store
