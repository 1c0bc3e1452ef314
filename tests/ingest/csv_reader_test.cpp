// Specification of the CSV reader: RFC 4180 records, line numbers for rejects, and the whole-file
// checks (UTF-8, empty file) that run before reading.
#include "ingest/csv_reader.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace rk::ingest {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// A record copied out of the reader, so that tests can compare several records at once.
struct Row {
  std::vector<std::string> fields;
  uint64_t line = 0;
  std::string raw;
  std::string error;
  size_t error_field = 0;
};

std::vector<Row> read_all(std::string data) {
  auto reader = CsvReader::from_string(std::move(data));
  std::vector<Row> rows;
  CsvRecord record;
  while (reader->next(record)) {
    Row row;
    row.fields.assign(record.fields.begin(), record.fields.end());
    row.line = record.line;
    row.raw = std::string(record.raw);
    row.error = record.error;
    row.error_field = record.error_field;
    rows.push_back(std::move(row));
  }
  EXPECT_EQ(reader->bytes_read(), reader->size());
  return rows;
}

std::filesystem::path temp_path(const std::string& name) {
  return std::filesystem::temp_directory_path() /
         ("rk_csv_reader_test_" + std::to_string(::getpid()) + "_" + name + ".csv");
}

TEST(CsvReaderTest, ReadsLfRecords) {
  auto rows = read_all("code,name\nGM0917,Heerlen\nGM0882,Landgraaf\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_THAT(rows[0].fields, ElementsAre("code", "name"));
  EXPECT_THAT(rows[1].fields, ElementsAre("GM0917", "Heerlen"));
  EXPECT_THAT(rows[2].fields, ElementsAre("GM0882", "Landgraaf"));
  EXPECT_EQ(rows[0].line, 1u);
  EXPECT_EQ(rows[2].line, 3u);
  EXPECT_EQ(rows[1].raw, "GM0917,Heerlen");
  EXPECT_TRUE(rows[2].error.empty());
}

TEST(CsvReaderTest, ReadsCrlfRecordsWithoutTheCr) {
  auto rows = read_all("a,b\r\n1,2\r\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_THAT(rows[0].fields, ElementsAre("a", "b"));
  EXPECT_THAT(rows[1].fields, ElementsAre("1", "2"));
  EXPECT_EQ(rows[1].raw, "1,2");
  EXPECT_EQ(rows[1].line, 2u);
}

TEST(CsvReaderTest, ReadsMixedLineBreaks) {
  auto rows = read_all("a,b\r\n1,2\n\"3\",4\r\n5,\"6\"\n7,8\r\n");
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_THAT(rows[1].fields, ElementsAre("1", "2"));
  EXPECT_THAT(rows[2].fields, ElementsAre("3", "4"));
  EXPECT_THAT(rows[3].fields, ElementsAre("5", "6"));
  EXPECT_THAT(rows[4].fields, ElementsAre("7", "8"));
  EXPECT_EQ(rows[4].line, 5u);
  EXPECT_EQ(rows[2].raw, "\"3\",4");
}

TEST(CsvReaderTest, KeepsACrThatIsNotPartOfALineBreak) {
  auto rows = read_all("a\rb,c\n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_THAT(rows[0].fields, ElementsAre("a\rb", "c"));
}

TEST(CsvReaderTest, SkipsBom) {
  auto rows = read_all(
      "\xEF\xBB\xBF"
      "code,name\nGM0986,Voerendaal\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_THAT(rows[0].fields, ElementsAre("code", "name"));
  EXPECT_EQ(rows[0].raw, "code,name");
  EXPECT_EQ(rows[0].line, 1u);
}

TEST(CsvReaderTest, ReadsQuotedFieldsWithCommas) {
  auto rows = read_all("name,team\n\"Heerlen, Noord\",\"Team A\"\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_THAT(rows[1].fields, ElementsAre("Heerlen, Noord", "Team A"));
  EXPECT_TRUE(rows[1].error.empty());
}

TEST(CsvReaderTest, UnescapesDoubledQuotes) {
  auto rows = read_all("\"say \"\"ja\"\"\",\"\"\"\",\"\",x\n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_THAT(rows[0].fields, ElementsAre("say \"ja\"", "\"", "", "x"));
  EXPECT_EQ(rows[0].raw, "\"say \"\"ja\"\"\",\"\"\"\",\"\",x");
}

TEST(CsvReaderTest, ManyEscapedFieldsInOneRecordStayValid) {
  // Enough unescaped text to make the scratch buffer grow several times within one record.
  std::string line;
  std::vector<std::string> expected;
  for (int i = 0; i < 200; ++i) {
    std::string value =
        std::string(static_cast<size_t>(i * 7 % 97), 'v') + "\"" + std::to_string(i);
    expected.push_back(value);
    std::string quoted = "\"";
    for (char c : value) {
      quoted += c;
      if (c == '"') quoted += '"';
    }
    line += (i == 0 ? "" : ",") + quoted + "\"";
  }
  auto rows = read_all(line + "\n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].fields, expected);
}

TEST(CsvReaderTest, EmbeddedLineBreaksKeepLaterLineNumbersRight) {
  auto rows = read_all("id,note\n1,\"two\nlines\"\n2,\"three\r\nline\r\nbreaks\"\r\n3,x\n");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_THAT(rows[1].fields, ElementsAre("1", "two\nlines"));
  EXPECT_EQ(rows[1].line, 2u);
  EXPECT_EQ(rows[1].raw, "1,\"two\nlines\"");
  EXPECT_THAT(rows[2].fields, ElementsAre("2", "three\r\nline\r\nbreaks"));
  EXPECT_EQ(rows[2].line, 4u);
  EXPECT_THAT(rows[3].fields, ElementsAre("3", "x"));
  EXPECT_EQ(rows[3].line, 7u);
}

TEST(CsvReaderTest, ReadsEmptyFieldsAndTrailingComma) {
  auto rows = read_all(",,\na,,b,\n\"\",\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_THAT(rows[0].fields, ElementsAre("", "", ""));
  EXPECT_THAT(rows[1].fields, ElementsAre("a", "", "b", ""));
  EXPECT_THAT(rows[2].fields, ElementsAre("", ""));
}

TEST(CsvReaderTest, ReadsFinalLineWithoutLineBreak) {
  auto rows = read_all("a,b\n1,2");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_THAT(rows[1].fields, ElementsAre("1", "2"));
  EXPECT_EQ(rows[1].raw, "1,2");
  EXPECT_EQ(rows[1].line, 2u);

  rows = read_all("a,\"b\"");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_THAT(rows[0].fields, ElementsAre("a", "b"));

  rows = read_all("a,b\r");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_THAT(rows[0].fields, ElementsAre("a", "b"));
  EXPECT_EQ(rows[0].raw, "a,b");
}

TEST(CsvReaderTest, SkipsBlankLinesButCountsThem) {
  auto rows = read_all("\n\na,b\n\r\n\n1,2\n\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].line, 3u);
  EXPECT_EQ(rows[1].line, 6u);
  EXPECT_THAT(rows[1].fields, ElementsAre("1", "2"));
}

TEST(CsvReaderTest, AWhitespaceLineIsNotBlank) {
  auto rows = read_all("a\n \n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_THAT(rows[1].fields, ElementsAre(" "));
}

TEST(CsvReaderTest, UnterminatedQuoteAtEndOfFile) {
  auto rows = read_all("a,b\n1,\"never closed");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].error,
            "veld tussen aanhalingstekens niet afgesloten: het sluitende \" ontbreekt");
  EXPECT_EQ(rows[1].error_field, 2u);
  EXPECT_THAT(rows[1].fields, ElementsAre("1", "never closed"));
  EXPECT_EQ(rows[1].raw, "1,\"never closed");
  EXPECT_EQ(rows[1].line, 2u);

  rows = read_all("\"");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].error,
            "veld tussen aanhalingstekens niet afgesloten: het sluitende \" ontbreekt");
  EXPECT_THAT(rows[0].fields, ElementsAre(""));
}

TEST(CsvReaderTest, UnterminatedQuoteEndsAtItsLineSoLaterRecordsSurvive) {
  auto rows = read_all("a,b\n1,\"oops\r\n2,x\n3,y\n");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[1].error,
            "veld tussen aanhalingstekens niet afgesloten: het sluitende \" ontbreekt");
  EXPECT_THAT(rows[1].fields, ElementsAre("1", "oops"));
  EXPECT_EQ(rows[1].raw, "1,\"oops");
  EXPECT_THAT(rows[2].fields, ElementsAre("2", "x"));
  EXPECT_EQ(rows[2].line, 3u);
  EXPECT_TRUE(rows[2].error.empty());
  EXPECT_EQ(rows[3].line, 4u);
}

TEST(CsvReaderTest, QuoteInsideUnquotedFieldIsAnErrorButKeepsTheText) {
  auto rows = read_all("a,b\n1,5\" screen\n2,ok\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].error,
            "aanhalingsteken in een veld zonder aanhalingstekens: zet het veld tussen \" en "
            "schrijf een \" "
            "in de tekst als \"\"");
  EXPECT_EQ(rows[1].error_field, 2u);
  EXPECT_THAT(rows[1].fields, ElementsAre("1", "5\" screen"));
  EXPECT_TRUE(rows[2].error.empty());
  EXPECT_THAT(rows[2].fields, ElementsAre("2", "ok"));
}

TEST(CsvReaderTest, TextAfterClosingQuoteIsAnErrorButKeepsTheText) {
  auto rows = read_all("\"ab\"cd,e\r\nf,g\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(
      rows[0].error,
      "tekst na het sluitende aanhalingsteken: zet het hele veld tussen \" en schrijf een \" in de "
      "tekst als \"\"");
  EXPECT_EQ(rows[0].error_field, 1u);
  EXPECT_THAT(rows[0].fields, ElementsAre("abcd", "e"));
  EXPECT_THAT(rows[1].fields, ElementsAre("f", "g"));
  EXPECT_EQ(rows[1].line, 2u);
}

TEST(CsvReaderTest, ReadsATenMegabyteField) {
  const std::string big(size_t{10} * 1024 * 1024, 'x');
  auto rows = read_all("a,b\n1," + big + "\n\"" + big + "\"\"\",2\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].fields[1].size(), big.size());
  EXPECT_EQ(rows[1].fields[1], big);
  EXPECT_EQ(rows[2].fields[0], big + "\"");
  EXPECT_EQ(rows[2].fields[1], "2");
  EXPECT_EQ(rows[2].line, 3u);
}

TEST(CsvReaderTest, ReusesTheRecordAndStopsAtEnd) {
  auto reader = CsvReader::from_string("a,b,c\n1\n");
  CsvRecord record;
  ASSERT_TRUE(reader->next(record));
  EXPECT_EQ(record.fields.size(), 3u);
  ASSERT_TRUE(reader->next(record));
  EXPECT_THAT(record.fields, ElementsAre("1"));
  EXPECT_FALSE(reader->next(record));
  EXPECT_TRUE(record.fields.empty());
  EXPECT_FALSE(reader->next(record));
}

TEST(CsvReaderTest, HeaderOnlyFileIsValidAndHasOneRecord) {
  auto reader = CsvReader::from_string("code,name\n");
  EXPECT_TRUE(reader->check_file().is_ok());
  CsvRecord record;
  ASSERT_TRUE(reader->next(record));
  EXPECT_THAT(record.fields, ElementsAre("code", "name"));
  EXPECT_FALSE(reader->next(record));
}

TEST(CsvReaderTest, EmptyFileFailsCheck) {
  auto reader = CsvReader::from_string("");
  Status status = reader->check_file();
  EXPECT_EQ(status.kind(), ErrorKind::kInvalidInput);
  EXPECT_THAT(status.message(), HasSubstr("leeg"));
  CsvRecord record;
  EXPECT_FALSE(reader->next(record));
  EXPECT_EQ(reader->size(), 0u);
}

TEST(CsvReaderTest, BomOnlyFileFailsCheck) {
  auto reader = CsvReader::from_string("\xEF\xBB\xBF");
  Status status = reader->check_file();
  EXPECT_EQ(status.kind(), ErrorKind::kInvalidInput);
  EXPECT_THAT(status.message(), HasSubstr("leeg"));
  CsvRecord record;
  EXPECT_FALSE(reader->next(record));
}

TEST(CsvReaderTest, BlankLinesOnlyFileFailsCheck) {
  auto reader = CsvReader::from_string("\xEF\xBB\xBF\r\n\n");
  EXPECT_EQ(reader->check_file().kind(), ErrorKind::kInvalidInput);
}

TEST(CsvReaderTest, InvalidUtf8FailsCheckNamingLineAndOffset) {
  auto reader = CsvReader::from_string(
      "code,name\nGM0917,Heerlen\nGM0882,Landgr\xE4"
      "af\n");
  Status status = reader->check_file();
  EXPECT_EQ(status.kind(), ErrorKind::kInvalidInput);
  EXPECT_THAT(status.message(), HasSubstr("UTF-8"));
  EXPECT_THAT(status.message(), HasSubstr("regel 3"));
  EXPECT_THAT(status.message(), HasSubstr("byte-positie 38"));
}

TEST(CsvReaderTest, ValidUtf8WithBomPassesCheck) {
  auto reader =
      CsvReader::from_string("\xEF\xBB\xBFnaam\nCaf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x99\x82\n");
  EXPECT_TRUE(reader->check_file().is_ok()) << reader->check_file().message();
}

TEST(Utf8Test, AcceptsWellFormedText) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain ascii text that is longer than thirty-two bytes, surely"));
  EXPECT_TRUE(is_valid_utf8("\xC3\xA9"));
  EXPECT_TRUE(is_valid_utf8("\xE0\xA0\x80"));      // U+0800
  EXPECT_TRUE(is_valid_utf8("\xED\x9F\xBF"));      // U+D7FF
  EXPECT_TRUE(is_valid_utf8("\xEE\x80\x80"));      // U+E000
  EXPECT_TRUE(is_valid_utf8("\xF0\x90\x80\x80"));  // U+10000
  EXPECT_TRUE(is_valid_utf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF
  EXPECT_TRUE(is_valid_utf8(std::string(100, 'a') + "\xC3\xA9" + std::string(100, 'b')));
  EXPECT_TRUE(is_valid_utf8(std::string_view("nul\0inside", 10)));
}

TEST(Utf8Test, RejectsMalformedTextAndReportsOffset) {
  struct Case {
    std::string text;
    size_t offset;
  };
  const std::vector<Case> cases = {
      {"\x80", 0},                                  // lone continuation byte
      {"ab\xC0\xAF", 2},                            // overlong '/'
      {"\xC1\xBF", 0},                              // overlong
      {"\xE0\x80\xAF", 0},                          // overlong 3-byte
      {"\xED\xA0\x80", 0},                          // surrogate U+D800
      {"\xF0\x80\x80\xAF", 0},                      // overlong 4-byte
      {"\xF4\x90\x80\x80", 0},                      // above U+10FFFF
      {"\xF5\x80\x80\x80", 0},                      // invalid lead byte
      {"\xFF", 0},                                  // invalid byte
      {"abc\xC3", 3},                               // truncated at end
      {"abc\xE2\x82", 3},                           // truncated at end
      {"\xC3(", 0},                                 // bad continuation
      {std::string(40, 'x') + "\xE2\x28\xA1", 40},  // bad continuation after fast path
  };
  for (const Case& c : cases) {
    size_t offset = 999;
    EXPECT_FALSE(is_valid_utf8(c.text, &offset)) << testing::PrintToString(c.text);
    EXPECT_EQ(offset, c.offset) << testing::PrintToString(c.text);
  }
}

TEST(CsvReaderTest, OpenReadsAFileFromDisk) {
  const auto path = temp_path("crlf");
  {
    std::ofstream file(path, std::ios::binary);
    file << "\xEF\xBB\xBF"
            "a,b\r\n1,\"x\ny\"\r\n";
  }
  auto reader = CsvReader::open(path.string());
  ASSERT_TRUE(reader.is_ok()) << reader.status().message();
  EXPECT_TRUE((*reader)->check_file().is_ok());
  EXPECT_EQ((*reader)->size(), std::filesystem::file_size(path));
  CsvRecord record;
  ASSERT_TRUE((*reader)->next(record));
  EXPECT_THAT(record.fields, ElementsAre("a", "b"));
  ASSERT_TRUE((*reader)->next(record));
  EXPECT_THAT(record.fields, ElementsAre("1", "x\ny"));
  EXPECT_FALSE((*reader)->next(record));
  std::filesystem::remove(path);
}

TEST(CsvReaderTest, OpenAcceptsAnEmptyFileAndCheckRejectsIt) {
  const auto path = temp_path("empty");
  { std::ofstream file(path, std::ios::binary); }
  auto reader = CsvReader::open(path.string());
  ASSERT_TRUE(reader.is_ok()) << reader.status().message();
  EXPECT_EQ((*reader)->check_file().kind(), ErrorKind::kInvalidInput);
  std::filesystem::remove(path);
}

TEST(CsvReaderTest, OpenFailsWithIoErrorForMissingFileOrDirectory) {
  auto missing = CsvReader::open("/nonexistent/dir/clients.csv");
  ASSERT_FALSE(missing.is_ok());
  EXPECT_EQ(missing.status().kind(), ErrorKind::kIo);
  EXPECT_THAT(missing.status().message(), HasSubstr("/nonexistent/dir/clients.csv"));

  auto directory = CsvReader::open(std::filesystem::temp_directory_path().string());
  ASSERT_FALSE(directory.is_ok());
  EXPECT_EQ(directory.status().kind(), ErrorKind::kIo);
}

}  // namespace
}  // namespace rk::ingest
