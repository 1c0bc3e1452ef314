#include "engine/result_io.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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
  j["better"] = static_cast<int>(r.better);
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

// Reading checks every field's type before taking it, so that no accessor of the json library
// throws: the first field of the wrong shape is kept, with its name, and later reads return
// empty values, so that the one public function checks once at the end.
class Reader {
 public:
  // Member `name` of object `j`; null (and a failure) when absent.
  const json& at(const json& j, const char* name) {
    name_ = name;
    if (j.is_object())
      if (const auto it = j.find(name); it != j.end()) return *it;
    fail("missing");
    return null_;
  }
  // Element `i` of array `j`; null (and a failure) when absent.
  const json& element(const json& j, size_t i) {
    name_ = nullptr;
    index_ = i;
    if (j.is_array() && i < j.size()) return j[i];
    fail("missing");
    return null_;
  }
  [[nodiscard]] static bool has(const json& j, const char* name) {
    return j.is_object() && j.contains(name);
  }
  // `j` itself when it is an array, else an empty array (and a failure).
  const json& array(const json& j) {
    if (j.is_array()) return j;
    fail("expected an array");
    return empty_array_;
  }
  std::string text(const json& j) {
    if (j.is_string()) return j.get<std::string>();
    fail("expected a string");
    return {};
  }
  double number(const json& j) {
    if (j.is_number()) return j.get<double>();
    fail("expected a number");
    return 0;
  }
  std::optional<double> optional_number(const json& j) {
    if (j.is_null()) return std::nullopt;
    return number(j);
  }
  int64_t integer(const json& j) {
    if (j.is_number_integer()) return j.get<int64_t>();
    fail("expected an integer");
    return 0;
  }
  uint64_t unsigned_integer(const json& j) {
    if (j.is_number_unsigned()) return j.get<uint64_t>();
    fail("expected an unsigned integer");
    return 0;
  }
  bool boolean(const json& j) {
    if (j.is_boolean()) return j.get<bool>();
    fail("expected true or false");
    return false;
  }
  // The optional flag `name` of object `j` (false when absent).
  bool flag(const json& j, const char* name) { return has(j, name) && boolean(at(j, name)); }
  // Enum member `name` of `j`, stored as its number 0..last.
  template <typename E>
  E enumeration(const json& j, const char* name, E last) {
    const int64_t v = integer(at(j, name));
    if (v < 0 || v > static_cast<int64_t>(last)) {
      fail("out of range");
      return E{};
    }
    return static_cast<E>(v);
  }

  [[nodiscard]] bool failed() const { return !error_.empty(); }
  [[nodiscard]] const std::string& error() const { return error_; }

 private:
  void fail(std::string_view what) {
    if (!error_.empty()) return;
    error_ = name_ != nullptr ? std::string("field '") + name_ + "'"
                              : "element " + std::to_string(index_);
    error_ += ": ";
    error_ += what;
  }

  const json null_;
  const json empty_array_ = json::array();
  const char* name_ = "id";  // the field read last, or nullptr after an element (index_)
  size_t index_ = 0;
  std::string error_;
};

Number read_number(Reader& in, const json& j) {
  Number n;
  n.value = in.optional_number(in.at(j, "v"));
  n.kind = in.enumeration(j, "k", FigureKind::kAmount);
  n.n = in.integer(in.at(j, "n"));
  n.suppressed = in.flag(j, "s");
  n.below_five = in.flag(j, "b");
  n.from_small_count = in.flag(j, "f");
  const auto tally = [&](const char* field) {
    const json& t = in.at(j, field);
    return Tally{in.integer(in.element(t, 0)), in.unsigned_integer(in.element(t, 1))};
  };
  if (Reader::has(j, "c")) n.counted = tally("c");
  if (Reader::has(j, "d")) n.base = tally("d");
  if (Reader::has(j, "a")) n.base_amount = in.number(in.at(j, "a"));
  n.difference = in.flag(j, "x");
  return n;
}

std::vector<Breakdown> read_breakdowns(Reader& in, const json& j);

Figure read_figure(Reader& in, const json& j) {
  Figure f;
  if (Reader::has(j, "value")) f.value = read_number(in, in.at(j, "value"));
  if (Reader::has(j, "values"))
    for (const json& part : in.array(in.at(j, "values")))
      f.values.emplace_back(in.text(in.element(part, 0)), read_number(in, in.element(part, 1)));
  if (Reader::has(j, "numerator")) f.numerator = in.optional_number(in.at(j, "numerator"));
  if (Reader::has(j, "denominator")) f.denominator = in.optional_number(in.at(j, "denominator"));
  if (Reader::has(j, "nested")) f.nested = read_breakdowns(in, in.at(j, "nested"));
  if (Reader::has(j, "text")) f.text = in.text(in.at(j, "text"));
  return f;
}

std::vector<Breakdown> read_breakdowns(Reader& in, const json& j) {
  std::vector<Breakdown> out;
  for (const json& b : in.array(j)) {
    Breakdown breakdown;
    breakdown.dimension = in.text(in.at(b, "dimension"));
    for (const json& cell : in.array(in.at(b, "cells")))
      breakdown.cells.emplace_back(in.text(in.element(cell, 0)),
                                   read_figure(in, in.element(cell, 1)));
    out.push_back(std::move(breakdown));
  }
  return out;
}

IndicatorResult read_result(Reader& in, const json& j) {
  IndicatorResult r;
  r.id = in.text(in.at(j, "id"));
  r.title_nl = in.text(in.at(j, "title_nl"));
  r.title_en = in.text(in.at(j, "title_en"));
  r.unit = in.enumeration(j, "unit", Unit::kNumber);
  // Closings written before `better` existed lack it: such a result reads as "neither".
  if (Reader::has(j, "better")) r.better = in.enumeration(j, "better", Better::kLower);
  r.total = read_figure(in, in.at(j, "total"));
  if (Reader::has(j, "norm")) {
    const json& n = in.at(j, "norm");
    r.norm = Norm{in.enumeration(n, "op", Norm::Op::kAtMost), in.number(in.at(n, "target")),
                  in.number(in.at(n, "tolerance"))};
  }
  r.status = in.enumeration(j, "status", NormStatus::kRed);
  for (const json& p : in.array(in.at(j, "series")))
    r.series.push_back({in.text(in.element(p, 0)), read_figure(in, in.element(p, 1))});
  r.series_indicator = in.boolean(in.at(j, "series_indicator"));
  r.additive_series = in.boolean(in.at(j, "additive_series"));
  r.breakdowns = read_breakdowns(in, in.at(j, "breakdowns"));
  for (const json& t : in.array(in.at(j, "texts")))
    r.texts.emplace_back(in.text(in.element(t, 0)), in.text(in.element(t, 1)));
  for (const json& record : in.array(in.at(j, "records"))) r.records.push_back(in.text(record));
  r.keyed = in.flag(j, "keyed");
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
    return Status::error(ErrorKind::kInvalidInput, "bevroren cijfers: verwacht een lijst");
  Reader in;
  std::vector<IndicatorResult> out;
  for (const json& r : json_in) {
    out.push_back(read_result(in, r));
    if (in.failed())
      return Status::error(ErrorKind::kInvalidInput,
                           "bevroren cijfers: onverwachte vorm van resultaat " +
                               std::to_string(out.size()) + ": " + in.error());
  }
  return out;
}

}  // namespace rk::engine
