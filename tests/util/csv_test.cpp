// CSV cells: RFC 4180 quoting and the neutralising of cells a spreadsheet would run as formulas
// (docs/privacy.md, CSV-injectie).
#include "util/csv.hpp"

#include <gtest/gtest.h>

namespace rk::util {
namespace {

TEST(CsvQuote, QuotesOnlyWhatRfc4180Requires) {
  EXPECT_EQ(csv_quote("Heerlen"), "Heerlen");
  EXPECT_EQ(csv_quote(""), "");
  EXPECT_EQ(csv_quote("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_quote("zei \"ja\""), "\"zei \"\"ja\"\"\"");
  EXPECT_EQ(csv_quote("regel\nregel"), "\"regel\nregel\"");
  EXPECT_EQ(csv_quote("regel\rregel"), "\"regel\rregel\"");
  // The separator decides: a comma needs no quotes in a ';' file, a semicolon does.
  EXPECT_EQ(csv_quote("a,b", ';'), "a,b");
  EXPECT_EQ(csv_quote("a;b", ';'), "\"a;b\"");
  EXPECT_EQ(csv_quote("Totaal", ';', CsvQuoting::kAlways), "\"Totaal\"");
  // Quoting alone never neutralises: for CSV text that is not a cell of its own.
  EXPECT_EQ(csv_quote("=1+1"), "=1+1");
}

TEST(CsvText, PrefixesEveryCellThatStartsLikeAFormula) {
  EXPECT_EQ(csv_text("=1+1"), "'=1+1");
  EXPECT_EQ(csv_text("+1+1"), "'+1+1");
  EXPECT_EQ(csv_text("-2+3"), "'-2+3");
  EXPECT_EQ(csv_text("@SUM(1)"), "'@SUM(1)");
  EXPECT_EQ(csv_text("\tx"), "'\tx");
  EXPECT_EQ(csv_text("\rx"), "\"'\rx\"");  // CR also needs quotes
  EXPECT_EQ(csv_text("-"), "'-");
  EXPECT_EQ(csv_text("+31612345678"), "'+31612345678");
  EXPECT_EQ(csv_text("-cmd|' /C calc'!A0"), "'-cmd|' /C calc'!A0");
}

TEST(CsvText, NeutralisesFirstThenQuotes) {
  // The quote goes inside the double quotes, so the separator in the payload cannot start a cell.
  EXPECT_EQ(csv_text("=HYPERLINK(\"http://x\",\"y\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
  EXPECT_EQ(csv_text("=1+1;=2+2", ';'), "\"'=1+1;=2+2\"");
  EXPECT_EQ(csv_text("@x", ';', CsvQuoting::kAlways), "\"'@x\"");
}

TEST(CsvText, LeavesOtherTextAndPlainNumbersAlone) {
  EXPECT_EQ(csv_text("Heerlen Noord"), "Heerlen Noord");
  EXPECT_EQ(csv_text(""), "");
  EXPECT_EQ(csv_text(" =1+1"), " =1+1");  // only the first character counts (OWASP)
  EXPECT_EQ(csv_text("a=b"), "a=b");
  EXPECT_EQ(csv_text("<5"), "<5");
  EXPECT_EQ(csv_text("'quoted"), "'quoted");
  // Negative numbers are numbers, not formulas: they stay numbers in the spreadsheet.
  EXPECT_EQ(csv_text("-12"), "-12");
  EXPECT_EQ(csv_text("-3.5"), "-3.5");
  EXPECT_EQ(csv_text("-2"), "-2");
}

TEST(IsPlainNumber, AcceptsOnlyDigitsWithOptionalSignAndDecimals) {
  for (const char* yes : {"0", "12", "-12", "-3.5", "85.0", "007"})
    EXPECT_TRUE(is_plain_number(yes)) << yes;
  for (const char* no : {"", "-", "+1", "1.", ".5", "-.5", "1e5", "-1e5", "1,5", "1.2.3", "-2+3",
                         "12 ", " 12", "--1", "2020-07-01"})
    EXPECT_FALSE(is_plain_number(no)) << no;
}

TEST(StartsLikeFormula, FollowsTheOwaspList) {
  for (const char* yes : {"=", "+", "-", "@", "\t", "\r", "=A1", "-A1", "+-1"})
    EXPECT_TRUE(starts_like_formula(yes)) << yes;
  for (const char* no : {"", "A=1", "-1", "-0.25", "1-1", " -1+2", "\n=1"})
    EXPECT_FALSE(starts_like_formula(no)) << no;
}

}  // namespace
}  // namespace rk::util
