#include "server/request_limits.hpp"

#include <charconv>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "util/text.hpp"

namespace rk::server {

std::optional<Refusal> check_date(std::string_view parameter, Date date) {
  const int year = date.civil().year;
  if (year >= kFirstYear && year <= kLastYear) return std::nullopt;
  return Refusal{ErrorKind::kInvalidInput,
                 fmt::format("parameter '{}': datum {} ligt buiten {}-01-01..{}-12-31", parameter,
                             date.to_string(), kFirstYear, kLastYear)};
}

std::optional<Refusal> check_span(Date from, Date to) {
  const int32_t days = to - from + 1;
  if (days <= kMaxSpanDays) return std::nullopt;
  return Refusal{ErrorKind::kInvalidInput,
                 fmt::format("parameters 'from' en 'to': de periode is {} dagen; hoogstens "
                             "{} dagen (tien jaar)",
                             days, kMaxSpanDays)};
}

bool announces_body(const httplib::Request& req) {
  if (req.has_header("Transfer-Encoding")) return true;
  const std::string length = req.get_header_value("Content-Length");
  return !length.empty() && length != "0";
}

BodyPlan plan_body(const httplib::Request& req) {
  BodyPlan plan;
  if (req.has_header("Transfer-Encoding")) {
    if (!util::iequals_ascii(req.get_header_value("Transfer-Encoding"), "chunked") ||
        req.has_header("Content-Length")) {
      plan.refusal = Refusal{ErrorKind::kInvalidInput,
                             "alleen 'Transfer-Encoding: chunked' zonder Content-Length "
                             "wordt ondersteund"};
      return plan;
    }
    plan.wire_bytes = kMaxBodyBytes + kChunkFramingBytes;
    return plan;
  }
  if (!req.has_header("Content-Length")) {
    plan.refusal = Refusal{ErrorKind::kInvalidInput, status_message(411), 411};
    return plan;
  }
  const std::string text = req.get_header_value("Content-Length");
  uint64_t length = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), length);
  if (error != std::errc() || end != text.data() + text.size() ||
      req.get_header_value_count("Content-Length") != 1) {
    plan.refusal = Refusal{ErrorKind::kInvalidInput, "ongeldige Content-Length"};
    return plan;
  }
  if (length > kMaxBodyBytes) {
    plan.refusal = Refusal{ErrorKind::kTooLarge, status_message(413)};
    return plan;
  }
  plan.wire_bytes = static_cast<size_t>(length);
  return plan;
}

std::string truncate_text(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  constexpr std::string_view kMark = "...";
  size_t cut = max_bytes > kMark.size() ? max_bytes - kMark.size() : 0;
  // Not inside a UTF-8 sequence: back up over continuation bytes.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) --cut;
  std::string out(text.substr(0, cut));
  out += kMark;
  return out;
}

std::string status_message(int status) {
  switch (status) {
    case 400:
      return "ongeldig verzoek";
    case 401:
      return "niet ingelogd";
    case 403:
      return "geen toegang";
    case 404:
      return "niet gevonden";
    case 405:
      return "deze methode is hier niet toegestaan";
    case 411:
      return "Content-Length ontbreekt: een verzoek met inhoud noemt zijn lengte (of is chunked)";
    case 413:
      return fmt::format("verzoek te groot: hoogstens {} KiB inhoud", kMaxBodyBytes / 1024);
    case 414:
      return "adres te lang: hoogstens 8 KiB";
    case 429:
      return "te veel verzoeken; probeer het later opnieuw";
    case 431:
      return fmt::format("kopregels te groot: hoogstens {} KiB", kMaxHeadBytes / 1024);
    case 500:
      return "interne fout";
    case 501:
      return "niet ondersteund";
    case 503:
      return "dienst tijdelijk niet beschikbaar";
    default:
      return fmt::format("verzoek geweigerd ({})", status);
  }
}

std::string error_json(std::string_view message) {
  return nlohmann::json{{"error", message}}.dump(-1, ' ', false,
                                                 nlohmann::json::error_handler_t::replace);
}

}  // namespace rk::server
