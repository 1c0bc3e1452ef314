// The query parameters of the API: every call names only the parameters it knows, each at most
// once and not empty; an indicator call's period, scope and quadrant are checked here, and a
// municipality account is held to its own municipality. Every refusal is a Status whose kind
// gives the HTTP status (400 kInvalidInput, 403 kForbidden) and whose message is the Dutch text
// of the answer.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>

#include <httplib.h>

#include "calendar/date.hpp"
#include "engine/query.hpp"
#include "engine/role.hpp"
#include "model/status.hpp"
#include "server/accounts.hpp"

namespace rk::server {

// The effective request of an indicator call, after role checks.
struct IndicatorRequest {
  Date from;
  Date to;
  engine::ScopeText scope;
  engine::Role role = engine::Role::kAnalyst;
};

// Ok when every parameter of `req` is in `allowed` and none is repeated.
[[nodiscard]] Status check_params(const httplib::Request& req,
                                  const std::set<std::string>& allowed);

// The value of parameter `name`, nullopt when absent; fails when it is given empty.
[[nodiscard]] Result<std::optional<std::string>> param(const httplib::Request& req,
                                                       const std::string& name);

// The scope parameters of `req` (municipality, area, quadrant, provider; each optional, checked
// in that order) into `scope`; fails for an empty value or an unknown quadrant. A call that does
// not allow some of them refuses them first (check_params).
[[nodiscard]] Status read_scope(const httplib::Request& req, engine::ScopeText& scope);

// A municipality account is held to its own municipality: asking for another is kForbidden,
// asking for none gives its own. Other roles keep what they asked. Every call with a scope uses
// this one rule.
[[nodiscard]] Status hold_to_own_municipality(const AccountRole& role,
                                              std::optional<std::string>& municipality);

// The indicator request of `req` for a caller with `role`: `from` and `to` (both required,
// request_limits.hpp bounds them), the scope parameters, and `extra` parameters the call also
// allows (read by the caller). A municipality account gets its own municipality; asking another
// is kForbidden.
[[nodiscard]] Result<IndicatorRequest> indicator_request(const httplib::Request& req,
                                                         const AccountRole& role,
                                                         const std::set<std::string>& extra = {});

// Ok when every code of the scope asked is in the snapshot (`scope` is its resolution); fails
// with kInvalidInput naming the parameter and the code.
[[nodiscard]] Status check_scope(const engine::Scope& scope, const engine::ScopeText& asked);
// The same for the request's scope.
[[nodiscard]] Status check_scope(const engine::Scope& scope, const IndicatorRequest& r);

// "2020-01-01..2020-12-31 municipality=GM0917": the period and scope, for the audit log.
std::string scope_text(const IndicatorRequest& r);

// The answer cache's key of `endpoint` for the request: endpoint, role and scope.
std::string cache_key(std::string_view endpoint, const IndicatorRequest& r);

}  // namespace rk::server
