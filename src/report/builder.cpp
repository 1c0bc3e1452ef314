#include "report/builder.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace rk::report {

using engine::Figure;
using engine::IndicatorResult;
using engine::Number;
using engine::Unit;

namespace {

const IndicatorResult* find(const std::vector<IndicatorResult>& results, std::string_view id) {
  for (const auto& r : results)
    if (r.id == id) return &r;
  return nullptr;
}

}  // namespace

Cell status_cell(NormStatus status) {
  Cell c{status == NormStatus::kNone ? "–" : std::string(engine::status_nl(status))};
  c.status = status;
  return c;
}

Builder::Builder(const ReportInput& input)
    : in_(input),
      label_(period_label_nl(input.period)),
      previous_label_(period_label_nl(input.previous)) {}

const IndicatorResult* Builder::cur(std::string_view id) {
  const IndicatorResult* r = find(in_.current, id);
  if (r != nullptr) placed_.insert(r->id);
  return r;
}

const IndicatorResult* Builder::prev(std::string_view id) const {
  return find(in_.previous_results, id);
}

std::string Builder::name(std::string_view dimension, std::string_view code) const {
  return in_.vocabulary.code(dimension, code);
}

Cell Builder::number_cell(const std::optional<Number>& n, Unit unit, int decimals) {
  Cell c;
  c.numeric = true;
  if (!n) {
    c.text = "n.b.";
    return c;
  }
  if (n->below_five) {
    c.text = "<5";
    c.suppressed = true;
  } else if (n->suppressed) {
    c.text = "–";
    c.suppressed = true;
  } else if (!n->value) {
    c.text = "n.b.";
  } else {
    c.text = format_value(*n->value, decimals < 0 ? display_decimals(unit) : decimals,
                          unit_word(unit) == "dagen" ? "" : unit_word(unit));
  }
  return c;
}

Cell Builder::figure_cell(const Figure* f, Unit unit, std::string_view part, int decimals) {
  if (f == nullptr) return number_cell(std::nullopt, unit, decimals);
  if (f->text) return Cell{*f->text};
  if (part.empty()) return number_cell(f->value, unit, decimals);
  for (const auto& [name, n] : f->values)
    if (name == part) return number_cell(n, unit, decimals);
  return number_cell(std::nullopt, unit, decimals);
}

const Figure* Builder::cell_of(const IndicatorResult* r, std::string_view dim,
                               std::string_view key) {
  if (r == nullptr) return nullptr;
  for (const auto& b : r->breakdowns)
    if (b.dimension == dim)
      for (const auto& [k, f] : b.cells)
        if (k == key) return &f;
  return nullptr;
}

Table Builder::compare_table(std::string id, std::string caption, std::string first_column) const {
  Table t;
  t.id = std::move(id);
  t.caption = std::move(caption);
  t.header = {std::move(first_column), label_, previous_label_};
  return t;
}

void Builder::total_row(Table& t, std::string_view id, std::string label, std::string_view part) {
  const IndicatorResult* c = cur(id);
  if (c == nullptr) return;
  const IndicatorResult* p = prev(id);
  if (label.empty()) label = c->title_nl;
  t.rows.push_back({Cell{std::move(label)}, figure_cell(&c->total, c->unit, part),
                    figure_cell(p != nullptr ? &p->total : nullptr, c->unit, part)});
}

Table Builder::breakdown_table(std::string_view id, std::string_view dim, std::string caption,
                               std::string first_column, bool with_total) {
  Table t = compare_table(std::string(id) + "." + std::string(dim), std::move(caption),
                          std::move(first_column));
  const IndicatorResult* c = cur(id);
  if (c == nullptr) return t;
  const IndicatorResult* p = prev(id);
  std::vector<std::string> keys;
  for (const auto* r : {c, p}) {
    if (r == nullptr) continue;
    for (const auto& b : r->breakdowns)
      if (b.dimension == dim)
        for (const auto& cell : b.cells)
          if (std::find(keys.begin(), keys.end(), cell.first) == keys.end())
            keys.push_back(cell.first);
  }
  std::sort(keys.begin(), keys.end(), [&](const std::string& x, const std::string& y) {
    return name(dim, x) < name(dim, y);
  });
  // A breakdown leaves out keys without records: for a count that is 0, otherwise no figure.
  auto cell_text = [&](const IndicatorResult* r, const std::string& k) {
    const Figure* f = cell_of(r, dim, k);
    if (f == nullptr && r != nullptr && r->unit == Unit::kCount)
      return number_cell(Number::count(0), r->unit);
    return figure_cell(f, c->unit);
  };
  for (const auto& k : keys)
    t.rows.push_back({Cell{name(dim, k)}, cell_text(c, k), cell_text(p, k)});
  if (with_total && c->total.value) {
    t.rows.push_back({Cell{"Totaal"}, figure_cell(&c->total, c->unit),
                      figure_cell(p != nullptr ? &p->total : nullptr, c->unit)});
    for (auto& cell : t.rows.back()) cell.emphasis = true;
  }
  return t;
}

Chart Builder::series_chart(std::string_view id, ChartKind kind, std::string title,
                            std::string_view part) {
  Chart chart;
  // Bars of the two periods never share a category: stacked, each bar is one period's.
  chart.kind = kind == ChartKind::kBar ? ChartKind::kStackedBar : kind;
  chart.title = std::move(title);
  const IndicatorResult* c = cur(id);
  if (c == nullptr) return chart;
  chart.unit = unit_word(c->unit);
  if (c->unit == Unit::kCount) chart.unit = "";
  chart.decimals = display_decimals(c->unit);
  const IndicatorResult* p = prev(id);
  Series previous{previous_label_, {}, {}, kPreviousColor};
  Series current{label_, {}, {}, kCurrentColor};
  auto add = [&](const IndicatorResult* r, bool is_current) {
    if (r == nullptr) return;
    for (const auto& point : r->series) {
      if (std::find(chart.categories.begin(), chart.categories.end(), point.key) !=
          chart.categories.end())
        continue;
      chart.categories.push_back(point.key);
      chart.category_labels.push_back(name("series", point.key));
      const Cell cell = figure_cell(&point.figure, r->unit, part);
      std::optional<double> v;
      const std::optional<Number>& n = point.figure.value;
      if (part.empty() && n && n->value && !cell.suppressed) v = n->value;
      if (!part.empty())
        for (const auto& [nm, num] : point.figure.values)
          if (nm == part && num.value && !cell.suppressed) v = num.value;
      (is_current ? current : previous).values.push_back(v);
      (is_current ? current : previous).gap_labels.push_back(cell.suppressed ? cell.text : "");
      (is_current ? previous : current).values.emplace_back();
      (is_current ? previous : current).gap_labels.emplace_back();
    }
  };
  add(p, false);
  add(c, true);
  if (p != nullptr && !p->series.empty()) chart.series.push_back(std::move(previous));
  chart.series.push_back(std::move(current));
  return chart;
}

Block paragraph(std::string text) {
  Block b;
  b.kind = Block::Kind::kParagraph;
  b.text = std::move(text);
  return b;
}

Block table_block(Table t) {
  Block b;
  b.kind = Block::Kind::kTable;
  b.table = std::move(t);
  return b;
}

Block chart_block(Chart c) {
  Block b;
  b.kind = Block::Kind::kChart;
  b.charts.push_back(std::move(c));
  return b;
}

Block tiles_block(std::vector<Chart> tiles) {
  Block b;
  b.kind = Block::Kind::kTiles;
  b.charts = std::move(tiles);
  return b;
}

Block list_block(std::vector<std::string> items) {
  Block b;
  b.kind = Block::Kind::kList;
  b.items = std::move(items);
  return b;
}

}  // namespace rk::report
