// The forms in which people and spreadsheet programs save the contract's CSV files ("dialects",
// data-contract.md, "Files as people save them"): how a file's bytes are written (encoding,
// separator, line ends), detected once per file, and how its values are read back into the
// canonical text that parse_field (field_parser.hpp) validates. Decisions the contract leaves open
// are in docs/dialects.md.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "model/contract.hpp"
#include "model/status.hpp"

namespace rk::ingest {

enum class Encoding : uint8_t {
  kUtf8,
  kUtf8Bom,      // UTF-8 that starts with a byte order mark
  kWindows1252,  // not UTF-8 and no valid UTF-8 multi-byte sequence at all (Excel's CSV)
};

enum class LineEnd : uint8_t { kLf, kCrLf, kCr };

// How one file is written. The default is the canonical form of the contract.
struct Dialect {
  Encoding encoding = Encoding::kUtf8;
  char separator = ',';  // ',', ';' or '\t'
  LineEnd line_end = LineEnd::kLf;
  // A UTF-8 file with some invalid bytes: every row must pass check_row_utf8 (the rows with a bad
  // byte are rejected as rows, the rest imported).
  bool has_invalid_utf8 = false;

  // The decimal mark follows the separator: ',' in a file separated by ';' or tab, '.' in a file
  // separated by ','. The other mark may group thousands.
  [[nodiscard]] char decimal_mark() const { return separator == ',' ? '.' : ','; }
  [[nodiscard]] char group_mark() const { return separator == ',' ? ',' : '.'; }
  // True for the contract's own form: UTF-8 (with or without BOM), ',' and LF or CRLF.
  [[nodiscard]] bool canonical() const {
    return encoding != Encoding::kWindows1252 && separator == ',' && line_end != LineEnd::kCr;
  }
  // True when the bytes must be rewritten (to_utf8_lines) before a CSV reader can read them.
  [[nodiscard]] bool needs_conversion() const {
    return encoding == Encoding::kWindows1252 || line_end == LineEnd::kCr;
  }
};

// Detects the dialect of a whole file from its bytes (BOM included). Encoding: UTF-8 unless the
// bytes are not valid UTF-8 and hold no valid UTF-8 multi-byte sequence at all, then
// Windows-1252. Separator: the most frequent of ',', ';' and tab outside quotes on the header
// line; ',' when the line holds none of them (a one-column file) or on a tie that includes ','.
// Line end: the first line break in the file. Costs one validating pass over the bytes (the
// ASCII fast path of is_valid_utf8); never fails.
Dialect detect_dialect(std::string_view bytes);

// The bytes of a file whose dialect needs_conversion(), rewritten to UTF-8 (Windows-1252 decoded
// with glibc's iconv; its five unassigned bytes become the C1 control characters of the same
// number, so no byte is lost) with LF line ends in place of lone CRs. A BOM is kept, so byte
// offsets of a UTF-8 file stay those of the file.
// Fails with kInternal only when iconv is unavailable.
Result<std::string> to_utf8_lines(std::string_view bytes, const Dialect& dialect);

// How the file was read, one line in Dutch for the import summary, for example
// "gelezen als Windows-1252, scheidingsteken ;, decimaalteken ,".
std::string describe(const Dialect& dialect);

// For a file with has_invalid_utf8: true when `row` (a record's raw bytes) is valid UTF-8.
// Otherwise false, and `reason` names the bad byte and its offset from the start of the file
// (`row_offset` is the offset of the row's first byte).
bool check_row_utf8(std::string_view row, uint64_t row_offset, std::string& reason);

// ---- Values ----

// What read_value did with a value.
enum class Reading : uint8_t {
  kAsIs,       // give the value to parse_field unchanged (canonical already, no dialect form of
               // the type, or no form fits: parse_field then rejects it with its own reason)
  kRewritten,  // the canonical text is in `out`
  kInvalid,    // the value fits no reading of this dialect; `reason` says which form is expected
};

// Reads one cell (already unquoted) written in `dialect` for a column of `type`:
// - numbers, money and integers: the dialect's decimal mark, and the other mark grouping
//   thousands in groups of three ("1.234,56" in a ';' file is 1234.56); in a file with ',' as
//   decimal mark a value that fits neither reading is kInvalid, with a reason naming the form;
// - dates: also D-M-YYYY, DD-MM-YYYY and D/M/YYYY (day first), in any file;
// - timestamps: such a date or YYYY-MM-DD, then a space or 'T', then H:MM or H:MM:SS;
// - booleans: also waar/onwaar, j/n (any letter case);
// - every other type: kAsIs.
// A value already in canonical form returns kAsIs after a few byte comparisons, so the canonical
// path keeps its speed. Never echoes more than the value itself in `reason`.
Reading read_value(model::FieldType type, std::string_view raw, const Dialect& dialect,
                   std::string& out, std::string& reason);

// A BSN as spreadsheets write it: spaces and dots between the digits dropped, and 8 digits read
// with the leading zero that spreadsheets drop. Returns kRewritten with the 9 digits in `out`, or
// kAsIs when `raw` is 9 digits already or is no such number (is_valid_bsn then rejects it). The
// 11-test is not applied here.
Reading read_bsn(std::string_view raw, std::string& out);

}  // namespace rk::ingest
