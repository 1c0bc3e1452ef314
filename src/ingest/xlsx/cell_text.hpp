// How a workbook cell's stored value becomes the data contract's canonical text: which number
// formats make a number a date or a date-time, the serial day numbers of both date systems
// (1900, with its fictitious 29 February 1900, and 1904), and numbers written out without
// exponent or float noise.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace rk::ingest::xlsx {

enum class NumberKind : uint8_t {
  kNumber,    // a plain number
  kDate,      // a date format without time of day
  kDateTime,  // a format that shows a time of day (or only a time)
};

// The kind of a number format: a built-in format id (14-22, 27-36, 45-47, 50-58 are dates or
// times) or, for a custom format, its format code (a date when it holds d, m, y, h or s outside
// quoted text, [..] sections and escaped characters; a date-time when it holds h or s).
NumberKind builtin_format_kind(uint32_t id);
NumberKind format_code_kind(std::string_view code);

// The date (YYYY-MM-DD) or, when the time of day is not midnight and `kind` is kDateTime, the
// timestamp (YYYY-MM-DDTHH:MM:SS) of serial day number `serial`, rounded to the second. In the
// 1900 system day 60 is the 29 February 1900 that Excel counts and that does not exist: it is
// written as "1900-02-29", which every date column rejects. Returns false for a serial that is
// negative, not finite or past the year 9999.
bool serial_to_text(double serial, bool date1904, NumberKind kind, std::string& out);

// A number as the contract writes it: an integral value as an integer ("123456782", never
// "1.23456782E8"), others in the shortest decimal form that reads back as the same double, '.'
// as decimal mark and no exponent. `text` is the stored value (a double as Excel writes it);
// returns false when it is no finite number. With `nine_digits`, a non-negative integer below
// 10^9 is padded with leading zeros to 9 digits (the bsn column).
bool number_text(std::string_view text, bool nine_digits, std::string& out);

}  // namespace rk::ingest::xlsx
