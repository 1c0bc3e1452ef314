// libFuzzer target for the workbook reader (ingest/xlsx): any input must be opened or refused
// and every sheet read to the end without crashing, hanging or exhausting memory. An input that
// starts like a zip archive ("PK") is read as a whole workbook; any other input is split at NUL
// bytes into a sheet, a shared string table and a style sheet, packed into a workbook, so that
// the mutations reach the XML readers rather than die in the zip checksum.
#include <zip.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/xlsx/workbook.hpp"

namespace {

void require(bool condition) {
  if (!condition) std::abort();
}

constexpr std::string_view kRels =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"x/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"x/sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"x/styles\" Target=\"styles.xml\"/></Relationships>";
constexpr std::string_view kWorkbook =
    "<workbook xmlns:r=\"r\"><workbookPr date1904=\"0\"/><sheets>"
    "<sheet name=\"clients\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";

// A workbook whose sheet, shared strings and styles are the NUL-separated parts of `input`.
std::string pack(std::string_view input) {
  std::vector<std::string_view> parts;
  while (parts.size() < 2) {
    const size_t nul = input.find('\0');
    if (nul == std::string_view::npos) break;
    parts.push_back(input.substr(0, nul));
    input.remove_prefix(nul + 1);
  }
  parts.push_back(input);
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_source_keep(buffer);
  zip_t* zip = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  require(zip != nullptr);
  const auto add = [zip](const char* name, std::string_view text) {
    zip_source_t* source = zip_source_buffer(zip, text.data(), text.size(), 0);
    require(zip_file_add(zip, name, source, 0) >= 0);
  };
  add("xl/workbook.xml", kWorkbook);
  add("xl/_rels/workbook.xml.rels", kRels);
  add("xl/worksheets/sheet1.xml", parts[0]);
  if (parts.size() > 1) add("xl/sharedStrings.xml", parts[1]);
  if (parts.size() > 2) add("xl/styles.xml", parts[2]);
  require(zip_close(zip) == 0);
  std::string bytes;
  zip_stat_t st;
  zip_stat_init(&st);
  require(zip_source_stat(buffer, &st) == 0 && zip_source_open(buffer) == 0);
  bytes.resize(st.size);
  require(zip_source_read(buffer, bytes.data(), st.size) == static_cast<zip_int64_t>(st.size));
  zip_source_close(buffer);
  zip_source_free(buffer);
  zip_error_fini(&error);
  return bytes;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string bytes = input.starts_with("PK") ? std::string(input) : pack(input);
  rk::ingest::xlsx::Limits limits;
  limits.max_part_bytes = uint64_t{16} << 20;
  limits.max_total_bytes = uint64_t{64} << 20;
  auto workbook = rk::ingest::xlsx::Workbook::from_bytes(std::move(bytes), limits);
  if (!workbook) {
    require(workbook.status().kind() == rk::ErrorKind::kInvalidInput);
    require(!workbook.status().message().empty());
    return 0;
  }
  for (size_t s = 0; s < (*workbook)->sheet_names().size(); ++s) {
    auto sheet = (*workbook)->open_sheet(s);
    if (!sheet) {
      require(sheet.status().kind() == rk::ErrorKind::kInvalidInput);
      continue;
    }
    (*sheet)->pad_to_nine_digits(1);
    rk::ingest::CsvRecord record;
    uint64_t rows = 0;
    while ((*sheet)->next(record)) {
      ++rows;
      require(rows <= (*sheet)->rows_total());
      require(!record.fields.empty());
      require(record.error.empty() == (record.error_field == 0));
      unsigned checksum = 0;
      // Touch every byte so that a dangling view shows up under AddressSanitizer.
      for (const std::string_view field : record.fields)
        for (const char c : field) checksum += static_cast<unsigned char>(c);
      for (const char c : record.raw) checksum += static_cast<unsigned char>(c);
      require(checksum != ~0U);
    }
    require(!(*sheet)->next(record));
  }
  return 0;
}
