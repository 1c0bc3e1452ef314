// Specification of workbook cell values as canonical text: date formats, both date systems with
// Excel's fictitious 29 February 1900, and numbers written out.
#include "ingest/xlsx/cell_text.hpp"

#include <gtest/gtest.h>

#include <string>

namespace rk::ingest::xlsx {
namespace {

std::string serial(double value, bool date1904 = false, NumberKind kind = NumberKind::kDate) {
  std::string out;
  if (!serial_to_text(value, date1904, kind, out)) return "refused";
  return out;
}

std::string number(std::string_view text, bool nine = false) {
  std::string out;
  if (!number_text(text, nine, out)) return "refused";
  return out;
}

TEST(XlsxCellText, BuiltinDateFormats) {
  EXPECT_EQ(builtin_format_kind(0), NumberKind::kNumber);
  EXPECT_EQ(builtin_format_kind(2), NumberKind::kNumber);
  EXPECT_EQ(builtin_format_kind(14), NumberKind::kDate);
  EXPECT_EQ(builtin_format_kind(17), NumberKind::kDate);
  EXPECT_EQ(builtin_format_kind(20), NumberKind::kDateTime);
  EXPECT_EQ(builtin_format_kind(22), NumberKind::kDateTime);
  EXPECT_EQ(builtin_format_kind(49), NumberKind::kNumber);
}

TEST(XlsxCellText, CustomFormatCodes) {
  EXPECT_EQ(format_code_kind("General"), NumberKind::kNumber);
  EXPECT_EQ(format_code_kind("#,##0.00"), NumberKind::kNumber);
  EXPECT_EQ(format_code_kind("0.00E+00"), NumberKind::kNumber);
  EXPECT_EQ(format_code_kind("@"), NumberKind::kNumber);
  EXPECT_EQ(format_code_kind("[$€-413]\\ #.##0,00;[Red]-#.##0,00"), NumberKind::kNumber);
  EXPECT_EQ(format_code_kind("#,##0 \"dagen\""), NumberKind::kNumber);
  EXPECT_EQ(format_code_kind("_-* #,##0_-"), NumberKind::kNumber);
  EXPECT_EQ(format_code_kind("yyyy\\-mm\\-dd"), NumberKind::kDate);
  EXPECT_EQ(format_code_kind("d-m-yyyy"), NumberKind::kDate);
  EXPECT_EQ(format_code_kind("[$-413]d mmmm yyyy;@"), NumberKind::kDate);
  EXPECT_EQ(format_code_kind("d\\-m\\-yyyy\\ hh:mm"), NumberKind::kDateTime);
  EXPECT_EQ(format_code_kind("[h]:mm:ss"), NumberKind::kDateTime);
  EXPECT_EQ(format_code_kind("DD-MM-YYYY HH:MM:SS"), NumberKind::kDateTime);
}

TEST(XlsxCellText, The1900SystemWithItsFictitiousLeapDay) {
  EXPECT_EQ(serial(1), "1900-01-01");
  EXPECT_EQ(serial(59), "1900-02-28");
  EXPECT_EQ(serial(60), "1900-02-29");  // does not exist; every date column rejects it
  EXPECT_EQ(serial(61), "1900-03-01");
  EXPECT_EQ(serial(41043), "2012-05-14");
  EXPECT_EQ(serial(44172), "2020-12-07");
}

TEST(XlsxCellText, The1904System) {
  EXPECT_EQ(serial(0, true), "1904-01-01");
  EXPECT_EQ(serial(42710, true), "2020-12-07");
}

TEST(XlsxCellText, TimeOfDayOnlyInADateTimeFormat) {
  EXPECT_EQ(serial(44172.5451388889, false, NumberKind::kDateTime), "2020-12-07T13:05:00");
  EXPECT_EQ(serial(44172.5451388889, false, NumberKind::kDate), "2020-12-07");
  // Midnight is written as a bare date, which a timestamp column reads as 00:00.
  EXPECT_EQ(serial(44173, false, NumberKind::kDateTime), "2020-12-08");
  // Rounded to the second, also across midnight.
  EXPECT_EQ(serial(44172.99999999, false, NumberKind::kDateTime), "2020-12-08");
  EXPECT_EQ(serial(-1), "refused");
  EXPECT_EQ(serial(1e12), "refused");
}

TEST(XlsxCellText, NumbersWrittenOut) {
  EXPECT_EQ(number("123456782"), "123456782");
  EXPECT_EQ(number("1.23456782E8"), "123456782");
  EXPECT_EQ(number("1234.5"), "1234.5");
  EXPECT_EQ(number("1234.56"), "1234.56");
  EXPECT_EQ(number("0.30000000000000004"), "0.30000000000000004");
  EXPECT_EQ(number("-0.1"), "-0.1");
  EXPECT_EQ(number("1E-7"), "0.0000001");
  EXPECT_EQ(number("12345672", true), "012345672");
  EXPECT_EQ(number("1234567", true), "001234567");
  EXPECT_EQ(number("1234.5", true), "1234.5");
  EXPECT_EQ(number("1234567890", true), "1234567890");
  EXPECT_EQ(number("abc"), "refused");
  EXPECT_EQ(number("1e999"), "refused");
  EXPECT_EQ(number(""), "refused");
}

}  // namespace
}  // namespace rk::ingest::xlsx
