#include <cmath>

#include "engine/disclosure.hpp"
#include "engine/labels.hpp"
#include "engine/render.hpp"

namespace rk::engine {
namespace {

using nlohmann::json;

json number_json(const Number& n) {
  if (n.below_five) return "<5";
  if (!n.value) return nullptr;
  const double v = *n.value;
  if (std::isfinite(v) && v == std::trunc(v) && std::fabs(v) < 9.0e15)
    return static_cast<int64_t>(v);
  return v;
}

bool is_plain(const Figure& f) {
  return f.values.empty() && !f.numerator && !f.denominator && f.nested.empty() && f.value &&
         !f.value->suppressed;
}

void figure_fields(const Figure& f, json& out);
json breakdowns_json(const std::vector<Breakdown>& breakdowns);

// A breakdown cell: a number, a text, a nested table {key: cell} (the nested dimension names are
// implied by the outer dimension name, e.g. "item/year"), or an object with the figure's fields.
json cell_json(const Figure& cell) {
  if (cell.text) return *cell.text;
  if (is_plain(cell)) return number_json(*cell.value);
  if (!cell.nested.empty() && !cell.value && cell.values.empty()) {
    json inner = json::object();
    for (const auto& nd : cell.nested)
      for (const auto& [key, c] : nd.cells) inner[key] = cell_json(c);
    return inner;
  }
  json o = json::object();
  figure_fields(cell, o);
  return o;
}

json breakdowns_json(const std::vector<Breakdown>& breakdowns) {
  json b = json::object();
  for (const auto& d : breakdowns) {
    json cells = json::object();
    for (const auto& [key, cell] : d.cells) cells[key] = cell_json(cell);
    b[d.dimension] = cells;
  }
  return b;
}

void figure_fields(const Figure& f, json& out) {
  bool suppressed = false;
  if (f.value) {
    out["value"] = number_json(*f.value);
    suppressed |= f.value->suppressed;
  }
  if (!f.values.empty()) {
    json v = json::object();
    for (const auto& [name, n] : f.values) {
      v[name] = number_json(n);
      suppressed |= n.suppressed;
    }
    out["values"] = v;
  }
  if (f.numerator) out["numerator"] = number_json(Number::count(*f.numerator));
  if (f.denominator) out["denominator"] = number_json(Number::count(*f.denominator));
  if (suppressed) out["suppressed"] = true;
  if (!f.nested.empty()) out["breakdown"] = breakdowns_json(f.nested);
}

}  // namespace

std::string_view to_string(Role role) {
  switch (role) {
    case Role::kAnalyst:
      return "analyst";
    case Role::kMunicipality:
      return "municipality";
    case Role::kPublic:
      return "public";
  }
  return "analyst";
}

std::optional<Role> parse_role(std::string_view text) {
  if (text == "analyst") return Role::kAnalyst;
  if (text == "municipality") return Role::kMunicipality;
  if (text == "public") return Role::kPublic;
  return std::nullopt;
}

json indicator_json(const IndicatorResult& r) {
  json o = json::object();
  o["title"] = r.title_nl;
  o["unit"] = std::string(to_string(r.unit));
  o["better"] = std::string(to_string(r.better));
  figure_fields(r.total, o);
  if (r.norm) {
    o["norm"] = {{"op", r.norm->op == Norm::Op::kAtLeast ? ">=" : "<="},
                 {"target", number_json(Number::amount(r.norm->target))},
                 {"tolerance", number_json(Number::amount(r.norm->tolerance))}};
    o["status"] = std::string(to_string(r.status));
  }
  if (!r.series.empty() || r.series_indicator) {
    json s = json::array();
    for (const auto& p : r.series) {
      json point = {{"key", p.key}};
      figure_fields(p.figure, point);
      s.push_back(point);
    }
    o["series"] = s;
  }
  if (!r.breakdowns.empty()) o["breakdown"] = breakdowns_json(r.breakdowns);
  for (const auto& [k, v] : r.texts) o[k] = v;
  // A figure suppressed to null has status "none", also without a norm.
  if (!r.norm && r.total.is_suppressed() && !(r.total.value && r.total.value->below_five))
    o["status"] = std::string(to_string(NormStatus::kNone));
  return o;
}

json document_json(const DocumentHeader& h, const std::vector<IndicatorResult>& results,
                   const Vocabulary& vocabulary) {
  const auto opt = [](const std::optional<std::string>& s) -> json {
    return s ? json(*s) : json(nullptr);
  };
  json doc = json::object();
  doc["period"] = {{"from", h.from.to_string()}, {"to", h.to.to_string()}};
  doc["scope"] = {{"municipality", opt(h.scope.municipality)},
                  {"area", opt(h.scope.area)},
                  {"quadrant", opt(h.scope.quadrant)},
                  {"provider", opt(h.scope.provider)},
                  {"role", std::string(to_string(h.role))}};
  json ind = json::object();
  for (const auto& r : results) ind[r.id] = indicator_json(r);
  doc["indicators"] = ind;
  doc["labels"] = labels_json(vocabulary, h.scope, results);
  // Said once per answer: municipality and public figures are perturbed (disclosure.hpp).
  if (const std::string_view note = disclosure_note(h.role); !note.empty())
    doc["privacy"] = std::string(note);
  return doc;
}

}  // namespace rk::engine
