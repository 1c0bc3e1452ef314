// The serve loop: Server::create opens the state (server_state.hpp) and installs the routes
// (http_routes.hpp); run() listens on the connection loop of http_connection.hpp while a watcher
// thread reads accounts every second and publishes a new snapshot when an import committed.
#include "server/server.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <thread>

#include <fmt/format.h>
#include <httplib.h>

#include "server/http_connection.hpp"
#include "server/http_routes.hpp"
#include "server/request_limits.hpp"
#include "server/server_state.hpp"

namespace rk::server {
namespace {

using SteadyClock = std::chrono::steady_clock;

constexpr auto kSnapshotWait = std::chrono::seconds(60);  // for the importer's snapshot file
// A shared (PostgreSQL) store may be imported on another machine, whose snapshot file this
// server never sees: wait only briefly for a local importer's, then build from the store.
constexpr auto kSharedSnapshotWait = std::chrono::seconds(2);

}  // namespace

int default_threads() {
  // cpp-httplib keeps one worker on a keep-alive connection for as long as it stays open, so the
  // pool must exceed the number of concurrent connections (the load target is 32), whatever the
  // number of cores; idle workers cost only their stack.
  const unsigned hw = std::max(1U, std::thread::hardware_concurrency());
  return static_cast<int>(std::max(128U, hw * 2));
}

struct Server::Impl {
  ServerState state;
  GuardedServer http;

  std::atomic<bool> stopping{false};
  // run() has begun / returned: stop() must not call httplib's stop() between the two before
  // the listener runs, since httplib ignores a stop() that comes before its accept loop.
  std::atomic<bool> run_entered{false};
  std::atomic<bool> run_done{false};
  std::thread watcher;
  std::mutex watcher_mutex;
  std::condition_variable watcher_wake;

  Impl(ServeOptions o, engine::Config c) : state(std::move(o), std::move(c)) {}

  void watch();
  // The snapshot of data version `version`: the importer's file, or (once `waited` passes the
  // wait for it) one built from the store; null while still waiting or when loading failed.
  std::shared_ptr<const engine::Snapshot> next_snapshot(int64_t version,
                                                        SteadyClock::duration waited);
};

std::shared_ptr<const engine::Snapshot> Server::Impl::next_snapshot(int64_t version,
                                                                    SteadyClock::duration waited) {
  store::Store& store = *state.watch_store;
  Result<std::shared_ptr<const engine::Snapshot>> next =
      engine::Snapshot::map_file(store.side_path(".snapshot"));
  if (next && (*next)->data_version() == version) return *next;
  if (waited < (store.shared() ? kSharedSnapshotWait : kSnapshotWait)) return nullptr;
  next = engine::Snapshot::load_or_build(store);
  if (next) return *next;
  std::fprintf(stderr, "regiekamer serve: nieuwe gegevens niet geladen: %s\n",
               next.status().message().c_str());
  return nullptr;
}

// Every second: accounts again; and when an import committed, its snapshot. The importer writes
// the new snapshot file right after its commit: wait for it rather than building a second one,
// unless it does not come.
void Server::Impl::watch() {
  bool pending = false;  // a new data version waits for its snapshot since `pending_since`
  SteadyClock::time_point pending_since;
  while (!stopping) {
    {
      std::unique_lock lock(watcher_mutex);
      watcher_wake.wait_for(lock, std::chrono::seconds(1), [this] { return stopping.load(); });
    }
    if (stopping) break;
    if (Status s = state.refresh_accounts(); !s)
      std::fprintf(stderr, "regiekamer serve: accounts niet gelezen: %s\n", s.message().c_str());
    Result<int64_t> version = state.watch_store->data_version();
    if (!version || *version == state.current()->data_version()) {
      pending = false;
      continue;
    }
    if (!pending) {
      pending = true;
      pending_since = SteadyClock::now();
    }
    auto next = next_snapshot(*version, SteadyClock::now() - pending_since);
    if (!next) continue;
    state.publish(next);
    pending = false;
    std::fprintf(stderr, "regiekamer serve: gegevensversie %lld geladen\n",
                 static_cast<long long>(next->data_version()));
  }
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() {
  stop();
  if (impl_->watcher.joinable()) impl_->watcher.join();
  if (impl_->state.audit) impl_->state.audit->stop();
}

Result<std::unique_ptr<Server>> Server::create(const ServeOptions& options) {
  Result<engine::Config> config = engine::find_and_load_config(options.config);
  if (!config) return config.status();
  if (!store::is_server_uri(options.db) && !std::filesystem::exists(options.db))
    return Status::error(ErrorKind::kNotFound, "geen gegevensbestand " + options.db);
  auto impl = std::make_unique<Impl>(options, std::move(*config));
  if (Status s = impl->state.open(); !s) return s;
  const int threads = options.threads > 0 ? options.threads : default_threads();
  impl->http.new_task_queue = [threads] {
    return new httplib::ThreadPool(static_cast<size_t>(threads));  // owned by httplib
  };
  impl->http.set_tcp_nodelay(true);  // header and body are two writes: no Nagle delay
  impl->http.set_keep_alive_max_count(10000);
  impl->http.set_keep_alive_timeout(5);
  impl->http.set_payload_max_length(kMaxBodyBytes);
  install_routes(impl->http, impl->state);
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Result<int> Server::bind() {
  Impl& m = *impl_;
  const ServeOptions& options = m.state.options;
  int port = options.port;
  if (port == 0) {
    port = m.http.bind_to_any_port(options.bind);
    if (port < 0) return Status::error(ErrorKind::kIo, "kan geen poort openen op " + options.bind);
  } else if (!m.http.bind_to_port(options.bind, port)) {
    return Status::error(ErrorKind::kIo,
                         fmt::format("kan poort {} op {} niet openen", port, options.bind));
  }
  return port;
}

void Server::run() {
  Impl& m = *impl_;
  m.watcher = std::thread([&m] { m.watch(); });
  m.run_entered = true;
  if (!m.stopping) m.http.listen_after_bind();
  m.run_done = true;
  m.stopping = true;
  m.watcher_wake.notify_all();
  if (m.watcher.joinable()) m.watcher.join();
  m.state.audit->flush();
}

void Server::stop() {
  Impl& m = *impl_;
  m.stopping = true;
  m.watcher_wake.notify_all();
  // Either run() sees `stopping` and never listens, or we see `run_entered` and wait until the
  // accept loop runs (or run() has returned), so that the stop below takes effect.
  if (m.run_entered) {
    while (!m.http.is_running() && !m.run_done)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  m.http.stop();
}

std::vector<std::pair<std::string, std::string>> Server::routes() const {
  return impl_->http.routes();
}

void Server::flush_audit() {
  impl_->http.wait_idle();
  impl_->state.audit->flush();
}

}  // namespace rk::server
