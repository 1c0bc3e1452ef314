// `regiekamer serve`: the JSON API and the dashboard (server/). SIGINT and SIGTERM end it
// cleanly: the listener stops and the audit log is written to the end.
#include <atomic>
#include <csignal>
#include <cstdio>
#include <memory>
#include <thread>

#include "cli/commands.hpp"
#include "cli/common_options.hpp"
#include "cli/run_command.hpp"
#include "server/server.hpp"

namespace rk::cli {

Status run_serve(const server::ServeOptions& options) {
  // Signals are taken by one thread (sigtimedwait) instead of a handler, which could not stop the
  // server safely; the mask is set before any thread starts, so every thread inherits it.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto server = server::Server::create(options);
  if (!server) return server.status();
  auto port = (*server)->bind();
  if (!port) return port.status();
  const int threads = options.threads > 0 ? options.threads : server::default_threads();
  std::printf("regiekamer serve: http://%s:%d/ (%d werkthreads; stoppen met Ctrl-C)\n",
              options.bind.c_str(), *port, threads);
  std::fflush(stdout);
  server::Server* s = server->get();
  std::atomic<bool> done{false};
  std::thread waiter([s, signals, &done] {
    const timespec tick{0, 200'000'000};
    while (!done) {
      if (sigtimedwait(&signals, nullptr, &tick) > 0) {
        s->stop();
        return;
      }
    }
  });
  s->run();
  done = true;
  waiter.join();
  std::fprintf(stderr, "regiekamer serve: gestopt\n");
  return Status::ok();
}

void register_serve(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<server::ServeOptions>();
  CLI::App* cmd = app.add_subcommand("serve", "dashboard en JSON-API");
  add_db_option(*cmd, options->db);
  add_cache_dir_option(*cmd, options->cache_dir);
  cmd->add_option("--port", options->port, "poort (standaard 8080; 0 = een vrije poort)")
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--bind", options->bind, "adres (standaard 127.0.0.1)");
  cmd->add_option("--threads", options->threads, "werkthreads (standaard 128 of 2 x kernen)")
      ->check(CLI::Range(1, 1024));
  add_config_option(*cmd, options->config);
  add_key_option(*cmd, options->key);
  cmd->add_option_function<size_t>(
         "--cache-mb", [options](size_t mib) { options->cache_bytes = mib << 20; },
         "grens van de antwoordcache in MiB (standaard 256; 0 = niets bewaren)")
      ->check(CLI::Range(0, 1 << 20));
  set_command_body(*cmd, "serve", exit_code, [options] { return run_serve(*options); });
}

}  // namespace rk::cli
