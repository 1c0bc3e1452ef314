// Calendar dates and local timestamps as plain integers.
// A Date is a day number (days since 1970-01-01); a Timestamp is local wall-clock time
// (Europe/Amsterdam, as the data contract delivers it) in seconds since 1970-01-01T00:00 local.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rk {

struct CivilDate {
  int year;
  unsigned month;  // 1..12
  unsigned day;    // 1..31
};

struct Date {
  int32_t days = 0;  // days since 1970-01-01

  static Date from_civil(int year, unsigned month, unsigned day);
  [[nodiscard]] CivilDate civil() const;
  // Day of week, ISO numbering: 1 = Monday ... 7 = Sunday.
  [[nodiscard]] unsigned iso_weekday() const;
  [[nodiscard]] std::string to_string() const;  // YYYY-MM-DD

  // NOLINTNEXTLINE(modernize-use-nullptr): false positive on a defaulted <=>, no literal 0 here
  friend constexpr auto operator<=>(Date, Date) = default;
  friend constexpr Date operator+(Date d, int32_t n) { return Date{d.days + n}; }
  friend constexpr Date operator-(Date d, int32_t n) { return Date{d.days - n}; }
  friend constexpr int32_t operator-(Date a, Date b) { return a.days - b.days; }
};

struct Timestamp {
  int64_t seconds = 0;  // local wall-clock seconds since 1970-01-01T00:00

  static Timestamp from_date(Date d) { return Timestamp{int64_t{d.days} * 86400}; }
  [[nodiscard]] Date date() const;
  [[nodiscard]] std::string to_string() const;  // YYYY-MM-DDTHH:MM:SS

  friend constexpr auto operator<=>(Timestamp, Timestamp) = default;
};

bool is_leap_year(int year);
unsigned days_in_month(int year, unsigned month);

// Parses exactly `YYYY-MM-DD` with a real calendar date; nullopt otherwise.
std::optional<Date> parse_date(std::string_view text);
// Parses `YYYY-MM-DDTHH:MM[:SS]` or a bare date (00:00); nullopt otherwise.
std::optional<Timestamp> parse_timestamp(std::string_view text);
// Parses `YYYY-MM`; returns the first day of that month.
std::optional<Date> parse_month(std::string_view text);

}  // namespace rk
