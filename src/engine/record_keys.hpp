// Record keys of the cell-key method (indicators.md, "Privacy rule for outputs"): every record a
// count can count gets a secret 64-bit key, a keyed hash of its kind and id. A cell's key is the
// sum of its records' keys modulo 2^64 (engine::Tally), so the same set of records always gets
// the same key, whatever query, period, scope or view counted it.
//
// The perturbation key is derived from the store's secret key (the pseudonymization key file,
// ingest/bsn.hpp) and never leaves the process; record keys are computed once per snapshot, on
// first use, and kept in memory only.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "engine/snapshot.hpp"
#include "model/contract.hpp"
#include "model/status.hpp"

namespace rk::engine {

// The secret of the perturbation: 16 bytes for SipHash-2-4 (libsodium crypto_shorthash).
class PerturbationKey {
 public:
  static constexpr size_t kSize = 16;
  // Derives the perturbation key from the 32-byte store key in `key_path` (the pseudonymization
  // key): HMAC-SHA256(store key, "regiekamer celsleutel v1"), first 16 bytes. Reads only: fails
  // when the file is missing or not 32 bytes. Never quotes the key.
  static Result<PerturbationKey> from_key_file(const std::string& key_path);
  // A fixed key for tests and benchmarks only.
  static PerturbationKey for_testing(uint8_t seed);

  // The record key of the record with `id` in table `kind`.
  [[nodiscard]] uint64_t record_key(model::Kind kind, std::string_view id) const;

 private:
  std::array<unsigned char, kSize> key_{};
};

// A table's record keys, or none (then every key reads as 0: analysts' computations, which are
// never perturbed, do not need them).
class KeySpan {
 public:
  KeySpan() = default;
  explicit KeySpan(std::span<const uint64_t> keys) : keys_(keys) {}
  [[nodiscard]] uint64_t operator[](int32_t row) const {
    return keys_.empty() ? 0 : keys_[static_cast<size_t>(row)];
  }

 private:
  std::span<const uint64_t> keys_;
};

// The record keys of every table of one snapshot, computed per table on first use (thread-safe).
// The key of a row is record_key(kind, id) for tables with an id column; for tables whose first
// key column is not an interned id, the row's key columns are joined (docs/privacy.md).
class RecordKeys {
 public:
  RecordKeys(std::shared_ptr<const Snapshot> snapshot, const PerturbationKey& key);
  RecordKeys(const RecordKeys&) = delete;
  RecordKeys& operator=(const RecordKeys&) = delete;

  [[nodiscard]] KeySpan of(model::Kind kind) const;
  [[nodiscard]] const Snapshot& snapshot() const { return *snapshot_; }

 private:
  std::shared_ptr<const Snapshot> snapshot_;
  PerturbationKey key_;
  mutable std::array<std::once_flag, model::kKindCount> once_;
  mutable std::array<std::vector<uint64_t>, model::kKindCount> keys_;
};

}  // namespace rk::engine
