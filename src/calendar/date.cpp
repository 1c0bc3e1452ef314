#include "calendar/date.hpp"

#include <fmt/format.h>

namespace rk {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days.
constexpr int32_t days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int32_t>(doe) - 719468;
}

bool parse_digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    const char c = s[i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

}  // namespace

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

unsigned days_in_month(int year, unsigned month) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && is_leap_year(year)) return 29;
  return kDays[month - 1];
}

Date Date::from_civil(int year, unsigned month, unsigned day) {
  return Date{days_from_civil(year, month, day)};
}

CivilDate Date::civil() const {
  const int32_t z = days + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return CivilDate{m <= 2 ? y + 1 : y, m, d};
}

unsigned Date::iso_weekday() const {
  // 1970-01-01 was a Thursday (4).
  const int32_t w = ((days % 7) + 7 + 3) % 7;  // 0 = Monday
  return static_cast<unsigned>(w) + 1;
}

std::string Date::to_string() const {
  const CivilDate c = civil();
  return fmt::format("{:04d}-{:02d}-{:02d}", c.year, c.month, c.day);
}

Date Timestamp::date() const {
  int64_t d = seconds / 86400;
  if (seconds % 86400 < 0) --d;
  return Date{static_cast<int32_t>(d)};
}

std::string Timestamp::to_string() const {
  const Date d = date();
  const int64_t s = seconds - int64_t{d.days} * 86400;
  return fmt::format("{}T{:02d}:{:02d}:{:02d}", d.to_string(), s / 3600, (s / 60) % 60, s % 60);
}

std::optional<Date> parse_date(std::string_view text) {
  int y = 0;
  int m = 0;
  int d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  if (!parse_digits(text, 0, 4, y) || !parse_digits(text, 5, 2, m) || !parse_digits(text, 8, 2, d))
    return std::nullopt;
  if (y < 1900 || m < 1 || m > 12 || d < 1) return std::nullopt;
  if (static_cast<unsigned>(d) > days_in_month(y, static_cast<unsigned>(m))) return std::nullopt;
  return Date::from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

std::optional<Timestamp> parse_timestamp(std::string_view text) {
  const auto date = parse_date(text.substr(0, 10));
  if (!date) return std::nullopt;
  Timestamp ts = Timestamp::from_date(*date);
  if (text.size() == 10) return ts;
  int hh = 0;
  int mm = 0;
  int ss = 0;
  if (text.size() != 16 && text.size() != 19) return std::nullopt;
  if (text[10] != 'T' && text[10] != ' ') return std::nullopt;
  if (!parse_digits(text, 11, 2, hh) || text[13] != ':' || !parse_digits(text, 14, 2, mm))
    return std::nullopt;
  if (text.size() == 19 && (text[16] != ':' || !parse_digits(text, 17, 2, ss))) return std::nullopt;
  if (hh > 23 || mm > 59 || ss > 59) return std::nullopt;
  ts.seconds += int64_t{hh} * 3600 + int64_t{mm} * 60 + ss;
  return ts;
}

std::optional<Date> parse_month(std::string_view text) {
  int y = 0;
  int m = 0;
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  if (!parse_digits(text, 0, 4, y) || !parse_digits(text, 5, 2, m)) return std::nullopt;
  if (y < 1900 || m < 1 || m > 12) return std::nullopt;
  return Date::from_civil(y, static_cast<unsigned>(m), 1);
}

}  // namespace rk
