// regiekamer: steering information for youth care. Entry point; the subcommands live in
// cli/*_command.cpp, each running through cli/run_command.hpp.
#include <cstdio>
#include <exception>
#include <string>

#include "cli/commands.hpp"
#include "cli/usage_errors.hpp"
#include "ingest/bsn.hpp"
#include "model/status.hpp"
#include "util/version.hpp"

namespace {

int run(int argc, char** argv) {
  CLI::App app{"regiekamer - stuurinformatie jeugdhulp"};
  app.failure_message(rk::cli::dutch_failure_message);
  app.require_subcommand(1);
  // "regiekamer 0.1.0 (1a2b3c4)": help2man reads it for the manual page's header.
  app.set_version_flag("--version", "regiekamer " + std::string(rk::util::version_text()),
                       "versie tonen en stoppen");
  int exit_code = rk::kExitOk;
  rk::cli::register_import(app, exit_code);
  rk::cli::register_demo(app, exit_code);
  rk::cli::register_generate(app, exit_code);
  rk::cli::register_kpi(app, exit_code);
  rk::cli::register_close(app, exit_code);
  rk::cli::register_export(app, exit_code);
  rk::cli::register_report(app, exit_code);
  rk::cli::register_serve(app, exit_code);
  rk::cli::register_user(app, exit_code);
  rk::cli::register_check(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help ends here too, with CLI11's code 0; every other parse error is wrong usage.
    const int rc = app.exit(e);
    return rc == rk::kExitOk ? rk::kExitOk : rk::exit_code(rk::ErrorKind::kUsage);
  }
  return exit_code;
}

}  // namespace

int main(int argc, char** argv) {
  // A failure no command foresaw (out of memory, …) ends with exit code 1, as any failure; an
  // open import transaction is rolled back when its store closes. Masked like every message.
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "regiekamer: onverwachte fout: %s\n",
                 rk::ingest::mask_digit_runs(e.what()).c_str());
  } catch (...) {
    std::fputs("regiekamer: onverwachte fout\n", stderr);
  }
  return rk::exit_code(rk::ErrorKind::kInternal);
}
