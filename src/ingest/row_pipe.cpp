#include "ingest/row_pipe.hpp"

namespace rk::ingest {
namespace {
constexpr size_t kBatchRows = 4096;
constexpr size_t kMaxQueued = 4;
}  // namespace

RowPipe::RowPipe(store::Store& store) : store_(store), writer_([this] { run(); }) {}

RowPipe::~RowPipe() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  writer_.join();
}

Status RowPipe::push(model::Kind kind, std::span<const store::Cell> row) {
  if (current_ && (current_->kind != kind || current_->rows == kBatchRows)) send();
  if (!current_) {
    std::unique_lock lock(mu_);
    if (failed_) return error_;
    if (!free_.empty()) {
      current_ = std::move(free_.back());
      free_.pop_back();
    } else {
      current_ = std::make_unique<Batch>();
    }
    lock.unlock();
    current_->kind = kind;
    current_->columns = row.size();
    current_->rows = 0;
    current_->cells.clear();
    current_->text.clear();
  }
  Batch& b = *current_;
  for (const store::Cell& c : row) {
    if (c.tag == store::Cell::Tag::kText) {
      store::Cell copy;
      copy.tag = store::Cell::Tag::kText;
      copy.i = static_cast<int64_t>(b.text.size());
      copy.s = std::string_view(nullptr, c.s.size());
      b.text.append(c.s);
      b.cells.push_back(copy);
    } else {
      b.cells.push_back(c);
    }
  }
  ++b.rows;
  return Status::ok();
}

void RowPipe::send() {
  Batch& b = *current_;
  for (store::Cell& c : b.cells)
    if (c.tag == store::Cell::Tag::kText) c.s = std::string_view(b.text.data() + c.i, c.s.size());
  std::unique_lock lock(mu_);
  cv_.wait(lock, [this] { return queue_.size() < kMaxQueued || failed_; });
  queue_.push_back(std::move(current_));
  ++in_flight_;
  lock.unlock();
  cv_.notify_all();
}

Status RowPipe::drain() {
  if (current_ && current_->rows > 0) send();
  std::unique_lock lock(mu_);
  cv_.wait(lock, [this] { return in_flight_ == 0; });
  return failed_ ? error_ : Status::ok();
}

void RowPipe::run() {
  for (;;) {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [this] { return stop_ || !queue_.empty(); });
    if (queue_.empty()) return;
    std::unique_ptr<Batch> batch = std::move(queue_.front());
    queue_.pop_front();
    const bool skip = failed_;
    lock.unlock();
    cv_.notify_all();
    Status status;
    if (!skip) {
      status = store_.upsert_many(
          batch->kind, std::span<const store::Cell>(batch->cells.data(), batch->cells.size()),
          batch->columns);
    }
    lock.lock();
    if (!status.is_ok() && !failed_) {
      failed_ = true;
      error_ = status;
    }
    free_.push_back(std::move(batch));
    --in_flight_;
    lock.unlock();
    cv_.notify_all();
  }
}

}  // namespace rk::ingest
