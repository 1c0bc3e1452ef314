// Status and Result<T>: errors as values for input that is expected to be bad sometimes.
// One table (kErrorKinds) gives every error kind its CLI exit code and its HTTP status; the CLI
// (exit_code) and the API (http_status) read nothing else.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace rk {

enum class ErrorKind {
  kOk,
  kInvalidInput,     // a value in a file or a request is wrong
  kNotFound,         // an indicator, period, account or file that does not exist
  kIo,               // a file could not be read or written
  kStore,            // the store refused or failed
  kUsage,            // the command line or the API call is used wrongly
  kInternal,         // a defect: should not happen
  kUnauthenticated,  // no valid session or token
  kForbidden,        // logged in, but not allowed for this role or scope
  kTooLarge,         // a request (head or body) over its limit
  kTooManyRequests,  // throttled
  kUnavailable,      // figures not ready yet (snapshot being built)
  kConflict,         // the request would change what must stay as it is (a closed period)
  kRejectedRows,     // done, but some rows or messages were rejected (import)
};

// What one error kind means outside the program.
struct ErrorKindInfo {
  ErrorKind kind;
  int exit_code;    // cli.md: 0 success, 1 failure, 2 wrong usage, 3 import with rejected rows
  int http_status;  // cli.md, API: the status an API answer with this kind carries
};

inline constexpr std::array kErrorKinds = {
    ErrorKindInfo{ErrorKind::kOk, 0, 200},
    ErrorKindInfo{ErrorKind::kInvalidInput, 1, 400},
    ErrorKindInfo{ErrorKind::kNotFound, 1, 404},
    ErrorKindInfo{ErrorKind::kIo, 1, 500},
    ErrorKindInfo{ErrorKind::kStore, 1, 500},
    ErrorKindInfo{ErrorKind::kUsage, 2, 400},
    ErrorKindInfo{ErrorKind::kInternal, 1, 500},
    ErrorKindInfo{ErrorKind::kUnauthenticated, 1, 401},
    ErrorKindInfo{ErrorKind::kForbidden, 1, 403},
    ErrorKindInfo{ErrorKind::kTooLarge, 1, 413},
    ErrorKindInfo{ErrorKind::kTooManyRequests, 1, 429},
    ErrorKindInfo{ErrorKind::kUnavailable, 1, 503},
    ErrorKindInfo{ErrorKind::kConflict, 1, 409},
    ErrorKindInfo{ErrorKind::kRejectedRows, 3, 200},
};

constexpr const ErrorKindInfo& error_kind_info(ErrorKind kind) {
  return kErrorKinds[static_cast<std::size_t>(kind)];
}

// The table is indexed by kind: every kind in order, none missing.
consteval bool error_table_in_order() {
  for (std::size_t i = 0; i < kErrorKinds.size(); ++i) {
    if (static_cast<std::size_t>(kErrorKinds[i].kind) != i) return false;
  }
  return kErrorKinds.back().kind == ErrorKind::kRejectedRows;
}
static_assert(error_table_in_order(), "kErrorKinds must list every ErrorKind in order");

// The CLI exit code of a kind (cli.md).
constexpr int exit_code(ErrorKind kind) { return error_kind_info(kind).exit_code; }
// The HTTP status of a kind.
constexpr int http_status(ErrorKind kind) { return error_kind_info(kind).http_status; }
// Exit code 0: the one place the CLI names success.
inline constexpr int kExitOk = 0;

class [[nodiscard]] Status {
 public:
  Status() = default;
  static Status ok() { return {}; }
  static Status error(ErrorKind kind, std::string message) {
    Status s;
    s.kind_ = kind;
    s.message_ = std::move(message);
    return s;
  }
  [[nodiscard]] bool is_ok() const { return kind_ == ErrorKind::kOk; }
  explicit operator bool() const { return is_ok(); }
  [[nodiscard]] ErrorKind kind() const { return kind_; }
  [[nodiscard]] const std::string& message() const { return message_; }
  // Marks a status as deliberately not checked (e.g. a rollback after an earlier failure).
  void ignore() const {}

 private:
  ErrorKind kind_ = ErrorKind::kOk;
  std::string message_;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}         // NOLINT(google-explicit-constructor)
  Result(Status status) : v_(std::move(status)) {}  // NOLINT(google-explicit-constructor)
  [[nodiscard]] bool is_ok() const { return v_.index() == 0; }
  explicit operator bool() const { return is_ok(); }
  T& value() & { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  const T& value() const& { return std::get<0>(v_); }
  T* operator->() { return &std::get<0>(v_); }
  const T* operator->() const { return &std::get<0>(v_); }
  T& operator*() & { return std::get<0>(v_); }
  [[nodiscard]] Status status() const { return is_ok() ? Status::ok() : std::get<1>(v_); }

 private:
  std::variant<T, Status> v_;
};

// The exit code of a finished command: its status's kind.
inline int exit_code(const Status& status) { return exit_code(status.kind()); }

}  // namespace rk
