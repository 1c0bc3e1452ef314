// The password rule of regiekamer's accounts (`user add`, `user password`): long enough, not a
// well-known password, and not the account's name. Checked when a password is set, never at
// login (a stored password stays valid until it is changed).
#pragma once

#include <cstddef>
#include <string_view>

#include "model/status.hpp"

namespace rk::server {

// Fewest characters (Unicode code points, not bytes) of a password.
constexpr size_t kMinPasswordLength = 12;

// Number of code points of UTF-8 `text` (bytes that do not continue a sequence).
size_t count_code_points(std::string_view text);

// Ok, or kUsage with a Dutch reason, when `password` is
//  - shorter than kMinPasswordLength code points;
//  - a common password (embedded list, English and Dutch), compared without case, also when
//    digits or punctuation are put around it ("Welkom2024!") or letters written as digits or
//    symbols ("p@ssw0rd"); or a run of one character, a repeated short group ("abcabcabcabc")
//    or a keyboard or alphabet sequence ("1234567890ab", "qwertyuiopas");
//  - equal to `name`, or containing it when the name has at least 3 characters (without case).
Status check_password(std::string_view name, std::string_view password);

}  // namespace rk::server
