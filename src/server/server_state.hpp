// What every request of `serve` reads (internal to the server): the published snapshot with its
// record keys, the accounts, tokens and closed periods the watcher reads from the store, the
// sessions and login gate, and the answer cache with its single flight. Thread-safe: requests
// run on many threads, and only the watcher (and Server::create) writes.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <httplib.h>

#include "calendar/workdays.hpp"
#include "engine/catalogue.hpp"
#include "engine/closing.hpp"
#include "engine/config.hpp"
#include "engine/record_keys.hpp"
#include "engine/snapshot.hpp"
#include "ingest/bsn.hpp"
#include "server/accounts.hpp"
#include "server/answer_cache.hpp"
#include "server/audit_log.hpp"
#include "server/clock.hpp"
#include "server/server.hpp"
#include "server/sessions.hpp"
#include "server/single_flight.hpp"
#include "store/store.hpp"

namespace rk::server {

class ServerState {
 public:
  ServerState(ServeOptions options, engine::Config config);

  // Opens the watcher's, the entries' and the audit log's stores, reads the key, loads the
  // snapshot, the accounts and the closed periods. Fails with the store's or the key file's status.
  [[nodiscard]] Status open();

  // --- snapshot -------------------------------------------------------------------------
  [[nodiscard]] std::shared_ptr<const engine::Snapshot> current() const;
  // The record keys of `snap`: the current snapshot's, or the previous one's for a request that
  // took its snapshot just before a swap. Null only for an older snapshot still (the request
  // then answers 503 rather than figures without perturbation).
  [[nodiscard]] std::shared_ptr<const engine::RecordKeys> keys_for(
      const engine::Snapshot& snap) const;
  // Makes `next` the current snapshot (the watcher).
  void publish(std::shared_ptr<const engine::Snapshot> next);

  // --- accounts and closed periods (read by the watcher every second) ---------------------
  // Reads accounts and tokens again, ends the sessions they no longer allow, and reads the
  // closed periods when their metadata changed. A damaged closing keeps the last list.
  [[nodiscard]] Status refresh_accounts();
  [[nodiscard]] std::optional<Account> find_user(const std::string& name) const;
  // The caller of `req`: a Bearer token, or the session cookie; nullopt when neither is valid.
  [[nodiscard]] std::optional<Caller> authenticate(const httplib::Request& req);
  [[nodiscard]] std::vector<engine::ClosedPeriod> closed_periods() const;

  const ServeOptions options;
  const engine::Config config;
  const engine::Catalogue catalogue;
  const WorkingDays working_days;
  const std::shared_ptr<const Clock> clock;
  std::unique_ptr<store::Store> watch_store;  // the watcher thread only, after open()
  // Figures entered by hand (POST /api/measurements) are written one at a time, under
  // entry_mutex, on a connection of their own; the pseudonymizer is the importer's (its key).
  std::mutex entry_mutex;
  std::unique_ptr<store::Store> entry_store;
  std::optional<ingest::Pseudonymizer> pseudonymizer;
  std::unique_ptr<AuditLog> audit;
  AnswerCache cache;
  DocumentFlight documents{cache};
  SessionTable sessions;
  LoginGate login_gate;
  std::string dummy_hash;  // verified against for unknown names (same cost as a real check)

 private:
  struct TokenOwner {
    std::string name;
    std::string account;  // id of the account the token was made for
  };
  using Accounts = std::map<std::string, Account>;

  static bool session_valid(const Accounts& accounts, const Session& s);
  void refresh_closed();

  mutable std::mutex snapshot_mutex_;
  std::shared_ptr<const engine::Snapshot> snapshot_;
  // The record keys of `snapshot_` for the disclosure layer, swapped together with it.
  std::shared_ptr<const engine::RecordKeys> record_keys_;
  std::shared_ptr<const engine::RecordKeys> previous_record_keys_;
  std::optional<engine::PerturbationKey> perturbation_key_;

  mutable std::mutex accounts_mutex_;
  Accounts users_;
  std::map<std::string, TokenOwner> tokens_;  // by hash
  std::vector<engine::ClosedPeriod> closed_;
  std::string closed_fingerprint_;  // the watcher only: hash of the closings' metadata last read
};

}  // namespace rk::server
