// The engine's columnar snapshot of the store: one fixed-width array per contract field, built
// once after each import and memory-mapped by every reader, so that loading does no per-row work.
// Layout and interning rules are described in docs/indicators.md ("Snapshot").
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/contract.hpp"
#include "model/status.hpp"
#include "store/store.hpp"

namespace rk::engine {

// Null sentinels of the column types.
inline constexpr int32_t kNullDate = std::numeric_limits<int32_t>::min();
inline constexpr int64_t kNullTime = std::numeric_limits<int64_t>::min();
inline constexpr int64_t kNullInt = std::numeric_limits<int64_t>::min();
inline constexpr int32_t kNullIndex = -1;  // interned strings, references, enums (as int8)

enum class ColumnType : uint8_t { kI8, kI32, kI64, kF64 };

// A read-only string dictionary: offsets[i]..offsets[i+1] into one blob.
class Dictionary {
 public:
  Dictionary() = default;
  Dictionary(const uint64_t* offsets, const char* blob, int64_t size)
      : offsets_(offsets), blob_(blob), size_(size) {}
  [[nodiscard]] int32_t size() const { return static_cast<int32_t>(size_); }
  // REQUIRES: 0 <= i < size().
  [[nodiscard]] std::string_view operator[](int32_t i) const {
    return {blob_ + offsets_[i], static_cast<size_t>(offsets_[i + 1] - offsets_[i])};
  }
  // Returns the index of `text`, or -1 when absent (linear; for resolving a query's scope).
  [[nodiscard]] int32_t find(std::string_view text) const;

 private:
  const uint64_t* offsets_ = nullptr;
  const char* blob_ = nullptr;
  int64_t size_ = 0;
};

struct Column {
  std::string_view name;
  ColumnType type = ColumnType::kI32;
  int8_t references = -1;  // model::Kind whose row index the values are, or -1
  int64_t length = 0;
  const void* data = nullptr;
  Dictionary dictionary;  // for interned string columns that are no reference
};

// One contract table (plus derived columns) as arrays of `rows()` values.
class Table {
 public:
  [[nodiscard]] int32_t rows() const { return rows_; }
  [[nodiscard]] model::Kind kind() const { return kind_; }
  // Returns the named column, or nullptr.
  [[nodiscard]] const Column* find(std::string_view name) const;
  // Typed access. REQUIRES: the column exists with that type (a programming error otherwise).
  [[nodiscard]] std::span<const int8_t> i8(std::string_view name) const;
  [[nodiscard]] std::span<const int32_t> i32(std::string_view name) const;
  [[nodiscard]] std::span<const int64_t> i64(std::string_view name) const;
  [[nodiscard]] std::span<const double> f64(std::string_view name) const;
  [[nodiscard]] const Dictionary& dictionary(std::string_view name) const;
  // The text of the record's (first) key column, e.g. a trajectory_id. REQUIRES: row < rows().
  [[nodiscard]] std::string_view key_text(int32_t row) const;

 private:
  friend class Snapshot;
  const Column& get(std::string_view name, ColumnType type) const;
  model::Kind kind_ = model::Kind::kMunicipalities;
  int32_t rows_ = 0;
  std::vector<Column> columns_;
};

class Snapshot {
 public:
  ~Snapshot();
  Snapshot(const Snapshot&) = delete;
  Snapshot& operator=(const Snapshot&) = delete;

  // Returns the snapshot of the store's current data_version: the memory-mapped file beside the
  // store when its version matches, otherwise a fresh one built from the store (and written
  // beside it, atomically, when the store has a side path). Fails on store or I/O errors.
  static Result<std::shared_ptr<const Snapshot>> load_or_build(store::Store& store);
  // Builds a snapshot from the store in memory, without touching any file.
  static Result<std::shared_ptr<const Snapshot>> build(store::Store& store);
  // Maps a snapshot file; fails when it is missing, damaged or of another format version.
  static Result<std::shared_ptr<const Snapshot>> map_file(const std::string& path);

  [[nodiscard]] const Table& table(model::Kind kind) const {
    return tables_[static_cast<size_t>(kind)];
  }
  [[nodiscard]] int64_t data_version() const { return data_version_; }

 private:
  Snapshot() = default;
  Status attach(const char* bytes, size_t size);

  std::vector<Table> tables_;
  int64_t data_version_ = 0;
  std::vector<uint64_t> owned_;  // the bytes when built in memory
  void* mapping_ = nullptr;      // the bytes when mapped from a file
  size_t mapping_size_ = 0;
};

// Builds the snapshot of the store's current content and writes it beside the store (temporary
// file + rename). Called by the importer after each committed import.
Status rebuild_snapshot(store::Store& store);

// Serializes the store's content to the snapshot byte layout (exposed for tests and benchmarks).
Result<std::vector<uint64_t>> serialize_snapshot(store::Store& store);

}  // namespace rk::engine
