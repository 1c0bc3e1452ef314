// Citizen service numbers (BSN): validation and keyed pseudonymization at the door.
// A BSN never leaves this module in clear: callers get a pseudonym or a verdict, and messages
// never include the number.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "model/status.hpp"

namespace rk::ingest {

// True when `text` is 9 digits passing the 11-test (9·d1 + 8·d2 + … + 2·d8 − d9 ≡ 0 mod 11) and
// is not all zeros.
bool is_valid_bsn(std::string_view text);

// A number is written like a BSN when its 9 digits stand in a row ("123456782") or in groups
// joined by single '.' or ' ' ("1234.56.782", "123 456 782"): in a text, any whole digit runs that
// follow each other with one such separator between them and hold exactly 9 digits together
// ("2021 123 456 782" holds "123 456 782"). A run of more than 9 digits is no BSN ("0612345678").

// Replaces every number written like a BSN in `text` by asterisks (separators kept), whether or
// not it passes the 11-test, so that a rejected record or a message can be kept without carrying
// a BSN. (A BSN column is blanked by the importer whatever its value; this catches numbers
// elsewhere.)
std::string mask_digit_runs(std::string_view text);

// How a BSN-shaped number stands out from the characters around it.
enum class BsnContext : uint8_t {
  // Free text: every number written like a BSN counts ("BSN123456782", "tel. 123 456 782").
  kText,
  // An identifier: only a number not joined to a letter ("123456782", "C-123456782",
  // "GM0917-65656055-123456782"), because an identifier may be a hashed pseudonym in hex, in
  // which digits between letters are chance ("c4f1234567825ab0…", "C123456782").
  kIdentifier,
};

// True when `text` holds a BSN-shaped number: a number written like a BSN (as mask_digit_runs
// finds them) whose 9 digits pass the 11-test, standing out as `context` requires. Such a value
// may carry a BSN, which belongs in the `bsn` column only.
bool holds_bsn_shaped(std::string_view text, BsnContext context);

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
