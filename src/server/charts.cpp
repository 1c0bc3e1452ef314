#include "server/charts.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <memory>

#include <fmt/format.h>

namespace rk::server {
namespace {

Status bad(std::string message) {
  return Status::error(ErrorKind::kInvalidInput, std::move(message));
}

// One value of a cell or series point, as the chart reads it: a number, a gap with its label,
// named parts, or a table of a further dimension. It is what the JSON document
// (engine/render_json.cpp) writes for the figure, read back: JSON objects list their members in
// key order and keep the last of equal keys, and so do the maps below.
struct Inner {
  std::string key;
  std::string label;  // the key's Dutch name: the series it goes to
  std::optional<double> value;
  std::string gap;
};
struct Cell {
  std::optional<double> value;
  std::string gap;                                                   // "<5" or "–" for a gap
  std::vector<std::pair<std::string, std::optional<double>>> parts;  // `values`, by name
  bool nested = false;
  std::vector<Inner> inner;  // the further dimension's cells, by key
};

// A number as written: "<5", null or the number.
Cell number_cell(const engine::Number& n) {
  Cell c;
  if (n.below_five) {
    c.gap = "<5";
  } else if (n.value) {
    c.value = *n.value;
  } else {
    c.gap = "–";
  }
  return c;
}

std::optional<double> number_of(const engine::Number& n) {
  if (n.below_five) return std::nullopt;
  return n.value;
}

Cell parts_cell(const engine::Figure& f) {
  std::map<std::string, std::optional<double>> parts;
  for (const auto& [part, n] : f.values) parts[part] = number_of(n);
  Cell c;
  c.parts.assign(parts.begin(), parts.end());
  return c;
}

// A table of a further dimension: per key its Dutch name and its cell.
using Labelled = std::map<std::string, std::pair<std::string, Cell>>;

Cell nested_cell(const Labelled& cells) {
  Cell c;
  c.nested = true;
  for (const auto& [key, inner] : cells)
    c.inner.push_back(Inner{key, inner.first, inner.second.value, inner.second.gap});
  return c;
}

// A figure written with its fields (value, values, numerator, denominator, suppressed, breakdown).
Cell fields_cell(const engine::Figure& f) {
  bool suppressed = f.value && f.value->suppressed;
  for (const auto& part : f.values) suppressed |= part.second.suppressed;
  if (suppressed) {
    Cell c;
    c.gap = "–";
    return c;
  }
  if (f.value) return number_cell(*f.value);
  if (!f.values.empty()) return parts_cell(f);
  // None of those: the remaining fields are read as a table.
  Labelled fields;
  if (!f.nested.empty()) fields["breakdown"] = {"uitsplitsing", nested_cell({})};
  if (f.denominator)
    fields["denominator"] = {"noemer", number_cell(engine::Number::count(*f.denominator))};
  if (f.numerator)
    fields["numerator"] = {"teller", number_cell(engine::Number::count(*f.numerator))};
  return nested_cell(fields);
}

// A breakdown cell: a text, a plain number, a table of the nested dimensions, or the fields.
Cell breakdown_cell(const engine::Figure& f, const engine::Vocabulary& vocabulary) {
  if (f.text) {
    Cell c;
    c.gap = *f.text == "<5" ? "<5" : "–";
    return c;
  }
  const bool plain = f.values.empty() && !f.numerator && !f.denominator && f.nested.empty() &&
                     f.value && !f.value->suppressed;
  if (plain) return number_cell(*f.value);
  if (!f.nested.empty() && !f.value && f.values.empty()) {
    Labelled cells;
    for (const auto& dimension : f.nested)
      for (const auto& [key, inner] : dimension.cells)
        cells[key] = {vocabulary.code(dimension.dimension, key), breakdown_cell(inner, vocabulary)};
    return nested_cell(cells);
  }
  return fields_cell(f);
}

// A series point: its named parts, else its value.
Cell series_cell(const engine::Figure& f) {
  if (!f.values.empty()) return parts_cell(f);
  if (f.value) return number_cell(*f.value);
  Cell c;
  c.gap = "–";
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

// Adds one category (its key and Dutch name) and its value(s); returns whether the cell was a
// nested table.
bool add_category(report::Chart& chart, const std::string& key, std::string label,
                  const Cell& cell) {
  const size_t i = chart.categories.size();
  chart.categories.push_back(key);
  chart.category_labels.push_back(std::move(label));
  if (!cell.parts.empty()) {
    for (const auto& [part, v] : cell.parts) put(chart, i, engine::part_nl(part), v, v ? "" : "–");
  } else if (cell.nested) {
    for (const Inner& inner : cell.inner) put(chart, i, inner.label, inner.value, inner.gap);
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

// The categories of the breakdown `options.dimension` (empty: the first by name); returns
// whether a cell was a nested table.
Result<bool> add_breakdown(report::Chart& chart, const engine::IndicatorResult& indicator,
                           const ChartOptions& options, const engine::Vocabulary& vocabulary) {
  std::map<std::string, const engine::Breakdown*> dimensions;
  for (const auto& b : indicator.breakdowns) dimensions[b.dimension] = &b;
  if (dimensions.empty())
    return Status::error(ErrorKind::kNotFound, "deze indicator heeft geen reeks of uitsplitsing");
  const std::string dimension =
      options.dimension.empty() ? dimensions.begin()->first : options.dimension;
  auto found = dimensions.find(dimension);
  if (found == dimensions.end())
    return Status::error(ErrorKind::kNotFound,
                         fmt::format("deze indicator heeft geen uitsplitsing '{}'", dimension));
  std::map<std::string, const engine::Figure*> cells;
  for (const auto& [key, cell] : found->second->cells) cells[key] = &cell;
  bool nested = false;
  // A table named with all its dimensions ("item/year"): its keys are of the first.
  const std::string key_dimension = dimension.substr(0, dimension.find('/'));
  for (const auto& [key, cell] : cells)
    nested |= add_category(chart, key, vocabulary.code(key_dimension, key),
                           breakdown_cell(*cell, vocabulary));
  const std::string words = engine::dimension_nl(dimension);
  chart.title = chart.title.empty() ? "Per " + words : chart.title + " per " + words;
  return nested;
}

// The key of the same bucket one year earlier: "2020-03" -> "2019-03", "2020Q1" -> "2019Q1",
// "2020-W05" -> "2019-W05", "2020-03-31" -> "2019-03-31"; empty for a key without a year.
std::string year_before(const std::string& key) {
  int year = 0;
  if (key.size() < 4) return "";
  const auto [end, ec] = std::from_chars(key.data(), key.data() + 4, year);
  if (ec != std::errc() || end != key.data() + 4) return "";
  return fmt::format("{:04d}{}", year - 1, key.substr(4));
}

// Adds the series "een jaar eerder" to a one-series chart and drops the leading categories
// whose only use is being that year before of a later one.
void add_previous_year(report::Chart& chart) {
  if (chart.series.size() != 1) return;
  const report::Series& now = chart.series.front();
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < chart.categories.size(); ++i) index[chart.categories[i]] = i;
  size_t first = chart.categories.size();
  for (size_t i = 0; i < chart.categories.size() && first == chart.categories.size(); ++i)
    if (index.count(year_before(chart.categories[i])) != 0) first = i;
  if (first == chart.categories.size()) return;
  report::Series before;
  before.name = "een jaar eerder";
  report::Series shown;
  shown.name = "gemeten";
  std::vector<std::string> categories;
  std::vector<std::string> labels;
  const bool labelled = chart.category_labels.size() == chart.categories.size();
  for (size_t i = first; i < chart.categories.size(); ++i) {
    categories.push_back(chart.categories[i]);
    if (labelled) labels.push_back(chart.category_labels[i]);
    shown.values.push_back(now.values[i]);
    shown.gap_labels.push_back(now.gap_labels[i]);
    auto earlier = index.find(year_before(chart.categories[i]));
    before.values.push_back(earlier == index.end() ? std::nullopt : now.values[earlier->second]);
    before.gap_labels.push_back(earlier == index.end() ? "" : now.gap_labels[earlier->second]);
  }
  before.color = report::Color{0x9a, 0xa4, 0xaf};
  chart.categories = std::move(categories);
  if (labelled) chart.category_labels = std::move(labels);
  chart.series = {std::move(shown), std::move(before)};
}

// The first and last category whose period overlaps `period`; keys that are no period (or a
// single date) are read as such.
std::optional<std::pair<size_t, size_t>> categories_in(const std::vector<std::string>& keys,
                                                       const Period& period) {
  std::optional<std::pair<size_t, size_t>> range;
  for (size_t i = 0; i < keys.size(); ++i) {
    std::optional<Period> p = parse_period(keys[i]);
    if (!p)
      if (std::optional<Date> d = parse_date(keys[i])) p = Period{*d, *d};
    if (!p || p->to < period.from || period.to < p->from) continue;
    if (!range) range = std::make_pair(i, i);
    range->second = i;
  }
  return range;
}

// Breakdown categories by their (first series') value, largest first; gaps last.
void sort_by_value(report::Chart& chart) {
  if (chart.series.empty()) return;
  std::vector<size_t> order(chart.categories.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  const auto& first = chart.series.front().values;
  std::stable_sort(order.begin(), order.end(), [&first](size_t a, size_t b) {
    if (!first[b]) return first[a].has_value();
    return first[a] && *first[a] > *first[b];
  });
  auto reorder = [&order](auto& v) {
    auto copy = v;
    for (size_t i = 0; i < order.size(); ++i) v[i] = copy[order[i]];
  };
  reorder(chart.categories);
  if (chart.category_labels.size() == order.size()) reorder(chart.category_labels);
  for (auto& s : chart.series) {
    reorder(s.values);
    reorder(s.gap_labels);
  }
}

report::ChartKind chart_kind(const ChartOptions& options, bool series, size_t categories) {
  if (options.kind == "line") return report::ChartKind::kLine;
  if (options.kind == "stacked") return report::ChartKind::kStackedBar;
  if (options.kind == "bar") return report::ChartKind::kBar;
  return series && categories > 16 ? report::ChartKind::kLine : report::ChartKind::kBar;
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

Status parse_history_options(std::string_view highlight, std::string_view previous,
                             std::string_view sort, ChartOptions& options) {
  if (!highlight.empty()) {
    options.highlight = parse_period(highlight);
    if (!options.highlight)
      return bad(
          fmt::format("ongeldige highlight '{}': een periode zoals 2020Q3 of VAN..TOT", highlight));
  }
  if (!previous.empty() && previous != "year")
    return bad(fmt::format("ongeldige previous '{}': alleen year", previous));
  options.previous_year = previous == "year";
  if (!sort.empty() && sort != "desc")
    return bad(fmt::format("ongeldige sort '{}': alleen desc", sort));
  options.sorted = sort == "desc";
  return Status::ok();
}

std::string chart_options_key(const ChartOptions& options) {
  return fmt::format("{}|{}|{}|{}|{}|{}|{}", options.kind, options.dimension, options.width,
                     options.height, options.highlight ? period_key(*options.highlight) : "",
                     options.previous_year ? "year" : "", options.sorted ? "desc" : "");
}

Result<report::Chart> indicator_chart(const engine::IndicatorResult& indicator,
                                      const ChartOptions& options,
                                      const engine::Vocabulary& vocabulary) {
  report::Chart chart;
  chart.title = indicator.title_nl;
  chart.unit = std::string(engine::unit_symbol(indicator.unit));
  bool nested = false;
  const bool use_series = !indicator.series.empty() && options.dimension.empty();
  if (use_series) {
    for (const auto& point : indicator.series)
      nested |= add_category(chart, point.key, vocabulary.code("series", point.key),
                             series_cell(point.figure));
  } else {
    Result<bool> added = add_breakdown(chart, indicator, options, vocabulary);
    if (!added) return added.status();
    nested = *added;
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
  if (use_series && options.previous_year) add_previous_year(chart);
  if (use_series && options.highlight) {
    chart.highlight = categories_in(chart.categories, *options.highlight);
    chart.highlight_label = "gekozen periode";
  }
  if (!use_series && options.sorted) sort_by_value(chart);
  chart.kind = chart_kind(options, use_series, chart.categories.size());
  if (has_fraction(chart)) chart.decimals = indicator.unit == engine::Unit::kEuro ? 0 : 1;
  if (indicator.norm && (chart.series.size() == 1 || options.previous_year)) {
    const double target = indicator.norm->target;
    chart.norm = target;
    chart.norm_label =
        fmt::format("norm {} {}", indicator.norm->op == engine::Norm::Op::kAtMost ? "≤" : "≥",
                    report::format_value(target, 0, chart.unit));
  }
  return chart;
}

std::string chart_svg(const report::Chart& chart, const ChartOptions& options) {
  return report::to_svg(chart, options.width, options.height);
}

Result<std::string> chart_png(const report::Chart& chart, const ChartOptions& options) {
  const int width = static_cast<int>(std::lround(options.width));
  const int height = static_cast<int>(std::lround(options.height));
  const std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
      cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height), cairo_surface_destroy);
  {
    const std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr(cairo_create(surface.get()),
                                                                cairo_destroy);
    cairo_set_source_rgb(cr.get(), 1, 1, 1);
    cairo_paint(cr.get());
    report::draw(cr.get(), chart, 0, 0, options.width, options.height);
    if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS)
      return Status::error(ErrorKind::kInternal, "grafiek niet getekend");
  }
  std::string png;
  const auto append = [](void* out, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(out)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
  };
  if (cairo_surface_write_to_png_stream(surface.get(), append, &png) != CAIRO_STATUS_SUCCESS)
    return Status::error(ErrorKind::kInternal, "PNG niet geschreven");
  return png;
}

}  // namespace rk::server
