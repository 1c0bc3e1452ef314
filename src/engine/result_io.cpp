#include "engine/result_io.hpp"

#include <cstdint>
#include <stdexcept>
#include <string>

namespace rk::engine {
namespace {

using nlohmann::json;

// Short field names keep a frozen period of every municipality small in the store's metadata.
json number_json(const Number& n) {
  json j = json::object();
  j["v"] = n.value ? json(*n.value) : json(nullptr);
  j["k"] = static_cast<int>(n.kind);
  j["n"] = n.n;
  if (n.suppressed) j["s"] = true;
  if (n.below_five) j["b"] = true;
  if (n.from_small_count) j["f"] = true;
  // The records' tallies, so that frozen figures pass the disclosure layer like fresh ones.
  if (n.counted) j["c"] = json::array({n.counted->n, n.counted->key});
  if (n.base) j["d"] = json::array({n.base->n, n.base->key});
  if (n.base_amount) j["a"] = *n.base_amount;
  if (n.difference) j["x"] = true;
  return j;
}

json breakdowns_json(const std::vector<Breakdown>& breakdowns);

json figure_json(const Figure& f) {
  json j = json::object();
  if (f.value) j["value"] = number_json(*f.value);
  if (!f.values.empty()) {
    json parts = json::array();
    for (const auto& [name, n] : f.values) parts.push_back(json::array({name, number_json(n)}));
    j["values"] = parts;
  }
  if (f.numerator) j["numerator"] = *f.numerator;
  if (f.denominator) j["denominator"] = *f.denominator;
  if (!f.nested.empty()) j["nested"] = breakdowns_json(f.nested);
  if (f.text) j["text"] = *f.text;
  return j;
}

json breakdowns_json(const std::vector<Breakdown>& breakdowns) {
  json out = json::array();
  for (const Breakdown& b : breakdowns) {
    json cells = json::array();
    for (const auto& [key, cell] : b.cells) cells.push_back(json::array({key, figure_json(cell)}));
    out.push_back(json{{"dimension", b.dimension}, {"cells", cells}});
  }
  return out;
}

json result_json(const IndicatorResult& r) {
  json j = json::object();
  j["id"] = r.id;
  j["title_nl"] = r.title_nl;
  j["title_en"] = r.title_en;
  j["unit"] = static_cast<int>(r.unit);
  j["total"] = figure_json(r.total);
  if (r.norm)
    j["norm"] = json{{"op", static_cast<int>(r.norm->op)},
                     {"target", r.norm->target},
                     {"tolerance", r.norm->tolerance}};
  j["status"] = static_cast<int>(r.status);
  json series = json::array();
  for (const SeriesPoint& p : r.series)
    series.push_back(json::array({p.key, figure_json(p.figure)}));
  j["series"] = series;
  j["series_indicator"] = r.series_indicator;
  j["additive_series"] = r.additive_series;
  j["breakdowns"] = breakdowns_json(r.breakdowns);
  json texts = json::array();
  for (const auto& [k, v] : r.texts) texts.push_back(json::array({k, v}));
  j["texts"] = texts;
  j["records"] = r.records;
  if (r.keyed) j["keyed"] = true;
  return j;
}

// Reading: nlohmann's checked accessors throw json::exception on a wrong shape; the one public
// function turns that into a Status. The enums are range-checked here.
template <typename E>
E enum_at(const json& j, const char* field, int last) {
  const int v = j.at(field).get<int>();
  if (v < 0 || v > last) throw std::out_of_range(std::string("field '") + field + "' out of range");
  return static_cast<E>(v);
}

std::optional<double> read_optional_double(const json& j) {
  if (j.is_null()) return std::nullopt;
  return j.get<double>();
}

Number read_number(const json& j) {
  Number n;
  n.value = read_optional_double(j.at("v"));
  n.kind = enum_at<FigureKind>(j, "k", static_cast<int>(FigureKind::kAmount));
  n.n = j.at("n").get<int64_t>();
  n.suppressed = j.value("s", false);
  n.below_five = j.value("b", false);
  n.from_small_count = j.value("f", false);
  const auto tally = [&](const char* field) {
    const json& t = j.at(field);
    return Tally{t.at(0).get<int64_t>(), t.at(1).get<uint64_t>()};
  };
  if (j.contains("c")) n.counted = tally("c");
  if (j.contains("d")) n.base = tally("d");
  if (j.contains("a")) n.base_amount = j.at("a").get<double>();
  n.difference = j.value("x", false);
  return n;
}

std::vector<Breakdown> read_breakdowns(const json& j);

Figure read_figure(const json& j) {
  Figure f;
  if (j.contains("value")) f.value = read_number(j.at("value"));
  if (j.contains("values"))
    for (const json& part : j.at("values"))
      f.values.emplace_back(part.at(0).get<std::string>(), read_number(part.at(1)));
  if (j.contains("numerator")) f.numerator = read_optional_double(j.at("numerator"));
  if (j.contains("denominator")) f.denominator = read_optional_double(j.at("denominator"));
  if (j.contains("nested")) f.nested = read_breakdowns(j.at("nested"));
  if (j.contains("text")) f.text = j.at("text").get<std::string>();
  return f;
}

std::vector<Breakdown> read_breakdowns(const json& j) {
  std::vector<Breakdown> out;
  for (const json& b : j) {
    Breakdown breakdown;
    breakdown.dimension = b.at("dimension").get<std::string>();
    for (const json& cell : b.at("cells"))
      breakdown.cells.emplace_back(cell.at(0).get<std::string>(), read_figure(cell.at(1)));
    out.push_back(std::move(breakdown));
  }
  return out;
}

IndicatorResult read_result(const json& j) {
  IndicatorResult r;
  r.id = j.at("id").get<std::string>();
  r.title_nl = j.at("title_nl").get<std::string>();
  r.title_en = j.at("title_en").get<std::string>();
  r.unit = enum_at<Unit>(j, "unit", static_cast<int>(Unit::kNumber));
  r.total = read_figure(j.at("total"));
  if (j.contains("norm")) {
    const json& n = j.at("norm");
    r.norm = Norm{enum_at<Norm::Op>(n, "op", static_cast<int>(Norm::Op::kAtMost)),
                  n.at("target").get<double>(), n.at("tolerance").get<double>()};
  }
  r.status = enum_at<NormStatus>(j, "status", static_cast<int>(NormStatus::kRed));
  for (const json& p : j.at("series"))
    r.series.push_back({p.at(0).get<std::string>(), read_figure(p.at(1))});
  r.series_indicator = j.at("series_indicator").get<bool>();
  r.additive_series = j.at("additive_series").get<bool>();
  r.breakdowns = read_breakdowns(j.at("breakdowns"));
  for (const json& t : j.at("texts"))
    r.texts.emplace_back(t.at(0).get<std::string>(), t.at(1).get<std::string>());
  r.records = j.at("records").get<std::vector<std::string>>();
  r.keyed = j.value("keyed", false);
  return r;
}

}  // namespace

nlohmann::json results_to_json(const std::vector<IndicatorResult>& results) {
  json out = json::array();
  for (const IndicatorResult& r : results) out.push_back(result_json(r));
  return out;
}

Result<std::vector<IndicatorResult>> results_from_json(const nlohmann::json& json_in) {
  if (!json_in.is_array())
    return Status::error(ErrorKind::kInvalidInput, "frozen results: expected an array");
  std::vector<IndicatorResult> out;
  try {
    for (const json& r : json_in) out.push_back(read_result(r));
  } catch (const std::exception& e) {
    return Status::error(ErrorKind::kInvalidInput,
                         std::string("frozen results: unexpected shape: ") + e.what());
  }
  return out;
}

}  // namespace rk::engine
