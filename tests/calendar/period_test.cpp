// Unit tests for periods: parsing every accepted form, keys (ISO week-year included), whole
// series buckets, last days of months and quarters, and Dutch labels.
#include <gtest/gtest.h>

#include "calendar/period.hpp"

namespace rk {
namespace {

Date d(int y, unsigned m, unsigned day) { return Date::from_civil(y, m, day); }
Period p(Date from, Date to) { return Period{from, to}; }

TEST(ParsePeriod, YearHalfQuarterMonth) {
  EXPECT_EQ(parse_period("2020"), p(d(2020, 1, 1), d(2020, 12, 31)));
  EXPECT_EQ(parse_period("2020H1"), p(d(2020, 1, 1), d(2020, 6, 30)));
  EXPECT_EQ(parse_period("2020H2"), p(d(2020, 7, 1), d(2020, 12, 31)));
  EXPECT_EQ(parse_period("2020Q1"), p(d(2020, 1, 1), d(2020, 3, 31)));
  EXPECT_EQ(parse_period("2020Q2"), p(d(2020, 4, 1), d(2020, 6, 30)));
  EXPECT_EQ(parse_period("2020Q3"), p(d(2020, 7, 1), d(2020, 9, 30)));
  EXPECT_EQ(parse_period("2020Q4"), p(d(2020, 10, 1), d(2020, 12, 31)));
  EXPECT_EQ(parse_period("2020-11"), p(d(2020, 11, 1), d(2020, 11, 30)));
  EXPECT_EQ(parse_period("2020-02"), p(d(2020, 2, 1), d(2020, 2, 29)));  // leap year
  EXPECT_EQ(parse_period("2021-02"), p(d(2021, 2, 1), d(2021, 2, 28)));
  EXPECT_EQ(parse_period("2020h2"), parse_period("2020H2"));
  EXPECT_EQ(parse_period("2020q3"), parse_period("2020Q3"));
}

TEST(ParsePeriod, IsoWeeks) {
  EXPECT_EQ(parse_period("2020-W05"), p(d(2020, 1, 27), d(2020, 2, 2)));
  EXPECT_EQ(parse_period("2020W05"), parse_period("2020-W05"));
  EXPECT_EQ(parse_period("2020-W01"), p(d(2019, 12, 30), d(2020, 1, 5)));
  EXPECT_EQ(parse_period("2020-W53"), p(d(2020, 12, 28), d(2021, 1, 3)));
  EXPECT_EQ(parse_period("2015-W53"), p(d(2015, 12, 28), d(2016, 1, 3)));
  EXPECT_EQ(parse_period("2021-W53"), std::nullopt);  // 2021 has 52 weeks
  EXPECT_EQ(parse_period("2020-W00"), std::nullopt);
  EXPECT_EQ(parse_period("2020-W54"), std::nullopt);
  EXPECT_EQ(parse_period("2020-w05"), parse_period("2020-W05"));
}

TEST(ParsePeriod, DateRanges) {
  EXPECT_EQ(parse_period("2020-01-01..2020-03-31"), p(d(2020, 1, 1), d(2020, 3, 31)));
  EXPECT_EQ(parse_period("2020-05-05..2020-05-05"), p(d(2020, 5, 5), d(2020, 5, 5)));
  EXPECT_EQ(parse_period("2020-03-31..2020-01-01"), std::nullopt);  // reversed
  EXPECT_EQ(parse_period("2021-02-29..2021-03-31"), std::nullopt);  // no such date
  EXPECT_EQ(parse_period("2020-01-01..2020-03-31x"), std::nullopt);
  EXPECT_EQ(parse_period("2020-01-01.."), std::nullopt);
  EXPECT_EQ(parse_period("..2020-01-01"), std::nullopt);
}

TEST(ParsePeriod, RejectsEverythingElse) {
  for (const char* bad :
       {"",         "20",      "202",     "20201",  "1899",       "2020H0",  "2020H3",  "2020Q0",
        "2020Q5",   "2020-13", "2020-00", "2020-1", "2020-W5",    "2020-W",  "2020X05", "2020/W05",
        "2020-W5x", "abcd",    "2020Q1 ", " 2020",  "2020-11-01", "2020Q12", "2020H1x"}) {
    EXPECT_EQ(parse_period(bad), std::nullopt) << '"' << bad << '"';
  }
}

TEST(PeriodKey, RoundTripsThroughParsePeriod) {
  for (const char* key :
       {"2020", "2020H1", "2020H2", "2020Q1", "2020Q4", "2020-11", "2020-W05", "2020-W53",
        "2020-01-01..2020-01-15", "2020-05-05..2020-05-05", "2019-12-01..2020-02-29"}) {
    const auto period = parse_period(key);
    ASSERT_TRUE(period.has_value()) << key;
    EXPECT_EQ(period_key(*period), key);
  }
  EXPECT_EQ(period_key(p(d(2020, 1, 1), d(2020, 3, 31))), "2020Q1");  // most specific first
}

TEST(Keys, MonthQuarterHalf) {
  EXPECT_EQ(month_key(d(2020, 4, 30)), "2020-04");
  EXPECT_EQ(month_key(d(2020, 12, 1)), "2020-12");
  EXPECT_EQ(quarter_key(d(2020, 3, 31)), "2020Q1");
  EXPECT_EQ(quarter_key(d(2020, 4, 1)), "2020Q2");
  EXPECT_EQ(quarter_key(d(2020, 12, 31)), "2020Q4");
  EXPECT_EQ(half_key(d(2020, 6, 30)), "2020H1");
  EXPECT_EQ(half_key(d(2020, 7, 1)), "2020H2");
  EXPECT_EQ(half_key(d(2020, 12, 31)), "2020H2");
}

TEST(Keys, IsoWeekUsesTheWeekYear) {
  EXPECT_EQ(iso_week_key(d(2020, 1, 27)), "2020-W05");
  EXPECT_EQ(iso_week_key(d(2021, 1, 1)), "2020-W53");  // Friday: still 2020's last week
  EXPECT_EQ(iso_week_key(d(2021, 1, 3)), "2020-W53");
  EXPECT_EQ(iso_week_key(d(2021, 1, 4)), "2021-W01");
  EXPECT_EQ(iso_week_key(d(2019, 12, 30)), "2020-W01");  // Monday: already 2020's first week
  EXPECT_EQ(iso_week_key(d(2016, 1, 1)), "2015-W53");
  EXPECT_EQ(iso_week_key(d(2018, 12, 31)), "2019-W01");
  EXPECT_EQ(iso_week_key(d(2022, 1, 2)), "2021-W52");
  EXPECT_EQ(iso_weeks_in_year(2020), 53u);  // leap year starting on Wednesday
  EXPECT_EQ(iso_weeks_in_year(2015), 53u);  // starts on Thursday
  EXPECT_EQ(iso_weeks_in_year(2021), 52u);
  EXPECT_EQ(iso_weeks_in_year(2026), 53u);
  EXPECT_EQ(iso_week_monday(2020, 5), d(2020, 1, 27));
}

TEST(Keys, IsoWeekIsConsistentOverManyYears) {
  // Consecutive days: the week number only changes on Mondays, by one, or wraps to week 1.
  IsoWeek prev = iso_week(d(1999, 12, 31));
  for (Date day = d(2000, 1, 1); day <= d(2040, 12, 31); day = day + 1) {
    const IsoWeek w = iso_week(day);
    if (day.iso_weekday() != 1) {
      ASSERT_EQ(w.year, prev.year) << day.to_string();
      ASSERT_EQ(w.week, prev.week) << day.to_string();
    } else if (w.week == 1) {
      ASSERT_EQ(prev.week, iso_weeks_in_year(prev.year)) << day.to_string();
      ASSERT_EQ(w.year, prev.year + 1) << day.to_string();
    } else {
      ASSERT_EQ(w.week, prev.week + 1) << day.to_string();
    }
    ASSERT_EQ(iso_week_monday(w.year, w.week), day - static_cast<int32_t>(day.iso_weekday() - 1));
    prev = w;
  }
}

TEST(LastDay, MonthAndQuarter) {
  EXPECT_EQ(last_day_of_month(d(2020, 2, 10)), d(2020, 2, 29));
  EXPECT_EQ(last_day_of_month(d(2021, 2, 10)), d(2021, 2, 28));
  EXPECT_EQ(last_day_of_month(d(1900, 2, 1)), d(1900, 2, 28));  // not a leap year
  EXPECT_EQ(last_day_of_month(d(2000, 2, 1)), d(2000, 2, 29));  // a leap year
  EXPECT_EQ(last_day_of_month(d(2020, 12, 31)), d(2020, 12, 31));
  EXPECT_EQ(first_day_of_month(d(2020, 12, 31)), d(2020, 12, 1));
  EXPECT_EQ(last_day_of_quarter(d(2020, 1, 1)), d(2020, 3, 31));
  EXPECT_EQ(last_day_of_quarter(d(2020, 5, 15)), d(2020, 6, 30));
  EXPECT_EQ(last_day_of_quarter(d(2020, 9, 30)), d(2020, 9, 30));
  EXPECT_EQ(last_day_of_quarter(d(2020, 10, 1)), d(2020, 12, 31));
  EXPECT_EQ(first_day_of_quarter(d(2020, 8, 17)), d(2020, 7, 1));
}

std::vector<std::string> keys(const std::vector<KeyedPeriod>& buckets) {
  std::vector<std::string> result;
  for (const KeyedPeriod& b : buckets) result.push_back(b.key);
  return result;
}

TEST(Series, Months2020H2) {
  const auto months = months_overlapping(*parse_period("2020H2"));
  EXPECT_EQ(keys(months), (std::vector<std::string>{"2020-07", "2020-08", "2020-09", "2020-10",
                                                    "2020-11", "2020-12"}));
  EXPECT_EQ(months.front(), p(d(2020, 7, 1), d(2020, 7, 31)));
  EXPECT_EQ(months.back(), p(d(2020, 12, 1), d(2020, 12, 31)));
}

TEST(Series, Quarters2020H2) {
  const auto quarters = quarters_overlapping(*parse_period("2020H2"));
  EXPECT_EQ(keys(quarters), (std::vector<std::string>{"2020Q3", "2020Q4"}));
  EXPECT_EQ(quarters[1].to, d(2020, 12, 31));
}

TEST(Series, WholeBucketsFromTheMonthOfFromToTheMonthOfTo) {
  const Period odd = p(d(2020, 2, 15), d(2020, 4, 3));
  const auto months = months_overlapping(odd);
  EXPECT_EQ(keys(months), (std::vector<std::string>{"2020-02", "2020-03", "2020-04"}));
  EXPECT_EQ(months.front().from, d(2020, 2, 1));  // not clipped
  EXPECT_EQ(months.back().to, d(2020, 4, 30));
  const auto quarters = quarters_overlapping(odd);
  EXPECT_EQ(keys(quarters), (std::vector<std::string>{"2020Q1", "2020Q2"}));
  EXPECT_EQ(quarters.back().to, d(2020, 6, 30));  // the quarter's last day lies after `to`
  const auto across_years = quarters_overlapping(p(d(2019, 11, 1), d(2020, 1, 1)));
  EXPECT_EQ(keys(across_years), (std::vector<std::string>{"2019Q4", "2020Q1"}));
}

TEST(Series, IsoWeeksAroundNewYear) {
  const auto weeks = iso_weeks_overlapping(p(d(2020, 12, 20), d(2021, 1, 12)));
  EXPECT_EQ(keys(weeks),
            (std::vector<std::string>{"2020-W51", "2020-W52", "2020-W53", "2021-W01", "2021-W02"}));
  EXPECT_EQ(weeks.front(), p(d(2020, 12, 14), d(2020, 12, 20)));
  EXPECT_EQ(weeks[2], p(d(2020, 12, 28), d(2021, 1, 3)));
  EXPECT_EQ(iso_weeks_overlapping(*parse_period("2020H2")).size(), 27u);  // W27..W53
}

TEST(Series, EmptyForAnEmptyPeriod) {
  const Period reversed = p(d(2020, 3, 1), d(2020, 2, 1));
  EXPECT_TRUE(months_overlapping(reversed).empty());
  EXPECT_TRUE(quarters_overlapping(reversed).empty());
  EXPECT_TRUE(iso_weeks_overlapping(reversed).empty());
  EXPECT_EQ(reversed.days(), 0);
  EXPECT_EQ(parse_period("2020")->days(), 366);
  EXPECT_TRUE(parse_period("2020")->contains(d(2020, 12, 31)));
  EXPECT_FALSE(parse_period("2020")->contains(d(2021, 1, 1)));
}

TEST(LabelNl, DutchDisplay) {
  EXPECT_EQ(period_label_nl(*parse_period("2020")), "2020");
  EXPECT_EQ(period_label_nl(*parse_period("2020H1")), "1e halfjaar 2020");
  EXPECT_EQ(period_label_nl(*parse_period("2020H2")), "2e halfjaar 2020");
  EXPECT_EQ(period_label_nl(*parse_period("2020-01")), "januari 2020");
  EXPECT_EQ(period_label_nl(*parse_period("2020-03")), "maart 2020");
  EXPECT_EQ(period_label_nl(*parse_period("2020-12")), "december 2020");
  EXPECT_EQ(period_label_nl(*parse_period("2020Q1")), "1e kwartaal 2020");
  EXPECT_EQ(period_label_nl(*parse_period("2020Q4")), "4e kwartaal 2020");
  EXPECT_EQ(period_label_nl(*parse_period("2020-W01")), "week 1 2020");
  // 2021-01-01 lies in week 53 of week-year 2020.
  EXPECT_EQ(period_label_nl(*parse_period("2020-W53")), "week 53 2020");
  EXPECT_EQ(period_label_nl(p(d(2020, 12, 28), d(2021, 1, 3))), "week 53 2020");
  // Not a whole quarter or week: a range.
  EXPECT_EQ(period_label_nl(p(d(2020, 1, 1), d(2020, 3, 30))), "1 jan 2020 t/m 30 mrt 2020");
  EXPECT_EQ(period_label_nl(p(d(2020, 12, 29), d(2021, 1, 4))), "29 dec 2020 t/m 4 jan 2021");
  EXPECT_EQ(period_label_nl(p(d(2020, 5, 5), d(2020, 5, 5))), "5 mei 2020");
  EXPECT_EQ(period_label_nl(p(d(2019, 10, 15), d(2020, 6, 9))), "15 okt 2019 t/m 9 jun 2020");
}

}  // namespace
}  // namespace rk
