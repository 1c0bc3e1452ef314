#include "server/charts.hpp"

#include <algorithm>
#include <charconv>
#include <map>

#include <fmt/format.h>

namespace rk::server {
namespace {

using nlohmann::json;

Status bad(std::string message) {
  return Status::error(ErrorKind::kInvalidInput, std::move(message));
}

std::string unit_word(const std::string& unit) {
  static const std::map<std::string, std::string> kWords = {
      {"percent", "%"}, {"euro", "€"}, {"days", "dagen"}, {"fte", "fte"}};
  auto it = kWords.find(unit);
  return it == kWords.end() ? "" : it->second;
}

std::string dutch(const std::map<std::string, std::string>& words, const std::string& key) {
  auto it = words.find(key);
  return it == words.end() ? key : it->second;
}

std::string part_word(const std::string& part) {
  static const std::map<std::string, std::string> kParts = {{"median", "mediaan"},
                                                            {"p90", "90e percentiel"},
                                                            {"yes", "ja"},
                                                            {"partly", "deels"},
                                                            {"no", "nee"},
                                                            {"opened", "geopend"},
                                                            {"completed", "ingevuld"},
                                                            {"care", "zorg"},
                                                            {"total", "totaal"},
                                                            {"costs", "kosten"},
                                                            {"income", "inkomsten"},
                                                            {"result", "resultaat"}};
  return dutch(kParts, part);
}

std::string dimension_word(const std::string& dimension) {
  static const std::map<std::string, std::string> kDimensions = {
      {"municipality", "gemeente"},
      {"area", "gebied"},
      {"quadrant", "kwadrant"},
      {"provider", "aanbieder"},
      {"referrer", "verwijzer"},
      {"kind", "soort"},
      {"end_reason", "reden einde"},
      {"category", "categorie"},
      {"case_type", "soort dossier"},
      {"director", "regie"},
      {"gp_practice", "huisartsenpraktijk"}};
  return dutch(kDimensions, dimension);
}

// One value of a cell or series point: a number, a gap with its label, or named parts.
struct Cell {
  std::optional<double> value;
  std::string gap;                                                   // "<5" or "–" for a gap
  std::vector<std::pair<std::string, std::optional<double>>> parts;  // `values`
  const json* nested = nullptr;  // a table of a further dimension
};

std::optional<double> number_of(const json& v) {
  if (v.is_number()) return v.get<double>();
  return std::nullopt;
}

Cell read_cell(const json& cell) {
  Cell c;
  if (cell.is_number()) {
    c.value = cell.get<double>();
  } else if (cell.is_string()) {
    c.gap = cell.get<std::string>() == "<5" ? "<5" : "–";
  } else if (cell.is_object()) {
    if (cell.value("suppressed", false)) {
      c.gap = "–";
    } else if (cell.contains("value")) {
      const json& v = cell["value"];
      c.value = number_of(v);
      if (!c.value) c.gap = v.is_string() ? v.get<std::string>() : "–";
    } else if (cell.contains("values") && cell["values"].is_object()) {
      for (const auto& [part, v] : cell["values"].items()) c.parts.emplace_back(part, number_of(v));
    } else {
      c.nested = &cell;
    }
  } else {
    c.gap = "–";
  }
  return c;
}

// Adds the value of `cell` at category index i to the chart's series (made on first use, by
// part name; "" for a plain value).
void put(report::Chart& chart, size_t i, const std::string& series_name, std::optional<double> v,
         const std::string& gap) {
  auto it = std::find_if(chart.series.begin(), chart.series.end(),
                         [&](const report::Series& s) { return s.name == series_name; });
  if (it == chart.series.end()) {
    report::Series added;
    added.name = series_name;
    chart.series.push_back(std::move(added));
    it = chart.series.end() - 1;
  }
  it->values.resize(chart.categories.size());
  it->gap_labels.resize(chart.categories.size());
  it->values[i] = v;
  it->gap_labels[i] = gap;
}

// Adds one category and its value(s); returns whether the cell was a nested table.
bool add_category(report::Chart& chart, const std::string& key, const json& raw) {
  const size_t i = chart.categories.size();
  chart.categories.push_back(key);
  const Cell cell = read_cell(raw);
  if (!cell.parts.empty()) {
    for (const auto& [part, v] : cell.parts) put(chart, i, part_word(part), v, v ? "" : "–");
  } else if (cell.nested != nullptr) {
    for (const auto& [inner, v] : cell.nested->items()) {
      const Cell c = read_cell(v);
      put(chart, i, inner, c.value, c.gap);
    }
    return true;
  } else {
    put(chart, i, "", cell.value, cell.gap);
  }
  return false;
}

bool has_fraction(const report::Chart& chart) {
  for (const auto& s : chart.series)
    for (const auto& v : s.values)
      if (v && *v != static_cast<double>(static_cast<int64_t>(*v))) return true;
  return false;
}

}  // namespace

Result<ChartOptions> parse_chart_options(std::string_view kind, std::string_view dimension,
                                         std::string_view width, std::string_view height) {
  ChartOptions o;
  if (!kind.empty() && kind != "line" && kind != "bar" && kind != "stacked")
    return bad(fmt::format("onbekende kind '{}': line, bar of stacked", kind));
  o.kind = std::string(kind);
  o.dimension = std::string(dimension);
  auto size = [](std::string_view text, const char* name, double& out) -> Status {
    if (text.empty()) return Status::ok();
    int v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || v < 160 || v > 2000)
      return bad(fmt::format("ongeldige {} '{}': een getal van 160 tot 2000", name, text));
    out = v;
    return Status::ok();
  };
  if (Status s = size(width, "width", o.width); !s) return s;
  if (Status s = size(height, "height", o.height); !s) return s;
  return o;
}

Result<report::Chart> indicator_chart(const json& indicator, const ChartOptions& options) {
  if (!indicator.is_object()) return bad("geen indicator");
  report::Chart chart;
  chart.title = indicator.value("title", std::string());
  const std::string unit = indicator.value("unit", std::string("count"));
  chart.unit = unit_word(unit);
  bool nested = false;
  const json* series = indicator.contains("series") ? &indicator["series"] : nullptr;
  const bool use_series =
      series != nullptr && series->is_array() && !series->empty() && options.dimension.empty();
  if (use_series) {
    for (const auto& point : *series) {
      if (!point.is_object() || !point.contains("key")) continue;
      const json& key = point["key"];
      const json raw = point.contains("values") ? json{{"values", point["values"]}}
                                                : point.value("value", json());
      nested |= add_category(chart, key.is_string() ? key.get<std::string>() : key.dump(), raw);
    }
  } else {
    const json* breakdown = indicator.contains("breakdown") ? &indicator["breakdown"] : nullptr;
    if (breakdown == nullptr || !breakdown->is_object() || breakdown->empty())
      return Status::error(ErrorKind::kNotFound, "deze indicator heeft geen reeks of uitsplitsing");
    std::string dimension = options.dimension;
    if (dimension.empty()) dimension = breakdown->begin().key();
    if (!breakdown->contains(dimension))
      return Status::error(ErrorKind::kNotFound,
                           fmt::format("deze indicator heeft geen uitsplitsing '{}'", dimension));
    for (const auto& [key, cell] : (*breakdown)[dimension].items())
      nested |= add_category(chart, key, cell);
    chart.title = chart.title.empty() ? "Per " + dimension_word(dimension)
                                      : chart.title + " per " + dimension_word(dimension);
  }
  if (chart.categories.empty())
    return Status::error(ErrorKind::kNotFound, "geen gegevens voor een grafiek");
  // Series of a nested table (years, teams) in key order, whatever category named them first.
  if (nested)
    std::sort(chart.series.begin(), chart.series.end(),
              [](const report::Series& a, const report::Series& b) { return a.name < b.name; });
  for (auto& s : chart.series) {  // every series covers every category
    s.values.resize(chart.categories.size());
    s.gap_labels.resize(chart.categories.size());
  }
  if (options.kind == "line") {
    chart.kind = report::ChartKind::kLine;
  } else if (options.kind == "stacked") {
    chart.kind = report::ChartKind::kStackedBar;
  } else if (options.kind == "bar") {
    chart.kind = report::ChartKind::kBar;
  } else {
    chart.kind = use_series && chart.categories.size() > 16 ? report::ChartKind::kLine
                                                            : report::ChartKind::kBar;
  }
  if (has_fraction(chart)) chart.decimals = unit == "euro" ? 0 : 1;
  if (indicator.contains("norm") && indicator["norm"].is_object() && chart.series.size() == 1) {
    const json& norm = indicator["norm"];
    if (auto target = number_of(norm.value("target", json()))) {
      chart.norm = *target;
      const std::string op = norm.value("op", std::string(">="));
      chart.norm_label = fmt::format("norm {} {}", op == "<=" ? "≤" : "≥",
                                     report::format_value(*target, 0, chart.unit));
    }
  }
  return chart;
}

std::string chart_svg(const report::Chart& chart, const ChartOptions& options) {
  return report::to_svg(chart, options.width, options.height);
}

}  // namespace rk::server
