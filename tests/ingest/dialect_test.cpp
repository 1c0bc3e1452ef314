// Specification of the dialect rules (data-contract.md, "Files as people save them"): detection
// of encoding, separator and line ends, conversion to UTF-8, and the value readings.
#include "ingest/dialect.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace rk::ingest {
namespace {

using ::testing::HasSubstr;
using FT = model::FieldType;

// ---- Detection ----

TEST(DialectDetect, CanonicalFileIsUtf8CommaLf) {
  const Dialect d = detect_dialect("code,name\nGM0917,Heerlen\n");
  EXPECT_EQ(d.encoding, Encoding::kUtf8);
  EXPECT_EQ(d.separator, ',');
  EXPECT_EQ(d.line_end, LineEnd::kLf);
  EXPECT_FALSE(d.has_invalid_utf8);
  EXPECT_TRUE(d.canonical());
  EXPECT_FALSE(d.needs_conversion());
  EXPECT_EQ(d.decimal_mark(), '.');
}

TEST(DialectDetect, BomSemicolonCrlf) {
  const Dialect d = detect_dialect(
      "\xEF\xBB\xBF"
      "code;name\r\nGM0917;Heerlen\r\n");
  EXPECT_EQ(d.encoding, Encoding::kUtf8Bom);
  EXPECT_EQ(d.separator, ';');
  EXPECT_EQ(d.line_end, LineEnd::kCrLf);
  EXPECT_FALSE(d.canonical());
  EXPECT_FALSE(d.needs_conversion());
  EXPECT_EQ(d.decimal_mark(), ',');
  EXPECT_EQ(d.group_mark(), '.');
}

TEST(DialectDetect, TabAndCarriageReturnOnly) {
  const Dialect d = detect_dialect("code\tname\rGM0917\tHeerlen\r");
  EXPECT_EQ(d.separator, '\t');
  EXPECT_EQ(d.line_end, LineEnd::kCr);
  EXPECT_TRUE(d.needs_conversion());
  EXPECT_EQ(d.decimal_mark(), ',');
}

TEST(DialectDetect, SeparatorIsTakenFromTheHeaderOutsideQuotes) {
  // The header's quoted name holds commas; the data rows hold more commas than semicolons.
  EXPECT_EQ(detect_dialect("\"a,b,c\";d\n1,2,3,4,5;6\n").separator, ';');
  // A one-column file, and a tie with the comma, read as the canonical comma.
  EXPECT_EQ(detect_dialect("code\nGM0917\n").separator, ',');
  EXPECT_EQ(detect_dialect("a;b,c\n").separator, ',');
}

TEST(DialectDetect, NoValidMultiByteSequenceMeansWindows1252) {
  // "Cliënt" in Windows-1252: 0xEB is no UTF-8 lead byte followed by a continuation.
  const Dialect d = detect_dialect("naam;plaats\nCli\xEBnt;Heerlen\n");
  EXPECT_EQ(d.encoding, Encoding::kWindows1252);
  EXPECT_FALSE(d.has_invalid_utf8);
  EXPECT_TRUE(d.needs_conversion());
}

TEST(DialectDetect, Utf8WithOneBadByteIsUtf8WithBadRows) {
  const Dialect d = detect_dialect("naam,plaats\nCli\xC3\xABnt,Heerlen\nX\xFF,Y\n");
  EXPECT_EQ(d.encoding, Encoding::kUtf8);
  EXPECT_TRUE(d.has_invalid_utf8);
  EXPECT_FALSE(d.needs_conversion());
}

TEST(DialectDetect, BomWithBadBytesStaysUtf8) {
  const Dialect d = detect_dialect(
      "\xEF\xBB\xBF"
      "a,b\nx\xE9,y\n");
  EXPECT_EQ(d.encoding, Encoding::kUtf8Bom);
  EXPECT_TRUE(d.has_invalid_utf8);
}

TEST(DialectDetect, EmptyInputIsCanonical) {
  EXPECT_TRUE(detect_dialect("").canonical());
  EXPECT_TRUE(detect_dialect("\xEF\xBB\xBF").canonical());
}

// ---- Conversion ----

TEST(DialectConvert, Windows1252IsDecodedByIconv) {
  const std::string in =
      "naam;bedrag\nCli\xEBnt \x80 5;\x93"
      "a\x94\n";
  auto out = to_utf8_lines(in, detect_dialect(in));
  ASSERT_TRUE(out.is_ok()) << out.status().message();
  EXPECT_EQ(*out,
            "naam;bedrag\nCli\xC3\xABnt \xE2\x82\xAC 5;\xE2\x80\x9C"
            "a\xE2\x80\x9D\n");
}

TEST(DialectConvert, UnassignedWindows1252BytesAreKeptAsC1Controls) {
  const std::string in = "a;b\nx\x81y\x9D;\xE9\n";
  auto out = to_utf8_lines(in, detect_dialect(in));
  ASSERT_TRUE(out.is_ok());
  EXPECT_EQ(*out, "a;b\nx\xC2\x81y\xC2\x9D;\xC3\xA9\n");
}

TEST(DialectConvert, LoneCarriageReturnsBecomeLineFeeds) {
  const std::string in = "a,b\r1,2\r3,4";
  auto out = to_utf8_lines(in, detect_dialect(in));
  ASSERT_TRUE(out.is_ok());
  EXPECT_EQ(*out, "a,b\n1,2\n3,4");
}

TEST(DialectConvert, LargeWindows1252FileRoundTrips) {
  std::string in = "naam;plaats\n";
  std::string expected = in;
  for (int i = 0; i < 5000; ++i) {
    in += "Ren\xE9;Caf\xE9\n";
    expected += "Ren\xC3\xA9;Caf\xC3\xA9\n";
  }
  auto out = to_utf8_lines(in, detect_dialect(in));
  ASSERT_TRUE(out.is_ok());
  EXPECT_EQ(*out, expected);
}

// ---- Description and rows ----

TEST(DialectDescribe, SaysHowTheFileWasRead) {
  Dialect d;
  d.encoding = Encoding::kWindows1252;
  d.separator = ';';
  EXPECT_EQ(describe(d), "gelezen als Windows-1252, scheidingsteken ;, decimaalteken ,");
  EXPECT_EQ(describe(Dialect{}), "gelezen als UTF-8, scheidingsteken ,, decimaalteken .");
  d = Dialect{};
  d.encoding = Encoding::kUtf8Bom;
  d.separator = '\t';
  EXPECT_EQ(describe(d), "gelezen als UTF-8 met BOM, scheidingsteken tab, decimaalteken ,");
}

TEST(DialectRows, BadByteIsNamedWithItsFileOffset) {
  std::string reason;
  EXPECT_TRUE(check_row_utf8("Cli\xC3\xABnt,Heerlen", 100, reason));
  EXPECT_FALSE(check_row_utf8("ab\xFF", 100, reason));
  EXPECT_THAT(reason, HasSubstr("0xFF"));
  EXPECT_THAT(reason, HasSubstr("byte-positie 102"));
}

// ---- Values ----

Dialect semicolon() {
  Dialect d;
  d.separator = ';';
  return d;
}

// The canonical text of `raw`, "=" + raw when it is read as it is, "!" + reason when invalid.
std::string read(FT type, std::string_view raw, const Dialect& d = Dialect{}) {
  std::string out;
  std::string reason;
  switch (read_value(type, raw, d, out, reason)) {
    case Reading::kAsIs:
      return "=" + std::string(raw);
    case Reading::kRewritten:
      return out;
    case Reading::kInvalid:
      return "!" + reason;
  }
  return "?";
}

TEST(DialectValues, DecimalCommaAndThousandsInASemicolonFile) {
  const Dialect d = semicolon();
  EXPECT_EQ(read(FT::kMoney, "1234,56", d), "1234.56");
  EXPECT_EQ(read(FT::kMoney, "1.234,56", d), "1234.56");
  EXPECT_EQ(read(FT::kMoney, "-1.234.567,5", d), "-1234567.5");
  EXPECT_EQ(read(FT::kNumber, "0,25", d), "0.25");
  EXPECT_EQ(read(FT::kInt, "1.234", d), "1234");
  EXPECT_EQ(read(FT::kInt, "12", d), "=12");
  EXPECT_EQ(read(FT::kMoney, "+5,5", d), "5.5");
}

TEST(DialectValues, ValueThatFitsNoReadingNamesTheExpectedForm) {
  const Dialect d = semicolon();
  const std::string point = read(FT::kMoney, "12.5", d);
  EXPECT_THAT(point, HasSubstr("punt als decimaalteken"));
  EXPECT_THAT(point, HasSubstr("gescheiden door ;"));
  EXPECT_THAT(point, HasSubstr("schrijf 12,5"));
  EXPECT_THAT(read(FT::kNumber, "1.23.4", d), HasSubstr("!geen getal: '1.23.4'"));
  EXPECT_THAT(read(FT::kNumber, "1,2,3", d), HasSubstr("1.234,56"));
  Dialect tab;
  tab.separator = '\t';
  EXPECT_THAT(read(FT::kNumber, "7.5", tab), HasSubstr("gescheiden door tabs"));
}

TEST(DialectValues, CommaFileGroupsWithCommas) {
  EXPECT_EQ(read(FT::kMoney, "1234.5"), "=1234.5");
  EXPECT_EQ(read(FT::kMoney, "1,234.56"), "1234.56");
  EXPECT_EQ(read(FT::kInt, "1,234,567"), "1234567");
  // Not a grouping: left for parse_field, which names the canonical form.
  EXPECT_EQ(read(FT::kMoney, "12,50"), "=12,50");
}

TEST(DialectValues, DayFirstDates) {
  EXPECT_EQ(read(FT::kDate, "2020-12-07"), "=2020-12-07");
  EXPECT_EQ(read(FT::kDate, "7-12-2020"), "2020-12-07");
  EXPECT_EQ(read(FT::kDate, "07-12-2020"), "2020-12-07");
  EXPECT_EQ(read(FT::kDate, "7/12/2020"), "2020-12-07");
  EXPECT_EQ(read(FT::kDate, "29-2-2020"), "2020-02-29");
  EXPECT_THAT(read(FT::kDate, "30-2-2020"), HasSubstr("!geen bestaande datum"));
  EXPECT_THAT(read(FT::kDate, "7-13-2020"), HasSubstr("!geen bestaande datum"));
  // Not a date form: parse_field rejects them.
  EXPECT_EQ(read(FT::kDate, "7-12-20"), "=7-12-20");
  EXPECT_EQ(read(FT::kDate, "7-12/2020"), "=7-12/2020");
  EXPECT_EQ(read(FT::kDate, "2020-1-5"), "=2020-1-5");
  EXPECT_EQ(read(FT::kDate, "123-1-2020"), "=123-1-2020");
  EXPECT_EQ(read(FT::kDate, "1-1-20201"), "=1-1-20201");
}

TEST(DialectValues, Timestamps) {
  EXPECT_EQ(read(FT::kTimestamp, "2020-12-07T13:05"), "=2020-12-07T13:05");
  EXPECT_EQ(read(FT::kTimestamp, "2020-12-07"), "=2020-12-07");
  EXPECT_EQ(read(FT::kTimestamp, "2020-12-07 13:05:09"), "2020-12-07T13:05:09");
  EXPECT_EQ(read(FT::kTimestamp, "07-12-2020 13:05:09"), "2020-12-07T13:05:09");
  EXPECT_EQ(read(FT::kTimestamp, "7-12-2020 9:05"), "2020-12-07T09:05");
  EXPECT_EQ(read(FT::kTimestamp, "7/12/2020T9:05"), "2020-12-07T09:05");
  EXPECT_EQ(read(FT::kTimestamp, "7-12-2020"), "2020-12-07");
  EXPECT_EQ(read(FT::kTimestamp, "7-12-2020 9"), "=7-12-2020 9");
  EXPECT_EQ(read(FT::kTimestamp, "7-12-2020 9:5"), "=7-12-2020 9:5");
  EXPECT_EQ(read(FT::kTimestamp, "7-12-2020x9:05"), "=7-12-2020x9:05");
}

TEST(DialectValues, BooleansInEveryCase) {
  EXPECT_EQ(read(FT::kBool, "WAAR"), "true");
  EXPECT_EQ(read(FT::kBool, "Onwaar"), "false");
  EXPECT_EQ(read(FT::kBool, "j"), "true");
  EXPECT_EQ(read(FT::kBool, "N"), "false");
  EXPECT_EQ(read(FT::kBool, "JA"), "=JA");
  EXPECT_EQ(read(FT::kBool, "maybe"), "=maybe");
}

TEST(DialectValues, OtherTypesAreReadAsTheyAre) {
  EXPECT_EQ(read(FT::kText, "1.234,5", semicolon()), "=1.234,5");
  EXPECT_EQ(read(FT::kId, "7-12-2020"), "=7-12-2020");
  EXPECT_EQ(read(FT::kMoney, ""), "=");
}

TEST(DialectValues, BsnWithSeparatorsOrADroppedZero) {
  std::string out;
  EXPECT_EQ(read_bsn("111222333", out), Reading::kAsIs);
  EXPECT_EQ(read_bsn("111 222 333", out), Reading::kRewritten);
  EXPECT_EQ(out, "111222333");
  EXPECT_EQ(read_bsn("1112.22.333", out), Reading::kRewritten);
  EXPECT_EQ(out, "111222333");
  EXPECT_EQ(read_bsn("12345672", out), Reading::kRewritten);
  EXPECT_EQ(out, "012345672");
  EXPECT_EQ(read_bsn("1234567", out), Reading::kAsIs);
  EXPECT_EQ(read_bsn("111  222333", out), Reading::kAsIs);
  EXPECT_EQ(read_bsn(" 111222333", out), Reading::kAsIs);
  EXPECT_EQ(read_bsn("111222333.", out), Reading::kAsIs);
  EXPECT_EQ(read_bsn("11122233A", out), Reading::kAsIs);
}

}  // namespace
}  // namespace rk::ingest
