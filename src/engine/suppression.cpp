#include "engine/suppression.hpp"

#include <limits>
#include <string>
#include <string_view>

namespace rk::engine {
namespace {

constexpr int64_t kMinObservations = 10;

void primary(Number& n) {
  if (!n.value) return;
  switch (n.kind) {
    case FigureKind::kCount:
      if (*n.value >= 1 && *n.value <= 4) n.below_five = true;
      break;
    case FigureKind::kRatio:
    case FigureKind::kStatistic:
      if (n.n < kMinObservations) {
        n.value.reset();
        n.suppressed = true;
      }
      break;
    case FigureKind::kAmount:
      if (n.from_small_count) {
        n.value.reset();
        n.suppressed = true;
      }
      break;
  }
}

void secondary(std::vector<Breakdown>& breakdowns, bool total_shown);

void primary(Figure& f) {
  if (f.value) primary(*f.value);
  for (auto& [name, n] : f.values) primary(n);
  if (f.is_suppressed() && f.value && f.value->kind == FigureKind::kRatio) {
    // A suppressed percentage would be recomputable from its parts.
    f.numerator.reset();
    f.denominator.reset();
  }
  for (auto& b : f.nested)
    for (auto& [key, cell] : b.cells) primary(cell);
  secondary(f.nested, f.value.has_value() && !f.is_suppressed());
}

// A cell that can be chosen for secondary suppression: shown, and non-zero (for a ratio or a
// statistic: with observations; a 0 % over 12 requests still gives the total's parts away).
bool candidate(const Figure& f) {
  if (f.is_suppressed() || !f.value || !f.value->value) return false;
  const Number& n = *f.value;
  if (n.kind == FigureKind::kRatio || n.kind == FigureKind::kStatistic) return n.n > 0;
  return *n.value != 0;
}

// The size that decides "smallest": the count itself, or the observations behind a ratio.
double cell_size(const Figure& f) {
  if (!f.value) return std::numeric_limits<double>::infinity();
  const Number& n = *f.value;
  if (n.kind == FigureKind::kCount || n.kind == FigureKind::kAmount) return n.value.value_or(0);
  return static_cast<double>(n.n);
}

// Hides a shown cell as {"value": null, "suppressed": true}, parts included.
void hide(Figure& f) {
  if (f.value) {
    f.value->value.reset();
    f.value->suppressed = true;
    f.value->below_five = false;
  }
  for (auto& [name, n] : f.values) {
    n.value.reset();
    n.suppressed = true;
    n.below_five = false;
  }
  f.numerator.reset();
  f.denominator.reset();
}

// Hides the smallest candidate among `figures`; false when there is none.
bool hide_smallest(const std::vector<Figure*>& figures) {
  Figure* smallest = nullptr;
  for (Figure* f : figures) {
    if (f == nullptr || !candidate(*f)) continue;
    if (smallest == nullptr || cell_size(*f) < cell_size(*smallest)) smallest = f;
  }
  if (smallest == nullptr) return false;
  hide(*smallest);
  return true;
}

// True when a breakdown gained a hidden cell.
// `total`, when given, is hidden when a breakdown has one hidden cell and no other cell to hide
// (all others 0): the total would give that cell away. The spec's rule alone (total == nullptr)
// leaves it; the cross-indicator pass passes it, since it hides cells the spec's rule does not.
bool secondary_changed(std::vector<Breakdown>& breakdowns, bool total_shown,
                       Figure* total = nullptr) {
  if (!total_shown) return false;
  bool changed = false;
  for (auto& b : breakdowns) {
    int suppressed = 0;
    for (const auto& [key, cell] : b.cells) suppressed += cell.is_suppressed();
    if (suppressed != 1) continue;
    std::vector<Figure*> others;
    others.reserve(b.cells.size());
    for (auto& [key, cell] : b.cells) others.push_back(&cell);
    if (hide_smallest(others)) {
      changed = true;
    } else if (total != nullptr && !total->is_suppressed()) {
      hide(*total);
      return true;
    }
  }
  return changed;
}

void secondary(std::vector<Breakdown>& breakdowns, bool total_shown) {
  secondary_changed(breakdowns, total_shown);
}

bool total_shown(const IndicatorResult& r) {
  return r.total.value.has_value() && !r.total.is_suppressed();
}

IndicatorResult* find(std::vector<IndicatorResult>& results, std::string_view id) {
  for (auto& r : results)
    if (r.id == id) return &r;
  return nullptr;
}

Figure* find_cell(IndicatorResult* r, const std::string& dimension, const std::string& key) {
  if (r == nullptr) return nullptr;
  for (auto& b : r->breakdowns) {
    if (b.dimension != dimension) continue;
    for (auto& [k, cell] : b.cells)
      if (k == key) return &cell;
  }
  return nullptr;
}

// Gap 1: clients.total = start + new and end = total - ended hold for the total and for every
// breakdown cell. When exactly one term of an identity is hidden, a second one is hidden too; the
// per-breakdown rule then runs again, until nothing changes.
void client_identities(std::vector<IndicatorResult>& results) {
  IndicatorResult* start = find(results, "clients.start");
  IndicatorResult* fresh = find(results, "clients.new");
  IndicatorResult* total = find(results, "clients.total");
  IndicatorResult* end = find(results, "clients.end");
  IndicatorResult* ended = find(results, "clients.ended");
  const std::vector<std::vector<IndicatorResult*>> identities = {{total, start, fresh},
                                                                 {end, total, ended}};
  bool changed = true;
  while (changed) {
    changed = false;
    for (const auto& identity : identities) {
      // Every cell key of any member: the total, then dimension/key pairs.
      std::vector<std::pair<std::string, std::string>> keys;
      for (IndicatorResult* r : identity) {
        if (r == nullptr) continue;
        for (const auto& b : r->breakdowns)
          for (const auto& [k, cell] : b.cells) keys.emplace_back(b.dimension, k);
      }
      const auto resolve = [&](const std::pair<std::string, std::string>* key) {
        std::vector<Figure*> terms;
        terms.reserve(identity.size());
        for (IndicatorResult* r : identity)
          terms.push_back(r == nullptr     ? nullptr
                          : key == nullptr ? &r->total
                                           : find_cell(r, key->first, key->second));
        return terms;
      };
      const auto close = [&](const std::vector<Figure*>& terms) {
        int hidden = 0;
        for (Figure* f : terms) hidden += f != nullptr && f->is_suppressed();
        if (hidden == 1 && hide_smallest(terms)) changed = true;
      };
      close(resolve(nullptr));
      for (const auto& key : keys) close(resolve(&key));
    }
    for (IndicatorResult* r : {start, fresh, total, end, ended})
      if (r != nullptr && secondary_changed(r->breakdowns, total_shown(*r), &r->total))
        changed = true;
  }
}

// Gap 2: outcome.ended_by_plan repeats the plan cell of outcome.end_reasons as its numerator and
// all ended trajectories as its denominator.
void ended_by_plan(std::vector<IndicatorResult>& results) {
  IndicatorResult* reasons = find(results, "outcome.end_reasons");
  IndicatorResult* share = find(results, "outcome.ended_by_plan");
  if (reasons == nullptr || share == nullptr) return;
  bool any_hidden = false;
  for (const auto& b : reasons->breakdowns)
    for (const auto& [k, cell] : b.cells) any_hidden = any_hidden || cell.is_suppressed();
  if (!any_hidden) return;
  share->total.numerator.reset();
  share->total.denominator.reset();
  const Figure* plan = find_cell(reasons, "end_reason", "plan");
  // The percentage times a shown number of ended trajectories is the plan cell.
  if (plan != nullptr && plan->is_suppressed() && total_shown(*reasons) &&
      !share->total.is_suppressed() && share->total.value && share->total.value->value) {
    hide(share->total);
    share->status = NormStatus::kNone;
  }
}

// Gap 3: the five star buckets add up to the completed responses.
void stars(std::vector<IndicatorResult>& results) {
  IndicatorResult* stars = find(results, "satisfaction.stars");
  IndicatorResult* responses = find(results, "satisfaction.responses");
  if (stars == nullptr || responses == nullptr) return;
  bool completed_shown = false;
  for (const auto& [name, n] : responses->total.values)
    if (name == "completed") completed_shown = n.value && !n.suppressed && !n.below_five;
  if (!completed_shown) return;
  int hidden = 0;
  Number* smallest = nullptr;
  for (auto& [name, n] : stars->total.values) {
    if (n.suppressed || n.below_five) {
      ++hidden;
      continue;
    }
    if (n.value && *n.value != 0 && (smallest == nullptr || *n.value < *smallest->value))
      smallest = &n;
  }
  if (hidden != 1 || smallest == nullptr) return;
  smallest->value.reset();
  smallest->suppressed = true;
}

// Gap 4: the points of an additive series add up to the total.
void additive_series(IndicatorResult& r) {
  if (!r.additive_series || !total_shown(r)) return;
  int hidden = 0;
  std::vector<Figure*> points;
  for (auto& p : r.series) {
    hidden += p.figure.is_suppressed();
    points.push_back(&p.figure);
  }
  if (hidden == 1) hide_smallest(points);
}

// Gap 5: a table of two dimensions with margins (the StatLine tables by referrer and by reason of
// ending): a breakdown whose cells break down further (`nested`) by a dimension that the total
// breaks down by too. Every row (a cell and its parts) and every column (a part of the total and
// the same part of every row) is a total with its parts. When exactly one member of such a line is
// hidden, its total included (a hidden total whose parts are all shown is their sum), the smallest
// other shown non-zero part is hidden too; a hidden part can open another line, so the lines are
// closed again until nothing changes. Only parts are hidden here: the totals of the rows are
// cells of the breakdown, which the rules above decide as they decide any breakdown.
struct Line {
  Figure* total = nullptr;
  std::vector<Figure*> parts;  // null where a row lacks the part
};

Breakdown* nested_by(Figure& f, const std::string& dimension) {
  for (auto& b : f.nested)
    if (b.dimension == dimension) return &b;
  return nullptr;
}

Figure* part_of(Breakdown* b, const std::string& key) {
  if (b == nullptr) return nullptr;
  for (auto& [k, cell] : b->cells)
    if (k == key) return &cell;
  return nullptr;
}

// True when a part was hidden.
bool close_line(const Line& line) {
  if (!line.total->value) return false;  // no published total, nothing to subtract from
  int hidden = line.total->is_suppressed() ? 1 : 0;
  for (const Figure* p : line.parts) hidden += p != nullptr && p->is_suppressed();
  return hidden == 1 && hide_smallest(line.parts);
}

void two_dimensional(IndicatorResult& r) {
  for (auto& across : r.total.nested) {
    for (auto& down : r.breakdowns) {
      std::vector<Line> lines;
      for (auto& [key, cell] : down.cells)
        if (Breakdown* row = nested_by(cell, across.dimension); row != nullptr) {
          Line line{&cell, {}};
          for (auto& [k, part] : row->cells) line.parts.push_back(&part);
          lines.push_back(std::move(line));
        }
      if (lines.empty()) continue;  // not a table of two dimensions
      Line margin{&r.total, {}};
      for (auto& [k, column_total] : across.cells) {
        margin.parts.push_back(&column_total);
        Line column{&column_total, {}};
        for (auto& [key, cell] : down.cells)
          column.parts.push_back(part_of(nested_by(cell, across.dimension), k));
        lines.push_back(std::move(column));
      }
      lines.push_back(std::move(margin));
      bool changed = true;
      while (changed) {
        changed = false;
        for (const Line& line : lines) changed = close_line(line) || changed;
      }
    }
  }
}

}  // namespace

void apply_suppression(Role role, IndicatorResult& r) {
  if (role == Role::kAnalyst) return;
  r.records.clear();
  primary(r.total);
  for (auto& p : r.series) primary(p.figure);
  for (auto& b : r.breakdowns)
    for (auto& [key, cell] : b.cells) primary(cell);
  secondary(r.breakdowns, total_shown(r));
  additive_series(r);
  two_dimensional(r);
  if (r.total.value && (r.total.value->suppressed || !r.total.value->value))
    r.status = NormStatus::kNone;
}

void apply_suppression(Role role, std::vector<IndicatorResult>& results) {
  if (role == Role::kAnalyst) return;
  for (auto& r : results) apply_suppression(role, r);
  client_identities(results);
  ended_by_plan(results);
  stars(results);
}

}  // namespace rk::engine
