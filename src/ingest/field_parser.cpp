#include "ingest/field_parser.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstring>

#include <fmt/format.h>

#include "calendar/date.hpp"
#include "ingest/bsn.hpp"

namespace rk::ingest {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != b[i]) return false;
  return true;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Shortens a value for use in a message.
std::string shown(std::string_view raw) {
  if (raw.size() <= 40) return std::string(raw);
  return fmt::format("{}… ({} tekens)", raw.substr(0, 40), raw.size());
}

bool parse_int(std::string_view raw, int64_t& out) {
  const char* first = raw.data();
  const char* last = raw.data() + raw.size();
  if (first != last && *first == '+') ++first;
  const auto [ptr, ec] = std::from_chars(first, last, out);
  return ec == std::errc() && ptr == last;
}

bool parse_number(std::string_view raw, double& out) {
  const char* first = raw.data();
  const char* last = raw.data() + raw.size();
  if (first != last && *first == '+') ++first;
  const auto [ptr, ec] = std::from_chars(first, last, out, std::chars_format::fixed);
  return ec == std::errc() && ptr == last && std::isfinite(out);
}

bool check_range(const model::FieldSpec& spec, double v, std::string& reason) {
  if (v < spec.min || v > spec.max) {
    reason = fmt::format("waarde {} buiten bereik {}..{}", v, spec.min, spec.max);
    return false;
  }
  return true;
}

}  // namespace

bool parse_bool(std::string_view raw, bool& out) {
  if (raw == "1" || iequals(raw, "true") || iequals(raw, "ja")) {
    out = true;
    return true;
  }
  if (raw == "0" || iequals(raw, "false") || iequals(raw, "nee")) {
    out = false;
    return true;
  }
  return false;
}

bool parse_money(std::string_view raw, int64_t& cents) {
  bool negative = false;
  size_t i = 0;
  if (i < raw.size() && (raw[i] == '-' || raw[i] == '+')) negative = raw[i++] == '-';
  int64_t whole = 0;
  size_t digits = 0;
  while (i < raw.size() && is_digit(raw[i])) {
    if (++digits > 15) return false;
    whole = whole * 10 + (raw[i++] - '0');
  }
  int64_t frac = 0;
  size_t frac_digits = 0;
  if (i < raw.size() && raw[i] == '.') {
    ++i;
    while (i < raw.size() && is_digit(raw[i])) {
      if (++frac_digits > 2) return false;
      frac = frac * 10 + (raw[i++] - '0');
    }
    if (frac_digits == 0) return false;
  }
  if (i != raw.size() || digits == 0) return false;
  if (frac_digits == 1) frac *= 10;
  cents = whole * 100 + frac;
  if (negative) cents = -cents;
  return true;
}

bool is_period_key(std::string_view raw) {
  if (raw.size() < 4 || !is_digit(raw[0]) || !is_digit(raw[1]) || !is_digit(raw[2]) ||
      !is_digit(raw[3]))
    return false;
  const std::string_view rest = raw.substr(4);
  if (rest.empty()) return true;
  if (rest == "H1" || rest == "H2") return true;
  if (rest.size() == 2 && rest[0] == 'Q' && rest[1] >= '1' && rest[1] <= '4') return true;
  return parse_month(raw).has_value();
}

bool check_not_bsn_shaped(const model::FieldSpec& spec, std::string_view value,
                          std::string_view bsn_place, std::string& reason) {
  BsnContext context = BsnContext::kText;
  switch (spec.type) {
    case model::FieldType::kId:
      context = BsnContext::kIdentifier;
      break;
    case model::FieldType::kText:
      context = BsnContext::kText;
      break;
    default:
      return true;
  }
  if (!holds_bsn_shaped(value, context)) return true;
  reason = fmt::format("waarde lijkt op een BSN (9 cijfers, elfproef); een BSN hoort alleen in {}",
                       bsn_place);
  return false;
}

bool parse_field(const model::FieldSpec& spec, std::string_view raw, FieldBuffer& buffer,
                 store::Cell& out, std::string& reason) {
  using FT = model::FieldType;
  if (raw.empty()) {
    out = store::Cell::null();
    return true;
  }
  switch (spec.type) {
    case FT::kId:
      if (raw.size() > kMaxIdLength) {
        reason =
            fmt::format("identificatie te lang ({} tekens, maximaal {})", raw.size(), kMaxIdLength);
        return false;
      }
      if (!check_not_bsn_shaped(spec, raw, "kolom bsn", reason)) return false;
      out = store::Cell::text(raw);
      return true;
    case FT::kText:
      if (raw.size() > kMaxTextLength) {
        reason = fmt::format("tekst te lang ({} tekens, maximaal {})", raw.size(), kMaxTextLength);
        return false;
      }
      if (!check_not_bsn_shaped(spec, raw, "kolom bsn", reason)) return false;
      out = store::Cell::text(raw);
      return true;
    case FT::kDate:
      if (!parse_date(raw)) {
        reason = fmt::format("geen geldige datum (JJJJ-MM-DD): '{}'", shown(raw));
        return false;
      }
      out = store::Cell::text(raw);
      return true;
    case FT::kTimestamp: {
      const auto ts = parse_timestamp(raw);
      if (!ts) {
        reason = fmt::format("geen geldig tijdstip (JJJJ-MM-DDTUU:MM[:SS]): '{}'", shown(raw));
        return false;
      }
      // Canonical form YYYY-MM-DDTHH:MM:SS, built from the validated input.
      char* t = buffer.text.data();
      std::copy_n(raw.data(), 10, t);
      std::copy_n("T00:00:00", 9, t + 10);
      if (raw.size() >= 16) std::copy_n(raw.data() + 11, 5, t + 11);
      if (raw.size() == 19) std::copy_n(raw.data() + 17, 2, t + 17);
      out = store::Cell::text(std::string_view(t, 19));
      return true;
    }
    case FT::kMonth:
      if (!parse_month(raw)) {
        reason = fmt::format("geen geldige maand (JJJJ-MM): '{}'", shown(raw));
        return false;
      }
      out = store::Cell::text(raw);
      return true;
    case FT::kPeriod:
      if (!is_period_key(raw)) {
        reason =
            fmt::format("geen geldige periode (2020, 2020H2, 2020Q4 of 2020-11): '{}'", shown(raw));
        return false;
      }
      out = store::Cell::text(raw);
      return true;
    case FT::kMunicipalityCode:
      if (raw.size() != 6 || raw[0] != 'G' || raw[1] != 'M' || !is_digit(raw[2]) ||
          !is_digit(raw[3]) || !is_digit(raw[4]) || !is_digit(raw[5])) {
        reason = fmt::format("geen CBS-gemeentecode (GM + 4 cijfers): '{}'", shown(raw));
        return false;
      }
      out = store::Cell::text(raw);
      return true;
    case FT::kBool: {
      bool b = false;
      if (!parse_bool(raw, b)) {
        reason =
            fmt::format("geen geldige ja/nee-waarde (true/false/1/0/ja/nee): '{}'", shown(raw));
        return false;
      }
      out = store::Cell::integer(b ? 1 : 0);
      return true;
    }
    case FT::kInt: {
      int64_t v = 0;
      if (!parse_int(raw, v)) {
        reason = fmt::format("geen geheel getal: '{}'", shown(raw));
        return false;
      }
      if (!check_range(spec, static_cast<double>(v), reason)) return false;
      out = store::Cell::integer(v);
      return true;
    }
    case FT::kNumber: {
      double v = 0;
      if (!parse_number(raw, v)) {
        reason = fmt::format("geen getal (met . als decimaalteken): '{}'", shown(raw));
        return false;
      }
      if (!check_range(spec, v, reason)) return false;
      out = store::Cell::real(v);
      return true;
    }
    case FT::kMoney: {
      int64_t cents = 0;
      if (!parse_money(raw, cents)) {
        reason = fmt::format(
            "geen geldig bedrag (euro's, hoogstens 2 decimalen, . als "
            "decimaalteken): '{}'",
            shown(raw));
        return false;
      }
      out = store::Cell::integer(cents);
      return true;
    }
    case FT::kEnum:
      for (const std::string_view v : spec.enum_values) {
        if (v.size() == raw.size() &&
            std::equal(v.begin(), v.end(), raw.begin(), [](char a, char b) {
              return std::tolower(static_cast<unsigned char>(a)) ==
                     std::tolower(static_cast<unsigned char>(b));
            })) {
          out = store::Cell::text(v);
          return true;
        }
      }
      {
        std::string allowed;
        for (const auto v : spec.enum_values) {
          if (!allowed.empty()) allowed += '|';
          allowed += v;
        }
        reason = fmt::format("onbekende waarde '{}' (toegestaan: {})", shown(raw), allowed);
      }
      return false;
  }
  reason = "onbekend veldtype";
  return false;
}

}  // namespace rk::ingest
