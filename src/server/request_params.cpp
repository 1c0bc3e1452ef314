#include "server/request_params.hpp"

#include <fmt/format.h>

#include "server/request_limits.hpp"

namespace rk::server {
namespace {

Status bad(std::string message) {
  return Status::error(ErrorKind::kInvalidInput, std::move(message));
}

// The date parameter `name` (required).
Result<Date> date_param(const httplib::Request& req, const char* name) {
  auto text = param(req, name);
  if (!text) return text.status();
  if (!*text) return bad(fmt::format("parameter '{}' ontbreekt (JJJJ-MM-DD)", name));
  const auto d = parse_date(**text);
  if (!d)
    return bad(fmt::format("parameter '{}': geen geldige datum JJJJ-MM-DD: '{}'", name, **text));
  if (auto refused = check_date(name, *d)) return refused->to_status();
  return *d;
}

// The period `from`..`to` of the request.
Status read_period(const httplib::Request& req, IndicatorRequest& r) {
  auto from = date_param(req, "from");
  if (!from) return from.status();
  r.from = *from;
  auto to = date_param(req, "to");
  if (!to) return to.status();
  r.to = *to;
  if (r.to < r.from)
    return bad(fmt::format("parameter 'from' ({}) ligt na 'to' ({})", r.from.to_string(),
                           r.to.to_string()));
  if (auto refused = check_span(r.from, r.to)) return refused->to_status();
  return Status::ok();
}

}  // namespace

Status read_scope(const httplib::Request& req, engine::ScopeText& scope) {
  for (auto [name, slot] :
       {std::pair{"municipality", &scope.municipality}, std::pair{"area", &scope.area},
        std::pair{"quadrant", &scope.quadrant}, std::pair{"provider", &scope.provider}}) {
    auto value = param(req, name);
    if (!value) return value.status();
    *slot = std::move(*value);
  }
  if (scope.quadrant && *scope.quadrant != "K1" && *scope.quadrant != "K2" &&
      *scope.quadrant != "K3")
    return bad(
        fmt::format("parameter 'quadrant': verwacht K1, K2 of K3, niet '{}'", *scope.quadrant));
  return Status::ok();
}

Status check_params(const httplib::Request& req, const std::set<std::string>& allowed) {
  std::set<std::string> seen;
  for (const auto& [k, v] : req.params) {
    if (!allowed.contains(k)) return bad(fmt::format("onbekende parameter '{}'", k));
    if (!seen.insert(k).second)
      return bad(fmt::format("parameter '{}' komt meer dan eens voor", k));
  }
  return Status::ok();
}

Result<std::optional<std::string>> param(const httplib::Request& req, const std::string& name) {
  if (!req.has_param(name)) return std::optional<std::string>{};
  std::string v = req.get_param_value(name);
  if (v.empty()) return bad(fmt::format("parameter '{}' is leeg", name));
  return std::optional<std::string>{std::move(v)};
}

Status hold_to_own_municipality(const AccountRole& role, std::optional<std::string>& municipality) {
  if (role.kind != AccountRole::Kind::kMunicipality) return Status::ok();
  if (municipality && *municipality != role.municipality)
    return Status::error(ErrorKind::kForbidden,
                         fmt::format("geen toegang tot gemeente '{}'", *municipality));
  municipality = role.municipality;
  return Status::ok();
}

Result<IndicatorRequest> indicator_request(const httplib::Request& req, const AccountRole& role,
                                           const std::set<std::string>& extra) {
  std::set<std::string> allowed{"from", "to", "municipality", "area", "quadrant", "provider"};
  allowed.insert(extra.begin(), extra.end());
  if (Status s = check_params(req, allowed); !s) return s;
  IndicatorRequest r;
  if (Status s = read_period(req, r); !s) return s;
  if (Status s = read_scope(req, r.scope); !s) return s;
  if (Status s = hold_to_own_municipality(role, r.scope.municipality); !s) return s;
  if (role.kind == AccountRole::Kind::kMunicipality) r.role = engine::Role::kMunicipality;
  return r;
}

Status check_scope(const engine::Scope& scope, const engine::ScopeText& asked) {
  if (scope.municipality == engine::Scope::kNoMatch)
    return bad(
        fmt::format("parameter 'municipality': onbekende gemeente '{}'", *asked.municipality));
  if (scope.area == engine::Scope::kNoMatch)
    return bad(fmt::format("parameter 'area': onbekend gebied '{}'", *asked.area));
  if (scope.provider == engine::Scope::kNoMatch)
    return bad(fmt::format("parameter 'provider': onbekende aanbieder '{}'", *asked.provider));
  return Status::ok();
}

Status check_scope(const engine::Scope& scope, const IndicatorRequest& r) {
  return check_scope(scope, r.scope);
}

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

std::string cache_key(std::string_view endpoint, const IndicatorRequest& r) {
  return fmt::format("{}|{}|{}", endpoint, engine::to_string(r.role), scope_text(r));
}

}  // namespace rk::server
