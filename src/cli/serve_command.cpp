// `regiekamer serve`: the JSON API and the dashboard (server/). SIGINT and SIGTERM end it
// cleanly: the listener stops and the audit log is written to the end.
#include <atomic>
#include <csignal>
#include <cstdio>
#include <memory>
#include <thread>

#include "cli/commands.hpp"
#include "server/server.hpp"

namespace rk::cli {
int run_serve(const server::ServeOptions& options) {
  // Signals are taken by one thread (sigtimedwait) instead of a handler, which could not stop the
  // server safely; the mask is set before any thread starts, so every thread inherits it.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto server = server::Server::create(options);
  if (!server) {
    std::fprintf(stderr, "regiekamer serve: %s\n", server.status().message().c_str());
    return exit_code(server.status().kind());
  }
  auto port = (*server)->bind();
  if (!port) {
    std::fprintf(stderr, "regiekamer serve: %s\n", port.status().message().c_str());
    return 1;
  }
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
  return 0;
}

void register_serve(CLI::App& app, int& exit_code_out) {
  auto options = std::make_shared<server::ServeOptions>();
  CLI::App* cmd = app.add_subcommand("serve", "dashboard en JSON-API");
  cmd->add_option("--db", options->db, "gegevensbestand (SQLite) of postgresql://-URI")->required();
  cmd->add_option("--cache-dir", options->cache_dir,
                  "map voor de momentopname van een PostgreSQL-opslag")
      ->envname("REGIEKAMER_CACHE_DIR");
  cmd->add_option("--port", options->port, "poort (standaard 8080; 0 = een vrije poort)")
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--bind", options->bind, "adres (standaard 127.0.0.1)");
  cmd->add_option("--threads", options->threads, "werkthreads (standaard 128 of 2 x kernen)")
      ->check(CLI::Range(1, 1024));
  cmd->add_option("--config", options->config, "configuratie (regiekamer.toml of JSON)");
  cmd->add_option("--key", options->key, "sleutelbestand van de opslag (standaard naast de opslag)")
      ->envname("REGIEKAMER_KEY_FILE");
  cmd->add_option_function<size_t>(
         "--cache-mb", [options](size_t mib) { options->cache_bytes = mib << 20; },
         "grens van de antwoordcache in MiB (standaard 256; 0 = niets bewaren)")
      ->check(CLI::Range(0, 1 << 20));
  cmd->callback([options, &exit_code_out] { exit_code_out = run_serve(*options); });
}

}  // namespace rk::cli
