// The handlers of the API calls (cli.md, "Accounts and the API"), one function per call. Each
// returns the answer's body, or a Status whose kind gives the HTTP status (http_status) and whose
// message is the Dutch error text; http_routes.cpp authenticates the caller before, and writes
// the answer, its error body and the audit row after. None throws for a refused request.
#pragma once

#include <memory>
#include <string>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "model/status.hpp"
#include "server/request_params.hpp"
#include "server/server_state.hpp"
#include "server/sessions.hpp"

namespace rk::server {

using Body = std::shared_ptr<const std::string>;

// One call being answered.
struct ApiCall {
  const httplib::Request& req;
  httplib::Response& res;  // handlers set headers only (Set-Cookie, Retry-After)
  const Caller* caller;    // null only for calls open without login (login)
  std::string scope;       // what the call settled, for the audit row
  int status = 200;        // the status of a successful answer (201 for a stored entry)
  // The content type of a successful answer when not the route's (a download: CSV, xlsx, PNG).
  const char* content_type = nullptr;
};

// Ok for a token call, and for a session call that sends its X-CSRF-Token; else kForbidden.
[[nodiscard]] Status check_csrf(const ApiCall& call);

// POST /api/login: a JSON body {"name", "password"}; starts a session (cookie and CSRF token).
// Refused: 400 no JSON, 429 throttled (Retry-After), 401 wrong name or password.
[[nodiscard]] Result<Body> login(ServerState& state, ApiCall& call);
// POST /api/logout: ends the session (a session call needs its X-CSRF-Token, else 403).
[[nodiscard]] Result<Body> logout(ServerState& state, ApiCall& call);
// GET /api/me: the caller's name, role, municipality and CSRF token.
[[nodiscard]] Result<Body> me(ServerState& state, ApiCall& call);

// GET /api/indicators and /api/indicators/{id} (`id` null: all): the disclosed document; one
// indicator also with format=csv or format=xlsx, as a download of the same disclosed figures
// (the CSV renderer, engine/render.hpp; the workbook, export/xlsx.hpp).
[[nodiscard]] Result<Body> indicators(ServerState& state, ApiCall& call, const std::string* id);
// GET /api/rows: every figure of the disclosed document as flat rows (engine::rows_json), JSON or
// with `format=csv` CSV; the same role, scope checks, suppression and cache as /api/indicators.
[[nodiscard]] Result<Body> rows(ServerState& state, ApiCall& call);
// GET /api/explain/{id}: the records behind an indicator (analysts and admins only).
[[nodiscard]] Result<Body> explain(ServerState& state, ApiCall& call, const std::string& id);
// GET /api/charts/{id}: the chart of one indicator (server/charts.hpp), SVG or with format=png
// a PNG image, as a download.
[[nodiscard]] Result<Body> chart(ServerState& state, ApiCall& call, const std::string& id);
// GET /api/insights: the insights' sentences (engine/insights.hpp) of the disclosed figures.
[[nodiscard]] Result<Body> insights(ServerState& state, ApiCall& call);
// GET /api/periods: the periods of the data, and the closed periods as a listing.
[[nodiscard]] Result<Body> periods(ServerState& state, ApiCall& call);

// GET /api/measurements[?indicator=ID]: the figures entered by hand (measurements.csv rows) as
// the current snapshot holds them; analysts and admins.
[[nodiscard]] Result<Body> measurements(ServerState& state, ApiCall& call);
// POST /api/measurements: one measurements.csv row as JSON, validated as the importer validates
// it (ingest/row_entry.hpp) and stored; 201 with the stored row. Analysts and admins; a session
// call needs its X-CSRF-Token. A period inside a closed period is refused (409).
[[nodiscard]] Result<Body> enter_measurement(ServerState& state, ApiCall& call);

// The attachment header of a download: "regiekamer-<id>-<period>.<extension>".
void set_attachment(ApiCall& call, const std::string& id, Date from, Date to,
                    const char* extension);

// GET /api/social-map[?municipality=&area=]: the activities of the social map (any role; a
// municipality account only its own municipality's areas, another municipality 403; an unknown
// code 400).
[[nodiscard]] Result<Body> social_map(ServerState& state, ApiCall& call);
// The disclosed document of every indicator for the request: checked against the snapshot's
// codes, computed once per snapshot version, role and scope through the one disclosure layer, and
// cached. Every figure call reads its figures here.
[[nodiscard]] Result<AnswerCache::Disclosed> document(ServerState& state,
                                                      const engine::Snapshot& snap,
                                                      const IndicatorRequest& r);

// JSON as the API writes it; text from the request (e.g. a code with invalid UTF-8) is written
// with replacement characters rather than throwing.
std::string json_text(const nlohmann::json& j);

}  // namespace rk::server
