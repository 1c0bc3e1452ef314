// `regiekamer serve`: the JSON API of cli.md ("Accounts and the API") and the dashboard's files.
// Requests are answered from an immutable engine snapshot that a watcher replaces atomically when
// an import commits (requests in flight keep the old one); answers are cached per snapshot
// version, role and scope as serialized JSON, within a bound in bytes. Accounts and tokens are
// read from the store's metadata every second; sessions live in memory; every request except
// GET /api/health is audited through AuditLog, also one refused before a handler runs. Sessions,
// the login throttle and the audit log read the clock of the options. See docs/architecture.md
// ("Server").
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/status.hpp"
#include "server/audit_log.hpp"
#include "server/clock.hpp"

namespace rk::server {

struct ServeOptions {
  std::string db;
  std::string bind = "127.0.0.1";
  int port = 8080;  // 0: any free port
  int threads = 0;  // 0: the default (see default_threads())
  std::optional<std::string> config;
  std::string cache_dir;  // snapshot folder of a PostgreSQL store (store::OpenOptions)
  std::string key;        // the store's key file (store::key_file); needed for the cell keys
  size_t cache_bytes = size_t{256} << 20;  // bound of the answer cache (AnswerCache)
  std::shared_ptr<const Clock> clock;      // null: the system clock (tests: a ManualClock)
};

int default_threads();

class Server {
 public:
  // Opens the store (connections for the watcher, the audit writer and figures entered by hand),
  // loads the snapshot and the accounts.
  static Result<std::unique_ptr<Server>> create(const ServeOptions& options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listening socket; returns the port.
  Result<int> bind();
  // Serves until stop(); then flushes the audit log.
  void run();
  void stop();
  // Waits until the audit record of every answer written so far is in the store.
  void flush_audit();
  // The routes the server answers, as registered: (path pattern, method). The API's description
  // (docs/openapi.json) must name every one (tests/server).
  [[nodiscard]] std::vector<std::pair<std::string, std::string>> routes() const;

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace rk::server
