// The zip container of an Excel workbook, opened with libzip and read with bounds, so that a
// zip bomb or a truncated archive is refused with a reason instead of exhausting memory.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "model/status.hpp"

namespace rk::ingest::xlsx {

// What one workbook may cost. The defaults fit any workbook Excel can write with a million rows
// of the contract's files; tests lower them to try the refusals.
struct Limits {
  uint64_t max_part_bytes = uint64_t{256} << 20;          // one uncompressed part (a sheet)
  uint64_t max_total_bytes = uint64_t{1} << 30;           // all parts the archive declares
  uint64_t max_ratio = 200;                               // uncompressed / compressed of a part
  uint64_t ratio_from_bytes = uint64_t{16} << 20;         // ... for parts at least this large
  uint64_t max_shared_string_bytes = uint64_t{64} << 20;  // the shared string table's part
  uint64_t max_shared_strings = uint64_t{4} << 20;        // its entries
};

// A zip archive opened read-only. Not copyable; movable through unique_ptr.
class ZipArchive {
 public:
  // Opens the archive at `path`. Fails with kInvalidInput (Dutch reason) when the file is no zip
  // archive or a damaged one, and when the sizes its directory declares exceed `limits`.
  static Result<std::unique_ptr<ZipArchive>> open(const std::string& path, const Limits& limits);
  // The same over bytes in memory, which the archive owns (tests and fuzzing).
  static Result<std::unique_ptr<ZipArchive>> from_bytes(std::string bytes, const Limits& limits);

  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  // True when the archive holds a part named `name` (no leading '/').
  [[nodiscard]] bool has(std::string_view name) const;
  // The uncompressed bytes of part `name`, at most `max_bytes` of them. Fails with kInvalidInput
  // when the part is missing, larger than `max_bytes` or packed more densely than the limits
  // allow (a zip bomb), or cannot be decompressed. Never reads more than `max_bytes`.
  [[nodiscard]] Result<std::string> read(std::string_view name, uint64_t max_bytes) const;

  [[nodiscard]] const Limits& limits() const { return limits_; }

 private:
  ZipArchive() = default;
  Status check_directory();

  struct ZipHandle;
  std::string bytes_;  // the archive, when opened from memory; outlives zip_
  std::unique_ptr<ZipHandle> zip_;
  Limits limits_;
};

}  // namespace rk::ingest::xlsx
