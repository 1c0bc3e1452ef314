// Dutch national holidays, as the spec's "Working days" defines them.
// Easter comes from the Gregorian computus; every other holiday is a fixed date or an offset from
// Easter. Good Friday and Liberation Day are configurable and off by default.
#pragma once

#include <string_view>
#include <vector>

#include "calendar/date.hpp"

namespace rk {

struct HolidayOptions {
  bool good_friday = false;     // Goede Vrijdag (Easter - 2)
  bool liberation_day = false;  // Bevrijdingsdag, 5 May, every year when on

  friend constexpr bool operator==(HolidayOptions, HolidayOptions) = default;
};

struct Holiday {
  Date date;
  std::string_view name;  // Dutch name, e.g. "Tweede Paasdag"; a static string
};

// Returns Easter Sunday of `year` by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
// REQUIRES: year >= 1583 (the Gregorian calendar).
Date easter_sunday(int year);

// Returns the holidays of `year` that are not working days, sorted by date: New Year's Day, Easter
// Monday, King's Day (27 April; 26 April when the 27th is a Sunday), Ascension Day (Easter + 39),
// Whit Monday (Easter + 50), Christmas Day, Boxing Day, plus Good Friday and Liberation Day when
// `options` switch them on. Two holidays may share a date (Ascension Day falls on 5 May in 2016).
// The King's Day rule is applied to every year, also before 2014 (then Queen's Day, 30 April);
// the data this system handles starts in 2015.
std::vector<Holiday> holidays_in_year(int year, HolidayOptions options = {});

// True when `date` is one of the holidays of its year (whatever the weekday).
bool is_holiday(Date date, HolidayOptions options = {});

}  // namespace rk
