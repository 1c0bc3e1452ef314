#include "ingest/xlsx/cell_text.hpp"

#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "calendar/date.hpp"

namespace rk::ingest::xlsx {

NumberKind builtin_format_kind(uint32_t id) {
  if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || (id >= 34 && id <= 36) ||
      (id >= 50 && id <= 58)) {
    return NumberKind::kDate;
  }
  if ((id >= 18 && id <= 22) || id == 32 || id == 33 || (id >= 45 && id <= 47)) {
    return NumberKind::kDateTime;
  }
  return NumberKind::kNumber;
}

NumberKind format_code_kind(std::string_view code) {
  bool date = false;
  bool time = false;
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"') {  // quoted text
      const size_t end = code.find('"', i + 1);
      if (end == std::string_view::npos) break;
      i = end;
    } else if (c == '[') {  // [Red], [$€-413], [h] (elapsed hours)
      const size_t end = code.find(']', i + 1);
      if (end == std::string_view::npos) break;
      const std::string_view section = code.substr(i + 1, end - i - 1);
      if (section == "h" || section == "hh" || section == "m" || section == "mm" ||
          section == "s" || section == "ss") {
        time = true;
      }
      i = end;
    } else if (c == '\\' || c == '_' || c == '*') {  // escaped, padding and fill characters
      ++i;
    } else if (c == ';') {
      break;  // the first section decides
    } else {
      const char lower = static_cast<char>(c | 0x20);
      if (lower == 'd' || lower == 'y' || lower == 'm') date = true;
      if (lower == 'h' || lower == 's') time = true;
    }
  }
  if (time) return NumberKind::kDateTime;
  return date ? NumberKind::kDate : NumberKind::kNumber;
}

bool serial_to_text(double serial, bool date1904, NumberKind kind, std::string& out) {
  if (!std::isfinite(serial) || serial < 0 || serial > 2958466.0) return false;
  auto seconds = static_cast<int64_t>(std::llround(serial * 86400.0));
  int64_t day = seconds / 86400;
  seconds %= 86400;
  if (kind != NumberKind::kDateTime) seconds = 0;  // the format shows no time of day
  Date date;
  if (date1904) {
    date = Date::from_civil(1904, 1, 1) + static_cast<int32_t>(day);
  } else if (day == 60) {
    out = "1900-02-29";  // Excel's fictitious leap day
    if (seconds != 0)
      out += fmt::format("T{:02}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60);
    return true;
  } else {
    // Day 1 is 1 January 1900; from day 61 on, Excel's count is one ahead of the calendar.
    date = Date::from_civil(1899, 12, day < 60 ? 31 : 30) + static_cast<int32_t>(day);
  }
  out = date.to_string();
  if (seconds != 0) {
    out += fmt::format("T{:02}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60);
  }
  return true;
}

bool number_text(std::string_view text, bool nine_digits, std::string& out) {
  double value = 0;
  const char* first = text.data();
  const char* last = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(first, last, value);
  if (ec != std::errc() || ptr != last || !std::isfinite(value)) return false;
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    const auto integer = static_cast<int64_t>(value);
    out = nine_digits && integer >= 0 && integer < 1000000000 ? fmt::format("{:09}", integer)
                                                              : fmt::format("{}", integer);
    return true;
  }
  out = fmt::format("{}", value);
  if (out.find_first_of("eE") != std::string::npos) {
    // Very small or very large: written out in full, trailing zeros dropped.
    out = fmt::format("{:.20f}", value);
    while (out.back() == '0') out.pop_back();
    if (out.back() == '.') out.pop_back();
  }
  return true;
}

}  // namespace rk::ingest::xlsx
