// Unit tests for WorkingDays: the half-open count (a, b], the table's edges, add_workdays.
#include <gtest/gtest.h>

#include "calendar/workdays.hpp"

namespace rk {
namespace {

Date d(int y, unsigned m, unsigned day) { return Date::from_civil(y, m, day); }

TEST(WorkingDays, TableCovers1900To2200) {
  EXPECT_EQ(WorkingDays::kTableFirst, d(1900, 1, 1));
  EXPECT_EQ(WorkingDays::kTableLast, d(2200, 12, 31));
}

TEST(WorkingDays, IsWorkingDay) {
  const WorkingDays wd;
  EXPECT_TRUE(wd.is_working_day(d(2020, 4, 14)));   // Tuesday
  EXPECT_FALSE(wd.is_working_day(d(2020, 4, 18)));  // Saturday
  EXPECT_FALSE(wd.is_working_day(d(2020, 4, 19)));  // Sunday
  EXPECT_FALSE(wd.is_working_day(d(2020, 4, 13)));  // Easter Monday
  EXPECT_TRUE(wd.is_working_day(d(2020, 4, 10)));   // Good Friday, off by default
  EXPECT_FALSE(WorkingDays({.good_friday = true}).is_working_day(d(2020, 4, 10)));
  EXPECT_FALSE(wd.is_working_day(d(1900, 1, 1)));  // first table day, New Year
  EXPECT_FALSE(wd.is_working_day(d(2200, 12, 25)));
  EXPECT_FALSE(wd.is_working_day(d(2300, 12, 25)));  // outside the table
  EXPECT_TRUE(wd.is_working_day(d(2300, 12, 27)));   // a Thursday
}

TEST(WorkingDays, CountsDaysAfterAUpToAndIncludingB) {
  const WorkingDays wd;
  const Date monday = d(2020, 3, 2);
  EXPECT_EQ(wd.workdays(monday, monday), 0);
  EXPECT_EQ(wd.workdays(monday, monday + 1), 1);            // Tuesday counts, Monday does not
  EXPECT_EQ(wd.workdays(monday, monday + 4), 4);            // through Friday
  EXPECT_EQ(wd.workdays(monday, monday + 6), 4);            // weekend adds nothing
  EXPECT_EQ(wd.workdays(monday, monday + 7), 5);            // next Monday
  EXPECT_EQ(wd.workdays(d(2020, 3, 6), d(2020, 3, 9)), 1);  // Friday to Monday
}

TEST(WorkingDays, ZeroWhenBIsNotAfterA) {
  const WorkingDays wd;
  EXPECT_EQ(wd.workdays(d(2020, 3, 9), d(2020, 3, 2)), 0);
  EXPECT_EQ(wd.workdays(d(2020, 3, 9), d(2020, 3, 9)), 0);
  EXPECT_EQ(count_workdays_uncached(d(2020, 3, 9), d(2020, 3, 2)), 0);
}

TEST(WorkingDays, HolidaysAreSkipped) {
  const WorkingDays wd;
  // Thursday before Easter 2020 to the Tuesday after: Good Friday counts, Easter Monday not.
  EXPECT_EQ(wd.workdays(d(2020, 4, 9), d(2020, 4, 14)), 2);
  EXPECT_EQ(WorkingDays({.good_friday = true}).workdays(d(2020, 4, 9), d(2020, 4, 14)), 1);
  // Christmas week 2020: 25 December is a Friday, 26 December a Saturday.
  EXPECT_EQ(wd.workdays(d(2020, 12, 21), d(2020, 12, 28)), 4);
  // King's Day 2025 on Saturday 26 April: no working day lost.
  EXPECT_EQ(wd.workdays(d(2025, 4, 25), d(2025, 4, 28)), 1);
}

TEST(WorkingDays, WholeYears) {
  const WorkingDays wd;
  // 2020: 262 weekdays; New Year, Easter Monday, King's Day, Ascension, Whit Monday and Christmas
  // fall on weekdays, Boxing Day on a Saturday: 262 - 6 = 256.
  EXPECT_EQ(wd.workdays(d(2019, 12, 31), d(2020, 12, 31)), 256);
  // 2021: 261 weekdays; New Year, Easter Monday, King's Day, Ascension, Whit Monday on weekdays,
  // Christmas and Boxing Day on the weekend: 261 - 5 = 256.
  EXPECT_EQ(wd.workdays(d(2020, 12, 31), d(2021, 12, 31)), 256);
}

TEST(WorkingDays, LeapDayIsAWorkingDayIn2024) {
  const WorkingDays wd;
  EXPECT_TRUE(wd.is_working_day(d(2024, 2, 29)));  // Thursday
  EXPECT_EQ(wd.workdays(d(2024, 2, 28), d(2024, 3, 1)), 2);
}

TEST(WorkingDays, AgreesWithUncachedCountAcrossTheTableEdges) {
  const WorkingDays wd;
  const Date pairs[][2] = {
      {d(1899, 12, 1), d(1900, 1, 10)}, {d(1850, 3, 3), d(1950, 7, 7)},
      {d(1899, 1, 1), d(1899, 12, 31)}, {d(2200, 12, 1), d(2201, 1, 10)},
      {d(2150, 5, 5), d(2250, 5, 5)},   {d(1800, 1, 1), d(2400, 1, 1)},
      {d(1900, 1, 1), d(2200, 12, 31)}, {d(2201, 1, 1), d(2210, 6, 6)},
      {d(1899, 12, 31), d(1900, 1, 1)}, {d(2200, 12, 31), d(2201, 1, 2)},
  };
  for (const auto& p : pairs) {
    EXPECT_EQ(wd.workdays(p[0], p[1]), count_workdays_uncached(p[0], p[1]))
        << p[0].to_string() << " .. " << p[1].to_string();
  }
}

TEST(WorkingDays, UncachedCountMatchesAWalkOutsideTheTable) {
  const HolidayOptions options{.good_friday = true, .liberation_day = true};
  const WorkingDays wd(options);
  const Date a = d(2198, 11, 3);
  int32_t walked = 0;
  for (Date b = a + 1; b <= d(2203, 2, 1); b = b + 1) {
    if (b.iso_weekday() <= 5 && !is_holiday(b, options)) ++walked;
    ASSERT_EQ(count_workdays_uncached(a, b, options), walked) << b.to_string();
    ASSERT_EQ(wd.workdays(a, b), walked) << b.to_string();
  }
}

TEST(WorkingDays, AddWorkdays) {
  const WorkingDays wd;
  EXPECT_EQ(wd.add_workdays(d(2020, 3, 6), 1), d(2020, 3, 9));   // Friday + 1 = Monday
  EXPECT_EQ(wd.add_workdays(d(2020, 3, 7), 1), d(2020, 3, 9));   // from a Saturday
  EXPECT_EQ(wd.add_workdays(d(2020, 4, 9), 2), d(2020, 4, 14));  // over Easter Monday
  EXPECT_EQ(wd.add_workdays(d(2020, 3, 9), -1), d(2020, 3, 6));  // Monday - 1 = Friday
  EXPECT_EQ(wd.add_workdays(d(2020, 3, 8), 0), d(2020, 3, 8));
  for (int n = 1; n <= 30; ++n) {
    const Date a = d(2020, 12, 20);
    const Date e = wd.add_workdays(a, n);
    EXPECT_EQ(wd.workdays(a, e), n);
    EXPECT_TRUE(wd.is_working_day(e));
    EXPECT_EQ(wd.workdays(a, e - 1), n - 1);  // the smallest such date
  }
}

TEST(WorkingDays, CopiesShareTheTable) {
  const WorkingDays a;
  const WorkingDays b = a;
  EXPECT_EQ(a.workdays(d(2020, 1, 1), d(2020, 2, 1)), b.workdays(d(2020, 1, 1), d(2020, 2, 1)));
  EXPECT_EQ(b.options(), HolidayOptions{});
}

}  // namespace
}  // namespace rk
