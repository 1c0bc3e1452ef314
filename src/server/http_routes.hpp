// The HTTP side of `serve`: which handler (api_routes.hpp) answers which path, and what happens
// around every handler. Before routing, with only the head read, a request is screened (405 with
// Allow, 404, the framing and size of a POST body: 411, 413, 400); an API call is authenticated
// (401 without login) and its errors are answered as JSON {"error": …} in Dutch with the status
// of their ErrorKind; every error answer, the library's own too, is JSON; every answer except
// GET /api/health is audited (AuditLog), also one refused before a handler ran; the dashboard's
// files are served from web_assets().
#pragma once

#include "server/http_connection.hpp"
#include "server/server_state.hpp"

namespace rk::server {

// Adds the routes, the screening, error handler, expect-100 step, audit logger and security
// headers to `http`. REQUIRES: `state` outlives `http`'s serving.
void install_routes(GuardedServer& http, ServerState& state);

}  // namespace rk::server
