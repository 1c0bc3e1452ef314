// Unit tests for the Dutch holiday rules: computus, King's Day on a Sunday, options, clashes.
#include <algorithm>

#include <gtest/gtest.h>

#include "calendar/holidays.hpp"

namespace rk {
namespace {

Date d(int y, unsigned m, unsigned day) { return Date::from_civil(y, m, day); }

bool has(const std::vector<Holiday>& list, Date date, std::string_view name) {
  return std::any_of(list.begin(), list.end(),
                     [&](const Holiday& h) { return h.date == date && h.name == name; });
}

TEST(EasterSunday, KnownDatesIncludingExtremes) {
  EXPECT_EQ(easter_sunday(2000), d(2000, 4, 23));
  EXPECT_EQ(easter_sunday(2008), d(2008, 3, 23));
  EXPECT_EQ(easter_sunday(2011), d(2011, 4, 24));
  EXPECT_EQ(easter_sunday(2016), d(2016, 3, 27));
  EXPECT_EQ(easter_sunday(2038), d(2038, 4, 25));  // latest possible date
  EXPECT_EQ(easter_sunday(2285), d(2285, 3, 22));  // earliest possible date
  EXPECT_EQ(easter_sunday(1900), d(1900, 4, 15));
}

TEST(EasterSunday, IsAlwaysASundayBetween22MarchAnd25April) {
  for (int year = 1900; year <= 2200; ++year) {
    const Date easter = easter_sunday(year);
    EXPECT_EQ(easter.iso_weekday(), 7u) << year;
    EXPECT_GE(easter, d(year, 3, 22)) << year;
    EXPECT_LE(easter, d(year, 4, 25)) << year;
  }
}

TEST(KingsDay, MovesToSaturdayWhen27AprilIsASunday) {
  EXPECT_TRUE(is_holiday(d(2014, 4, 26)));
  EXPECT_FALSE(is_holiday(d(2014, 4, 27)));
  EXPECT_TRUE(is_holiday(d(2025, 4, 26)));
  EXPECT_FALSE(is_holiday(d(2025, 4, 27)));
  EXPECT_TRUE(is_holiday(d(2024, 4, 27)));  // a Saturday: stays
  EXPECT_FALSE(is_holiday(d(2024, 4, 26)));
  EXPECT_TRUE(is_holiday(d(2020, 4, 27)));
}

TEST(HolidaysInYear, DefaultList2020) {
  const auto list = holidays_in_year(2020);
  ASSERT_EQ(list.size(), 7u);
  EXPECT_TRUE(has(list, d(2020, 1, 1), "Nieuwjaarsdag"));
  EXPECT_TRUE(has(list, d(2020, 4, 13), "Tweede Paasdag"));
  EXPECT_TRUE(has(list, d(2020, 4, 27), "Koningsdag"));
  EXPECT_TRUE(has(list, d(2020, 5, 21), "Hemelvaartsdag"));
  EXPECT_TRUE(has(list, d(2020, 6, 1), "Tweede Pinksterdag"));
  EXPECT_TRUE(has(list, d(2020, 12, 25), "Eerste Kerstdag"));
  EXPECT_TRUE(has(list, d(2020, 12, 26), "Tweede Kerstdag"));
  EXPECT_TRUE(std::is_sorted(list.begin(), list.end(),
                             [](const Holiday& a, const Holiday& b) { return a.date < b.date; }));
}

TEST(HolidaysInYear, OptionsAddGoodFridayAndLiberationDay) {
  EXPECT_FALSE(is_holiday(d(2020, 4, 10)));
  EXPECT_FALSE(is_holiday(d(2020, 5, 5)));
  EXPECT_TRUE(is_holiday(d(2020, 4, 10), {.good_friday = true}));
  EXPECT_FALSE(is_holiday(d(2020, 5, 5), {.good_friday = true}));
  EXPECT_TRUE(is_holiday(d(2021, 5, 5), {.liberation_day = true}));  // every year, not only lustra
  EXPECT_EQ(holidays_in_year(2020, {true, true}).size(), 9u);
}

TEST(HolidaysInYear, AscensionDayCanFallOnLiberationDay) {
  const auto list = holidays_in_year(2016, {.liberation_day = true});
  EXPECT_TRUE(has(list, d(2016, 5, 5), "Hemelvaartsdag"));
  EXPECT_TRUE(has(list, d(2016, 5, 5), "Bevrijdingsdag"));
  EXPECT_TRUE(std::is_sorted(list.begin(), list.end(),
                             [](const Holiday& a, const Holiday& b) { return a.date < b.date; }));
}

TEST(HolidaysInYear, EasterSundayAndWhitSundayAreNotListed) {
  // They are Sundays, so never working days anyway.
  EXPECT_FALSE(is_holiday(d(2020, 4, 12)));
  EXPECT_FALSE(is_holiday(d(2020, 5, 31)));
}

}  // namespace
}  // namespace rk
