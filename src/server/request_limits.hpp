// The limits of a request to `serve` and the answers to requests that pass them: the dates and
// span an indicator call may ask, the size and framing of a body, the length of the text kept in
// the audit log, and the Dutch message of each error status.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <httplib.h>

#include "calendar/date.hpp"
#include "model/status.hpp"

namespace rk::server {

// The longest period `from`..`to` (both included) a request may ask: ten calendar years hold
// 3,652 or 3,653 days, so any ten years pass and one day more does not.
constexpr int32_t kMaxSpanDays = 3653;
// Dates outside these years are refused (no data can lie there; far dates only cost work).
constexpr int kFirstYear = 1900;
constexpr int kLastYear = 2200;

// Request line and headers together (the library itself refuses a request line over 8 KiB).
constexpr size_t kMaxHeadBytes = size_t{32} * 1024;

// Body of a request (JSON of a login); larger ones are answered 413.
constexpr size_t kMaxBodyBytes = size_t{64} * 1024;
// A chunked body may take this much more on the wire than its data: chunk-size lines, trailers.
constexpr size_t kChunkFramingBytes = size_t{16} * 1024;

// Target (path and query) and scope as stored in the audit log: at most this many bytes, cut at
// a UTF-8 character boundary and ending in "..." when cut.
constexpr size_t kAuditTextBytes = 512;

// A refused request: its error kind and Dutch message. A refusal of HTTP itself that no
// ErrorKind names (405 method not allowed, 411 length required) carries that status instead.
struct Refusal {
  ErrorKind kind = ErrorKind::kInvalidInput;
  std::string message;
  int protocol_status = 0;  // 0: the status is http_status(kind)

  // The HTTP status of the answer.
  [[nodiscard]] int status() const {
    return protocol_status != 0 ? protocol_status : http_status(kind);
  }
  // As a Status of its kind (for a refusal that has one).
  [[nodiscard]] Status to_status() const { return Status::error(kind, message); }
};

// Refusal (kInvalidInput, naming the parameter) of a date outside kFirstYear..kLastYear.
std::optional<Refusal> check_date(std::string_view parameter, Date date);
// Refusal (kInvalidInput, naming `from` and `to`) of a period longer than kMaxSpanDays.
// REQUIRES: from <= to.
std::optional<Refusal> check_span(Date from, Date to);

// How a request's body is to be read, decided from its headers before any of it is read.
struct BodyPlan {
  std::optional<Refusal> refusal;  // 400 bad framing, 411 no length, 413 (kTooLarge) too large
  size_t wire_bytes = 0;           // bytes the body may take on the wire
};
// For a request whose body the handler reads (POST): Content-Length up to kMaxBodyBytes, or a
// chunked body (whose data the library checks against kMaxBodyBytes, and whose wire size is
// bounded by kMaxBodyBytes + kChunkFramingBytes); neither is 411.
BodyPlan plan_body(const httplib::Request& req);
// True when the request announces a body (Content-Length above 0, or Transfer-Encoding).
bool announces_body(const httplib::Request& req);

// `text` cut to at most `max_bytes` bytes (see kAuditTextBytes).
std::string truncate_text(std::string_view text, size_t max_bytes = kAuditTextBytes);

// The Dutch message of an error status the server answers without a handler's own message.
std::string status_message(int status);

// {"error": message} as the API writes it.
std::string error_json(std::string_view message);

}  // namespace rk::server
