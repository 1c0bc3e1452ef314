// regiekamer: steering information for youth care. Entry point; the subcommands live in
// cli/*_command.cpp.
#include <cstdio>

#include "cli/commands.hpp"

// NOLINTNEXTLINE(bugprone-exception-escape): an unexpected exception is meant to terminate
int main(int argc, char** argv) {
  CLI::App app{"regiekamer - stuurinformatie jeugdhulp"};
  app.require_subcommand(1);
  int exit_code = 0;
  rk::cli::register_import(app, exit_code);
  rk::cli::register_demo(app, exit_code);
  rk::cli::register_generate(app, exit_code);
  rk::cli::register_kpi(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  return exit_code;
}
