#include "engine/suppression.hpp"

#include <limits>

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

void secondary(std::vector<Breakdown>& breakdowns, bool total_shown) {
  if (!total_shown) return;
  for (auto& b : breakdowns) {
    int suppressed = 0;
    for (const auto& [key, cell] : b.cells) suppressed += cell.is_suppressed();
    if (suppressed != 1) continue;
    Figure* smallest = nullptr;
    for (auto& [key, cell] : b.cells) {
      if (!candidate(cell)) continue;
      if (smallest == nullptr || cell_size(cell) < cell_size(*smallest)) smallest = &cell;
    }
    if (smallest == nullptr) continue;
    smallest->value->value.reset();
    smallest->value->suppressed = true;
    smallest->value->below_five = false;
    for (auto& [name, n] : smallest->values) {
      n.value.reset();
      n.suppressed = true;
    }
    smallest->numerator.reset();
    smallest->denominator.reset();
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
  secondary(r.breakdowns, r.total.value.has_value() && !r.total.is_suppressed());
  if (r.total.value && (r.total.value->suppressed || !r.total.value->value))
    r.status = NormStatus::kNone;
}

void apply_suppression(Role role, std::vector<IndicatorResult>& results) {
  for (auto& r : results) apply_suppression(role, r);
}

}  // namespace rk::engine
