// CLI11's own messages for a wrong command line, in Dutch: the failure message formatter of the
// `regiekamer` app (CLI::App::failure_message). CLI11 2.1 raises its errors as English text only,
// so the known shapes are recognised and rewritten; an unknown shape keeps its text behind a
// Dutch lead. The exit code stays that of a usage error (2), chosen by main.
#pragma once

#include <string>
#include <string_view>

#include <CLI/CLI.hpp>

namespace rk::cli {

// Returns the Dutch text of one CLI11 error message (CLI::Error::what()), e.g.
// "--db is required" -> "--db is verplicht". `commands` lists the subcommands to choose from
// (comma-separated), for "A subcommand is required".
std::string dutch_usage_error(std::string_view english, std::string_view commands);

// The formatter for app.failure_message: "regiekamer kpi: --db is verplicht" and a line that
// points to --help of that command.
std::string dutch_failure_message(const CLI::App* app, const CLI::Error& error);

}  // namespace rk::cli
