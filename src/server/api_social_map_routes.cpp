// GET /api/social-map: the K1 activities of providers per area (engine/social_map.hpp), for every
// logged-in role, held to a municipality account's own municipality like every call with a scope.
// The answer is cached per snapshot version and scope.
#include <fmt/format.h>

#include "engine/social_map.hpp"
#include "server/api_routes.hpp"
#include "server/request_params.hpp"

namespace rk::server {
namespace {

using Json = nlohmann::json;

Json activity_json(const engine::Activity& a) {
  return Json{{"provider", a.provider},
              {"provider_name", a.provider_name},
              {"area", a.area},
              {"area_name", a.area_name},
              {"municipality", a.municipality},
              {"municipality_name", a.municipality_name},
              {"name", a.name},
              {"target_group", a.target_group},
              {"contact", a.contact},
              {"waiting_weeks", a.waiting_weeks ? Json(*a.waiting_weeks) : Json(nullptr)}};
}

// "municipality=GM0917 area=hoensbroek" (what was asked after the role's rule), for the audit
// row and the cache key; empty for the whole map.
std::string scope_of(const engine::ScopeText& scope) {
  std::string out;
  if (scope.municipality) out = "municipality=" + *scope.municipality;
  if (scope.area) out += fmt::format("{}area={}", out.empty() ? "" : " ", *scope.area);
  return out;
}

}  // namespace

Result<Body> social_map(ServerState& state, ApiCall& call) {
  if (Status s = check_params(call.req, {"municipality", "area"}); !s) return s;
  engine::ScopeText asked;
  if (Status s = read_scope(call.req, asked); !s) return s;
  if (Status s = hold_to_own_municipality(call.caller->role, asked.municipality); !s) return s;
  call.scope = scope_of(asked);
  const auto snap = state.current();
  const std::string key = "social-map|" + call.scope;
  if (auto hit = state.cache.find_text(snap->data_version(), key)) return hit;
  const engine::Scope scope = engine::resolve_scope(*snap, asked);
  if (Status s = check_scope(scope, asked); !s) return s;
  Json list = Json::array();
  for (const engine::Activity& a : engine::social_map(*snap, scope))
    list.push_back(activity_json(a));
  auto body = std::make_shared<const std::string>(json_text(Json{{"activities", list}}));
  state.cache.put(snap->data_version(), key, body);
  return body;
}

}  // namespace rk::server
