#include "server/server.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <future>
#include <map>
#include <set>
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
#include "server/answer_cache.hpp"
#include "server/assets.hpp"
#include "server/charts.hpp"
#include "server/http_connection.hpp"
#include "server/login_throttle.hpp"
#include "server/request_limits.hpp"

namespace rk::server {
namespace {

using Clock = std::chrono::steady_clock;
using Json = nlohmann::json;

constexpr std::string_view kCookie = "rk_session";
constexpr auto kSessionLifetime = std::chrono::hours(8);
constexpr auto kSnapshotWait = std::chrono::seconds(60);  // for the importer's snapshot file
// A shared (PostgreSQL) store may be imported on another machine, whose snapshot file this
// server never sees: wait only briefly for a local importer's, then build from the store.
constexpr auto kSharedSnapshotWait = std::chrono::seconds(2);
constexpr const char* kJson = "application/json; charset=utf-8";

// Serialized without throwing: text from the request (e.g. a code with invalid UTF-8) is
// written with replacement characters.
std::string dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

std::string error_body(std::string_view message) { return error_json(message); }

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

// A session belongs to one account (its id, not its name) in one session epoch: a removed
// account, or one whose role or password changed, has no sessions left.
struct Session {
  std::string name;
  std::string account;
  std::string epoch;
  std::string csrf;
  Clock::time_point expires;
};

struct TokenOwner {
  std::string name;
  std::string account;  // id of the account the token was made for
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

// The dashboard file served at `path` ("/" and folders: their index.html), or null.
const Asset* find_asset(std::string_view path) {
  if (path.starts_with('/')) path.remove_prefix(1);
  std::string name(path);
  if (name.empty() || name.back() == '/') name += "index.html";
  for (const Asset& a : web_assets())
    if (a.path == name) return &a;
  return nullptr;
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
  GuardedServer http;

  mutable std::mutex snapshot_mutex;
  std::shared_ptr<const engine::Snapshot> snapshot;
  // The record keys of `snapshot` for the disclosure layer, swapped together with it.
  std::shared_ptr<const engine::RecordKeys> record_keys;
  std::shared_ptr<const engine::RecordKeys> previous_record_keys;
  std::optional<engine::PerturbationKey> perturbation_key;

  mutable std::mutex accounts_mutex;
  std::map<std::string, Account> users;
  std::map<std::string, TokenOwner> tokens;  // by hash
  std::vector<engine::ClosedPeriod> closed;

  std::mutex sessions_mutex;
  std::unordered_map<std::string, Session> sessions;

  LoginThrottle throttle;
  std::mutex checking_mutex;
  std::set<std::string> checking;  // (name, address) pairs whose password is being checked
  AnswerCache cache;

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
      : options(std::move(o)),
        config(std::move(c)),
        catalogue(engine::Catalogue::create(config)),
        cache(options.cache_bytes) {}

  std::shared_ptr<const engine::Snapshot> current() const {
    const std::lock_guard lock(snapshot_mutex);
    return snapshot;
  }

  // The record keys of `snap`: the current snapshot's, or the previous one's for a request that
  // took its snapshot just before a swap. Null only for an older snapshot still (the request
  // then answers 503 rather than figures without perturbation).
  std::shared_ptr<const engine::RecordKeys> keys_for(const engine::Snapshot& snap) const {
    const std::lock_guard lock(snapshot_mutex);
    for (const auto& keys : {record_keys, previous_record_keys})
      if (keys && &keys->snapshot() == &snap) return keys;
    return nullptr;
  }

  void publish(std::shared_ptr<const engine::Snapshot> next) {
    auto keys = std::make_shared<const engine::RecordKeys>(next, *perturbation_key);
    const std::lock_guard lock(snapshot_mutex);
    snapshot = std::move(next);
    previous_record_keys = std::move(record_keys);
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
    std::map<std::string, TokenOwner> t;
    for (auto& e : *toks) t.emplace(e.hash, TokenOwner{e.name, e.account});
    {
      const std::lock_guard lock(sessions_mutex);
      std::erase_if(sessions, [&u](const auto& kv) { return !session_valid(u, kv.second); });
    }
    const std::lock_guard lock(accounts_mutex);
    users = std::move(u);
    tokens = std::move(t);
    closed = std::move(*closed_rows);
    return Status::ok();
  }

  static bool session_valid(const std::map<std::string, Account>& accounts, const Session& s) {
    auto it = accounts.find(s.name);
    return it != accounts.end() && it->second.id == s.account &&
           it->second.session_epoch == s.epoch;
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
      const std::lock_guard lock(accounts_mutex);
      auto it = tokens.find(hash);
      if (it == tokens.end()) return std::nullopt;
      // The account the token was made for: not a later one of the same name.
      auto user = users.find(it->second.name);
      if (user == users.end() || user->second.id != it->second.account) return std::nullopt;
      return Caller{user->second.name, user->second.role, {}, {}};
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
    const std::lock_guard lock(accounts_mutex);
    if (!session_valid(users, s)) return std::nullopt;  // removed, re-added, role or password
    const Account& user = users.at(s.name);
    return Caller{user.name, user.role, *id, s.csrf};
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
    return cache.find_text(version, key);
  }

  void remember(int64_t version, const std::string& key, std::shared_ptr<const std::string> body) {
    cache.put(version, key, std::move(body));
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
      if (auto refused = check_date(name, *d)) throw ApiError{refused->status, refused->message};
      (std::string_view(name) == "from" ? r.from : r.to) = *d;
    }
    if (r.to < r.from)
      throw ApiError{400, fmt::format("parameter 'from' ({}) ligt na 'to' ({})", r.from.to_string(),
                                      r.to.to_string())};
    if (auto refused = check_span(r.from, r.to)) throw ApiError{refused->status, refused->message};
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
    if (auto hit = cache.find_document(snap.data_version(), key)) return hit;
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
      // Finished between the first look and now (it is cached before it leaves `inflight`).
      if (auto hit = cache.find_document(snap.data_version(), key)) return hit;
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
    cache.put(snap.data_version(), key, doc);
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

  // The SVG chart of one indicator (server/charts.hpp): drawn from the same disclosed,
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

  // The audit row of every answer the server writes (the library's logger), also of requests
  // refused before a handler ran; only GET /api/health is not audited. What was asked is the
  // target (path and query, cut to kAuditTextBytes); the scope is what the handler settled.
  void audit_answer(const httplib::Request& req, const httplib::Response& res) {
    if (req.method == "GET" && req.path == "/api/health") return;
    const Connection* conn = current_connection();
    store::AuditRecord rec;
    rec.time = utc_now(true);
    rec.address = conn != nullptr ? conn->address : req.remote_addr;
    rec.who = conn != nullptr && !conn->who.empty() ? conn->who : "-";
    rec.role = conn != nullptr && !conn->role.empty() ? conn->role : "-";
    rec.method = req.method.empty() ? "-" : req.method;  // empty: the request line was refused
    rec.target = truncate_text(req.target);
    rec.scope = conn != nullptr ? truncate_text(conn->scope) : "";
    rec.status = res.status;
    rec.result_size = static_cast<int64_t>(res.body.size());
    audit->add(std::move(rec));
  }

  // Runs an API handler: authentication (unless `open`), errors as JSON; notes the caller and
  // scope for the audit row.
  void api(const httplib::Request& req, httplib::Response& res, bool needs_login,
           const Handler& handler, const char* content_type = kJson) {
    std::optional<Caller> caller = authenticate(req);
    std::string scope;
    std::shared_ptr<const std::string> body;
    res.status = 200;
    try {
      if (needs_login && !caller) throw ApiError{401, "niet ingelogd"};
      body = handler(req, res, caller ? &*caller : nullptr, scope);
    } catch (const ApiError& e) {
      res.status = e.status;
      // What a refused call asked is in the audit row's target, stored once; a login's scope
      // names the account, which the target does not.
      if (req.path != "/api/login") scope.clear();
      body = std::make_shared<const std::string>(error_body(e.message));
    } catch (const std::exception& e) {
      std::fprintf(stderr, "regiekamer serve: interne fout bij %s: %s\n", req.path.c_str(),
                   e.what());
      res.status = 500;
      body = std::make_shared<const std::string>(error_body("interne fout"));
    }
    res.set_header("Cache-Control", "no-store");
    res.set_content(*body, res.status == 200 ? content_type : kJson);
    if (Connection* conn = current_connection()) {
      if (caller) {
        conn->who = caller->name;
        conn->role = caller->role.to_string();
      }
      conn->scope = std::move(scope);
    }
  }

  // Before routing, with the head read and none of the body: a known path asked with another
  // method is 405 (with Allow), an unknown one 404; a POST body's framing and size are checked
  // (411, 413, 400) and the connection's read budget set to what the body may take. A request
  // answered here with its body unread closes the connection after the answer.
  httplib::Server::HandlerResponse screen(const httplib::Request& req, httplib::Response& res) {
    Connection* conn = current_connection();
    if (conn == nullptr) return httplib::Server::HandlerResponse::Unhandled;
    std::string allow = http.allowed_methods(req.path);
    if (allow.empty() && !req.path.starts_with("/api/") && find_asset(req.path) != nullptr)
      allow = "GET, HEAD";
    const bool reads = req.method == "GET" || req.method == "HEAD";
    std::optional<Refusal> refusal;
    const auto allowed = [&allow](const std::string& method) {
      for (size_t at = 0; at < allow.size();) {
        const size_t end = std::min(allow.find(", ", at), allow.size());
        if (allow.compare(at, end - at, method) == 0) return true;
        at = end + 2;
      }
      return false;
    };
    if (!allow.empty() && !allowed(req.method)) {
      res.set_header("Allow", allow);
      refusal = Refusal{405, fmt::format("methode {} is hier niet toegestaan; wel: {}",
                                         truncate_text(req.method, 16), allow)};
    } else if (allow.empty() && !reads &&
               !(req.method == "POST" && req.path.starts_with("/api/"))) {
      refusal = Refusal{
          404, req.path.starts_with("/api/") ? "onbekende API-aanroep" : status_message(404)};
    } else if (req.method == "POST") {
      BodyPlan plan = plan_body(req);
      if (!plan.refusal) {
        conn->allow_body(plan.wire_bytes);
        return httplib::Server::HandlerResponse::Unhandled;
      }
      refusal = std::move(plan.refusal);
      conn->close_after = true;  // the body, if any, is not read
    } else {
      conn->allow_body(0);
      if (announces_body(req)) {  // a GET with a body: not read, so the connection ends
        conn->close_after = true;
        res.set_header("Connection", "close");
      }
      return httplib::Server::HandlerResponse::Unhandled;
    }
    conn->allow_body(0);
    if (announces_body(req)) conn->close_after = true;
    res.status = refusal->status;
    res.set_header("Cache-Control", "no-store");
    res.set_content(error_json(refusal->message), kJson);
    return httplib::Server::HandlerResponse::Handled;
  }

  // Every error answer (the library's own, too) as JSON {"error": …} in Dutch; a request cut off
  // at a bound is answered for that bound (431, 413), and its connection closes, as after any
  // request whose head was refused.
  void finish_error(const httplib::Request& req, httplib::Response& res) {
    if (Connection* conn = current_connection()) {
      // A head refused before routing (bad request line or headers): what follows on the
      // connection cannot be trusted to start a request.
      if (!conn->in_body) conn->close_after = true;
      if (conn->head_too_large && res.status == 400) res.status = 431;
      if (conn->body_too_large) res.status = 413;
      if (conn->close_after || conn->head_too_large || conn->body_too_large)
        res.set_header("Connection", "close");
    }
    if (!res.get_header_value("Content-Type").starts_with("application/json")) {
      const bool api_path = req.path.starts_with("/api/");
      res.set_content(error_json(res.status == 404 && api_path ? "onbekende API-aanroep"
                                                               : status_message(res.status)),
                      kJson);
    }
    if (!res.has_header("Cache-Control")) res.set_header("Cache-Control", "no-store");
  }

  // The expect-100 step comes before routing: a body that would be refused is refused before
  // the client sends it.
  int expect_body(const httplib::Request& req, httplib::Response& res) {
    if (req.method != "POST") return 100;
    BodyPlan plan = plan_body(req);
    if (!plan.refusal) return 100;
    if (Connection* conn = current_connection()) conn->close_after = true;
    res.status = plan.refusal->status;
    res.set_content(error_json(plan.refusal->message), kJson);
    return res.status;
  }

  void routes() {
    http.set_pre_routing_handler(
        [this](const httplib::Request& req, httplib::Response& res) { return screen(req, res); });
    http.set_error_handler(httplib::Server::HandlerWithResponse(
        [this](const httplib::Request& req, httplib::Response& res) {
          finish_error(req, res);
          return httplib::Server::HandlerResponse::Unhandled;  // keeps the body, no Range
        }));
    http.set_expect_100_continue_handler(
        [this](const httplib::Request& req, httplib::Response& res) {
          return expect_body(req, res);
        });
    http.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
      audit_answer(req, res);
    });
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
    http.fallback_get(R"(/api/.*)", unknown_api);
    http.fallback_post(R"(/api/.*)", unknown_api);
    http.fallback_get(R"(/.*)", [](const httplib::Request& req, httplib::Response& res) {
      if (const Asset* a = find_asset(req.path)) {
        res.set_header("Cache-Control", "no-cache");
        res.set_content(a->data.data(), a->data.size(), std::string(content_type(a->path)));
        return;
      }
      res.status = 404;  // answered as JSON by finish_error
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
    // Throttled per (name, address) and per address (login_throttle.hpp); a name that cannot be
    // an account's is counted as one name, so that made-up names do not fill the table.
    const std::string throttle_name = valid_account_name(name) ? name : std::string("?");
    if (const int wait = throttle.locked_for(throttle_name, req.remote_addr, Clock::now());
        wait > 0) {
      res.set_header("Retry-After", std::to_string(wait));
      throw ApiError{429,
                     fmt::format("te veel mislukte pogingen; probeer het over {} s opnieuw", wait)};
    }
    // One password check at a time per (name, address): parallel guesses would all pass the
    // lock test above before the first failure is counted.
    const std::string pair = throttle_name + '\n' + req.remote_addr;
    {
      const std::lock_guard lock(checking_mutex);
      if (!checking.insert(pair).second) {
        res.set_header("Retry-After", "1");
        throw ApiError{429, "er loopt al een inlogpoging voor deze naam; probeer het zo opnieuw"};
      }
    }
    struct Done {
      Impl& impl;
      const std::string& pair;
      ~Done() {
        const std::lock_guard lock(impl.checking_mutex);
        impl.checking.erase(pair);
      }
    } done{*this, pair};
    const std::optional<Account> user = find_user(name);
    const bool ok = user ? verify_password(user->password_hash, password)
                         : (verify_password(dummy_hash, password), false);
    if (!ok) {
      throttle.failure(throttle_name, req.remote_addr, Clock::now());
      throw ApiError{401, "onjuiste naam of wachtwoord"};
    }
    throttle.success(throttle_name, req.remote_addr);
    Caller caller{user->name, user->role, random_hex(32), random_hex(32)};
    {
      const std::lock_guard lock(sessions_mutex);
      const auto now = Clock::now();
      std::erase_if(sessions, [now](const auto& kv) { return kv.second.expires < now; });
      sessions[caller.session] =
          Session{caller.name, user->id, user->session_epoch, caller.csrf, now + kSessionLifetime};
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
  impl->http.set_payload_max_length(kMaxBodyBytes);
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

void Server::flush_audit() {
  impl_->http.wait_idle();
  impl_->audit->flush();
}

}  // namespace rk::server
