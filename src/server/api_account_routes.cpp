// The account calls of the API: login, logout and me.
#include <chrono>

#include <fmt/format.h>

#include "server/api_routes.hpp"
#include "server/request_params.hpp"

namespace rk::server {
namespace {

using Json = nlohmann::json;

Json me_json(const Caller& caller) {
  Json out{{"name", caller.name},
           {"role", caller.role.kind == AccountRole::Kind::kMunicipality ? "municipality"
                                                                         : caller.role.to_string()},
           {"municipality",
            caller.role.municipality.empty() ? Json(nullptr) : Json(caller.role.municipality)},
           {"explain", caller.role.sees_records()}};
  if (!caller.session.empty()) out["csrf_token"] = caller.csrf;
  return out;
}

struct Credentials {
  std::string name;
  std::string password;
};

// A JSON body only: a cross-site form cannot send it without the browser's preflight.
Result<Credentials> read_credentials(const httplib::Request& req) {
  if (!req.get_header_value("Content-Type").starts_with("application/json"))
    return Status::error(ErrorKind::kInvalidInput,
                         "verwacht JSON (Content-Type: application/json)");
  const Json body = Json::parse(req.body, nullptr, false);
  if (!body.is_object() || !body.contains("name") || !body["name"].is_string() ||
      !body.contains("password") || !body["password"].is_string())
    return Status::error(ErrorKind::kInvalidInput, "verwacht {\"name\": …, \"password\": …}");
  return Credentials{body["name"], body["password"]};
}

}  // namespace

std::string json_text(const Json& j) {
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Result<Body> login(ServerState& state, ApiCall& call) {
  auto credentials = read_credentials(call.req);
  if (!credentials) return credentials.status();
  const auto& [name, password] = *credentials;
  // Throttled per (name, address) and per address (login_throttle.hpp); a name that cannot be
  // an account's is counted as one name, so that made-up names do not fill the table.
  const std::string throttle_name = valid_account_name(name) ? name : std::string("?");
  call.scope = "login " + throttle_name;
  LoginGate::Admission admission = state.login_gate.admit(throttle_name, call.req.remote_addr);
  if (!admission.check) {
    call.res.set_header("Retry-After", std::to_string(admission.retry_after));
    return admission.refusal;
  }
  const std::optional<Account> user = state.find_user(name);
  const bool ok = user ? verify_password(user->password_hash, password)
                       : (verify_password(state.dummy_hash, password), false);
  if (!ok) {
    admission.check->failed();
    return Status::error(ErrorKind::kUnauthenticated, "onjuiste naam of wachtwoord");
  }
  admission.check->succeeded();
  const Caller caller{user->name, user->role, random_hex(32), random_hex(32)};
  state.sessions.start(caller.session, *user, caller.csrf);
  call.res.set_header(
      "Set-Cookie",
      fmt::format("{}={}; HttpOnly; SameSite=Strict; Path=/; Max-Age={}", kSessionCookie,
                  caller.session, std::chrono::seconds(kSessionLifetime).count()));
  return std::make_shared<const std::string>(json_text(me_json(caller)));
}

Status check_csrf(const ApiCall& call) {
  const Caller& caller = *call.caller;
  if (caller.session.empty()) return Status::ok();  // a token call: no cookie a browser adds
  const std::string sent = call.req.get_header_value("X-CSRF-Token");
  if (sent.empty() || sent != caller.csrf)
    return Status::error(ErrorKind::kForbidden, "X-CSRF-Token ontbreekt of klopt niet");
  return Status::ok();
}

Result<Body> logout(ServerState& state, ApiCall& call) {
  const Caller& caller = *call.caller;
  if (Status s = check_csrf(call); !s) return s;
  if (!caller.session.empty()) state.sessions.end(caller.session);
  call.res.set_header("Set-Cookie", fmt::format("{}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0",
                                                kSessionCookie));
  return std::make_shared<const std::string>(json_text(Json{{"status", "uitgelogd"}}));
}

Result<Body> me(ServerState& /*state*/, ApiCall& call) {
  if (Status s = check_params(call.req, {}); !s) return s;
  return std::make_shared<const std::string>(json_text(me_json(*call.caller)));
}

}  // namespace rk::server
