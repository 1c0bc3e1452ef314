// A CSV file written through a large buffer, with hand-written number and date formatting:
// the national dataset is hundreds of megabytes, and per-field iostreams or fmt calls would
// dominate its generation time. Generated values never contain commas, quotes or line breaks,
// so no field is quoted.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "model/contract.hpp"
#include "model/status.hpp"

namespace rk::demo {

// Minutes since 1970-01-01T00:00 local time; the generator's timestamp.
using Minute = int64_t;
inline constexpr int32_t kNoDay = INT32_MIN;
inline constexpr Minute kNoMinute = INT64_MIN;

class CsvFile {
 public:
  // The header of `kind` as the generator writes it: the contract's columns in contract order,
  // derived columns left out, and `bsn` after `client_id` in clients.csv.
  static std::string header(model::Kind kind);

  // Opens `path` for writing and writes the header of `kind`.
  static Result<std::unique_ptr<CsvFile>> create(const std::string& path, model::Kind kind);
  ~CsvFile();
  CsvFile(const CsvFile&) = delete;
  CsvFile& operator=(const CsvFile&) = delete;

  CsvFile& text(std::string_view s) {
    sep();
    buf_.append(s);
    return *this;
  }
  // Continues the current field: text("HA").more("0917") writes HA0917.
  CsvFile& more(std::string_view s) {
    buf_.append(s);
    return *this;
  }
  CsvFile& more_number(uint64_t n, int width) {
    append_unsigned(n, width);
    return *this;
  }
  CsvFile& empty() {
    sep();
    return *this;
  }
  // prefix + n zero-padded to `width` digits, e.g. id("C", 17, 6) = C000017.
  CsvFile& id(std::string_view prefix, uint64_t n, int width);
  // prefix + n + "-" + k, e.g. sub_id("R", 17, 6, 2) = R000017-2.
  CsvFile& sub_id(std::string_view prefix, uint64_t n, int width, uint64_t k);
  CsvFile& integer(int64_t v);
  CsvFile& date(int32_t day);         // YYYY-MM-DD; empty for kNoDay
  CsvFile& month(int32_t day);        // YYYY-MM of the day
  CsvFile& timestamp(Minute m);       // YYYY-MM-DDTHH:MM; empty for kNoMinute
  CsvFile& money(int64_t cents);      // 1234.56, -7.05
  CsvFile& decimal1(int64_t tenths);  // 12.3
  CsvFile& boolean(bool b) { return text(b ? "true" : "false"); }
  void end_row();

  // Flushes and closes; the summary figures are final afterwards.
  Status close();
  [[nodiscard]] uint64_t rows() const { return rows_; }
  [[nodiscard]] uint64_t bytes() const { return bytes_; }
  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  CsvFile(std::string path, std::FILE* f) : path_(std::move(path)), file_(f) {}
  void sep() {
    if (!at_row_start_) buf_.push_back(',');
    at_row_start_ = false;
  }
  void append_unsigned(uint64_t v, int min_width);
  void flush();

  std::string path_;
  std::FILE* file_;
  std::string buf_;
  bool at_row_start_ = true;
  bool failed_ = false;
  uint64_t rows_ = 0;
  uint64_t bytes_ = 0;
};

}  // namespace rk::demo
