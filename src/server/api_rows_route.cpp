// GET /api/rows: the figures of the disclosed document as flat rows with their Dutch names, JSON
// or CSV, for Power BI's and Excel's "get data from web" (cli.md).
#include <fmt/format.h>

#include "engine/labels.hpp"
#include "server/api_routes.hpp"

namespace rk::server {

Result<Body> rows(ServerState& state, ApiCall& call) {
  auto r = indicator_request(call.req, call.caller->role, {"format"});
  if (!r) return r.status();
  call.scope = scope_text(*r);
  auto format = param(call.req, "format");
  if (!format) return format.status();
  const std::string kind = format->value_or("json");
  if (kind != "json" && kind != "csv")
    return Status::error(ErrorKind::kInvalidInput,
                         fmt::format("onbekende format '{}': json of csv", kind));
  if (kind == "csv") call.content_type = "text/csv; charset=utf-8";
  const auto snap = state.current();
  const std::string key = cache_key("rows:" + kind, *r);
  if (auto hit = state.cache.find_text(snap->data_version(), key)) return hit;
  auto doc = document(state, *snap, *r);
  if (!doc) return doc.status();
  const engine::DocumentHeader header{r->from, r->to, r->scope, r->role};
  const engine::Vocabulary vocabulary = engine::Vocabulary::from_snapshot(*snap);
  auto body = std::make_shared<const std::string>(
      kind == "csv" ? engine::rows_csv(header, (*doc)->results, vocabulary)
                    : json_text(engine::rows_json(header, (*doc)->results, vocabulary)));
  state.cache.put(snap->data_version(), key, body);
  return body;
}

}  // namespace rk::server
