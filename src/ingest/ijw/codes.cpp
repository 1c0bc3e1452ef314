#include "ingest/ijw/codes.hpp"

#include <array>
#include <utility>

namespace rk::ingest::ijw {
namespace {

constexpr std::array<MessageTypeInfo, 4> kTypes = {{
    {MessageType::kJw301, "JW301", "436", "http://www.istandaarden.nl/ijw/3_2/jw301/schema", true},
    {MessageType::kJw305, "JW305", "438", "http://www.istandaarden.nl/ijw/3_2/jw305/schema", false},
    {MessageType::kJw307, "JW307", "440", "http://www.istandaarden.nl/ijw/3_2/jw307/schema", false},
    {MessageType::kJw315, "JW315", "446", "http://www.istandaarden.nl/ijw/3_2/jw315/schema", false},
}};

using Pair = std::pair<std::string_view, std::string_view>;

constexpr std::array<Pair, 11> kEndReasons = {{{"02", "external"},
                                               {"20", "other"},
                                               {"31", "plan"},
                                               {"32", "client"},
                                               {"33", "provider"},
                                               {"34", "mutual"},
                                               {"35", "external"},
                                               {"36", "other"},
                                               {"37", "other"},
                                               {"38", "other"},
                                               {"39", "other"}}};

constexpr std::array<Pair, 7> kReferrers = {{{"01", "municipality"},
                                             {"02", "gp"},
                                             {"03", "youth_doctor"},
                                             {"04", "certified_institution"},
                                             {"05", "medical_specialist"},
                                             {"06", "self"},
                                             {"08", "court"}}};

template <size_t N>
std::string_view lookup(const std::array<Pair, N>& table, std::string_view key) {
  for (const auto& [k, v] : table)
    if (k == key) return v;
  return {};
}

bool two_digits(std::string_view code, int& value) {
  if (code.size() != 2 || code[0] < '0' || code[0] > '9' || code[1] < '0' || code[1] > '9')
    return false;
  value = (code[0] - '0') * 10 + (code[1] - '0');
  return true;
}

}  // namespace

const MessageTypeInfo* message_type_for_namespace(std::string_view uri) {
  for (const auto& t : kTypes)
    if (t.namespace_uri == uri) return &t;
  return nullptr;
}

const MessageTypeInfo& message_type_info(MessageType type) {
  return kTypes[static_cast<size_t>(type)];
}

bool is_ijw_message_namespace(std::string_view uri) {
  constexpr std::string_view kPrefix = "http://www.istandaarden.nl/ijw/3_2/jw";
  constexpr std::string_view kSuffix = "/schema";
  return uri.size() == kPrefix.size() + 3 + kSuffix.size() &&
         uri.substr(0, kPrefix.size()) == kPrefix &&
         uri.substr(uri.size() - kSuffix.size()) == kSuffix;
}

std::string_view end_reason_for_jz588(std::string_view code) { return lookup(kEndReasons, code); }

std::string_view jz588_for_end_reason(std::string_view end_reason) {
  if (end_reason == "external") return "35";
  if (end_reason == "other") return "36";
  for (const auto& [k, v] : kEndReasons)
    if (v == end_reason) return k;
  return "36";
}

std::string_view referrer_for_cod327(std::string_view code) { return lookup(kReferrers, code); }

std::string_view cod327_for_referrer(std::string_view referrer) {
  for (const auto& [k, v] : kReferrers)
    if (v == referrer) return k;
  return "06";
}

bool is_product_category(std::string_view code) {
  int v = 0;
  return two_digits(code, v) && ((v >= 31 && v <= 38) || (v >= 40 && v <= 55));
}

bool is_residential_category(std::string_view code) {
  int v = 0;
  return two_digits(code, v) && ((v >= 35 && v <= 38) || v == 43 || v == 44);
}

bool is_delivery_status(std::string_view code) {
  return code == "1" || code == "2" || code == "3" || code == "9";
}

bool is_gender(std::string_view code) { return code == "0" || code == "1" || code == "2"; }

}  // namespace rk::ingest::ijw
