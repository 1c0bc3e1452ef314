// Reading and validating one iJw 3.2 message (JW301, JW305, JW307 or JW315) into plain values.
// The reader checks what the schema (shared/ijw/xsd) says of every element regiekamer reads and
// of the header: mandatory elements, patterns, code lists and real dates; it refuses DOCTYPE
// declarations (so no entity expansion and no external entities) and oversized messages.
// It knows nothing of the store: references and identities are checked by the importer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/date.hpp"
#include "ingest/ijw/codes.hpp"

namespace rk::ingest::ijw {

// Messages larger than this are rejected unread (a message is one client; real ones are a few kB).
inline constexpr size_t kMaxMessageBytes = size_t{4} << 20;
// At most this many product lines per message.
inline constexpr size_t kMaxProducts = 1000;

// One ToegewezenProduct (JW301), StartProduct (JW305), StopProduct (JW307) or AangevraagdProduct
// (JW315). Absent optional elements are empty / nullopt / -1.
struct ProductLine {
  uint64_t line = 0;            // line of the product element in the file
  int64_t assignment = -1;      // ToewijzingNummer
  std::string category;         // Product/Categorie (JZ020)
  std::string code;             // Product/Code, e.g. 45A48
  std::optional<Date> start;    // JW301 Ingangsdatum, JW305/JW307 Begindatum,
                                // JW315 ToewijzingIngangsdatum
  std::optional<Date> end;      // JW301 Einddatum, JW307 Einddatum, JW315 ToewijzingEinddatum
  std::string_view end_reason;  // JW307: contract end_reason mapped from JZ588
  std::string reason_code;      // JW307: the JZ588 code itself
  char status = 0;              // JW305/JW307 StatusAanlevering (COD467): '1', '2', '3' or '9'
  std::string reference;        // ReferentieAanbieder (JW301 optional, JW315 mandatory)
  std::string_view referrer;    // JW315: contract referrer mapped from COD327 Verwijzer/Type
};

struct Message {
  MessageType type = MessageType::kJw301;
  std::string sender;    // Afzender: 4-digit municipality code or 8-digit AGB code
  std::string receiver;  // Ontvanger
  std::string id;        // BerichtIdentificatie/Identificatie
  Date date;             // BerichtIdentificatie/Dagtekening
  std::string bsn;       // Client/Bsn, 9 digits passing the 11-test; the importer replaces it
  Date birth_date;       // Client/Geboortedatum/Datum
  std::vector<ProductLine> products;

  // The municipality as the contract writes it (GM + the 4-digit code of sender or receiver).
  [[nodiscard]] std::string municipality() const;
  // The provider's AGB code (receiver of a JW301, sender of the others).
  [[nodiscard]] const std::string& provider() const;
};

// Why a message was refused: the line and element where the problem is, and a reason in Dutch.
struct ReadError {
  uint64_t line = 0;
  std::string element;  // local name of the offending element; empty for the whole document
  std::string reason;
  bool typed = false;  // the message type was recognized (Message::type is set)
};

// What reading a message gives.
enum class ReadOutcome : unsigned char {
  kMessage,    // a message regiekamer reads, valid; `out` is filled
  kOtherType,  // a valid-looking iJw message of a type regiekamer does not read (JW302, ...)
  kRejected,   // invalid; `error` says why
};

// Reads the XML document `xml` (the whole file). REQUIRES: nothing; any bytes are accepted.
// On kOtherType, `error.reason` names the message type.
ReadOutcome read_message(std::string_view xml, Message& out, ReadError& error);

// 1-based line number of byte `offset` in `text`.
uint64_t line_at(std::string_view text, size_t offset);

}  // namespace rk::ingest::ijw
