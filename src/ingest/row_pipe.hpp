// A two-stage import pipeline: the reading thread validates rows and pushes them here; a writer
// thread applies them to the store in batches (Store::upsert_many: SQLite statements or
// PostgreSQL COPY), so parsing and writing use both cores. The store connection is only ever used
// by one thread at a time: callers drain() the pipe before they use the store themselves.
// Destroying the pipe stops the writer after the batches already sent; rows pushed since the
// last full batch are dropped (a failed import rolls back anyway).
#pragma once

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "model/contract.hpp"
#include "model/status.hpp"
#include "store/store.hpp"

namespace rk::ingest {

class RowPipe {
 public:
  explicit RowPipe(store::Store& store);
  ~RowPipe();
  RowPipe(const RowPipe&) = delete;
  RowPipe& operator=(const RowPipe&) = delete;

  // Copies the row (its text too) into the current batch; hands full batches to the writer.
  // Returns the writer's first error, if one happened already.
  Status push(model::Kind kind, std::span<const store::Cell> row);
  // Waits until every pushed row is in the store; returns the first error of the writer.
  Status drain();

 private:
  struct Batch {
    model::Kind kind = model::Kind::kMunicipalities;
    size_t columns = 0;
    size_t rows = 0;
    std::vector<store::Cell> cells;  // text cells hold an offset into `text` in `i` until sent
    std::string text;
  };
  void send();
  void run();

  store::Store& store_;
  std::unique_ptr<Batch> current_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::unique_ptr<Batch>> queue_;
  std::vector<std::unique_ptr<Batch>> free_;
  size_t in_flight_ = 0;
  bool stop_ = false;
  Status error_;
  bool failed_ = false;
  std::thread writer_;
};

}  // namespace rk::ingest
