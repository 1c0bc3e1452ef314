#include "store/transaction.hpp"

#include <utility>

namespace rk::store {

Transaction::Transaction(Store& store) : store_(store), begun_(store.begin()) {
  open_ = begun_.is_ok();
}

Transaction::~Transaction() {
  if (open_) store_.rollback();
}

Status Transaction::commit() {
  if (!open_) return Status::error(ErrorKind::kInternal, "geen open transactie om vast te leggen");
  Status s = store_.commit();
  if (s) open_ = false;
  return s;
}

SqlTransaction::SqlTransaction(Exec exec, const std::string& begin_sql)
    : exec_(std::move(exec)), begun_(exec_(begin_sql)) {
  open_ = begun_.is_ok();
}

SqlTransaction::~SqlTransaction() {
  if (open_) exec_("ROLLBACK").ignore();
}

Status SqlTransaction::commit() {
  if (!open_) return Status::error(ErrorKind::kInternal, "geen open transactie om vast te leggen");
  Status s = exec_("COMMIT");
  if (s) open_ = false;
  return s;
}

}  // namespace rk::store
