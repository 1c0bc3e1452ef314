#include "server/server_state.hpp"

#include <sodium.h>

#include <array>
#include <cstdint>

namespace rk::server {
namespace {

// The closings (engine/closing.hpp) keep their index and records in metadata keys that start
// with this: when none of those entries changed, neither did the closed periods.
constexpr std::string_view kClosingPrefix = "closed";

std::optional<std::string> cookie_value(const httplib::Request& req, std::string_view name) {
  const std::string header = req.get_header_value("Cookie");
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string_view part(header.data() + pos, end - pos);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (part.size() > name.size() && part.starts_with(name) && part[name.size()] == '=')
      return std::string(part.substr(name.size() + 1));
    pos = end + 1;
  }
  return std::nullopt;
}

// BLAKE2b of the entries, each part preceded by its length.
std::string fingerprint(const std::vector<std::pair<std::string, std::string>>& entries) {
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, crypto_generichash_BYTES);
  auto add = [&state](const std::string& part) {
    const uint64_t size = part.size();
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(&size), sizeof size);
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(part.data()),
                              part.size());
  };
  for (const auto& [key, value] : entries) {
    add(key);
    add(value);
  }
  std::array<unsigned char, crypto_generichash_BYTES> digest{};
  crypto_generichash_final(&state, digest.data(), digest.size());
  return {reinterpret_cast<const char*>(digest.data()), digest.size()};
}

}  // namespace

ServerState::ServerState(ServeOptions o, engine::Config c)
    : options(std::move(o)),
      config(std::move(c)),
      catalogue(engine::Catalogue::create(config)),
      clock(options.clock ? options.clock : system_clock()),
      cache(options.cache_bytes),
      sessions(clock),
      login_gate(clock) {}

Status ServerState::open() {
  auto store = store::Store::open(options.db, store::OpenOptions{options.cache_dir});
  if (!store) return store.status();
  watch_store = std::move(*store);
  auto audit_store = store::Store::open(options.db, store::OpenOptions{options.cache_dir});
  if (!audit_store) return audit_store.status();
  audit = std::make_unique<AuditLog>(std::move(*audit_store), clock);
  auto entries = store::Store::open(options.db, store::OpenOptions{options.cache_dir});
  if (!entries) return entries.status();
  entry_store = std::move(*entries);
  const std::string key_path = store::key_file(options.key, *watch_store);
  auto key = engine::PerturbationKey::from_key_file(key_path);
  if (!key) return key.status();
  perturbation_key_ = *key;
  auto pseudonyms = ingest::Pseudonymizer::from_key_file(key_path);
  if (!pseudonyms) return pseudonyms.status();
  pseudonymizer = *pseudonyms;
  auto snap = engine::Snapshot::load_or_build(*watch_store);
  if (!snap) return snap.status();
  publish(*snap);
  if (Status s = refresh_accounts(); !s) return s;
  auto dummy = hash_password(random_hex(16));
  if (!dummy) return dummy.status();
  dummy_hash = *dummy;
  return Status::ok();
}

std::shared_ptr<const engine::Snapshot> ServerState::current() const {
  const std::lock_guard lock(snapshot_mutex_);
  return snapshot_;
}

std::shared_ptr<const engine::RecordKeys> ServerState::keys_for(
    const engine::Snapshot& snap) const {
  const std::lock_guard lock(snapshot_mutex_);
  for (const auto& keys : {record_keys_, previous_record_keys_})
    if (keys && &keys->snapshot() == &snap) return keys;
  return nullptr;
}

void ServerState::publish(std::shared_ptr<const engine::Snapshot> next) {
  auto keys = std::make_shared<const engine::RecordKeys>(next, *perturbation_key_);
  const std::lock_guard lock(snapshot_mutex_);
  snapshot_ = std::move(next);
  previous_record_keys_ = std::move(record_keys_);
  record_keys_ = std::move(keys);
}

Status ServerState::refresh_accounts() {
  auto list = list_accounts(*watch_store);
  if (!list) return list.status();
  auto toks = list_tokens(*watch_store);
  if (!toks) return toks.status();
  Accounts u;
  for (auto& a : *list) u.emplace(a.name, std::move(a));
  std::map<std::string, TokenOwner> t;
  for (auto& e : *toks) t.emplace(e.hash, TokenOwner{e.name, e.account});
  sessions.retain([&u](const Session& s) { return session_valid(u, s); });
  {
    const std::lock_guard lock(accounts_mutex_);
    users_ = std::move(u);
    tokens_ = std::move(t);
  }
  refresh_closed();
  return Status::ok();
}

// The closings are parsed only when their metadata changed; a damaged closing must not stop
// account changes from taking effect, and keeps the last list.
void ServerState::refresh_closed() {
  auto entries = watch_store->list_meta(kClosingPrefix);
  std::string print = entries ? fingerprint(*entries) : std::string();
  if (entries && print == closed_fingerprint_) return;
  auto closed_rows = engine::closed_periods(*watch_store);
  if (!closed_rows) return;
  const std::lock_guard lock(accounts_mutex_);
  closed_ = std::move(*closed_rows);
  closed_fingerprint_ = std::move(print);
}

bool ServerState::session_valid(const Accounts& accounts, const Session& s) {
  auto it = accounts.find(s.name);
  return it != accounts.end() && it->second.id == s.account && it->second.session_epoch == s.epoch;
}

std::optional<Account> ServerState::find_user(const std::string& name) const {
  const std::lock_guard lock(accounts_mutex_);
  auto it = users_.find(name);
  if (it == users_.end()) return std::nullopt;
  return it->second;
}

std::optional<Caller> ServerState::authenticate(const httplib::Request& req) {
  const std::string auth = req.get_header_value("Authorization");
  if (auth.starts_with("Bearer ")) {
    const std::string hash = token_hash(std::string_view(auth).substr(7));
    const std::lock_guard lock(accounts_mutex_);
    auto it = tokens_.find(hash);
    if (it == tokens_.end()) return std::nullopt;
    // The account the token was made for: not a later one of the same name.
    auto user = users_.find(it->second.name);
    if (user == users_.end() || user->second.id != it->second.account) return std::nullopt;
    return Caller{user->second.name, user->second.role, {}, {}};
  }
  auto id = cookie_value(req, kSessionCookie);
  if (!id) return std::nullopt;
  std::optional<Session> s = sessions.find(*id);
  if (!s) return std::nullopt;
  const std::lock_guard lock(accounts_mutex_);
  if (!session_valid(users_, *s)) return std::nullopt;  // removed, re-added, role or password
  const Account& user = users_.at(s->name);
  return Caller{user.name, user.role, *id, s->csrf};
}

std::vector<engine::ClosedPeriod> ServerState::closed_periods() const {
  const std::lock_guard lock(accounts_mutex_);
  return closed_;
}

}  // namespace rk::server
