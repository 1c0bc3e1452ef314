// CSV cells as regiekamer writes them: RFC 4180 quoting, and text cells neutralised against
// formula injection ("CSV injection"), so that a value from the data never runs as a formula when
// a user opens the file in a spreadsheet. Every CSV file the program writes (kpi --format csv, the
// StatLine export, the reject file) goes through these functions; the rule is in docs/privacy.md.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace rk::util {

enum class CsvQuoting : uint8_t {
  kWhenNeeded,  // RFC 4180: only a cell that holds the separator, '"', CR or LF
  kAlways,      // every cell in double quotes (the StatLine layout quotes every text cell)
};

// True for a plain decimal number as the program formats numbers: an optional '-', digits, and
// optionally '.' and digits ("12", "-3.5"). Such a cell cannot run anything in a spreadsheet.
bool is_plain_number(std::string_view value);

// True when a spreadsheet may read `value` as a formula: it starts with '=', '+', '-', '@', TAB or
// CR (the OWASP list) and is not a plain number.
bool starts_like_formula(std::string_view value);

// RFC 4180 quoting of one cell, nothing else: in double quotes with every '"' doubled when
// `quoting` is kAlways or the cell holds `separator`, '"', CR or LF; otherwise unchanged. For
// numbers the program formats itself and for CSV text that is not a cell of its own (the fields
// of a rejected record, joined into one cell).
std::string csv_quote(std::string_view value, char separator = ',',
                      CsvQuoting quoting = CsvQuoting::kWhenNeeded);

// A text cell: any value that came from the data, a label or a message. A cell that starts like
// a formula gets a leading "'" (so "=1+1" is written '=1+1 and shown as text), then the cell is
// quoted as csv_quote does. A plain number ("-12") is left as it is.
std::string csv_text(std::string_view value, char separator = ',',
                     CsvQuoting quoting = CsvQuoting::kWhenNeeded);

}  // namespace rk::util
