#include "ingest/field_parser.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

#include <fmt/format.h>

#include "calendar/date.hpp"
#include "ingest/bsn.hpp"
#include "util/text.hpp"

namespace rk::ingest {
namespace {

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

Rejection rejection(const model::FieldSpec& spec, std::string reason) {
  return Rejection{std::string(spec.name), std::move(reason)};
}

Rejected check_range(const model::FieldSpec& spec, double v) {
  if (v >= spec.min && v <= spec.max) return std::nullopt;
  // A column bounded on one side only (activities.waiting_weeks) names that bound.
  if (std::isinf(spec.max))
    return rejection(spec, fmt::format("waarde {} kleiner dan {}", v, spec.min));
  return rejection(spec, fmt::format("waarde {} buiten bereik {}..{}", v, spec.min, spec.max));
}

// Identifiers and free text: bounded length, and no BSN-shaped number.
Rejected parse_text(const model::FieldSpec& spec, std::string_view raw, store::Cell& out) {
  if (spec.type == model::FieldType::kId && raw.size() > kMaxIdLength)
    return rejection(spec, fmt::format("identificatie te lang ({} tekens, maximaal {})", raw.size(),
                                       kMaxIdLength));
  if (spec.type == model::FieldType::kText && raw.size() > kMaxTextLength)
    return rejection(
        spec, fmt::format("tekst te lang ({} tekens, maximaal {})", raw.size(), kMaxTextLength));
  if (auto rejected = check_not_bsn_shaped(spec, raw, "kolom bsn")) return rejected;
  out = store::Cell::text(raw);
  return std::nullopt;
}

// Dates, months, periods and municipality codes: kept as written when their form is right.
Rejected parse_canonical_text(const model::FieldSpec& spec, std::string_view raw,
                              store::Cell& out) {
  using FT = model::FieldType;
  switch (spec.type) {
    case FT::kDate:
      if (!parse_date(raw))
        return rejection(spec, fmt::format("geen geldige datum (JJJJ-MM-DD): '{}'", shown(raw)));
      break;
    case FT::kMonth:
      if (!parse_month(raw))
        return rejection(spec, fmt::format("geen geldige maand (JJJJ-MM): '{}'", shown(raw)));
      break;
    case FT::kPeriod:
      if (!is_period_key(raw))
        return rejection(spec, fmt::format("geen geldige periode (2020, 2020H2, 2020Q4 of "
                                           "2020-11): '{}'",
                                           shown(raw)));
      break;
    default:  // kMunicipalityCode
      if (raw.size() != 6 || raw[0] != 'G' || raw[1] != 'M' || !is_digit(raw[2]) ||
          !is_digit(raw[3]) || !is_digit(raw[4]) || !is_digit(raw[5]))
        return rejection(spec,
                         fmt::format("geen CBS-gemeentecode (GM + 4 cijfers): '{}'", shown(raw)));
  }
  out = store::Cell::text(raw);
  return std::nullopt;
}

// A timestamp in the canonical form YYYY-MM-DDTHH:MM:SS, built in `buffer` from the input.
Rejected parse_timestamp_field(const model::FieldSpec& spec, std::string_view raw,
                               FieldBuffer& buffer, store::Cell& out) {
  if (!parse_timestamp(raw))
    return rejection(spec,
                     fmt::format("geen geldig tijdstip (JJJJ-MM-DDTUU:MM[:SS]): '{}'", shown(raw)));
  char* t = buffer.text.data();
  std::copy_n(raw.data(), 10, t);
  std::copy_n("T00:00:00", 9, t + 10);
  if (raw.size() >= 16) std::copy_n(raw.data() + 11, 5, t + 11);
  if (raw.size() == 19) std::copy_n(raw.data() + 17, 2, t + 17);
  out = store::Cell::text(std::string_view(t, 19));
  return std::nullopt;
}

// Booleans, integers, numbers and amounts.
Rejected parse_numeric(const model::FieldSpec& spec, std::string_view raw, store::Cell& out) {
  using FT = model::FieldType;
  switch (spec.type) {
    case FT::kBool: {
      bool b = false;
      if (!parse_bool(raw, b))
        return rejection(spec, fmt::format("geen geldige ja/nee-waarde (true/false/1/0/ja/nee): "
                                           "'{}'",
                                           shown(raw)));
      out = store::Cell::integer(b ? 1 : 0);
      return std::nullopt;
    }
    case FT::kInt: {
      int64_t v = 0;
      if (!parse_int(raw, v))
        return rejection(spec, fmt::format("geen geheel getal: '{}'", shown(raw)));
      if (auto rejected = check_range(spec, static_cast<double>(v))) return rejected;
      out = store::Cell::integer(v);
      return std::nullopt;
    }
    case FT::kNumber: {
      double v = 0;
      if (!parse_number(raw, v))
        return rejection(spec,
                         fmt::format("geen getal (met . als decimaalteken): '{}'", shown(raw)));
      if (auto rejected = check_range(spec, v)) return rejected;
      out = store::Cell::real(v);
      return std::nullopt;
    }
    default: {  // kMoney
      int64_t cents = 0;
      if (!parse_money(raw, cents))
        return rejection(spec, fmt::format("geen geldig bedrag (euro's, hoogstens 2 decimalen, . "
                                           "als decimaalteken): '{}'",
                                           shown(raw)));
      out = store::Cell::integer(cents);
      return std::nullopt;
    }
  }
}

// One of the contract's values, matched without case and stored as the contract writes it.
Rejected parse_enum(const model::FieldSpec& spec, std::string_view raw, store::Cell& out) {
  for (const std::string_view v : spec.enum_values) {
    if (util::iequals_ascii(v, raw)) {
      out = store::Cell::text(v);
      return std::nullopt;
    }
  }
  std::string allowed;
  for (const auto v : spec.enum_values) {
    if (!allowed.empty()) allowed += '|';
    allowed += v;
  }
  return rejection(spec,
                   fmt::format("onbekende waarde '{}' (toegestaan: {})", shown(raw), allowed));
}

}  // namespace

bool parse_bool(std::string_view raw, bool& out) {
  if (raw == "1" || util::iequals_ascii(raw, "true") || util::iequals_ascii(raw, "ja")) {
    out = true;
    return true;
  }
  if (raw == "0" || util::iequals_ascii(raw, "false") || util::iequals_ascii(raw, "nee")) {
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

Rejected check_not_bsn_shaped(const model::FieldSpec& spec, std::string_view value,
                              std::string_view bsn_place) {
  BsnContext context = BsnContext::kText;
  switch (spec.type) {
    case model::FieldType::kId:
      context = BsnContext::kIdentifier;
      break;
    case model::FieldType::kText:
      context = BsnContext::kText;
      break;
    default:
      return std::nullopt;
  }
  if (!holds_bsn_shaped(value, context)) return std::nullopt;
  return rejection(
      spec, fmt::format("waarde lijkt op een BSN (9 cijfers, elfproef); een BSN hoort alleen in {}",
                        bsn_place));
}

Rejected parse_field(const model::FieldSpec& spec, std::string_view raw, FieldBuffer& buffer,
                     store::Cell& out) {
  using FT = model::FieldType;
  if (raw.empty()) {
    out = store::Cell::null();
    return std::nullopt;
  }
  switch (spec.type) {
    case FT::kId:
    case FT::kText:
      return parse_text(spec, raw, out);
    case FT::kDate:
    case FT::kMonth:
    case FT::kPeriod:
    case FT::kMunicipalityCode:
      return parse_canonical_text(spec, raw, out);
    case FT::kTimestamp:
      return parse_timestamp_field(spec, raw, buffer, out);
    case FT::kBool:
    case FT::kInt:
    case FT::kNumber:
    case FT::kMoney:
      return parse_numeric(spec, raw, out);
    case FT::kEnum:
      return parse_enum(spec, raw, out);
  }
  return rejection(spec, "onbekend veldtype");
}

}  // namespace rk::ingest
