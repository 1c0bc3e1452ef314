// Status and Result<T>: errors as values for input that is expected to be bad sometimes.
// One table (exit_code) maps error kinds to CLI exit codes; HTTP statuses follow the same kinds.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace rk {

enum class ErrorKind { kOk, kInvalidInput, kNotFound, kIo, kStore, kUsage, kInternal };

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

// CLI exit codes of cli.md: 0 success, 1 failure, 2 wrong usage, 3 import with rejected rows.
inline int exit_code(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kOk:
      return 0;
    case ErrorKind::kUsage:
      return 2;
    default:
      return 1;
  }
}

}  // namespace rk
