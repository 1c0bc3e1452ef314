// Unit tests for Europe/Amsterdam to UTC: plain offsets, the DST change days of 2020 (29 March
// and 25 October), the nonexistent and the repeated hour, and real elapsed time.
#include <gtest/gtest.h>

#include "calendar/timezone.hpp"

namespace rk {
namespace {

Timestamp ts(std::string_view text) {
  const auto t = parse_timestamp(text);
  EXPECT_TRUE(t.has_value()) << text;
  return t.value_or(Timestamp{});
}

constexpr int64_t kHour = 3600;

TEST(Timezone, WinterAndSummerOffsets) {
  EXPECT_EQ(to_utc_seconds(ts("2020-01-15T09:30")), 1579077000);  // CET
  EXPECT_EQ(to_utc_seconds(ts("2020-07-01T12:00")), 1593597600);  // CEST
  EXPECT_EQ(to_utc_seconds(ts("1970-01-01T01:00")), 0);
  EXPECT_EQ(utc_offset_seconds(ts("2020-12-31T23:59:59")), 3600);
  EXPECT_EQ(utc_offset_seconds(ts("2020-06-21T00:00")), 7200);
}

TEST(Timezone, SpringForward2020) {
  // 29 March 2020: 02:00 CET becomes 03:00 CEST (01:00Z).
  EXPECT_EQ(utc_offset_seconds(ts("2020-03-29T01:59:59")), 3600);
  EXPECT_EQ(utc_offset_seconds(ts("2020-03-29T03:00")), 7200);
  const int64_t jump = to_utc_seconds(ts("2020-03-29T03:00"));
  EXPECT_EQ(to_utc_seconds(ts("2020-03-29T01:59:59")), jump - 1);
  // 02:30 does not exist: read as standard time, the same instant as 03:30 CEST.
  EXPECT_EQ(utc_offset_seconds(ts("2020-03-29T02:30")), 3600);
  EXPECT_EQ(to_utc_seconds(ts("2020-03-29T02:30")), to_utc_seconds(ts("2020-03-29T03:30")));
  // The night is an hour short.
  EXPECT_EQ(elapsed_seconds(ts("2020-03-28T12:00"), ts("2020-03-29T12:00")), 23 * kHour);
  EXPECT_EQ(elapsed_seconds(ts("2020-03-29T01:30"), ts("2020-03-29T03:30")), 1 * kHour);
}

TEST(Timezone, FallBack2020) {
  // 25 October 2020: 03:00 CEST becomes 02:00 CET (01:00Z); 02:xx happens twice.
  EXPECT_EQ(utc_offset_seconds(ts("2020-10-25T01:59:59")), 7200);
  EXPECT_EQ(utc_offset_seconds(ts("2020-10-25T02:30")), 7200);  // first occurrence, CEST
  EXPECT_EQ(utc_offset_seconds(ts("2020-10-25T03:00")), 3600);
  EXPECT_EQ(to_utc_seconds(ts("2020-10-25T02:30")), to_utc_seconds(ts("2020-10-25T01:30")) + kHour);
  EXPECT_EQ(to_utc_seconds(ts("2020-10-25T03:00")),
            to_utc_seconds(ts("2020-10-25T02:00")) + 2 * kHour);
  // The night is an hour long.
  EXPECT_EQ(elapsed_seconds(ts("2020-10-24T12:00"), ts("2020-10-25T12:00")), 25 * kHour);
  EXPECT_EQ(elapsed_seconds(ts("2020-10-25T00:00"), ts("2020-10-25T04:00")), 5 * kHour);
}

TEST(Timezone, ChangeDaysAreTheLastSundays) {
  const char* spring[] = {"2018-03-25", "2019-03-31", "2020-03-29", "2021-03-28",
                          "2022-03-27", "2023-03-26", "2024-03-31", "2025-03-30"};
  const char* autumn[] = {"2018-10-28", "2019-10-27", "2020-10-25", "2021-10-31",
                          "2022-10-30", "2023-10-29", "2024-10-27", "2025-10-26"};
  for (const char* day : spring) {
    const Timestamp midnight = ts(day);
    EXPECT_EQ(elapsed_seconds(midnight, Timestamp{midnight.seconds + 24 * kHour}), 23 * kHour)
        << day;
    EXPECT_EQ(elapsed_seconds(Timestamp{midnight.seconds - 24 * kHour}, midnight), 24 * kHour)
        << day;
  }
  for (const char* day : autumn) {
    const Timestamp midnight = ts(day);
    EXPECT_EQ(elapsed_seconds(midnight, Timestamp{midnight.seconds + 24 * kHour}), 25 * kHour)
        << day;
    EXPECT_EQ(elapsed_seconds(Timestamp{midnight.seconds + 24 * kHour},
                              Timestamp{midnight.seconds + 48 * kHour}),
              24 * kHour)
        << day;
  }
}

TEST(Timezone, ElapsedIsSignedAndPlainOutsideChanges) {
  const Timestamp a = ts("2020-05-01T08:00");
  const Timestamp b = ts("2020-05-02T08:00");
  EXPECT_EQ(elapsed_seconds(a, b), 24 * kHour);
  EXPECT_EQ(elapsed_seconds(b, a), -24 * kHour);
  // Across the year boundary, both in winter time.
  EXPECT_EQ(elapsed_seconds(ts("2020-12-31T23:00"), ts("2021-01-01T01:00")), 2 * kHour);
}

TEST(Timezone, FromUtcRoundTrips) {
  // Every quarter of an hour of 2020: back and forth is the identity, except the second
  // occurrence of the repeated hour, which to_utc_seconds reads as the first.
  const int64_t repeated_start = to_utc_seconds(ts("2020-10-25T02:00")) + kHour;  // 01:00Z
  for (int64_t u = to_utc_seconds(ts("2020-01-01T00:00")); u < to_utc_seconds(ts("2021-01-01"));
       u += 15 * 60) {
    const int64_t back = to_utc_seconds(from_utc_seconds(u));
    if (u >= repeated_start && u < repeated_start + kHour)
      ASSERT_EQ(back, u - kHour) << u;
    else
      ASSERT_EQ(back, u) << u;
  }
  EXPECT_EQ(from_utc_seconds(1593597600), ts("2020-07-01T12:00"));
  EXPECT_EQ(from_utc_seconds(0), ts("1970-01-01T01:00"));
}

}  // namespace
}  // namespace rk
