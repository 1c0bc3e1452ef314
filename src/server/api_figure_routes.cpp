// The figure calls of the API: indicators, explain, charts, insights and periods. Indicator
// documents are computed once per snapshot, role and scope (single_flight.hpp) and every answer is
// cached as text (answer_cache.hpp).
#include <algorithm>
#include <array>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <set>
#include <string_view>

#include <fmt/format.h>

#include "calendar/period.hpp"
#include "engine/disclosure.hpp"
#include "engine/insights.hpp"
#include "engine/labels.hpp"
#include "engine/render.hpp"
#include "export/xlsx.hpp"
#include "model/contract.hpp"
#include "server/api_routes.hpp"
#include "server/charts.hpp"
#include "server/request_limits.hpp"
#include "server/request_params.hpp"

namespace rk::server {
namespace {

using Json = nlohmann::json;

constexpr const char* kCsv = "text/csv; charset=utf-8";
constexpr const char* kXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
constexpr const char* kPng = "image/png";

// The `format` parameter: empty when absent, else one of `formats` (the first is the call's own
// answer). A call that allows it names it among its extra parameters.
Result<std::string> download_format(const httplib::Request& req,
                                    std::initializer_list<std::string_view> formats) {
  auto format = param(req, "format");
  if (!format) return format.status();
  if (!*format) return std::string();
  for (std::string_view f : formats)
    if (**format == f) return std::string(f);
  std::string list;
  for (std::string_view f : formats) list += (list.empty() ? "" : ", ") + std::string(f);
  return Status::error(ErrorKind::kInvalidInput,
                       fmt::format("onbekend formaat '{}' (parameter format); wel: {}",
                                   truncate_text(**format, 32), list));
}

Status not_available(const std::string& id) {
  return Status::error(ErrorKind::kNotFound,
                       fmt::format("indicator '{}' is niet beschikbaar voor deze selectie", id));
}

Status unknown_indicator(const std::string& id) {
  return Status::error(ErrorKind::kNotFound, fmt::format("onbekende indicator '{}'", id));
}

// The disclosed document of every indicator for the request, computed with the record keys and
// through the one disclosure layer for the role.
Result<AnswerCache::Disclosed> compute_document(ServerState& state, const engine::Snapshot& snap,
                                                const IndicatorRequest& r) {
  const engine::Scope scope = engine::resolve_scope(snap, r.scope);
  if (Status s = check_scope(scope, r); !s) return s;
  const auto keys = state.keys_for(snap);
  engine::Query query{r.from, r.to, scope, &state.working_days};
  query.record_keys = keys.get();
  std::vector<engine::IndicatorResult> results =
      engine::compute_all(state.catalogue, snap, query, state.config);
  if (Status s = engine::disclose(r.role, state.config, results); !s)
    return Status::error(ErrorKind::kUnavailable,
                         "cijfers nu niet beschikbaar; probeer het zo opnieuw");
  Json json = engine::document_json(engine::DocumentHeader{r.from, r.to, r.scope, r.role}, results,
                                    engine::Vocabulary::from_snapshot(snap));
  return std::make_shared<const DisclosedDocument>(std::move(results), std::move(json));
}

}  // namespace

Result<AnswerCache::Disclosed> document(ServerState& state, const engine::Snapshot& snap,
                                        const IndicatorRequest& r) {
  return state.documents.get(snap.data_version(), cache_key("doc", r),
                             [&] { return compute_document(state, snap, r); });
}

// The insights of the request, from the disclosed document of the period and the comparison
// windows computed and disclosed for the same role and scope (engine/insights.hpp); kept as a
// document of no results whose JSON is the list.
Result<AnswerCache::Disclosed> compute_insights(ServerState& state, const engine::Snapshot& snap,
                                                const IndicatorRequest& r) {
  auto doc = document(state, snap, r);
  if (!doc) return doc.status();
  const auto keys = state.keys_for(snap);
  engine::Query query{r.from, r.to, engine::resolve_scope(snap, r.scope), &state.working_days};
  query.record_keys = keys.get();
  auto figures =
      engine::insight_figures(state.catalogue, snap, query, state.config, r.role, (*doc)->results);
  if (!figures)
    return Status::error(ErrorKind::kUnavailable,
                         "cijfers nu niet beschikbaar; probeer het zo opnieuw");
  return std::make_shared<const DisclosedDocument>(
      std::vector<engine::IndicatorResult>{},
      engine::insights_json(engine::make_insights(*figures)));
}

namespace {

// The first and last date of the events in the data: the required date columns (not birth
// dates); lo > hi when there are none.
std::pair<int32_t, int32_t> event_dates(const engine::Snapshot& snap) {
  int32_t lo = std::numeric_limits<int32_t>::max();
  int32_t hi = std::numeric_limits<int32_t>::min();
  for (const auto& spec : model::contract()) {
    const engine::Table& table = snap.table(spec.kind);
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
  return {lo, hi};
}

// Without the repeats the first partial month may have added.
Json without_repeats(const Json& list) {
  Json unique = Json::array();
  for (const auto& v : list)
    if (unique.empty() || unique.back() != v) unique.push_back(v);
  return unique;
}

// The months, quarters, half years and years the data spans, with its first and last date.
Json data_periods(const engine::Snapshot& snap) {
  const auto [lo, hi] = event_dates(snap);
  Json out{{"data_version", snap.data_version()}};
  Json months = Json::array();
  Json quarters = Json::array();
  Json halves = Json::array();
  Json years = Json::array();
  out["first_date"] = nullptr;
  out["last_date"] = nullptr;
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
  }
  out["months"] = months;
  out["quarters"] = without_repeats(quarters);
  out["half_years"] = without_repeats(halves);
  out["years"] = years;
  return out;
}

// The closed periods as a listing only: which period, when and its hash. Their frozen figures
// are never listed; they reach a reader only through the disclosure layer.
Json closed_listing(const std::vector<engine::ClosedPeriod>& closed) {
  Json list = Json::array();
  for (const engine::ClosedPeriod& c : closed)
    list.push_back(Json{{"period", c.key},
                        {"from", c.period.from.to_string()},
                        {"to", c.period.to.to_string()},
                        {"closed_at", c.closed_at},
                        {"hash", c.hash}});
  return list;
}

// One indicator of the disclosed document as a file: CSV (the `kpi --format csv` rows) or an
// Excel workbook (the export's sheet of that indicator, with its index sheet).
Result<Body> indicator_download(ServerState& state, ApiCall& call, const std::string& id,
                                const IndicatorRequest& r, const std::string& format) {
  const auto snap = state.current();
  const std::string key = cache_key(format + ":" + id, r);
  Body body = state.cache.find_text(snap->data_version(), key);
  if (!body) {
    if (state.catalogue.find(id) == nullptr) return unknown_indicator(id);
    auto doc = document(state, *snap, r);
    if (!doc) return doc.status();
    const engine::IndicatorResult* result = (*doc)->find(id);
    if (result == nullptr) return not_available(id);
    if (format == "csv") {
      body = std::make_shared<const std::string>(engine::render_csv({*result}));
    } else {
      auto bytes = exporting::xlsx_bytes(engine::DocumentHeader{r.from, r.to, r.scope, r.role},
                                         {*result}, engine::Vocabulary::from_snapshot(*snap));
      if (!bytes) return bytes.status();
      body = std::make_shared<const std::string>(std::move(*bytes));
    }
    state.cache.put(snap->data_version(), key, body);
  }
  call.content_type = format == "csv" ? kCsv : kXlsx;
  set_attachment(call, id, r.from, r.to, format.c_str());
  return body;
}

}  // namespace

void set_attachment(ApiCall& call, const std::string& id, Date from, Date to,
                    const char* extension) {
  std::string period = period_key(Period{from, to});
  if (const size_t dots = period.find(".."); dots != std::string::npos)
    period.replace(dots, 2, "_");
  call.res.set_header(
      "Content-Disposition",
      fmt::format("attachment; filename=\"regiekamer-{}-{}.{}\"", id, period, extension));
}

Result<Body> indicators(ServerState& state, ApiCall& call, const std::string* id) {
  auto r = id != nullptr ? indicator_request(call.req, call.caller->role, {"format"})
                         : indicator_request(call.req, call.caller->role);
  if (!r) return r.status();
  call.scope = scope_text(*r);
  auto format = download_format(call.req, {"json", "csv", "xlsx"});
  if (!format) return format.status();
  if (id != nullptr && !format->empty() && *format != "json")
    return indicator_download(state, call, *id, *r, *format);
  const auto snap = state.current();
  const std::string key = cache_key(id ? "one:" + *id : std::string("all"), *r);
  if (auto hit = state.cache.find_text(snap->data_version(), key)) return hit;
  if (id && state.catalogue.find(*id) == nullptr) return unknown_indicator(*id);
  auto doc = document(state, *snap, *r);
  if (!doc) return doc.status();
  Body body;
  if (id) {
    const Json& json = (*doc)->json;
    const Json& all = json["indicators"];
    const engine::IndicatorResult* result = (*doc)->find(*id);
    if (!all.contains(*id) || result == nullptr) return not_available(*id);
    // The labels of this indicator only: the names of what the answer shows.
    const Json one{{"period", json["period"]},
                   {"scope", json["scope"]},
                   {"indicators", Json{{*id, all[*id]}}},
                   {"labels", engine::labels_json(engine::Vocabulary::from_snapshot(*snap),
                                                  r->scope, {*result})}};
    body = std::make_shared<const std::string>(json_text(one));
  } else {
    body = std::make_shared<const std::string>(json_text((*doc)->json));
  }
  state.cache.put(snap->data_version(), key, body);
  return body;
}

Result<Body> explain(ServerState& state, ApiCall& call, const std::string& id) {
  if (!call.caller->role.sees_records())
    return Status::error(ErrorKind::kForbidden,
                         "de onderliggende records zijn alleen voor analisten");
  auto r = indicator_request(call.req, call.caller->role);
  if (!r) return r.status();
  call.scope = scope_text(*r);
  const engine::IndicatorDef* def = state.catalogue.find(id);
  if (def == nullptr) return unknown_indicator(id);
  if (!def->explainable)
    return Status::error(ErrorKind::kInvalidInput,
                         fmt::format("indicator '{}' heeft geen onderliggende records", id));
  const auto snap = state.current();
  const std::string key = cache_key("explain:" + id, *r);
  if (auto hit = state.cache.find_text(snap->data_version(), key)) return hit;
  const engine::Scope scope = engine::resolve_scope(*snap, r->scope);
  if (Status s = check_scope(scope, *r); !s) return s;
  engine::Query query{r->from, r->to, scope, &state.working_days};
  query.explain = true;
  auto result = engine::compute_one(state.catalogue, id, *snap, query, state.config);
  if (!result) return not_available(id);
  auto body = std::make_shared<const std::string>(
      json_text(Json{{"indicator", result->id}, {"records", result->records}}));
  state.cache.put(snap->data_version(), key, body);
  return body;
}

// Drawn from the same disclosed, scope-checked results as /api/indicators/{id}, cached like it.
Result<Body> chart(ServerState& state, ApiCall& call, const std::string& id) {
  std::set<std::string> allowed(kChartParameters.begin(), kChartParameters.end());
  allowed.insert("format");  // a download: svg or png
  auto r = indicator_request(call.req, call.caller->role, allowed);
  if (!r) return r.status();
  call.scope = scope_text(*r);
  auto text = [&call](const char* name) { return call.req.get_param_value(name); };
  auto options =
      parse_chart_options(text("kind"), text("dimension"), text("width"), text("height"));
  if (!options) return options.status();
  if (Status s = parse_history_options(text("highlight"), text("previous"), text("sort"), *options);
      !s)
    return s;
  auto format = download_format(call.req, {"svg", "png"});
  if (!format) return format.status();
  const bool png = *format == "png";
  const auto snap = state.current();
  const std::string key = cache_key(
      fmt::format("chart:{}|{}|{}", id, chart_options_key(*options), png ? "png" : "svg"), *r);
  Body body = state.cache.find_text(snap->data_version(), key);
  if (!body) {
    if (state.catalogue.find(id) == nullptr) return unknown_indicator(id);
    auto doc = document(state, *snap, *r);
    if (!doc) return doc.status();
    const engine::IndicatorResult* result = (*doc)->find(id);
    if (result == nullptr) return not_available(id);
    auto drawn = indicator_chart(*result, *options, engine::Vocabulary::from_snapshot(*snap));
    if (!drawn) return drawn.status();
    if (png) {
      auto image = chart_png(*drawn, *options);
      if (!image) return image.status();
      body = std::make_shared<const std::string>(std::move(*image));
    } else {
      body = std::make_shared<const std::string>(chart_svg(*drawn, *options));
    }
    state.cache.put(snap->data_version(), key, body);
  }
  if (png) {
    call.content_type = kPng;
    set_attachment(call, id, r->from, r->to, "png");
  } else if (!format->empty()) {  // format=svg asked: a download, like the PNG
    set_attachment(call, id, r->from, r->to, "svg");
  }
  return body;
}

// Computed once per snapshot version, role and scope, like the document it starts from.
Result<Body> insights(ServerState& state, ApiCall& call) {
  auto r = indicator_request(call.req, call.caller->role);
  if (!r) return r.status();
  call.scope = scope_text(*r);
  const auto snap = state.current();
  const std::string key = cache_key("insights", *r);
  if (auto hit = state.cache.find_text(snap->data_version(), key)) return hit;
  auto list = state.documents.get(snap->data_version(), cache_key("insights-list", *r),
                                  [&] { return compute_insights(state, *snap, *r); });
  if (!list) return list.status();
  auto body = std::make_shared<const std::string>(json_text((*list)->json));
  state.cache.put(snap->data_version(), key, body);
  return body;
}

// The periods of the data are cached per snapshot version; the closed periods are added to every
// answer, since a closing changes no data version.
Result<Body> periods(ServerState& state, ApiCall& call) {
  if (Status s = check_params(call.req, {}); !s) return s;
  const auto snap = state.current();
  AnswerCache::Document spans = state.cache.find_document(snap->data_version(), "periods");
  if (!spans) {
    spans = std::make_shared<const Json>(data_periods(*snap));
    state.cache.put(snap->data_version(), "periods", spans);
  }
  Json out = *spans;
  out["closed"] = closed_listing(state.closed_periods());
  return std::make_shared<const std::string>(json_text(out));
}

}  // namespace rk::server
