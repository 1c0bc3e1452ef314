#include "ingest/reject_log.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "ingest/bsn.hpp"
#include "ingest/csv_reader.hpp"
#include "util/csv.hpp"

namespace rk::ingest {

namespace {

// Replaces bytes that are not valid UTF-8 by '?', so the reject file stays readable.
std::string valid_utf8(std::string_view text) {
  std::string out(text);
  size_t bad = 0;
  size_t start = 0;
  while (!is_valid_utf8(std::string_view(out).substr(start), &bad)) {
    out[start + bad] = '?';
    start += bad + 1;
  }
  return out;
}

}  // namespace

RejectLog::~RejectLog() {
  if (out_ != nullptr) {
    std::fclose(out_);
    ::unlink(temp_path_.c_str());
  }
}

Status RejectLog::open() {
  temp_path_ = path_ + ".tmp";
  out_ = std::fopen(temp_path_.c_str(), "w");
  if (out_ == nullptr) {
    return Status::error(ErrorKind::kIo, fmt::format("kan afwijzingenbestand {} niet schrijven: {}",
                                                     temp_path_, std::strerror(errno)));
  }
  std::fputs("file,line,column,reason,record\n", out_);
  return Status::ok();
}

void RejectLog::add(std::string_view file, uint64_t line, const Rejection& rejection,
                    std::string_view record) {
  ++count_;
  if (out_ == nullptr) return;
  const std::string row =
      fmt::format("{},{},{},{},{}\n", util::csv_text(file), line, util::csv_text(rejection.column),
                  util::csv_text(mask_digit_runs(rejection.reason)),
                  util::csv_text(mask_digit_runs(valid_utf8(record))));
  std::fwrite(row.data(), 1, row.size(), out_);
}

Status RejectLog::commit() {
  if (out_ == nullptr) return Status::ok();
  const bool ok = std::fflush(out_) == 0 && ::fsync(fileno(out_)) == 0;
  std::fclose(out_);
  out_ = nullptr;
  if (!ok || std::rename(temp_path_.c_str(), path_.c_str()) != 0) {
    ::unlink(temp_path_.c_str());
    return Status::error(ErrorKind::kIo,
                         fmt::format("kan afwijzingenbestand {} niet schrijven", path_));
  }
  return Status::ok();
}

}  // namespace rk::ingest
