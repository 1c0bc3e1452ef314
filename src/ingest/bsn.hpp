// Citizen service numbers (BSN): validation and keyed pseudonymization at the door.
// A BSN never leaves this module in clear: callers get a pseudonym or a verdict, and messages
// never include the number.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "model/status.hpp"

namespace rk::ingest {

// True when `text` is 9 digits passing the 11-test (9·d1 + 8·d2 + … + 2·d8 − d9 ≡ 0 mod 11) and
// is not all zeros.
bool is_valid_bsn(std::string_view text);

// Replaces every group of exactly 9 digits in `text` by asterisks — a run of digits, also when
// written with '.' or ' ' between them ("1234.56.782", "123 456 782") — so that a rejected record
// or a message can be kept without carrying a BSN. (A BSN column is blanked by the importer
// whatever its value; this catches numbers elsewhere.)
std::string mask_digit_runs(std::string_view text);

// HMAC-SHA256 with a 32-byte key kept in a file (mode 0600, created on first use).
class Pseudonymizer {
 public:
  // Loads the key from `key_path`, creating it with fresh random bytes when absent (never
  // overwriting an existing key). Fails when the file exists with another size or is unreadable.
  static Result<Pseudonymizer> from_key_file(const std::string& key_path);
  // A pseudonym for a valid BSN: the first 128 bits of HMAC-SHA256(key, "bsn:" + bsn), as 32
  // lowercase hex characters. REQUIRES: is_valid_bsn(bsn).
  [[nodiscard]] std::string pseudonym(std::string_view bsn) const;

 private:
  std::array<unsigned char, 32> key_{};
};

}  // namespace rk::ingest
