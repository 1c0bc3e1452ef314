#include "cli/run_command.hpp"

#include <cstdio>
#include <exception>
#include <utility>

#include "ingest/bsn.hpp"

namespace rk::cli {
namespace {

void print_failure(std::string_view name, std::string_view message) {
  std::fprintf(stderr, "regiekamer %.*s: %.*s\n", static_cast<int>(name.size()), name.data(),
               static_cast<int>(message.size()), message.data());
}

}  // namespace

int run_command(std::string_view name, const CommandBody& body) {
  try {
    const Status status = body();
    if (!status && !status.message().empty()) print_failure(name, status.message());
    return exit_code(status);
  } catch (const std::exception& e) {
    print_failure(name, "interne fout: " + ingest::mask_digit_runs(e.what()));
  } catch (...) {
    print_failure(name, "interne fout");
  }
  return exit_code(ErrorKind::kInternal);
}

void set_command_body(CLI::App& cmd, std::string name, int& exit_code_out, CommandBody body) {
  cmd.callback([name = std::move(name), &exit_code_out, body = std::move(body)] {
    exit_code_out = run_command(name, body);
  });
}

Status as_failure(const Status& status) {
  if (status.is_ok() || exit_code(status) == exit_code(ErrorKind::kInvalidInput)) return status;
  return Status::error(ErrorKind::kInvalidInput, status.message());
}

}  // namespace rk::cli
