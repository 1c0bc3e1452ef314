// libFuzzer target for the CSV reader: any input must be checked and read to the end without
// crashing, and every record must satisfy the reader's documented invariants.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/csv_reader.hpp"

namespace {

void require(bool condition) {
  if (!condition) std::abort();
}

bool inside(std::string_view part, std::string_view whole) {
  return part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size();
}

// A deliberately naive character-at-a-time RFC 4180 parser, as an oracle for well-formed input.
// Returns false at the first malformed field.
struct ReferenceRecord {
  std::vector<std::string> fields;
  uint64_t line = 0;
};

bool reference_parse(std::string_view s, std::vector<ReferenceRecord>& records) {
  size_t i = s.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  uint64_t line = 1;
  auto at_line_end = [&s](size_t k) {
    return k == s.size() || s[k] == '\n' ||
           (s[k] == '\r' && (k + 1 == s.size() || s[k + 1] == '\n'));
  };
  auto skip_line_end = [&](size_t& k) {
    if (k < s.size() && s[k] == '\r') ++k;
    if (k < s.size() && s[k] == '\n') {
      ++k;
      ++line;
    }
  };
  while (i < s.size()) {
    if (at_line_end(i)) {  // blank line
      skip_line_end(i);
      continue;
    }
    ReferenceRecord record;
    record.line = line;
    for (;;) {
      std::string field;
      if (i < s.size() && s[i] == '"') {
        ++i;
        for (;;) {
          if (i == s.size()) return false;
          if (s[i] == '"') {
            if (i + 1 < s.size() && s[i + 1] == '"') {
              field += '"';
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          if (s[i] == '\n') ++line;
          field += s[i++];
        }
        if (i < s.size() && s[i] != ',' && !at_line_end(i)) return false;
      } else {
        while (i < s.size() && s[i] != ',' && !at_line_end(i)) {
          if (s[i] == '"') return false;
          field += s[i++];
        }
      }
      record.fields.push_back(field);
      if (i < s.size() && s[i] == ',') {
        ++i;
        continue;
      }
      skip_line_end(i);
      break;
    }
    records.push_back(std::move(record));
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string input(reinterpret_cast<const char*>(data), size);
  auto reader = rk::ingest::CsvReader::from_string(input);
  const std::string_view buffer = reader->data();
  require(buffer == input);

  const rk::Status status = reader->check_file();
  size_t bad = 0;
  const bool valid_utf8 = rk::ingest::is_valid_utf8(input, &bad);
  require(valid_utf8 || bad < size);
  require(status.is_ok() || status.kind() == rk::ErrorKind::kInvalidInput);
  if (!valid_utf8) require(!status.is_ok());

  std::vector<ReferenceRecord> expected;
  const bool well_formed = reference_parse(input, expected);
  bool any_error = false;

  rk::ingest::CsvRecord record;
  uint64_t previous_line = 0;
  uint64_t previous_end = 0;
  size_t records = 0;
  size_t raw_bytes = 0;
  while (reader->next(record)) {
    ++records;
    require(records <= size);  // every record consumes at least one byte
    require(record.line > previous_line);
    require(!record.fields.empty());
    require(!record.raw.empty());
    require(inside(record.raw, buffer));
    // Records come in file order and do not overlap.
    const auto raw_begin = static_cast<uint64_t>(record.raw.data() - buffer.data());
    require(raw_begin >= previous_end);
    previous_end = raw_begin + record.raw.size();
    require(reader->bytes_read() >= previous_end && reader->bytes_read() <= reader->size());
    raw_bytes += record.raw.size();
    size_t field_bytes = 0;
    unsigned checksum = 0;
    for (std::string_view field : record.fields) {
      field_bytes += field.size();
      // Touch every byte so that a dangling view shows up under AddressSanitizer.
      for (char c : field) checksum += static_cast<unsigned char>(c);
    }
    require(checksum != ~0u);
    any_error = any_error || !record.error.empty();
    if (well_formed) {
      require(records <= expected.size());
      const ReferenceRecord& want = expected[records - 1];
      require(record.line == want.line);
      require(record.fields.size() == want.fields.size());
      for (size_t k = 0; k < want.fields.size(); ++k) require(record.fields[k] == want.fields[k]);
    }
    require(field_bytes <= record.raw.size());
    require(record.error.empty() == (record.error_field == 0));
    require(record.error_field <= record.fields.size());
    if (record.error.empty()) {
      // A record read without error has no stray quotes: fields without quotes are its raw text.
      bool any_quote = record.raw.find('"') != std::string_view::npos;
      if (!any_quote) {
        require(field_bytes + record.fields.size() - 1 == record.raw.size());
      }
    }
    previous_line = record.line;
  }
  require(raw_bytes <= size);
  require(well_formed == !any_error);
  if (well_formed) require(records == expected.size());
  require(reader->bytes_read() == reader->size());
  require(!reader->next(record));
  return 0;
}
