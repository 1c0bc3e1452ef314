// Small text helpers every module may use: trimming, ASCII case, and the UTC timestamp the audit
// log, accounts and closings write. One copy each (docs/architecture.md, "one rule, one place").
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace rk::util {

// Without leading and trailing spaces, tabs, CR and LF.
std::string_view trim(std::string_view s);

// ASCII letters lowered; other bytes (UTF-8 included) unchanged.
std::string lower_ascii(std::string_view s);

// Equal when ASCII letters are compared without case.
bool iequals_ascii(std::string_view a, std::string_view b);

// A moment as ISO 8601 in UTC with a Z: "2026-12-03T11:42:40Z", or with milliseconds
// "2026-12-03T11:42:40.123Z".
std::string utc_timestamp(std::chrono::system_clock::time_point t, bool millis = false);

// The current moment as utc_timestamp writes it. Code that needs a testable clock takes a
// time_point instead (server::Clock).
std::string utc_now(bool millis = false);

}  // namespace rk::util
