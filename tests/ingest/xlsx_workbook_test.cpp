// Specification of the workbook reader: sheets of workbooks written by libxlsxwriter, by
// LibreOffice (tests/data/xlsx, made from the .fods and .csv beside them with
// `soffice --headless [--infilter=CSV:44,34,76,1] --convert-to xlsx`) and by hand, read as rows of
// canonical text; and every refusal of a bad workbook.
#include "ingest/xlsx/workbook.hpp"

#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

namespace rk::ingest::xlsx {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

struct Row {
  uint64_t line = 0;
  std::vector<std::string> fields;
  std::string raw;
  std::string error;
};

std::vector<Row> rows_of(SheetReader& sheet, size_t pad_column = SIZE_MAX) {
  if (pad_column != SIZE_MAX) sheet.pad_to_nine_digits(pad_column);
  std::vector<Row> rows;
  CsvRecord rec;
  while (sheet.next(rec))
    rows.push_back(
        {rec.line, {rec.fields.begin(), rec.fields.end()}, std::string(rec.raw), rec.error});
  return rows;
}

std::vector<Row> read_sheet(const Workbook& workbook, size_t index, size_t pad_column = SIZE_MAX) {
  auto sheet = workbook.open_sheet(index);
  EXPECT_TRUE(sheet.is_ok()) << sheet.status().message();
  if (!sheet) return {};
  return rows_of(**sheet, pad_column);
}

std::string temp_path(const std::string& name) {
  return (fs::temp_directory_path() / fmt::format("rk-xlsx-{}-{}", ::getpid(), name)).string();
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A zip archive holding `parts`, stored (level 0) or deflated.
std::string make_zip(const std::map<std::string, std::string>& parts) {
  const std::string path = temp_path("made.zip");
  int error = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  EXPECT_NE(zip, nullptr);
  for (const auto& [name, text] : parts) {
    zip_source_t* source = zip_source_buffer(zip, text.data(), text.size(), 0);
    EXPECT_GE(zip_file_add(zip, name.c_str(), source, ZIP_FL_ENC_UTF_8), 0);
  }
  EXPECT_EQ(zip_close(zip), 0);
  std::string bytes = slurp(path);
  fs::remove(path);
  return bytes;
}

constexpr std::string_view kMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr std::string_view kRel =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

// The parts of a small workbook with one sheet, shared strings and styles (style 1 is d-m-yyyy,
// style 2 d-m-yyyy hh:mm), to be changed by a test.
std::map<std::string, std::string> workbook_parts(const std::string& sheet_data,
                                                  bool date1904 = false) {
  std::map<std::string, std::string> parts;
  parts["_rels/.rels"] = fmt::format(
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" Type=\"{}/officeDocument\" Target=\"xl/workbook.xml\"/>"
      "</Relationships>",
      kRel);
  parts["xl/workbook.xml"] = fmt::format(
      "<workbook xmlns=\"{}\" xmlns:r=\"{}\"><workbookPr date1904=\"{}\"/><sheets>"
      "<sheet name=\"clients\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
      kMain, kRel, date1904 ? "1" : "0");
  parts["xl/_rels/workbook.xml.rels"] = fmt::format(
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" Type=\"{0}/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
      "<Relationship Id=\"rId2\" Type=\"{0}/sharedStrings\" Target=\"/xl/sharedStrings.xml\"/>"
      "<Relationship Id=\"rId3\" Type=\"{0}/styles\" Target=\"./styles.xml\"/>"
      "</Relationships>",
      kRel);
  parts["xl/sharedStrings.xml"] = fmt::format(
      "<sst xmlns=\"{}\"><si><t>client_id</t></si><si><t>birth_date</t></si>"
      "<si><r><t>Cli</t></r><r><t xml:space=\"preserve\">ënt </t></r><rPh><t>x</t></rPh></si>"
      "<si><t>regel_x000D__x000A_twee</t></si></sst>",
      kMain);
  parts["xl/styles.xml"] = fmt::format(
      "<styleSheet xmlns=\"{}\"><numFmts><numFmt numFmtId=\"164\" formatCode=\"d-m-yyyy\"/>"
      "<numFmt numFmtId=\"165\" formatCode=\"d-m-yyyy hh:mm\"/></numFmts><cellXfs>"
      "<xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/></cellXfs></styleSheet>",
      kMain);
  parts["xl/worksheets/sheet1.xml"] = fmt::format(
      "<worksheet xmlns=\"{}\"><sheetData>{}</sheetData></worksheet>", kMain, sheet_data);
  return parts;
}

std::unique_ptr<Workbook> open_bytes(std::string bytes, const Limits& limits = {}) {
  auto workbook = Workbook::from_bytes(std::move(bytes), limits);
  EXPECT_TRUE(workbook.is_ok()) << workbook.status().message();
  return workbook.is_ok() ? std::move(*workbook) : nullptr;
}

// The reason a workbook is refused for.
std::string refusal(std::string bytes, const Limits& limits = {}) {
  auto workbook = Workbook::from_bytes(std::move(bytes), limits);
  if (!workbook) {
    EXPECT_EQ(workbook.status().kind(), ErrorKind::kInvalidInput);
    return workbook.status().message();
  }
  auto sheet = (*workbook)->open_sheet(0);
  if (!sheet) return sheet.status().message();
  return "accepted";
}

TEST(XlsxWorkbook, LibxlsxwriterWorkbookWithTwoSheets) {
  const std::string path = temp_path("lxw.xlsx");
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "d-m-yyyy");
  lxw_format* stamp = workbook_add_format(wb);
  format_set_num_format(stamp, "dd-mm-yyyy hh:mm:ss");
  lxw_worksheet* clients = workbook_add_worksheet(wb, "clients");
  const char* header[] = {"client_id", "bsn",    "birth_date", "received_at",
                          "urgent",    "amount", "name"};
  for (lxw_col_t c = 0; c < 7; ++c) worksheet_write_string(clients, 0, c, header[c], nullptr);
  worksheet_write_number(clients, 1, 0, 1001, nullptr);
  worksheet_write_number(clients, 1, 1, 12345672, nullptr);
  lxw_datetime birth = {2012, 5, 14, 0, 0, 0};
  worksheet_write_datetime(clients, 1, 2, &birth, date);
  lxw_datetime received = {2020, 12, 7, 13, 5, 9};
  worksheet_write_datetime(clients, 1, 3, &received, stamp);
  worksheet_write_boolean(clients, 1, 4, 1, nullptr);
  worksheet_write_number(clients, 1, 5, 1234.56, nullptr);
  worksheet_write_string(clients, 1, 6, "Cliënt, \"één\"", nullptr);
  worksheet_write_string(clients, 3, 0, "C3", nullptr);  // row 3 is empty
  worksheet_write_string(clients, 3, 8, "beyond", nullptr);
  lxw_worksheet* other = workbook_add_worksheet(wb, "requests");
  worksheet_write_string(other, 0, 0, "request_id", nullptr);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);

  auto opened = Workbook::open(path);
  fs::remove(path);
  ASSERT_TRUE(opened.is_ok()) << opened.status().message();
  const Workbook& workbook = **opened;
  EXPECT_THAT(workbook.sheet_names(), ElementsAre("clients", "requests"));
  EXPECT_FALSE(workbook.date1904());
  const auto rows = read_sheet(workbook, 0, 1);
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_EQ(rows[0].line, 1U);
  EXPECT_THAT(rows[1].fields, ElementsAre("1001", "012345672", "2012-05-14", "2020-12-07T13:05:09",
                                          "true", "1234.56", "Cliënt, \"één\""));
  EXPECT_EQ(rows[1].raw,
            "1001,012345672,2012-05-14,2020-12-07T13:05:09,true,1234.56,\"Cliënt, \"\"één\"\"\"");
  // An empty row is skipped; a value beyond the header is kept (the importer rejects the row).
  EXPECT_EQ(rows[2].line, 4U);
  EXPECT_THAT(rows[2].fields, ElementsAre("C3", "", "", "", "", "", "", "", "beyond"));
  EXPECT_EQ(read_sheet(workbook, 1).size(), 1U);
}

TEST(XlsxWorkbook, LibxlsxwriterInlineStrings) {
  const std::string path = temp_path("inline.xlsx");
  lxw_workbook_options options = {};
  options.constant_memory = LXW_TRUE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  lxw_worksheet* sheet = workbook_add_worksheet(wb, "areas");
  worksheet_write_string(sheet, 0, 0, "area_id", nullptr);
  worksheet_write_string(sheet, 0, 1, "name", nullptr);
  worksheet_write_string(sheet, 1, 0, "hoensbroek", nullptr);
  worksheet_write_string(sheet, 1, 1, "Hoensbroek & Mariarade", nullptr);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  auto opened = Workbook::open(path);
  fs::remove(path);
  ASSERT_TRUE(opened.is_ok()) << opened.status().message();
  const auto rows = read_sheet(**opened, 0);
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_THAT(rows[1].fields, ElementsAre("hoensbroek", "Hoensbroek & Mariarade"));
}

TEST(XlsxWorkbook, LibreOfficeTypedCells) {
  auto opened = Workbook::open(std::string(RK_TEST_DATA) + "/xlsx/libreoffice_types.xlsx");
  ASSERT_TRUE(opened.is_ok()) << opened.status().message();
  EXPECT_THAT((*opened)->sheet_names(), ElementsAre("requests", "Blad2"));
  const auto rows = read_sheet(**opened, 0, 1);
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_THAT(rows[0].fields,
              ElementsAre("request_id", "bsn", "received_at", "birth_date", "urgent", "amount"));
  // LibreOffice writes a boolean as the number 1 or 0.
  EXPECT_THAT(rows[1].fields, ElementsAre("1001", "012345672", "2020-12-07T13:05:00", "2012-05-14",
                                          "1", "1234.56"));
  EXPECT_THAT(rows[2].fields,
              ElementsAre("R-2", "111 222 333", "2020-12-08", "2009-11-02", "0", "-0.1"));
}

TEST(XlsxWorkbook, LibreOfficeFromCsv) {
  auto opened = Workbook::open(std::string(RK_TEST_DATA) + "/xlsx/libreoffice_csv.xlsx");
  ASSERT_TRUE(opened.is_ok()) << opened.status().message();
  const auto rows = read_sheet(**opened, 0, 1);
  ASSERT_EQ(rows.size(), 4U);
  EXPECT_THAT(rows[1].fields, ElementsAre("C001", "012345672", "2012-05-14", "GM0917", "1234.5",
                                          "true", "2020-12-07T13:05:00", "Cliënt één"));
  EXPECT_THAT(rows[2].fields, ElementsAre("C002", "111222333", "2009-11-02", "GM0882", "-0.25",
                                          "false", "2020-12-08", "a, b"));
  EXPECT_EQ(rows[3].fields[0], "12345");
  EXPECT_EQ(rows[3].fields[2], "1900-03-01");
  EXPECT_EQ(rows[3].fields[7], "");
}

TEST(XlsxWorkbook, HandMadeCellsAndPositions) {
  const std::string data =
      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
      "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>2</v></c><c r=\"B3\" s=\"1\"><v>59</v></c></row>"
      "<row><c t=\"s\"><v>3</v></c><c s=\"1\"><v>60</v></c></row>"
      "<row r=\"7\"><c r=\"B7\" s=\"2\"><v>61.5</v></c></row>"
      "<row r=\"8\"><c r=\"A8\" t=\"inlineStr\"><is><t>inline</t></is></c>"
      "<c r=\"B8\" t=\"str\"><f>A1</f><v>formula</v></c></row>"
      "<row r=\"9\"><c r=\"A9\" t=\"e\"><v>#N/A</v></c><c r=\"B9\" t=\"s\"><v>99</v></c></row>"
      "<row r=\"10\"><c r=\"A10\" t=\"b\"><v>0</v></c><c r=\"B10\" t=\"d\">"
      "<v>2020-12-07T00:00:00</v></c></row>"
      "<row r=\"11\"><c r=\"A11\"/><c r=\"B11\"><v></v></c></row>";
  auto workbook = open_bytes(make_zip(workbook_parts(data)));
  ASSERT_NE(workbook, nullptr);
  const auto rows = read_sheet(*workbook, 0);
  ASSERT_EQ(rows.size(), 7U);
  EXPECT_THAT(rows[0].fields, ElementsAre("client_id", "birth_date"));
  EXPECT_EQ(rows[1].line, 3U);
  EXPECT_THAT(rows[1].fields, ElementsAre("Cliënt ", "1900-02-28"));
  EXPECT_EQ(rows[2].line, 4U);
  EXPECT_THAT(rows[2].fields, ElementsAre("regel\r\ntwee", "1900-02-29"));
  EXPECT_EQ(rows[3].line, 7U);
  EXPECT_THAT(rows[3].fields, ElementsAre("", "1900-03-01T12:00:00"));
  EXPECT_THAT(rows[4].fields, ElementsAre("inline", "formula"));
  EXPECT_EQ(rows[5].line, 9U);
  EXPECT_THAT(rows[5].error, HasSubstr("Excel-fout #N/A"));
  EXPECT_THAT(rows[6].fields, ElementsAre("false", "2020-12-07"));
}

TEST(XlsxWorkbook, The1904DateSystem) {
  const std::string data =
      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>1</v></c></row>"
      "<row r=\"2\"><c r=\"A2\" s=\"1\"><v>42710</v></c></row>";
  auto workbook = open_bytes(make_zip(workbook_parts(data, true)));
  ASSERT_NE(workbook, nullptr);
  EXPECT_TRUE(workbook->date1904());
  const auto rows = read_sheet(*workbook, 0);
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_THAT(rows[1].fields, ElementsAre("2020-12-07"));
}

TEST(XlsxWorkbook, NamespacePrefixesAndBadReferences) {
  auto parts = workbook_parts("");
  parts["xl/worksheets/sheet1.xml"] = fmt::format(
      "<x:worksheet xmlns:x=\"{}\"><x:sheetData><x:row r=\"1\"><x:c r=\"A1\" t=\"s\"><x:v>0</x:v>"
      "</x:c></x:row><x:row r=\"2\"><x:c r=\"1A\"><x:v>5</x:v></x:c><x:c r=\"A2\"><x:v>7</x:v>"
      "</x:c></x:row></x:sheetData></x:worksheet>",
      kMain);
  auto workbook = open_bytes(make_zip(parts));
  ASSERT_NE(workbook, nullptr);
  const auto rows = read_sheet(*workbook, 0);
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_THAT(rows[0].fields, ElementsAre("client_id"));
  EXPECT_THAT(rows[1].error, HasSubstr("ongeldige celverwijzing '1A'"));
  EXPECT_THAT(rows[1].fields, ElementsAre("7"));
}

TEST(XlsxRefusal, NotAZip) {
  EXPECT_THAT(refusal("client_id,name\nC1,x\n"), HasSubstr("geen zip-archief"));
  EXPECT_THAT(refusal(""), HasSubstr("geen zip-archief"));
  EXPECT_THAT(refusal(std::string("PK\x03\x04garbage", 11)), HasSubstr("werkmap"));
}

TEST(XlsxRefusal, MissingParts) {
  auto parts = workbook_parts("");
  parts.erase("xl/workbook.xml");
  EXPECT_THAT(refusal(make_zip(parts)), HasSubstr("mist het onderdeel xl/workbook.xml"));
  parts = workbook_parts("");
  parts.erase("xl/worksheets/sheet1.xml");
  EXPECT_THAT(refusal(make_zip(parts)), HasSubstr("mist het onderdeel xl/worksheets/sheet1.xml"));
  parts = workbook_parts("");
  parts.erase("xl/_rels/workbook.xml.rels");
  EXPECT_THAT(refusal(make_zip(parts)), HasSubstr("mist het onderdeel"));
  parts = workbook_parts("");
  parts["xl/workbook.xml"] = fmt::format("<workbook xmlns=\"{}\"><sheets/></workbook>", kMain);
  EXPECT_THAT(refusal(make_zip(parts)), HasSubstr("geen werkbladen"));
}

TEST(XlsxRefusal, XmlWithDoctypeOrNotWellFormed) {
  auto parts = workbook_parts("");
  parts["xl/sharedStrings.xml"] =
      "<?xml version=\"1.0\"?><!DOCTYPE sst [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b "
      "\"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><sst><si><t>&b;</t></si></sst>";
  EXPECT_THAT(refusal(make_zip(parts)), HasSubstr("DOCTYPE"));
  parts = workbook_parts("<row><c><v>1</v></row>");
  EXPECT_THAT(refusal(make_zip(parts)), HasSubstr("geen geldige XML"));
}

TEST(XlsxRefusal, HugeSharedStringTable) {
  std::string strings = fmt::format("<sst xmlns=\"{}\">", kMain);
  for (int i = 0; i < 2000; ++i) strings += "<si><t>x</t></si>";
  strings += "</sst>";
  auto parts = workbook_parts("");
  parts["xl/sharedStrings.xml"] = strings;
  Limits limits;
  limits.max_shared_strings = 1000;
  EXPECT_THAT(refusal(make_zip(parts), limits), HasSubstr("meer dan 1000 teksten"));
  limits = Limits{};
  limits.max_shared_string_bytes = 10000;
  EXPECT_THAT(refusal(make_zip(parts), limits), HasSubstr("sharedStrings.xml is uitgepakt"));
}

TEST(XlsxRefusal, ZipBomb) {
  // Two MiB of one repeated row deflates a thousandfold.
  std::string data;
  while (data.size() < (size_t{2} << 20)) data += "<row><c><v>0</v></c></row>";
  const std::string bytes = make_zip(workbook_parts(data));
  Limits limits;
  limits.ratio_from_bytes = 1 << 20;
  EXPECT_THAT(refusal(bytes, limits), HasSubstr("zip-bom"));
  limits = Limits{};
  limits.max_part_bytes = 1 << 20;
  EXPECT_THAT(refusal(bytes, limits), HasSubstr("meer dan de 1 MiB"));
  limits = Limits{};
  limits.max_total_bytes = 1 << 20;
  EXPECT_THAT(refusal(bytes, limits), HasSubstr("zip-bom"));
  EXPECT_EQ(refusal(bytes), "accepted");
}

}  // namespace
}  // namespace rk::ingest::xlsx
