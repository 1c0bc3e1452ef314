// Reporting periods: parsing `2020`, `2020H2`, `2020Q3`, `2020-11`, `2020-W05` and `FROM..TO`,
// the keys of series buckets (months, quarters, ISO weeks; spec "Series"), and Dutch labels for
// display. All periods are inclusive date ranges.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/date.hpp"

namespace rk {

struct Period {
  Date from;  // first day, inclusive
  Date to;    // last day, inclusive

  [[nodiscard]] bool contains(Date d) const { return from <= d && d <= to; }
  // Number of days in the period; 0 when to < from.
  [[nodiscard]] int32_t days() const { return to < from ? 0 : to - from + 1; }

  friend constexpr bool operator==(Period, Period) = default;
};

// A series bucket: a whole month, quarter or ISO week with its key ("2020-04", "2020Q2",
// "2020-W05"). It is a Period, so it can be passed wherever one is expected.
struct KeyedPeriod : Period {
  std::string key;
};

// ISO 8601 week date: the week-year may differ from the calendar year near New Year
// (2021-01-01 is in week 53 of 2020; 2019-12-30 is in week 1 of 2020).
struct IsoWeek {
  int year;       // ISO week-year
  unsigned week;  // 1..53
};

// Parses a period; nullopt on anything else (wrong shape, impossible date or week, FROM > TO):
//   `2020` year, `2020H1`/`2020H2` half year, `2020Q1`..`2020Q4` quarter, `2020-11` month,
//   `2020-W05` or `2020W05` ISO week (Monday..Sunday), `2020-01-01..2020-03-31` dates.
// H, Q and W may be lower case. Years are four digits, 1900 or later, like parse_date.
std::optional<Period> parse_period(std::string_view text);

// Returns the shortest text parse_period reads back as `period`: a year, half year, quarter, month
// or ISO week key when the period is exactly one, `FROM..TO` otherwise.
std::string period_key(Period period);

std::string month_key(Date d);     // "2020-04"
std::string quarter_key(Date d);   // "2020Q2"
std::string half_key(Date d);      // "2020H1"
std::string iso_week_key(Date d);  // "2020-W53" for 2021-01-01 (week-year, not calendar year)

IsoWeek iso_week(Date d);
// Returns the Monday of ISO week `week` of week-year `year`. REQUIRES: 1 <= week <= 53.
Date iso_week_monday(int year, unsigned week);
// Returns 52 or 53.
unsigned iso_weeks_in_year(int year);

Date first_day_of_month(Date d);
Date last_day_of_month(Date d);
Date first_day_of_quarter(Date d);
Date last_day_of_quarter(Date d);

// Whole buckets from the one containing period.from to the one containing period.to, in order,
// not clipped to the period (spec "Series": whole calendar months and quarters; a quarter's
// figure is taken on its last day, also when that lies after `to`). Empty when to < from.
std::vector<KeyedPeriod> months_overlapping(Period period);
std::vector<KeyedPeriod> quarters_overlapping(Period period);
std::vector<KeyedPeriod> iso_weeks_overlapping(Period period);

// Dutch label for display: "2020", "2e halfjaar 2020", "1e kwartaal 2020", "januari 2020",
// "week 1 2020" (ISO week of its week-year), "1 jan 2020" for a single day, and
// "15 okt 2019 t/m 9 jun 2020" for any other range.
std::string period_label_nl(Period period);

}  // namespace rk
