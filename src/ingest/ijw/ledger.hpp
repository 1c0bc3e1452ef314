// What earlier iJw messages said, kept in the store's metadata so that later imports merge with
// it: one entry per message identity (its content digest), per assignment and per request.
// Values are fields separated by \x1f, a character XML 1.0 cannot carry.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>

namespace rk::ingest::ijw {

inline constexpr int32_t kNoDay = INT32_MIN;

// When a message was sent: Dagtekening, then the message type's rank (JW315 < JW301 < JW305 <
// JW307 on the same day), then sender/id. The latest stamp wins.
struct Stamp {
  int32_t date = kNoDay;
  uint8_t rank = 0;
  std::string id;
  friend bool operator<(const Stamp& a, const Stamp& b) {
    return std::tie(a.date, a.rank, a.id) < std::tie(b.date, b.rank, b.id);
  }
  friend bool operator<=(const Stamp& a, const Stamp& b) { return !(b < a); }
};

// The merged state of one assignment (municipality, provider AGB, ToewijzingNummer).
struct Assignment {
  std::string municipality;  // GM0917
  std::string provider;      // AGB code
  int64_t number = 0;        // ToewijzingNummer
  std::string client;        // pseudonym of the client of the latest message
  Stamp client_at;
  std::string category;  // JZ020 of the latest message with a Product
  std::string product;
  Stamp product_at;
  std::string reference;  // ReferentieAanbieder of the latest JW301 that has one
  Stamp reference_at;
  int32_t start = kNoDay;  // Begindatum of the latest JW305/JW307
  Stamp start_at;
  int32_t end = kNoDay;  // Einddatum of the latest JW307 (kNoDay after a deletion)
  std::string end_reason;
  Stamp end_at;
  bool dirty = false;  // changed by this import (not stored)
};

// The merged state of one request (provider AGB, ReferentieAanbieder of a JW315 product).
struct Request {
  std::string provider;
  std::string reference;
  std::string client;         // pseudonym
  int32_t received = kNoDay;  // earliest Dagtekening
  std::string referrer;       // contract referrer of the latest JW315
  Stamp referrer_at;
  bool dirty = false;
};

// Metadata keys of the ledger.
// A message is identified by sender, message type and Identificatie: the official examples show
// one Identificatie used by one sender for messages of different types.
std::string message_key(std::string_view sender, std::string_view type, std::string_view id);
std::string assignment_key(std::string_view municipality, std::string_view provider,
                           int64_t number);
std::string request_key(std::string_view provider, std::string_view reference);

// Contract ids of what the messages describe.
std::string trajectory_id(const Assignment& a);  // GM0917-65656055-300201
std::string trajectory_id(std::string_view municipality, std::string_view provider, int64_t number);
std::string request_id(std::string_view provider, std::string_view reference);  // 65656055-REF

std::string format_digest(uint64_t digest);
uint64_t parse_digest(std::string_view text);  // 0 when malformed
std::string format_assignment(const Assignment& a);
// Fills `a` from a stored value; fields of a malformed value stay default.
void parse_assignment(std::string_view text, Assignment& a);
std::string format_request(const Request& r);
void parse_request(std::string_view text, Request& r);

}  // namespace rk::ingest::ijw
