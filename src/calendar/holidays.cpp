#include "calendar/holidays.hpp"

#include <algorithm>

namespace rk {

Date easter_sunday(int year) {
  const int a = year % 19;
  const int b = year / 100;
  const int c = year % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return Date::from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
}

std::vector<Holiday> holidays_in_year(int year, HolidayOptions options) {
  const Date easter = easter_sunday(year);
  Date kings_day = Date::from_civil(year, 4, 27);
  if (kings_day.iso_weekday() == 7) kings_day = kings_day - 1;

  std::vector<Holiday> result;
  result.reserve(9);
  result.push_back({Date::from_civil(year, 1, 1), "Nieuwjaarsdag"});
  if (options.good_friday) result.push_back({easter - 2, "Goede Vrijdag"});
  result.push_back({easter + 1, "Tweede Paasdag"});
  result.push_back({kings_day, "Koningsdag"});
  if (options.liberation_day) result.push_back({Date::from_civil(year, 5, 5), "Bevrijdingsdag"});
  result.push_back({easter + 39, "Hemelvaartsdag"});
  result.push_back({easter + 50, "Tweede Pinksterdag"});
  result.push_back({Date::from_civil(year, 12, 25), "Eerste Kerstdag"});
  result.push_back({Date::from_civil(year, 12, 26), "Tweede Kerstdag"});
  // Easter-based days move relative to King's Day and Liberation Day; keep the list in date order.
  std::stable_sort(result.begin(), result.end(),
                   [](const Holiday& x, const Holiday& y) { return x.date < y.date; });
  return result;
}

bool is_holiday(Date date, HolidayOptions options) {
  const CivilDate c = date.civil();
  const auto holidays = holidays_in_year(c.year, options);
  return std::any_of(holidays.begin(), holidays.end(),
                     [date](const Holiday& h) { return h.date == date; });
}

}  // namespace rk
