// The one way a subcommand runs. Its body returns a Status; run_command turns that into the exit
// code of cli.md through the table of model/status.hpp (kExitOk, exit_code(kind): 1 failure,
// 2 usage, 3 rejected rows) and prints a failure's message on stderr as
// "regiekamer COMMAND: message". An exception no step caught (a defect, or a library failure) ends
// as "interne fout" with exit code 1, its digit runs masked like every message.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include <CLI/CLI.hpp>

#include "model/status.hpp"

namespace rk::cli {

// The body of a subcommand: Status::ok() on success.
using CommandBody = std::function<Status()>;

// Runs `body` for the command `name` ("kpi", "export xlsx") and returns its exit code. A failed
// status with an empty message prints nothing: the command has told the user itself (import
// lists its rejected rows in its summary).
int run_command(std::string_view name, const CommandBody& body);

// Makes `body` the callback of `cmd`: when the command line selects it, run_command(name, body)
// runs and its exit code goes to `exit_code_out`.
void set_command_body(CLI::App& cmd, std::string name, int& exit_code_out, CommandBody body);

// `status` as a plain failure (exit code 1), for a step whose errors this command has always
// reported as failures although the step calls them usage errors; ok stays ok.
Status as_failure(const Status& status);

}  // namespace rk::cli
