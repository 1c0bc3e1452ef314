// iJw 3.2 code lists that regiekamer reads, and their mapping onto the data contract's enums
// (docs/ijw.md). Codes are compared as the text the schema defines ("02", not "2").
#pragma once

#include <string_view>

namespace rk::ingest::ijw {

// Message codes of the messages regiekamer reads (BerichtCode): JW301 = 436, JW305 = 438,
// JW307 = 440, JW315 = 446.
enum class MessageType : unsigned char { kJw301, kJw305, kJw307, kJw315 };

struct MessageTypeInfo {
  MessageType type;
  std::string_view name;  // "JW301"
  std::string_view code;  // "436"
  std::string_view namespace_uri;
  bool municipality_sends;  // JW301: the municipality sends; the others: the provider sends
};

// The message type whose schema namespace is `uri`; nullptr when regiekamer does not read it.
const MessageTypeInfo* message_type_for_namespace(std::string_view uri);
const MessageTypeInfo& message_type_info(MessageType type);
// True when `uri` is the namespace of some iJw 3.2 message (also those regiekamer skips).
bool is_ijw_message_namespace(std::string_view uri);

inline constexpr std::string_view kBaseNamespace =
    "http://www.istandaarden.nl/ijw/3_2/basisschema/schema";

// JZ588 reason for ending care -> contract end_reason: 31 plan, 32 client, 33 provider,
// 34 mutual, 35 and 02 external, 20 and 36..39 other. Empty when `code` is not in JZ588.
std::string_view end_reason_for_jz588(std::string_view code);
// The JZ588 code written for a contract end_reason (the generator's inverse; "other" -> 36).
std::string_view jz588_for_end_reason(std::string_view end_reason);

// COD327 referrer type -> contract referrer: 01 municipality, 02 gp, 03 youth_doctor,
// 04 certified_institution, 05 medical_specialist, 06 self, 08 court. Empty when unknown.
std::string_view referrer_for_cod327(std::string_view code);
// The COD327 code for a contract referrer; referrers without their own code (school, provider,
// neighbourhood_team, other) are sent as 06 (self-referral / no referrer).
std::string_view cod327_for_referrer(std::string_view referrer);

// JZ020 product category (31..38, 40..55).
bool is_product_category(std::string_view code);
// Categories of care with stay (verblijf): 35..38 (2015 categories), 43 and 44.
bool is_residential_category(std::string_view code);

// COD467 delivery status: 1 first, 2 changed, 3 delete, 9 not applicable.
bool is_delivery_status(std::string_view code);
// COD046 gender: 0, 1, 2.
bool is_gender(std::string_view code);

}  // namespace rk::ingest::ijw
