// Reading values written in a file's dialect into the contract's canonical text (dialect.hpp).
// Every reading first checks whether the value is canonical already, so that the canonical path
// costs a few byte comparisons per typed cell.
#include <fmt/format.h>

#include "calendar/date.hpp"
#include "ingest/dialect.hpp"
#include "util/text.hpp"

namespace rk::ingest {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool all_digits(std::string_view s) {
  for (const char c : s)
    if (!is_digit(c)) return false;
  return !s.empty();
}

// Shortens a value for use in a message.
std::string shown(std::string_view raw) {
  if (raw.size() <= 40) return std::string(raw);
  return fmt::format("{}… ({} tekens)", raw.substr(0, 40), raw.size());
}

std::string_view separator_name(char separator) {
  if (separator == ';') return ";";
  if (separator == '\t') return "tabs";
  return ",";
}

// Integer digits with optional thousands groups of three joined by `group`: "1234", "1.234",
// "12.345.678". Appends the digits to `out`; false when the groups are wrong.
bool read_grouped_digits(std::string_view s, char group, std::string& out) {
  if (s.empty()) return false;
  if (s.find(group) == std::string_view::npos) {
    if (!all_digits(s)) return false;
    out += s;
    return true;
  }
  size_t start = 0;
  bool first = true;
  while (start <= s.size()) {
    const size_t end = std::min(s.find(group, start), s.size());
    const std::string_view part = s.substr(start, end - start);
    if (!all_digits(part) || part.size() > 3 || (!first && part.size() != 3)) return false;
    out += part;
    first = false;
    start = end + 1;
  }
  return true;
}

// A number with `decimal` as decimal mark and `group` between thousands; appends its canonical
// form ('.' as decimal mark, no groups) to `out`.
bool read_number(std::string_view raw, char decimal, char group, std::string& out) {
  out.clear();
  if (!raw.empty() && (raw.front() == '-' || raw.front() == '+')) {
    if (raw.front() == '-') out += '-';
    raw.remove_prefix(1);
  }
  const size_t mark = raw.find(decimal);
  if (!read_grouped_digits(raw.substr(0, mark), group, out)) return false;
  if (mark == std::string_view::npos) return true;
  const std::string_view fraction = raw.substr(mark + 1);
  if (!all_digits(fraction)) return false;
  out += '.';
  out += fraction;
  return true;
}

Reading read_numeric(std::string_view raw, const Dialect& dialect, std::string& out,
                     std::string& reason) {
  const char decimal = dialect.decimal_mark();
  const char group = dialect.group_mark();
  if (raw.find(',') == std::string_view::npos &&
      (decimal == '.' || raw.find('.') == std::string_view::npos)) {
    return Reading::kAsIs;
  }
  if (read_number(raw, decimal, group, out)) return Reading::kRewritten;
  if (decimal == '.') return Reading::kAsIs;  // parse_field names the canonical form
  std::string as_point;
  if (read_number(raw, '.', ',', as_point) && raw.find(',') == std::string_view::npos) {
    std::string suggestion(raw);
    for (char& c : suggestion)
      if (c == '.') c = ',';
    reason = fmt::format(
        "'{}' heeft een punt als decimaalteken, maar het bestand is gescheiden door {} en dan is "
        "de komma het decimaalteken: schrijf {} (een punt mag alleen duizendtallen scheiden, "
        "zoals in 1.234,56)",
        shown(raw), separator_name(dialect.separator), shown(suggestion));
  } else {
    reason = fmt::format(
        "geen getal: '{}' (het bestand is gescheiden door {}: schrijf getallen als 1234,56 of "
        "1.234,56)",
        shown(raw), separator_name(dialect.separator));
  }
  return Reading::kInvalid;
}

void append_two_digits(std::string& out, unsigned value) {
  out += static_cast<char>('0' + value / 10 % 10);
  out += static_cast<char>('0' + value % 10);
}

// 1 or 2 digits at s[i..]; advances i.
bool read_small(std::string_view s, size_t& i, unsigned& value) {
  const size_t start = i;
  value = 0;
  while (i < s.size() && is_digit(s[i]) && i - start < 2) value = value * 10 + (s[i++] - '0');
  return i > start && (i == s.size() || !is_digit(s[i]));
}

enum class DateForm : uint8_t { kNone, kIso, kDayFirst };

// A date at the start of `s`: YYYY-MM-DD (copied as it is) or D-M-YYYY, DD-MM-YYYY, D/M/YYYY
// (DD/MM/YYYY too). Writes YYYY-MM-DD to `iso` and the length read to `length`. A day-first
// date that does not exist gives kNone with `impossible` set.
DateForm read_date_prefix(std::string_view s, std::string& iso, size_t& length, bool& impossible) {
  impossible = false;
  if (s.size() >= 10 && s[4] == '-' && s[7] == '-' && all_digits(s.substr(0, 4))) {
    iso.assign(s.substr(0, 10));
    length = 10;
    return DateForm::kIso;
  }
  size_t i = 0;
  unsigned day = 0;
  unsigned month = 0;
  if (!read_small(s, i, day) || i >= s.size() || (s[i] != '-' && s[i] != '/')) {
    return DateForm::kNone;
  }
  const char sep = s[i++];
  if (!read_small(s, i, month) || i >= s.size() || s[i] != sep) return DateForm::kNone;
  ++i;
  if (s.size() - i < 4 || !all_digits(s.substr(i, 4))) return DateForm::kNone;
  if (s.size() - i > 4 && is_digit(s[i + 4])) return DateForm::kNone;
  const int year =
      (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
  length = i + 4;
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) {
    impossible = true;
    return DateForm::kNone;
  }
  iso.assign(s.substr(i, 4));  // YYYY-MM-DD written digit by digit: this runs for every cell
  iso += '-';
  append_two_digits(iso, month);
  iso += '-';
  append_two_digits(iso, day);
  return DateForm::kDayFirst;
}

Reading read_date(std::string_view raw, std::string& out, std::string& reason) {
  if (raw.size() == 10 && raw[4] == '-' && raw[7] == '-') return Reading::kAsIs;
  size_t length = 0;
  bool impossible = false;
  const DateForm form = read_date_prefix(raw, out, length, impossible);
  if (impossible && length == raw.size()) {
    reason = fmt::format("geen bestaande datum: '{}' (gelezen als dag-maand-jaar)", shown(raw));
    return Reading::kInvalid;
  }
  return form == DateForm::kDayFirst && length == raw.size() ? Reading::kRewritten : Reading::kAsIs;
}

// H:MM or H:MM:SS (hour of one or two digits); appends HH:MM[:SS] to `out`.
bool read_time(std::string_view s, std::string& out) {
  size_t i = 0;
  unsigned hour = 0;
  if (!read_small(s, i, hour) || i >= s.size() || s[i] != ':') return false;
  const std::string_view rest = s.substr(i + 1);
  const bool minutes = rest.size() == 2 && all_digits(rest);
  const bool seconds = rest.size() == 5 && rest[2] == ':' && all_digits(rest.substr(0, 2)) &&
                       all_digits(rest.substr(3));
  if (!minutes && !seconds) return false;
  append_two_digits(out, hour);
  out += ':';
  out += rest;
  return true;
}

Reading read_timestamp(std::string_view raw, std::string& out) {
  const bool iso_date = raw.size() >= 10 && raw[4] == '-' && raw[7] == '-';
  if (iso_date && (raw.size() == 10 ||
                   ((raw.size() == 16 || raw.size() == 19) && raw[10] == 'T' && raw[13] == ':'))) {
    return Reading::kAsIs;
  }
  size_t length = 0;
  bool impossible = false;
  if (read_date_prefix(raw, out, length, impossible) == DateForm::kNone) return Reading::kAsIs;
  if (length == raw.size()) return Reading::kRewritten;  // a bare date means 00:00
  if (raw[length] != ' ' && raw[length] != 'T') return Reading::kAsIs;
  out += 'T';
  return read_time(raw.substr(length + 1), out) ? Reading::kRewritten : Reading::kAsIs;
}

Reading read_boolean(std::string_view raw, std::string& out) {
  using util::iequals_ascii;
  if (iequals_ascii(raw, "waar") || iequals_ascii(raw, "j")) {
    out = "true";
    return Reading::kRewritten;
  }
  if (iequals_ascii(raw, "onwaar") || iequals_ascii(raw, "n")) {
    out = "false";
    return Reading::kRewritten;
  }
  return Reading::kAsIs;  // true/false/1/0/ja/nee in any case are canonical already
}

}  // namespace

Reading read_value(model::FieldType type, std::string_view raw, const Dialect& dialect,
                   std::string& out, std::string& reason) {
  using FT = model::FieldType;
  if (raw.empty()) return Reading::kAsIs;
  switch (type) {
    case FT::kInt:
    case FT::kNumber:
    case FT::kMoney:
      return read_numeric(raw, dialect, out, reason);
    case FT::kDate:
      return read_date(raw, out, reason);
    case FT::kTimestamp:
      return read_timestamp(raw, out);
    case FT::kBool:
      return read_boolean(raw, out);
    default:
      return Reading::kAsIs;
  }
}

Reading read_bsn(std::string_view raw, std::string& out) {
  if (raw.size() == 9 && all_digits(raw)) return Reading::kAsIs;
  std::string digits;
  bool after_digit = false;
  for (const char c : raw) {
    if (is_digit(c)) {
      digits += c;
      after_digit = true;
    } else if ((c == ' ' || c == '.') && after_digit) {
      after_digit = false;  // one separator between two digits
    } else {
      return Reading::kAsIs;
    }
  }
  if (!after_digit || (digits.size() != 8 && digits.size() != 9)) return Reading::kAsIs;
  out = digits.size() == 8 ? "0" + digits : digits;
  return Reading::kRewritten;
}

}  // namespace rk::ingest
