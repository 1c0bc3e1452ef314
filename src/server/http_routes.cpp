#include "server/http_routes.hpp"

#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "server/api_routes.hpp"
#include "server/assets.hpp"
#include "server/openapi.hpp"
#include "server/request_limits.hpp"
#include "util/version.hpp"

namespace rk::server {
namespace {

using Json = nlohmann::json;
using httplib::Request;
using httplib::Response;

constexpr const char* kJson = "application/json; charset=utf-8";
constexpr const char* kSvg = "image/svg+xml; charset=utf-8";

using Handler = std::function<Result<Body>(ServerState&, ApiCall&)>;

// The dashboard file served at `path` ("/" and folders: their index.html), or null.
const Asset* find_asset(std::string_view path) {
  if (path.starts_with('/')) path.remove_prefix(1);
  std::string name(path);
  if (name.empty() || name.back() == '/') name += "index.html";
  for (const Asset& a : web_assets())
    if (a.path == name) return &a;
  return nullptr;
}

// The body of a refused call. A 500 is a defect: its message goes to the log, not the client.
std::string error_answer(const Request& req, const Status& status) {
  if (http_status(status.kind()) != 500) return error_json(status.message());
  std::fprintf(stderr, "regiekamer serve: interne fout bij %s: %s\n", req.path.c_str(),
               status.message().c_str());
  return error_json("interne fout");
}

// Runs an API handler: authentication (when `needs_login`), errors as JSON; notes the caller and
// scope for the audit row.
void answer(ServerState& state, const Request& req, Response& res, bool needs_login,
            const Handler& handler, const char* content_type = kJson) {
  const std::optional<Caller> caller = state.authenticate(req);
  ApiCall call{req, res, caller ? &*caller : nullptr, {}};
  Result<Body> body = Status::error(ErrorKind::kUnauthenticated, "niet ingelogd");
  if (!needs_login || caller) {
    try {
      body = handler(state, call);
    } catch (const std::exception& e) {  // a defect, or a library's exception
      body = Status::error(ErrorKind::kInternal, e.what());
    }
  }
  if (body) {
    res.status = call.status;
    res.set_content(**body, call.content_type != nullptr ? call.content_type : content_type);
  } else {
    res.status = http_status(body.status().kind());
    // What a refused call asked is in the audit row's target, stored once; a login's scope names
    // the account, which the target does not.
    if (res.status != 500 && req.path != "/api/login") call.scope.clear();
    res.set_content(error_answer(req, body.status()), kJson);
  }
  res.set_header("Cache-Control", "no-store");
  if (Connection* conn = current_connection()) {
    if (caller) {
      conn->who = caller->name;
      conn->role = caller->role.to_string();
    }
    conn->scope = std::move(call.scope);
  }
}

// The audit row of every answer the server writes (the library's logger), also of requests
// refused before a handler ran; only GET /api/health is not audited. What was asked is the
// target (path and query, cut to kAuditTextBytes); the scope is what the handler settled.
void audit_answer(AuditLog& audit, const Request& req, const Response& res) {
  if (req.method == "GET" && req.path == "/api/health") return;
  const Connection* conn = current_connection();
  store::AuditRecord rec;
  rec.address = conn != nullptr ? conn->address : req.remote_addr;
  rec.who = conn != nullptr && !conn->who.empty() ? conn->who : "-";
  rec.role = conn != nullptr && !conn->role.empty() ? conn->role : "-";
  rec.method = req.method.empty() ? "-" : req.method;  // empty: the request line was refused
  rec.target = truncate_text(req.target);
  rec.scope = conn != nullptr ? truncate_text(conn->scope) : "";
  rec.status = res.status;
  rec.result_size = static_cast<int64_t>(res.body.size());
  audit.add(std::move(rec));
}

// True when `method` is one of the comma-separated `allow` ("GET, HEAD").
bool allowed(const std::string& allow, const std::string& method) {
  for (size_t at = 0; at < allow.size();) {
    const size_t end = std::min(allow.find(", ", at), allow.size());
    if (allow.compare(at, end - at, method) == 0) return true;
    at = end + 2;
  }
  return false;
}

// Before routing, with the head read and none of the body: a known path asked with another
// method is 405 (with Allow), an unknown one 404; a POST body's framing and size are checked
// (411, 413, 400) and the connection's read budget set to what the body may take. A request
// answered here with its body unread closes the connection after the answer.
httplib::Server::HandlerResponse screen(const GuardedServer& http, const Request& req,
                                        Response& res) {
  Connection* conn = current_connection();
  if (conn == nullptr) return httplib::Server::HandlerResponse::Unhandled;
  std::string allow = http.allowed_methods(req.path);
  if (allow.empty() && !req.path.starts_with("/api/") && find_asset(req.path) != nullptr)
    allow = "GET, HEAD";
  const bool reads = req.method == "GET" || req.method == "HEAD";
  std::optional<Refusal> refusal;
  if (!allow.empty() && !allowed(allow, req.method)) {
    res.set_header("Allow", allow);
    refusal = Refusal{ErrorKind::kInvalidInput,
                      fmt::format("methode {} is hier niet toegestaan; wel: {}",
                                  truncate_text(req.method, 16), allow),
                      405};
  } else if (allow.empty() && !reads && !(req.method == "POST" && req.path.starts_with("/api/"))) {
    refusal = Refusal{ErrorKind::kNotFound, req.path.starts_with("/api/") ? "onbekende API-aanroep"
                                                                          : status_message(404)};
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
  res.status = refusal->status();
  res.set_header("Cache-Control", "no-store");
  res.set_content(error_json(refusal->message), kJson);
  return httplib::Server::HandlerResponse::Handled;
}

// Every error answer (the library's own, too) as JSON {"error": …} in Dutch; a request cut off
// at a bound is answered for that bound (431, 413), and its connection closes, as after any
// request whose head was refused.
void finish_error(const Request& req, Response& res) {
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

// The expect-100 step comes before routing: a body that would be refused is refused before the
// client sends it.
int expect_body(const Request& req, Response& res) {
  if (req.method != "POST") return 100;
  BodyPlan plan = plan_body(req);
  if (!plan.refusal) return 100;
  if (Connection* conn = current_connection()) conn->close_after = true;
  res.status = plan.refusal->status();
  res.set_content(error_json(plan.refusal->message), kJson);
  return res.status;
}

// The steps around every handler, and the headers of every answer.
void install_hooks(GuardedServer& http, ServerState& state) {
  http.set_pre_routing_handler(
      [&http](const Request& req, Response& res) { return screen(http, req, res); });
  http.set_error_handler(
      httplib::Server::HandlerWithResponse([](const Request& req, Response& res) {
        finish_error(req, res);
        return httplib::Server::HandlerResponse::Unhandled;  // keeps the body, no Range
      }));
  http.set_expect_100_continue_handler(
      [](const Request& req, Response& res) { return expect_body(req, res); });
  http.set_logger(
      [&state](const Request& req, const Response& res) { audit_answer(*state.audit, req, res); });
  http.set_default_headers({
      {"Content-Security-Policy",
       "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"},
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "no-referrer"},
  });
}

// A route answered by `handler`, with login unless `open`.
httplib::Server::Handler api_route(ServerState& state, Handler handler, bool needs_login = true,
                                   const char* content_type = kJson) {
  return [&state, handler = std::move(handler), needs_login, content_type](const Request& req,
                                                                           Response& res) {
    answer(state, req, res, needs_login, handler, content_type);
  };
}

// The handler of a route whose path names an indicator (the first match).
Handler on_indicator(Result<Body> (*route)(ServerState&, ApiCall&, const std::string&)) {
  return [route](ServerState& s, ApiCall& call) {
    const std::string id = call.req.matches[1];
    return route(s, call, id);
  };
}

void install_api(GuardedServer& http, ServerState& state) {
  http.Get("/api/health", [&state](const Request&, Response& res) {
    const auto snap = state.current();
    res.set_header("Cache-Control", "no-store");
    res.set_content(json_text(Json{{"status", "ok"},
                                   {"data_version", snap->data_version()},
                                   {"version", std::string(util::version_text())}}),
                    kJson);
  });
  http.Post("/api/login", api_route(state, login, false));
  http.Post("/api/logout", api_route(state, logout));
  http.Get("/api/me", api_route(state, me));
  http.Get("/api/indicators", api_route(state, [](ServerState& s, ApiCall& call) {
             return indicators(s, call, nullptr);
           }));
  http.Get(R"(/api/indicators/([^/]+))", api_route(state, [](ServerState& s, ApiCall& call) {
             const std::string id = call.req.matches[1];
             return indicators(s, call, &id);
           }));
  http.Get(R"(/api/explain/([^/]+))", api_route(state, on_indicator(explain)));
  http.Get(R"(/api/charts/([^/]+))", api_route(state, on_indicator(chart), true, kSvg));
  http.Get("/api/periods", api_route(state, periods));
  http.Get("/api/insights", api_route(state, insights));
  http.Get("/api/measurements", api_route(state, measurements));
  http.Post("/api/measurements", api_route(state, enter_measurement));
  // The description of the API, open like health (but audited like every other answer).
  http.Get("/api/openapi.json", [](const Request&, Response& res) {
    res.set_header("Cache-Control", "no-store");
    res.set_content(std::string(openapi_document()), kJson);
  });
  http.Get("/api/social-map", api_route(state, social_map));
  http.Get("/api/rows", api_route(state, rows));
  const auto unknown = api_route(state, [](ServerState&, ApiCall&) -> Result<Body> {
    return Status::error(ErrorKind::kNotFound, "onbekende API-aanroep");
  });
  http.fallback_get(R"(/api/.*)", unknown);
  http.fallback_post(R"(/api/.*)", unknown);
}

void install_assets(GuardedServer& http) {
  http.fallback_get(R"(/.*)", [](const Request& req, Response& res) {
    if (const Asset* a = find_asset(req.path)) {
      res.set_header("Cache-Control", "no-cache");
      res.set_content(a->data.data(), a->data.size(), std::string(content_type(a->path)));
      return;
    }
    res.status = 404;  // answered as JSON by finish_error
  });
}

}  // namespace

void install_routes(GuardedServer& http, ServerState& state) {
  install_hooks(http, state);
  install_api(http, state);
  install_assets(http);
}

}  // namespace rk::server
