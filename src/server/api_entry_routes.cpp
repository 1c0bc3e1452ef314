// The entry calls of the API: figures entered by hand (measurements.csv rows). An entry is
// validated and written by the importer's own code (ingest/row_entry.hpp) on the server's entry
// store, one at a time; the new snapshot is published before the answer, so the next call sees
// the figure.
#include <cmath>
#include <cstdio>
#include <mutex>

#include <fmt/format.h>

#include "calendar/period.hpp"
#include "engine/closing.hpp"
#include "engine/snapshot.hpp"
#include "ingest/row_entry.hpp"
#include "model/contract.hpp"
#include "server/api_routes.hpp"
#include "server/request_limits.hpp"
#include "server/request_params.hpp"

namespace rk::server {
namespace {

using Json = nlohmann::json;

const model::TableSpec& measurement_spec() { return model::table_spec(model::Kind::kMeasurements); }

Status analysts_only(const ApiCall& call, std::string_view what) {
  if (call.caller->role.sees_records()) return Status::ok();
  return Status::error(ErrorKind::kForbidden,
                       fmt::format("{} is alleen voor analisten en beheerders", what));
}

Status bad(std::string message) {
  return Status::error(ErrorKind::kInvalidInput, std::move(message));
}

// The text of one JSON field as the cell of a CSV row: a string as it is, a number in its
// shortest form, null or absent as an empty cell.
Result<std::string> cell_text(const std::string& name, const Json& value) {
  if (value.is_null()) return std::string();
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer()) return value.dump();
  if (value.is_number_float()) return fmt::format("{}", value.get<double>());
  return bad(fmt::format("veld '{}': verwacht tekst of een getal", name));
}

// The body of an entry: a JSON object with the columns of measurements.csv (any left out is an
// empty cell), as the texts of one CSV row in the contract's order.
Result<std::vector<std::string>> entry_values(const httplib::Request& req,
                                              const std::vector<std::string>& columns) {
  if (!req.get_header_value("Content-Type").starts_with("application/json"))
    return bad("verwacht JSON (Content-Type: application/json)");
  const Json body = Json::parse(req.body, nullptr, false);
  if (!body.is_object())
    return bad("verwacht een JSON-object met de kolommen van measurements.csv");
  for (const auto& [name, value] : body.items())
    if (std::find(columns.begin(), columns.end(), name) == columns.end())
      return bad(
          fmt::format("onbekend veld '{}'; wel: indicator, period, municipality, value, note",
                      truncate_text(name, 40)));
  std::vector<std::string> values;
  for (const std::string& name : columns) {
    auto text = cell_text(name, body.contains(name) ? body[name] : Json());
    if (!text) return text.status();
    values.push_back(std::move(*text));
  }
  return values;
}

// A measurement counts in every period that holds its own (engine/indicators/manual.cpp): one
// that falls inside a closed period would change that period's figures.
Status outside_closed_periods(store::Store& store, std::string_view period_text) {
  const std::optional<Period> period = parse_period(period_text);
  if (!period) return Status::ok();  // validated before: cannot happen
  auto closed = engine::closed_periods(store);
  if (!closed) return closed.status();
  for (const engine::ClosedPeriod& c : *closed)
    if (c.period.from <= period->from && period->to <= c.period.to)
      return Status::error(ErrorKind::kConflict,
                           fmt::format("periode {} valt in de afgesloten periode {}; de cijfers "
                                       "van een afgesloten periode veranderen niet",
                                       period_text, c.key));
  return Status::ok();
}

// A stored row as JSON: text cells as strings, numbers as numbers, empty cells as null.
Json row_json(const model::TableSpec& spec, std::span<const store::Cell> cells) {
  Json row = Json::object();
  for (size_t f = 0; f < spec.fields.size() && f < cells.size(); ++f) {
    if (spec.fields[f].derived) continue;
    const store::Cell& c = cells[f];
    const std::string name(spec.fields[f].name);
    switch (c.tag) {
      case store::Cell::Tag::kNull:
        row[name] = nullptr;
        break;
      case store::Cell::Tag::kInt:
        row[name] = c.i;
        break;
      case store::Cell::Tag::kReal:
        row[name] = c.r;
        break;
      case store::Cell::Tag::kText:
        row[name] = std::string(c.s);
        break;
    }
  }
  return row;
}

// What the audit row says of an entry: the figure, without the note (free text).
std::string entry_scope(const std::vector<std::string>& columns,
                        const std::vector<std::string>& values) {
  std::string scope = "invoer measurements";
  for (size_t i = 0; i < columns.size(); ++i)
    if (columns[i] != "note") scope += fmt::format(" {}={}", columns[i], values[i]);
  return scope;
}

// The measurements of the snapshot (of one indicator when `indicator`), in key order.
Json measurement_list(const engine::Snapshot& snap, const std::optional<std::string>& indicator) {
  const engine::Table& t = snap.table(model::Kind::kMeasurements);
  const engine::Table& municipalities = snap.table(model::Kind::kMunicipalities);
  const auto ids = t.i32("indicator");
  const auto periods = t.i32("period");
  const auto munis = t.i32("municipality");
  const auto values = t.f64("value");
  const auto notes = t.i32("note");
  const auto text = [&t](std::string_view column, int32_t i) -> Json {
    if (i < 0) return nullptr;
    return std::string(t.dictionary(column)[i]);
  };
  Json list = Json::array();
  for (int32_t i = 0; i < t.rows(); ++i) {
    const Json id = text("indicator", ids[i]);
    if (indicator && id != *indicator) continue;
    list.push_back(
        Json{{"indicator", id},
             {"period", text("period", periods[i])},
             {"municipality",
              munis[i] < 0 ? Json(nullptr) : Json(std::string(municipalities.key_text(munis[i])))},
             {"value", std::isnan(values[i]) ? Json(nullptr) : Json(values[i])},
             {"note", text("note", notes[i])}});
  }
  return list;
}

}  // namespace

Result<Body> measurements(ServerState& state, ApiCall& call) {
  if (Status s = analysts_only(call, "de lijst van ingevoerde cijfers"); !s) return s;
  if (Status s = check_params(call.req, {"indicator"}); !s) return s;
  auto indicator = param(call.req, "indicator");
  if (!indicator) return indicator.status();
  call.scope = *indicator ? "indicator=" + **indicator : std::string();
  const auto snap = state.current();
  return std::make_shared<const std::string>(
      json_text(Json{{"measurements", measurement_list(*snap, *indicator)}}));
}

Result<Body> enter_measurement(ServerState& state, ApiCall& call) {
  if (Status s = analysts_only(call, "cijfers invoeren"); !s) return s;
  if (Status s = check_csrf(call); !s) return s;
  if (Status s = check_params(call.req, {}); !s) return s;
  const model::TableSpec& spec = measurement_spec();
  const std::vector<std::string> columns = ingest::entry_columns(spec);
  auto values = entry_values(call.req, columns);
  if (!values) return values.status();
  call.scope = truncate_text(entry_scope(columns, *values));
  const auto period_at = static_cast<size_t>(spec.field_index("period"));
  Json stored;
  const std::lock_guard lock(state.entry_mutex);
  store::Store& store = *state.entry_store;
  auto outcome = ingest::enter_row(store, spec, *values, *state.pseudonymizer,
                                   [&](std::span<const store::Cell> cells) {
                                     stored = row_json(spec, cells);
                                     return outside_closed_periods(store, cells[period_at].s);
                                   });
  if (!outcome) return outcome.status();
  if (const ingest::Rejected& rejected = *outcome)
    return bad(rejected->column.empty()
                   ? rejected->reason
                   : fmt::format("{}: {}", rejected->column, rejected->reason));
  // The figure is stored: the snapshot of the new data version is published before the answer.
  // Should that fail, the watcher loads it within a second or two.
  auto snap = engine::Snapshot::load_or_build(store);
  if (snap)
    state.publish(*snap);
  else
    std::fprintf(stderr, "regiekamer serve: nieuwe gegevens niet geladen: %s\n",
                 snap.status().message().c_str());
  call.status = 201;
  return std::make_shared<const std::string>(json_text(stored));
}

}  // namespace rk::server
