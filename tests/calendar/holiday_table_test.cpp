// Property tests against a published Dutch holiday table typed by hand
// (tests/data/calendar/holidays_nl_2018_2030.csv): the computus, the holiday list per year, and
// workdays(a, b) against a day-by-day walk that knows only that table and the weekday.
#include <algorithm>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "calendar/holidays.hpp"
#include "calendar/workdays.hpp"

namespace rk {
namespace {

struct TableRow {
  Date date;
  std::string name;
};

std::vector<TableRow> read_table() {
  std::ifstream in(std::string(RK_TEST_DATA) + "/calendar/holidays_nl_2018_2030.csv");
  std::vector<TableRow> rows;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto comma = line.find(',');
    const auto date = parse_date(std::string_view(line).substr(0, comma));
    if (comma == std::string::npos || !date) {
      ADD_FAILURE() << "bad row: " << line;
      continue;
    }
    rows.push_back({*date, line.substr(comma + 1)});
  }
  return rows;
}

const std::vector<TableRow>& table() {
  static const std::vector<TableRow> rows = read_table();
  return rows;
}

// The days off in the table for these options. Easter and Whit Sunday are listed by the
// publication but are Sundays anyway; Good Friday and Liberation Day only count when switched on.
std::set<Date> days_off(HolidayOptions options) {
  std::set<Date> result;
  for (const TableRow& row : table()) {
    if (row.name == "Goede Vrijdag" && !options.good_friday) continue;
    if (row.name == "Bevrijdingsdag" && !options.liberation_day) continue;
    if (row.name == "Eerste Paasdag" || row.name == "Eerste Pinksterdag") continue;
    result.insert(row.date);
  }
  return result;
}

const HolidayOptions kAllOptions[] = {{false, false}, {true, false}, {false, true}, {true, true}};

TEST(HolidayTable, HasThirteenYearsOfElevenDays) {
  ASSERT_EQ(table().size(), 13u * 11u);
  EXPECT_EQ(table().front().date, Date::from_civil(2018, 1, 1));
  EXPECT_EQ(table().back().date, Date::from_civil(2030, 12, 26));
}

TEST(HolidayTable, ComputusGivesTheTablesEasterSundaysAndMondays) {
  int sundays = 0;
  int mondays = 0;
  for (const TableRow& row : table()) {
    const int year = row.date.civil().year;
    if (row.name == "Eerste Paasdag") {
      EXPECT_EQ(easter_sunday(year), row.date) << year;
      ++sundays;
    }
    if (row.name == "Tweede Paasdag") {
      EXPECT_EQ(easter_sunday(year) + 1, row.date) << year;
      ++mondays;
    }
  }
  EXPECT_EQ(sundays, 13);
  EXPECT_EQ(mondays, 13);
}

TEST(HolidayTable, HolidaysInYearMatchTheTable) {
  for (const HolidayOptions options : kAllOptions) {
    std::map<int, std::set<std::pair<Date, std::string>>> expected;
    for (const TableRow& row : table()) {
      if (row.name == "Eerste Paasdag" || row.name == "Eerste Pinksterdag") continue;
      if (row.name == "Goede Vrijdag" && !options.good_friday) continue;
      if (row.name == "Bevrijdingsdag" && !options.liberation_day) continue;
      expected[row.date.civil().year].insert({row.date, row.name});
    }
    for (int year = 2018; year <= 2030; ++year) {
      std::set<std::pair<Date, std::string>> actual;
      for (const Holiday& h : holidays_in_year(year, options))
        actual.insert({h.date, std::string(h.name)});
      EXPECT_EQ(actual, expected[year]) << year << " good_friday=" << options.good_friday
                                        << " liberation_day=" << options.liberation_day;
    }
  }
}

TEST(HolidayTable, IsWorkingDayMatchesTheTableEveryDay) {
  for (const HolidayOptions options : kAllOptions) {
    const WorkingDays working_days(options);
    const std::set<Date> off = days_off(options);
    for (Date d = Date::from_civil(2018, 1, 1); d <= Date::from_civil(2030, 12, 31); d = d + 1) {
      const bool expected = d.iso_weekday() <= 5 && !off.contains(d);
      ASSERT_EQ(working_days.is_working_day(d), expected) << d.to_string();
    }
  }
}

// workdays(a, b) counts d with a < d <= b; the walk below does exactly that, with the table only.
int32_t walk(Date a, Date b, const std::set<Date>& off) {
  int32_t n = 0;
  for (Date d = a + 1; d <= b; d = d + 1)
    if (d.iso_weekday() <= 5 && !off.contains(d)) ++n;
  return n;
}

TEST(HolidayTable, WorkdaysEqualsADayByDayWalkOnRandomPairs) {
  const Date first = Date::from_civil(2018, 1, 1);
  const Date last = Date::from_civil(2030, 12, 31);
  std::mt19937 rng(20200401);  // fixed seed: the same pairs on every run
  std::uniform_int_distribution<int32_t> any_day(first.days, last.days);
  std::uniform_int_distribution<int32_t> short_gap(-3, 40);
  for (const HolidayOptions options : kAllOptions) {
    const WorkingDays working_days(options);
    const std::set<Date> off = days_off(options);
    for (int i = 0; i < 2000; ++i) {
      const Date a{any_day(rng)};
      // Half the pairs are short gaps (the engine's usual case), half span years.
      const Date b = i % 2 == 0 ? std::min(a + short_gap(rng), last) : Date{any_day(rng)};
      ASSERT_EQ(working_days.workdays(a, b), walk(a, b, off))
          << a.to_string() << " .. " << b.to_string();
      ASSERT_EQ(count_workdays_uncached(a, b, options), walk(a, b, off))
          << a.to_string() << " .. " << b.to_string();
    }
  }
}

// Every start day of the table's years with every gap up to three weeks: the regime of the
// "within 5 working days" indicators, exhaustively.
TEST(HolidayTable, WorkdaysEqualsADayByDayWalkForEveryShortGap) {
  for (const HolidayOptions options : kAllOptions) {
    const WorkingDays working_days(options);
    const std::set<Date> off = days_off(options);
    for (Date a = Date::from_civil(2018, 1, 1); a <= Date::from_civil(2030, 12, 10); a = a + 1)
      for (int32_t gap = 0; gap <= 21; ++gap)
        ASSERT_EQ(working_days.workdays(a, a + gap), walk(a, a + gap, off))
            << a.to_string() << " + " << gap;
  }
}

// add_workdays(a, n) against the walk: for n > 0 the first day e after a with n working days in
// (a, e]; for n < 0 the |n|-th working day counting back from the day before a.
TEST(HolidayTable, AddWorkdaysEqualsADayByDayWalk) {
  std::mt19937 rng(20201231);
  std::uniform_int_distribution<int32_t> any_day(Date::from_civil(2018, 3, 1).days,
                                                 Date::from_civil(2030, 10, 31).days);
  std::uniform_int_distribution<int> any_n(-25, 25);
  for (const HolidayOptions options : kAllOptions) {
    const WorkingDays working_days(options);
    const std::set<Date> off = days_off(options);
    const auto working = [&](Date d) { return d.iso_weekday() <= 5 && !off.contains(d); };
    for (int i = 0; i < 3000; ++i) {
      const Date a{any_day(rng)};
      const int n = any_n(rng);
      Date e = a;
      for (int left = n; left > 0;) {
        e = e + 1;
        if (working(e)) --left;
      }
      for (int left = -n; left > 0;) {
        e = e - 1;
        if (working(e)) --left;
      }
      ASSERT_EQ(working_days.add_workdays(a, n), e) << a.to_string() << " " << n;
    }
  }
}

}  // namespace
}  // namespace rk
