// The reject file: every row that was not imported, with file, line, column and reason, so it can
// be corrected at the source. Written to a temporary file and put in place by commit(), so a failed
// import leaves no half-written reject file. Records are stored with BSN-like digit runs masked,
// and every cell is written as a text cell (util::csv_text: no formula runs when it is opened).
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "ingest/rejection.hpp"
#include "model/status.hpp"

namespace rk::ingest {

class RejectLog {
 public:
  explicit RejectLog(std::string path) : path_(std::move(path)) {}
  ~RejectLog();
  RejectLog(const RejectLog&) = delete;
  RejectLog& operator=(const RejectLog&) = delete;

  Status open();
  // Adds one entry: `file`, `line` (1-based; 0 when the entry is not about one line), the
  // rejection's column and reason, and `record`, the raw CSV record (or a description of the
  // message); reason and record are masked before they are written.
  void add(std::string_view file, uint64_t line, const Rejection& rejection,
           std::string_view record);
  [[nodiscard]] uint64_t count() const { return count_; }
  [[nodiscard]] const std::string& path() const { return path_; }
  // Moves the reject file into place.
  Status commit();

 private:
  std::string path_;
  std::string temp_path_;
  std::FILE* out_ = nullptr;
  uint64_t count_ = 0;
};

}  // namespace rk::ingest
