#include "util/csv.hpp"

namespace rk::util {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

bool is_plain_number(std::string_view value) {
  size_t i = value.empty() || value.front() != '-' ? 0 : 1;
  const size_t first_digit = i;
  while (i < value.size() && is_digit(value[i])) ++i;
  if (i == first_digit) return false;
  if (i == value.size()) return true;
  if (value[i] != '.') return false;
  const size_t first_decimal = ++i;
  while (i < value.size() && is_digit(value[i])) ++i;
  return i > first_decimal && i == value.size();
}

bool starts_like_formula(std::string_view value) {
  if (value.empty()) return false;
  switch (value.front()) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
      return !is_plain_number(value);
    default:
      return false;
  }
}

std::string csv_quote(std::string_view value, char separator, CsvQuoting quoting) {
  const char special[] = {separator, '"', '\r', '\n'};
  if (quoting == CsvQuoting::kWhenNeeded &&
      value.find_first_of(std::string_view(special, sizeof special)) == std::string_view::npos)
    return std::string(value);
  std::string out;
  out.reserve(value.size() + 2);
  out += '"';
  for (const char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string csv_text(std::string_view value, char separator, CsvQuoting quoting) {
  if (!starts_like_formula(value)) return csv_quote(value, separator, quoting);
  std::string neutralised;
  neutralised.reserve(value.size() + 1);
  neutralised += '\'';
  neutralised += value;
  return csv_quote(neutralised, separator, quoting);
}

}  // namespace rk::util
