// The shared text helpers: trimming, ASCII case and UTC timestamps.
#include "util/text.hpp"

#include <gtest/gtest.h>

namespace rk::util {
namespace {

TEST(Text, TrimRemovesSpacesTabsAndLineEndsAtBothEnds) {
  EXPECT_EQ(trim("  Heerlen\t\r\n"), "Heerlen");
  EXPECT_EQ(trim("a b"), "a b");
  EXPECT_EQ(trim(" \t "), "");
  EXPECT_EQ(trim(""), "");
}

TEST(Text, LowerTouchesOnlyAsciiLetters) {
  EXPECT_EQ(lower_ascii("Cliëntnummer ABC-9"), "cliëntnummer abc-9");
  EXPECT_TRUE(iequals_ascii("Gemeente", "GEMEENTE"));
  EXPECT_FALSE(iequals_ascii("Gemeente", "Gemeenten"));
  EXPECT_FALSE(iequals_ascii("a", "b"));
}

TEST(Text, UtcTimestampWritesIso8601WithZ) {
  const auto t = std::chrono::sys_days{std::chrono::year{2026} / 12 / 3} + std::chrono::hours{11} +
                 std::chrono::minutes{42} + std::chrono::seconds{40} + std::chrono::milliseconds{7};
  EXPECT_EQ(utc_timestamp(std::chrono::time_point_cast<std::chrono::system_clock::duration>(t)),
            "2026-12-03T11:42:40Z");
  EXPECT_EQ(
      utc_timestamp(std::chrono::time_point_cast<std::chrono::system_clock::duration>(t), true),
      "2026-12-03T11:42:40.007Z");
  EXPECT_EQ(utc_now().size(), 20U);
}

}  // namespace
}  // namespace rk::util
