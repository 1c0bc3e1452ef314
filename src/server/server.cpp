#include "server/server.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <future>
#include <map>
#include <set>
#include <shared_mutex>
#include <thread>
#include <unordered_map>

#include <fmt/format.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "calendar/date.hpp"
#include "calendar/workdays.hpp"
#include "engine/catalogue.hpp"
#include "engine/closing.hpp"
#include "engine/config.hpp"
#include "engine/disclosure.hpp"
#include "engine/record_keys.hpp"
#include "engine/render.hpp"
#include "engine/snapshot.hpp"
#include "server/accounts.hpp"
#include "server/assets.hpp"
#include "server/charts.hpp"

namespace rk::server {
namespace {

using Clock = std::chrono::steady_clock;
using Json = nlohmann::json;

constexpr std::string_view kCookie = "rk_session";
constexpr auto kSessionLifetime = std::chrono::hours(8);
constexpr int kFreeFailures = 4;       // failed logins before the delay starts
constexpr int kMaxDelaySeconds = 900;  // longest lockout
constexpr auto kFailureMemory = std::chrono::minutes(15);
constexpr auto kSnapshotWait = std::chrono::seconds(60);  // for the importer's snapshot file
// A shared (PostgreSQL) store may be imported on another machine, whose snapshot file this
// server never sees: wait only briefly for a local importer's, then build from the store.
constexpr auto kSharedSnapshotWait = std::chrono::seconds(2);
constexpr size_t kMaxCacheEntries = 20000;

// Serialized without throwing: text from the request (e.g. a code with invalid UTF-8) is
// written with replacement characters.
std::string dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

std::string error_body(std::string_view message) { return dump(Json{{"error", message}}); }

// A thrown request error: status and Dutch message.
struct ApiError {
  int status;
  std::string message;
};

struct Caller {
  std::string name;
  AccountRole role;
  std::string session;  // empty for token calls
  std::string csrf;
};

struct Session {
  std::string name;
  std::string csrf;
  Clock::time_point expires;
};

struct Failures {
  int count = 0;
  Clock::time_point last;
  Clock::time_point locked_until;
};

// The effective request of an indicator call, after role checks.
struct IndicatorRequest {
  Date from;
  Date to;
  engine::ScopeText scope;
  engine::Role role = engine::Role::kAnalyst;
};

std::string scope_text(const IndicatorRequest& r) {
  std::string out = fmt::format("{}..{}", r.from.to_string(), r.to.to_string());
  auto add = [&out](std::string_view name, const std::optional<std::string>& v) {
    if (v) out += fmt::format(" {}={}", name, *v);
  };
  add("municipality", r.scope.municipality);
  add("area", r.scope.area);
  add("quadrant", r.scope.quadrant);
  add("provider", r.scope.provider);
  return out;
}

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

}  // namespace

int default_threads() {
  // cpp-httplib keeps one worker on a keep-alive connection for as long as it stays open, so the
  // pool must exceed the number of concurrent connections (the load target is 32), whatever the
  // number of cores; idle workers cost only their stack.
  const unsigned hw = std::max(1U, std::thread::hardware_concurrency());
  return static_cast<int>(std::max(128U, hw * 2));
}

struct Server::Impl {
  ServeOptions options;
  engine::Config config;
  engine::Catalogue catalogue;
  WorkingDays working_days;
  std::unique_ptr<store::Store> watch_store;  // watcher thread only
  std::unique_ptr<AuditLog> audit;
  httplib::Server http;

  mutable std::mutex snapshot_mutex;
  std::shared_ptr<const engine::Snapshot> snapshot;
  // The record keys of `snapshot` for the disclosure layer, swapped together with it.
  std::shared_ptr<const engine::RecordKeys> record_keys;
  std::optional<engine::PerturbationKey> perturbation_key;

  mutable std::mutex accounts_mutex;
  std::map<std::string, Account> users;
  std::map<std::string, std::string> tokens;  // hash -> name
  std::vector<engine::ClosedPeriod> closed;

  std::mutex sessions_mutex;
  std::unordered_map<std::string, Session> sessions;

  std::mutex throttle_mutex;
  std::unordered_map<std::string, Failures> failures;

  std::shared_mutex cache_mutex;  // readers: cache hits
  int64_t cache_version = -1;
  std::unordered_map<std::string, std::shared_ptr<const std::string>> cache;
  std::unordered_map<std::string, std::shared_ptr<const Json>> documents;

  std::mutex inflight_mutex;
  std::unordered_map<std::string, std::shared_future<std::shared_ptr<const Json>>> inflight;

  std::string dummy_hash;  // verified against for unknown names (same cost as a real check)

  std::atomic<bool> stopping{false};
  // run() has begun / returned: stop() must not call httplib's stop() between the two before
  // the listener runs, since httplib ignores a stop() that comes before its accept loop.
  std::atomic<bool> run_entered{false};
  std::atomic<bool> run_done{false};
  std::thread watcher;
  std::mutex watcher_mutex;
  std::condition_variable watcher_wake;

  Impl(ServeOptions o, engine::Config c)
      : options(std::move(o)), config(std::move(c)), catalogue(engine::Catalogue::create(config)) {}

  std::shared_ptr<const engine::Snapshot> current() const {
    const std::lock_guard lock(snapshot_mutex);
    return snapshot;
  }

  // The record keys of `snap` (the current snapshot, or one that a request still holds).
  std::shared_ptr<const engine::RecordKeys> keys_for(const engine::Snapshot& snap) const {
    {
      const std::lock_guard lock(snapshot_mutex);
      if (record_keys && &record_keys->snapshot() == &snap) return record_keys;
    }
    return nullptr;
  }

  void publish(std::shared_ptr<const engine::Snapshot> next) {
    auto keys = std::make_shared<const engine::RecordKeys>(next, *perturbation_key);
    const std::lock_guard lock(snapshot_mutex);
    snapshot = std::move(next);
    record_keys = std::move(keys);
  }

  // --- accounts -------------------------------------------------------------------------

  Status refresh_accounts() {
    auto list = list_accounts(*watch_store);
    if (!list) return list.status();
    auto toks = list_tokens(*watch_store);
    if (!toks) return toks.status();
    // A damaged closing must not stop account changes from taking effect: keep the last list.
    auto closed_rows = engine::closed_periods(*watch_store);
    if (!closed_rows) {
      const std::lock_guard lock(accounts_mutex);
      closed_rows = closed;
    }
    std::map<std::string, Account> u;
    for (auto& a : *list) u.emplace(a.name, std::move(a));
    std::map<std::string, std::string> t;
    for (auto& e : *toks) t.emplace(e.hash, e.name);
    const std::lock_guard lock(accounts_mutex);
    users = std::move(u);
    tokens = std::move(t);
    closed = std::move(*closed_rows);
    return Status::ok();
  }

  std::optional<Account> find_user(const std::string& name) const {
    const std::lock_guard lock(accounts_mutex);
    auto it = users.find(name);
    if (it == users.end()) return std::nullopt;
    return it->second;
  }

  std::optional<Caller> authenticate(const httplib::Request& req) {
    const std::string auth = req.get_header_value("Authorization");
    if (auth.starts_with("Bearer ")) {
      const std::string hash = token_hash(std::string_view(auth).substr(7));
      std::string name;
      {
        const std::lock_guard lock(accounts_mutex);
        auto it = tokens.find(hash);
        if (it == tokens.end()) return std::nullopt;
        name = it->second;
      }
      auto user = find_user(name);
      if (!user) return std::nullopt;
      return Caller{user->name, user->role, {}, {}};
    }
    auto id = cookie_value(req, kCookie);
    if (!id) return std::nullopt;
    Session s;
    {
      const std::lock_guard lock(sessions_mutex);
      auto it = sessions.find(*id);
      if (it == sessions.end()) return std::nullopt;
      if (it->second.expires < Clock::now()) {
        sessions.erase(it);
        return std::nullopt;
      }
      s = it->second;
    }
    auto user = find_user(s.name);  // a removed account loses its sessions
    if (!user) return std::nullopt;
    return Caller{user->name, user->role, *id, s.csrf};
  }

  // Seconds the caller must still wait, or 0.
  int locked_for(const std::vector<std::string>& keys) {
    const std::lock_guard lock(throttle_mutex);
    const auto now = Clock::now();
    int wait = 0;
    for (const auto& k : keys) {
      auto it = failures.find(k);
      if (it == failures.end() || it->second.locked_until <= now) continue;
      const auto left =
          std::chrono::ceil<std::chrono::seconds>(it->second.locked_until - now).count();
      wait = std::max(wait, static_cast<int>(left));
    }
    return wait;
  }

  void record_failure(const std::vector<std::string>& keys) {
    const std::lock_guard lock(throttle_mutex);
    const auto now = Clock::now();
    if (failures.size() > 100000) {  // forget old entries (names are chosen by the caller)
      std::erase_if(failures, [now](const auto& kv) {
        return now - kv.second.last > kFailureMemory && kv.second.locked_until <= now;
      });
    }
    for (const auto& k : keys) {
      Failures& f = failures[k];
      if (now - f.last > kFailureMemory) f.count = 0;
      f.last = now;
      ++f.count;
      if (f.count > kFreeFailures) {
        const int exponent = std::min(f.count - kFreeFailures - 1, 10);
        const int delay = std::min(kMaxDelaySeconds, 1 << exponent);
        f.locked_until = now + std::chrono::seconds(delay);
      }
    }
  }

  void clear_failures(const std::string& key) {
    const std::lock_guard lock(throttle_mutex);
    failures.erase(key);
  }

  // --- snapshot watcher -----------------------------------------------------------------

  void watch() {
    bool pending = false;
    Clock::time_point pending_since;
    while (!stopping) {
      {
        std::unique_lock lock(watcher_mutex);
        watcher_wake.wait_for(lock, std::chrono::seconds(1), [this] { return stopping.load(); });
      }
      if (stopping) break;
      if (Status s = refresh_accounts(); !s)
        std::fprintf(stderr, "regiekamer serve: accounts niet gelezen: %s\n", s.message().c_str());
      Result<int64_t> version = watch_store->data_version();
      if (!version || *version == current()->data_version()) {
        pending = false;
        continue;
      }
      // The importer writes the new snapshot file right after its commit; wait for it rather
      // than building a second one, unless it does not come.
      if (!pending) {
        pending = true;
        pending_since = Clock::now();
      }
      Result<std::shared_ptr<const engine::Snapshot>> next =
          engine::Snapshot::map_file(watch_store->side_path(".snapshot"));
      if (!next || (*next)->data_version() != *version) {
        const auto wait = watch_store->shared() ? kSharedSnapshotWait : kSnapshotWait;
        if (Clock::now() - pending_since < wait) continue;
        next = engine::Snapshot::load_or_build(*watch_store);
        if (!next) {
          std::fprintf(stderr, "regiekamer serve: nieuwe gegevens niet geladen: %s\n",
                       next.status().message().c_str());
          continue;
        }
      }
      publish(*next);
      pending = false;
      std::fprintf(stderr, "regiekamer serve: gegevensversie %lld geladen\n",
                   static_cast<long long>((*next)->data_version()));
    }
  }

  // --- cache ----------------------------------------------------------------------------

  std::shared_ptr<const std::string> cached(int64_t version, const std::string& key) {
    const std::shared_lock lock(cache_mutex);
    if (cache_version != version) return nullptr;
    auto it = cache.find(key);
    return it == cache.end() ? nullptr : it->second;
  }

  void remember(int64_t version, const std::string& key, std::shared_ptr<const std::string> body) {
    const std::lock_guard lock(cache_mutex);
    if (version < cache_version) return;  // computed on a snapshot that was replaced
    if (version > cache_version || cache.size() >= kMaxCacheEntries) {
      if (version > cache_version) documents.clear();
      cache.clear();
      cache_version = version;
    }
    cache.emplace(key, std::move(body));
  }

  // --- request parsing ------------------------------------------------------------------

  static void check_params(const httplib::Request& req, const std::set<std::string>& allowed) {
    std::set<std::string> seen;
    for (const auto& [k, v] : req.params) {
      if (!allowed.contains(k)) throw ApiError{400, fmt::format("onbekende parameter '{}'", k)};
      if (!seen.insert(k).second)
        throw ApiError{400, fmt::format("parameter '{}' komt meer dan eens voor", k)};
    }
  }

  static std::optional<std::string> param(const httplib::Request& req, const std::string& name) {
    if (!req.has_param(name)) return std::nullopt;
    std::string v = req.get_param_value(name);
    if (v.empty()) throw ApiError{400, fmt::format("parameter '{}' is leeg", name)};
    return v;
  }

  IndicatorRequest indicator_request(const httplib::Request& req, const Caller& caller,
                                     const std::set<std::string>& extra = {}) {
    std::set<std::string> allowed{"from", "to", "municipality", "area", "quadrant", "provider"};
    allowed.insert(extra.begin(), extra.end());
    check_params(req, allowed);
    IndicatorRequest r;
    for (const char* name : {"from", "to"}) {
      const auto text = param(req, name);
      if (!text) throw ApiError{400, fmt::format("parameter '{}' ontbreekt (JJJJ-MM-DD)", name)};
      const auto d = parse_date(*text);
      if (!d)
        throw ApiError{
            400, fmt::format("parameter '{}': geen geldige datum JJJJ-MM-DD: '{}'", name, *text)};
      (std::string_view(name) == "from" ? r.from : r.to) = *d;
    }
    if (r.to < r.from)
      throw ApiError{400, fmt::format("parameter 'from' ({}) ligt na 'to' ({})", r.from.to_string(),
                                      r.to.to_string())};
    r.scope.municipality = param(req, "municipality");
    r.scope.area = param(req, "area");
    r.scope.quadrant = param(req, "quadrant");
    r.scope.provider = param(req, "provider");
    if (r.scope.quadrant && *r.scope.quadrant != "K1" && *r.scope.quadrant != "K2" &&
        *r.scope.quadrant != "K3")
      throw ApiError{400, fmt::format("parameter 'quadrant': verwacht K1, K2 of K3, niet '{}'",
                                      *r.scope.quadrant)};
    if (caller.role.kind == AccountRole::Kind::kMunicipality) {
      if (r.scope.municipality && *r.scope.municipality != caller.role.municipality)
        throw ApiError{403, fmt::format("geen toegang tot gemeente '{}'", *r.scope.municipality)};
      r.scope.municipality = caller.role.municipality;
      r.role = engine::Role::kMunicipality;
    }
    return r;
  }

  static void check_scope(const engine::Scope& scope, const IndicatorRequest& r) {
    if (scope.municipality == engine::Scope::kNoMatch)
      throw ApiError{400, fmt::format("parameter 'municipality': onbekende gemeente '{}'",
                                      *r.scope.municipality)};
    if (scope.area == engine::Scope::kNoMatch)
      throw ApiError{400, fmt::format("parameter 'area': onbekend gebied '{}'", *r.scope.area)};
    if (scope.provider == engine::Scope::kNoMatch)
      throw ApiError{
          400, fmt::format("parameter 'provider': onbekende aanbieder '{}'", *r.scope.provider)};
  }

  static std::string cache_key(std::string_view endpoint, const IndicatorRequest& r) {
    return fmt::format("{}|{}|{}", endpoint, engine::to_string(r.role), scope_text(r));
  }

  // The whole document for the request (cached per snapshot version).
  std::shared_ptr<const Json> document(const engine::Snapshot& snap, const IndicatorRequest& r) {
    const std::string key = cache_key("doc", r);
    {
      const std::lock_guard lock(cache_mutex);
      if (cache_version == snap.data_version()) {
        auto it = documents.find(key);
        if (it != documents.end()) return it->second;
      }
    }
    const engine::Scope scope = engine::resolve_scope(snap, r.scope);
    check_scope(scope, r);
    // One computation per document: requests that miss while it runs (many connections after
    // a start or a new import) wait for it instead of computing the same thing in parallel.
    const std::string flight_key = fmt::format("{}|{}", snap.data_version(), key);
    std::promise<std::shared_ptr<const Json>> promise;
    {
      std::unique_lock lock(inflight_mutex);
      auto it = inflight.find(flight_key);
      if (it != inflight.end()) {
        auto waiting = it->second;
        lock.unlock();
        return waiting.get();
      }
      inflight.emplace(flight_key, promise.get_future().share());
    }
    std::shared_ptr<const Json> doc;
    try {
      // Computed with the record keys, then through the one disclosure layer for the role.
      const auto keys = keys_for(snap);
      engine::Query query{r.from, r.to, scope, &working_days};
      query.record_keys = keys.get();
      std::vector<engine::IndicatorResult> results =
          engine::compute_all(catalogue, snap, query, config);
      if (Status s = engine::disclose(r.role, config, results); !s)
        throw ApiError{503, "cijfers nu niet beschikbaar; probeer het zo opnieuw"};
      doc = std::make_shared<const Json>(
          engine::document_json(engine::DocumentHeader{r.from, r.to, r.scope, r.role}, results));
      promise.set_value(doc);
    } catch (...) {
      promise.set_exception(std::current_exception());
      const std::lock_guard lock(inflight_mutex);
      inflight.erase(flight_key);
      throw;
    }
    {
      const std::lock_guard lock(cache_mutex);
      if (cache_version < snap.data_version()) {
        cache.clear();
        documents.clear();
        cache_version = snap.data_version();
      }
      if (cache_version == snap.data_version()) {
        if (documents.size() >= kMaxCacheEntries) documents.clear();
        documents.emplace(key, doc);
      }
    }
    {
      const std::lock_guard lock(inflight_mutex);
      inflight.erase(flight_key);
    }
    return doc;
  }

  // --- endpoints ------------------------------------------------------------------------

  std::shared_ptr<const std::string> indicators(const httplib::Request& req, const Caller& caller,
                                                const std::string* id, std::string& scope) {
    const IndicatorRequest r = indicator_request(req, caller);
    scope = scope_text(r);
    const auto snap = current();
    const std::string key = cache_key(id ? "one:" + *id : std::string("all"), r);
    if (auto hit = cached(snap->data_version(), key)) return hit;
    if (id && catalogue.find(*id) == nullptr)
      throw ApiError{404, fmt::format("onbekende indicator '{}'", *id)};
    const auto doc = document(*snap, r);
    std::shared_ptr<const std::string> body;
    if (id) {
      const Json& all = (*doc)["indicators"];
      if (!all.contains(*id))
        throw ApiError{404,
                       fmt::format("indicator '{}' is niet beschikbaar voor deze selectie", *id)};
      Json one{{"period", (*doc)["period"]},
               {"scope", (*doc)["scope"]},
               {"indicators", Json{{*id, all[*id]}}}};
      body = std::make_shared<const std::string>(dump(one));
    } else {
      body = std::make_shared<const std::string>(dump(*doc));
    }
    remember(snap->data_version(), key, body);
    return body;
  }

  std::shared_ptr<const std::string> explain(const httplib::Request& req, const Caller& caller,
                                             const std::string& id, std::string& scope) {
    if (!caller.role.sees_records())
      throw ApiError{403, "de onderliggende records zijn alleen voor analisten"};
    const IndicatorRequest r = indicator_request(req, caller);
    scope = scope_text(r);
    const engine::IndicatorDef* def = catalogue.find(id);
    if (def == nullptr) throw ApiError{404, fmt::format("onbekende indicator '{}'", id)};
    if (!def->explainable)
      throw ApiError{400, fmt::format("indicator '{}' heeft geen onderliggende records", id)};
    const auto snap = current();
    const std::string key = cache_key("explain:" + id, r);
    if (auto hit = cached(snap->data_version(), key)) return hit;
    const engine::Scope s = engine::resolve_scope(*snap, r.scope);
    check_scope(s, r);
    engine::Query query{r.from, r.to, s, &working_days};
    query.explain = true;
    auto result = engine::compute_one(catalogue, id, *snap, query, config);
    if (!result)
      throw ApiError{404, fmt::format("indicator '{}' is niet beschikbaar voor deze selectie", id)};
    auto body = std::make_shared<const std::string>(
        dump(Json{{"indicator", result->id}, {"records", result->records}}));
    remember(snap->data_version(), key, body);
    return body;
  }

  // The SVG chart of one indicator (server/charts.hpp): drawn from the same role-suppressed,
  // scope-checked document as /api/indicators/{id}, cached like it.
  std::shared_ptr<const std::string> chart(const httplib::Request& req, const Caller& caller,
                                           const std::string& id, std::string& scope) {
    const IndicatorRequest r =
        indicator_request(req, caller, {"kind", "dimension", "width", "height"});
    scope = scope_text(r);
    auto text = [&req](const char* name) { return req.get_param_value(name); };
    auto chart_options =
        parse_chart_options(text("kind"), text("dimension"), text("width"), text("height"));
    if (!chart_options) throw ApiError{400, chart_options.status().message()};
    const auto snap = current();
    const std::string key = cache_key(
        fmt::format("chart:{}|{}|{}|{}|{}", id, chart_options->kind, chart_options->dimension,
                    chart_options->width, chart_options->height),
        r);
    if (auto hit = cached(snap->data_version(), key)) return hit;
    if (catalogue.find(id) == nullptr)
      throw ApiError{404, fmt::format("onbekende indicator '{}'", id)};
    const auto doc = document(*snap, r);
    const Json& all = (*doc)["indicators"];
    if (!all.contains(id))
      throw ApiError{404, fmt::format("indicator '{}' is niet beschikbaar voor deze selectie", id)};
    auto drawn = indicator_chart(all[id], *chart_options);
    if (!drawn)
      throw ApiError{drawn.status().kind() == ErrorKind::kNotFound ? 404 : 400,
                     drawn.status().message()};
    auto body = std::make_shared<const std::string>(chart_svg(*drawn, *chart_options));
    remember(snap->data_version(), key, body);
    return body;
  }

  std::shared_ptr<const std::string> periods(const httplib::Request& req) {
    check_params(req, {});
    const auto snap = current();
    const std::string key = "periods";
    if (auto hit = cached(snap->data_version(), key)) return hit;
    // Dates of the events in the data: the required date columns (not birth dates).
    int32_t lo = std::numeric_limits<int32_t>::max();
    int32_t hi = std::numeric_limits<int32_t>::min();
    for (const auto& spec : model::contract()) {
      const engine::Table& table = snap->table(spec.kind);
      for (const auto& f : spec.fields) {
        if (f.type != model::FieldType::kDate || !f.required || f.name == "birth_date") continue;
        const engine::Column* c = table.find(f.name);
        if (c == nullptr || c->type != engine::ColumnType::kI32) continue;
        for (int32_t v : table.i32(f.name)) {
          if (v == engine::kNullDate) continue;
          lo = std::min(lo, v);
          hi = std::max(hi, v);
        }
      }
    }
    Json out{{"data_version", snap->data_version()}};
    Json months = Json::array();
    Json quarters = Json::array();
    Json halves = Json::array();
    Json years = Json::array();
    if (lo <= hi) {
      const CivilDate a = Date{lo}.civil();
      const CivilDate b = Date{hi}.civil();
      out["first_date"] = Date{lo}.to_string();
      out["last_date"] = Date{hi}.to_string();
      for (int y = a.year; y <= b.year; ++y) {
        years.push_back(std::to_string(y));
        for (unsigned m = 1; m <= 12; ++m) {
          if ((y == a.year && m < a.month) || (y == b.year && m > b.month)) continue;
          months.push_back(fmt::format("{}-{:02}", y, m));
          if (m % 3 == 1 || (y == a.year && m == a.month))
            quarters.push_back(fmt::format("{}Q{}", y, (m - 1) / 3 + 1));
          if (m == 1 || m == 7 || (y == a.year && m == a.month))
            halves.push_back(fmt::format("{}H{}", y, m <= 6 ? 1 : 2));
        }
      }
    } else {
      out["first_date"] = nullptr;
      out["last_date"] = nullptr;
    }
    // Remove repeats the first partial month may have added.
    for (Json* list : {&quarters, &halves}) {
      Json unique = Json::array();
      for (const auto& v : *list)
        if (unique.empty() || unique.back() != v) unique.push_back(v);
      *list = std::move(unique);
    }
    out["months"] = months;
    out["quarters"] = quarters;
    out["half_years"] = halves;
    out["years"] = years;
    // The closed periods as a listing only: which period, when and its hash. Their frozen
    // figures are never listed; they reach a reader only through the disclosure layer.
    Json closed_list = Json::array();
    {
      const std::lock_guard lock(accounts_mutex);
      for (const engine::ClosedPeriod& c : closed)
        closed_list.push_back(Json{{"period", c.key},
                                   {"from", c.period.from.to_string()},
                                   {"to", c.period.to.to_string()},
                                   {"closed_at", c.closed_at},
                                   {"hash", c.hash}});
    }
    out["closed"] = closed_list;
    auto body = std::make_shared<const std::string>(dump(out));
    // Closed periods change without a new data version: not cached.
    return body;
  }

  Json me_json(const Caller& caller) const {
    Json out{
        {"name", caller.name},
        {"role", caller.role.kind == AccountRole::Kind::kMunicipality ? "municipality"
                                                                      : caller.role.to_string()},
        {"municipality",
         caller.role.municipality.empty() ? Json(nullptr) : Json(caller.role.municipality)},
        {"explain", caller.role.sees_records()}};
    if (!caller.session.empty()) out["csrf_token"] = caller.csrf;
    return out;
  }

  // --- wiring ---------------------------------------------------------------------------

  using Handler = std::function<std::shared_ptr<const std::string>(
      const httplib::Request&, httplib::Response&, const Caller*, std::string& scope)>;

  void audit_request(const httplib::Request& req, const Caller* caller, int status,
                     const std::string& scope, size_t size) {
    store::AuditRecord rec;
    rec.time = utc_now(true);
    rec.who = caller ? caller->name : "-";
    rec.role = caller ? caller->role.to_string() : "-";
    rec.method = req.method;
    rec.target = req.target.empty() ? req.path : req.target;
    rec.scope = scope;
    rec.status = status;
    rec.result_size = static_cast<int64_t>(size);
    audit->add(std::move(rec));
  }

  // Runs an API handler: authentication (unless `open`), errors as JSON, audit.
  void api(const httplib::Request& req, httplib::Response& res, bool needs_login,
           const Handler& handler, const char* content_type = "application/json; charset=utf-8") {
    std::optional<Caller> caller = authenticate(req);
    std::string scope;
    std::shared_ptr<const std::string> body;
    res.status = 200;
    try {
      if (needs_login && !caller) throw ApiError{401, "niet ingelogd"};
      body = handler(req, res, caller ? &*caller : nullptr, scope);
    } catch (const ApiError& e) {
      res.status = e.status;
      if (scope.empty() && !req.params.empty()) {
        // Refused before the scope was settled: log what was asked for.
        scope = "gevraagd:";
        for (const auto& [k, v] : req.params) scope += fmt::format(" {}={}", k, v);
      }
      body = std::make_shared<const std::string>(error_body(e.message));
    } catch (const std::exception& e) {
      std::fprintf(stderr, "regiekamer serve: interne fout bij %s: %s\n", req.path.c_str(),
                   e.what());
      res.status = 500;
      body = std::make_shared<const std::string>(error_body("interne fout"));
    }
    res.set_header("Cache-Control", "no-store");
    res.set_content(*body, res.status == 200 ? content_type : "application/json; charset=utf-8");
    audit_request(req, caller ? &*caller : nullptr, res.status, scope, body->size());
  }

  void routes() {
    http.set_default_headers({
        {"Content-Security-Policy",
         "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"},
        {"X-Content-Type-Options", "nosniff"},
        {"X-Frame-Options", "DENY"},
        {"Referrer-Policy", "no-referrer"},
    });
    http.Get("/api/health", [this](const httplib::Request&, httplib::Response& res) {
      const auto snap = current();
      res.set_header("Cache-Control", "no-store");
      res.set_content(dump(Json{{"status", "ok"}, {"data_version", snap->data_version()}}),
                      "application/json; charset=utf-8");
    });
    http.Post("/api/login", [this](const httplib::Request& req, httplib::Response& res) {
      api(req, res, false,
          [this](const httplib::Request& rq, httplib::Response& rs, const Caller*,
                 std::string& scope) { return login(rq, rs, scope); });
    });
    http.Post("/api/logout", [this](const httplib::Request& req, httplib::Response& res) {
      api(req, res, true,
          [this](const httplib::Request& rq, httplib::Response& rs, const Caller* c, std::string&) {
            return logout(rq, rs, *c);
          });
    });
    http.Get("/api/me", [this](const httplib::Request& req, httplib::Response& res) {
      api(req, res, true,
          [this](const httplib::Request& rq, httplib::Response&, const Caller* c, std::string&) {
            check_params(rq, {});
            return std::make_shared<const std::string>(dump(me_json(*c)));
          });
    });
    http.Get("/api/indicators", [this](const httplib::Request& req, httplib::Response& res) {
      api(req, res, true,
          [this](const httplib::Request& rq, httplib::Response&, const Caller* c,
                 std::string& scope) { return indicators(rq, *c, nullptr, scope); });
    });
    http.Get(R"(/api/indicators/([^/]+))",
             [this](const httplib::Request& req, httplib::Response& res) {
               api(req, res, true,
                   [this](const httplib::Request& rq, httplib::Response&, const Caller* c,
                          std::string& scope) {
                     const std::string id = rq.matches[1];
                     return indicators(rq, *c, &id, scope);
                   });
             });
    http.Get(R"(/api/explain/([^/]+))",
             [this](const httplib::Request& req, httplib::Response& res) {
               api(req, res, true,
                   [this](const httplib::Request& rq, httplib::Response&, const Caller* c,
                          std::string& scope) { return explain(rq, *c, rq.matches[1], scope); });
             });
    http.Get(R"(/api/charts/([^/]+))", [this](const httplib::Request& req, httplib::Response& res) {
      api(
          req, res, true,
          [this](const httplib::Request& rq, httplib::Response&, const Caller* c,
                 std::string& scope) { return chart(rq, *c, rq.matches[1], scope); },
          "image/svg+xml; charset=utf-8");
    });
    http.Get("/api/periods", [this](const httplib::Request& req, httplib::Response& res) {
      api(req, res, true,
          [this](const httplib::Request& rq, httplib::Response&, const Caller*, std::string&) {
            return periods(rq);
          });
    });
    auto unknown_api = [this](const httplib::Request& req, httplib::Response& res) {
      api(req, res, true,
          [](const httplib::Request&, httplib::Response&, const Caller*,
             std::string&) -> std::shared_ptr<const std::string> {
            throw ApiError{404, "onbekende API-aanroep"};
          });
    };
    http.Get(R"(/api/.*)", unknown_api);
    http.Post(R"(/api/.*)", unknown_api);
    http.Get(R"(/(.*))", [](const httplib::Request& req, httplib::Response& res) {
      std::string path = req.matches[1];
      if (path.empty() || path.back() == '/') path += "index.html";
      for (const Asset& a : web_assets()) {
        if (a.path != path) continue;
        res.set_header("Cache-Control", "no-cache");
        res.set_content(a.data.data(), a.data.size(), std::string(content_type(path)));
        return;
      }
      res.status = 404;
      res.set_content("niet gevonden\n", "text/plain; charset=utf-8");
    });
  }

  std::shared_ptr<const std::string> login(const httplib::Request& req, httplib::Response& res,
                                           std::string& scope) {
    // A JSON body only: a cross-site form cannot send it without the browser's preflight.
    if (!req.get_header_value("Content-Type").starts_with("application/json"))
      throw ApiError{400, "verwacht JSON (Content-Type: application/json)"};
    const Json body = Json::parse(req.body, nullptr, false);
    if (!body.is_object() || !body.contains("name") || !body["name"].is_string() ||
        !body.contains("password") || !body["password"].is_string())
      throw ApiError{400, "verwacht {\"name\": …, \"password\": …}"};
    const std::string name = body["name"];
    const std::string password = body["password"];
    scope = "login " + (valid_account_name(name) ? name : std::string("?"));
    const std::vector<std::string> keys{"name:" + name, "addr:" + req.remote_addr};
    if (const int wait = locked_for(keys); wait > 0) {
      res.set_header("Retry-After", std::to_string(wait));
      throw ApiError{429,
                     fmt::format("te veel mislukte pogingen; probeer het over {} s opnieuw", wait)};
    }
    const std::optional<Account> user = find_user(name);
    const bool ok = user ? verify_password(user->password_hash, password)
                         : (verify_password(dummy_hash, password), false);
    if (!ok) {
      record_failure(keys);
      throw ApiError{401, "onjuiste naam of wachtwoord"};
    }
    clear_failures(keys[0]);
    clear_failures(keys[1]);
    Caller caller{user->name, user->role, random_hex(32), random_hex(32)};
    {
      const std::lock_guard lock(sessions_mutex);
      const auto now = Clock::now();
      std::erase_if(sessions, [now](const auto& kv) { return kv.second.expires < now; });
      sessions[caller.session] = Session{caller.name, caller.csrf, now + kSessionLifetime};
    }
    res.set_header("Set-Cookie",
                   fmt::format("{}={}; HttpOnly; SameSite=Strict; Path=/; Max-Age={}", kCookie,
                               caller.session, std::chrono::seconds(kSessionLifetime).count()));
    return std::make_shared<const std::string>(dump(me_json(caller)));
  }

  std::shared_ptr<const std::string> logout(const httplib::Request& req, httplib::Response& res,
                                            const Caller& caller) {
    if (!caller.session.empty()) {
      const std::string sent = req.get_header_value("X-CSRF-Token");
      if (sent.empty() || sent != caller.csrf)
        throw ApiError{403, "X-CSRF-Token ontbreekt of klopt niet"};
      const std::lock_guard lock(sessions_mutex);
      sessions.erase(caller.session);
    }
    res.set_header("Set-Cookie",
                   fmt::format("{}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0", kCookie));
    return std::make_shared<const std::string>(dump(Json{{"status", "uitgelogd"}}));
  }
};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() {
  stop();
  if (impl_->watcher.joinable()) impl_->watcher.join();
  impl_->audit->stop();
}

Result<std::unique_ptr<Server>> Server::create(const ServeOptions& options) {
  Result<engine::Config> config = engine::Config{};
  if (options.config) {
    config = engine::load_config(*options.config);
  } else if (std::filesystem::exists("regiekamer.toml")) {
    config = engine::load_config("regiekamer.toml");
  }
  if (!config) return config.status();
  if (!store::is_server_uri(options.db) && !std::filesystem::exists(options.db))
    return Status::error(ErrorKind::kNotFound, "geen gegevensbestand " + options.db);
  auto impl = std::make_unique<Impl>(options, std::move(*config));
  auto watch_store = store::Store::open(options.db, store::OpenOptions{options.cache_dir});
  if (!watch_store) return watch_store.status();
  impl->watch_store = std::move(*watch_store);
  auto audit_store = store::Store::open(options.db, store::OpenOptions{options.cache_dir});
  if (!audit_store) return audit_store.status();
  impl->audit = std::make_unique<AuditLog>(std::move(*audit_store));
  auto key =
      engine::PerturbationKey::from_key_file(store::key_file(options.key, *impl->watch_store));
  if (!key) return key.status();
  impl->perturbation_key = *key;
  auto snap = engine::Snapshot::load_or_build(*impl->watch_store);
  if (!snap) return snap.status();
  impl->publish(*snap);
  if (Status s = impl->refresh_accounts(); !s) return s;
  auto dummy = hash_password(random_hex(16));
  if (!dummy) return dummy.status();
  impl->dummy_hash = *dummy;
  const int threads = options.threads > 0 ? options.threads : default_threads();
  impl->http.new_task_queue = [threads] {
    return new httplib::ThreadPool(static_cast<size_t>(threads));  // owned by httplib
  };
  impl->http.set_tcp_nodelay(true);  // header and body are two writes: no Nagle delay
  impl->http.set_keep_alive_max_count(10000);
  impl->http.set_keep_alive_timeout(5);
  impl->http.set_payload_max_length(size_t{64} * 1024);
  impl->routes();
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Result<int> Server::bind() {
  Impl& m = *impl_;
  int port = m.options.port;
  if (port == 0) {
    port = m.http.bind_to_any_port(m.options.bind);
    if (port < 0)
      return Status::error(ErrorKind::kIo, "kan geen poort openen op " + m.options.bind);
  } else if (!m.http.bind_to_port(m.options.bind, port)) {
    return Status::error(ErrorKind::kIo,
                         fmt::format("kan poort {} op {} niet openen", port, m.options.bind));
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
  m.audit->flush();
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

void Server::flush_audit() { impl_->audit->flush(); }

}  // namespace rk::server
