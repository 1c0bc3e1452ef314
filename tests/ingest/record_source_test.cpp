// Specification of a record source: CSV files in every dialect read as records of UTF-8 text
// (separator, encoding and line ends detected), rows with invalid bytes rejected one by one, and
// workbook sheets read alike.
#include "ingest/record_source.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

namespace rk::ingest {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

struct Row {
  uint64_t line = 0;
  std::vector<std::string> fields;
  std::string error;
};

std::vector<Row> read_all(RecordSource& source) {
  std::vector<Row> rows;
  CsvRecord rec;
  while (source.next(rec))
    rows.push_back({rec.line, {rec.fields.begin(), rec.fields.end()}, rec.error});
  return rows;
}

std::unique_ptr<RecordSource> from(std::string bytes) {
  auto source = RecordSource::csv_from_string(std::move(bytes));
  EXPECT_TRUE(source.is_ok()) << source.status().message();
  return source.is_ok() ? std::move(*source) : nullptr;
}

TEST(RecordSource, DutchExcelCsvIsReadAsUtf8Records) {
  auto source = from("client_id;naam;bedrag\r\nC1;Cli\xEBnt;\"1.234,56\"\r\nC2;\"a;b\";5\r\n");
  ASSERT_NE(source, nullptr);
  ASSERT_TRUE(source->check().is_ok());
  EXPECT_EQ(source->read_as(), "gelezen als Windows-1252, scheidingsteken ;, decimaalteken ,");
  EXPECT_EQ(source->dialect().decimal_mark(), ',');
  const auto rows = read_all(*source);
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_THAT(rows[1].fields, ElementsAre("C1", "Cli\xC3\xABnt", "1.234,56"));
  EXPECT_THAT(rows[2].fields, ElementsAre("C2", "a;b", "5"));
  EXPECT_EQ(rows[2].line, 3U);
}

TEST(RecordSource, TabsAndCarriageReturns) {
  auto source = from("a\tb\rx,1\ty\r\rz\t2\r");
  ASSERT_NE(source, nullptr);
  EXPECT_THAT(source->read_as(), HasSubstr("scheidingsteken tab"));
  const auto rows = read_all(*source);
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_THAT(rows[1].fields, ElementsAre("x,1", "y"));
  EXPECT_EQ(rows[2].line, 4U);
}

TEST(RecordSource, RowWithInvalidBytesIsRejectedAlone) {
  auto source = from(
      "code,name\nGM0917,Heerl\xC3\xAB"
      "n\nGM0882,Land\xFFgraaf\nGM0986,Voerendaal\n");
  ASSERT_NE(source, nullptr);
  EXPECT_TRUE(source->check().is_ok());
  EXPECT_THAT(source->read_as(), HasSubstr("ongeldige bytes"));
  const auto rows = read_all(*source);
  ASSERT_EQ(rows.size(), 4U);
  EXPECT_TRUE(rows[1].error.empty());
  EXPECT_THAT(rows[2].error, HasSubstr("0xFF"));
  EXPECT_THAT(rows[2].error, HasSubstr("byte-positie 37"));
  EXPECT_TRUE(rows[3].error.empty());
}

TEST(RecordSource, CanonicalFileAndItsChecks) {
  auto source = from(
      "\xEF\xBB\xBF"
      "code,name\r\nGM0917,Heerlen\r\n");
  ASSERT_NE(source, nullptr);
  EXPECT_TRUE(source->dialect().canonical());
  EXPECT_TRUE(source->check().is_ok());
  EXPECT_EQ(read_all(*source).size(), 2U);
  EXPECT_FALSE(from("")->check().is_ok());
  EXPECT_FALSE(from("\r\n\r\n")->check().is_ok());
}

TEST(RecordSource, WorkbookSheet) {
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("rk-source-" + std::to_string(::getpid()) + ".xlsx"))
                               .string();
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* sheet = workbook_add_worksheet(wb, "clients");
  worksheet_write_string(sheet, 0, 0, "client_id", nullptr);
  worksheet_write_string(sheet, 0, 1, "bsn", nullptr);
  worksheet_write_number(sheet, 1, 0, 17, nullptr);
  worksheet_write_number(sheet, 1, 1, 12345672, nullptr);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  auto workbook = xlsx::Workbook::open(path);
  std::filesystem::remove(path);
  ASSERT_TRUE(workbook.is_ok());
  auto source = RecordSource::open_sheet(std::move(*workbook), 0);
  ASSERT_TRUE(source.is_ok()) << source.status().message();
  EXPECT_TRUE((*source)->is_sheet());
  EXPECT_EQ((*source)->read_as(), "gelezen als Excel-werkmap, blad 'clients'");
  CsvRecord rec;
  ASSERT_TRUE((*source)->next(rec));
  (*source)->pad_to_nine_digits(1);
  ASSERT_TRUE((*source)->next(rec));
  EXPECT_THAT(rec.fields, ElementsAre("17", "012345672"));
  EXPECT_EQ(rec.line, 2U);
  EXPECT_FALSE((*source)->next(rec));
}

}  // namespace
}  // namespace rk::ingest
