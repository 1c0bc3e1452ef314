// Subcommands of the `regiekamer` program. Each registers itself on the CLI11 app; its body runs
// through run_command (cli/run_command.hpp), which stores the exit code in the shared slot (cli.md:
// 0 ok, 1 failure, 2 usage, 3 rejected rows).
#pragma once

#include <CLI/CLI.hpp>

#include "model/status.hpp"
#include "server/server.hpp"

namespace rk::cli {

// Every register_* adds one subcommand whose callback stores its exit code in `exit_code`.
void register_import(CLI::App& app, int& exit_code);
void register_check(CLI::App& app, int& exit_code);
void register_demo(CLI::App& app, int& exit_code);
void register_generate(CLI::App& app, int& exit_code);
void register_kpi(CLI::App& app, int& exit_code);
void register_close(CLI::App& app, int& exit_code);
void register_export(CLI::App& app, int& exit_code);
void register_report(CLI::App& app, int& exit_code);
void register_serve(CLI::App& app, int& exit_code);
void register_user(CLI::App& app, int& exit_code);

// Serves the dashboard and API until SIGINT or SIGTERM (`serve`, and the end of `demo`). Fails
// when the server cannot start (store, configuration, port).
Status run_serve(const server::ServeOptions& options);

}  // namespace rk::cli
