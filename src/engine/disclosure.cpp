#include "engine/disclosure.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "engine/suppression.hpp"

namespace rk::engine {
namespace {

constexpr int kWidth = 2 * PerturbationTable::kMaxNoise + 1;

// The index of noise d (-kMaxNoise .. kMaxNoise) in a row.
size_t slot(int d) {
  const int i = d + PerturbationTable::kMaxNoise;
  return static_cast<size_t>(i);
}

// The maximum-entropy distribution on the noises lo..hi with mean 0 and variance `v`:
// p(d) = exp(a*d + b*d^2) / Z, (a, b) found by Newton's method on the two moment equations (the
// Jacobian is the covariance matrix of (d, d^2)). False when it does not converge (v out of reach).
bool max_entropy(int lo, int hi, double v, std::array<double, kWidth>& p) {
  double a = 0;
  double b = -0.5;
  for (int iter = 0; iter < 500; ++iter) {
    double z = 0, m1 = 0, m2 = 0, m3 = 0, m4 = 0;
    std::array<double, kWidth> w{};
    for (int d = lo; d <= hi; ++d) {
      const double x = std::exp(a * d + b * d * d);
      w[slot(d)] = x;
      z += x;
    }
    for (int d = lo; d <= hi; ++d) {
      const double q = w[slot(d)] / z;
      m1 += q * d;
      m2 += q * d * d;
      m3 += q * d * d * d;
      m4 += q * d * d * d * d;
    }
    const double e1 = 0 - m1, e2 = v - m2;
    if (std::fabs(e1) < 1e-14 && std::fabs(e2) < 1e-14) {
      for (int d = -PerturbationTable::kMaxNoise; d <= PerturbationTable::kMaxNoise; ++d) {
        const auto i = slot(d);
        p[i] = d >= lo && d <= hi ? w[i] / z : 0.0;
      }
      return true;
    }
    // Covariance matrix of (d, d^2).
    const double j11 = m2 - m1 * m1, j12 = m3 - m1 * m2, j22 = m4 - m2 * m2;
    const double det = j11 * j22 - j12 * j12;
    if (!(std::fabs(det) > 1e-300)) return false;
    double da = (j22 * e1 - j12 * e2) / det;
    double db = (j11 * e2 - j12 * e1) / det;
    const double step = std::max(std::fabs(da), std::fabs(db));
    if (step > 1.0) {  // damped: stay near the region where the moments are well behaved
      da /= step;
      db /= step;
    }
    a += da;
    b += db;
  }
  return false;
}

// Fails closed: a count or percentage that carries no tallies cannot be perturbed, so it is not
// shown (the engine keys every count; tests/engine/keyed_counts_test.cpp checks that).
void hide_unkeyed(Number& x) {
  x.value.reset();
  x.suppressed = true;
  x.below_five = false;
}

// Rebuilds one number from the perturbed counts of its records.
void perturb(const PerturbationTable& table, Number& x) {
  if (!x.value && !x.counted && !x.base) return;
  switch (x.kind) {
    case FigureKind::kCount:
      if (x.counted) {
        x.value = static_cast<double>(table.published(*x.counted));
      } else if (x.value && *x.value != 0) {
        hide_unkeyed(x);  // a count without its records' keys is never published exact
      }
      break;
    case FigureKind::kRatio:
      if (!x.counted || !x.base) {
        if (x.value) hide_unkeyed(x);
      } else {
        const int64_t den = table.published(*x.base);
        int64_t num = table.published(*x.counted);
        // A part of its base stays a part of it: at most 100 %.
        if (x.counted->n <= x.base->n) num = std::min(num, den);
        x.n = den;
        x.value =
            den > 0
                ? std::optional<double>(static_cast<double>(num) / static_cast<double>(den) * 100.0)
                : std::nullopt;
        x.counted->n = num;  // the published parts (for the figure's numerator and denominator)
        x.base->n = den;
      }
      break;
    case FigureKind::kStatistic:
      if (x.base_amount && x.base) {
        const int64_t den = table.published(*x.base);
        x.n = den;
        x.value = den > 0 ? std::optional<double>(*x.base_amount / static_cast<double>(den))
                          : std::nullopt;
      }
      break;
    case FigureKind::kAmount:
      if (x.difference && x.counted && x.base) {
        const int64_t minuend = table.published(*x.counted);
        const int64_t subtrahend = table.published(*x.base);
        x.value = static_cast<double>(minuend - subtrahend);
        // Hidden when either published count is 1-4 (shown "<5"): with the other count the
        // difference would give it away. Judged on the published counts, not the true ones.
        const auto small = [](int64_t c) { return c >= 1 && c <= 4; };
        x.from_small_count = small(minuend) || small(subtrahend);
      }
      break;
  }
}

void perturb(const PerturbationTable& table, Figure& f);

void perturb(const PerturbationTable& table, std::vector<Breakdown>& breakdowns) {
  for (auto& b : breakdowns)
    for (auto& [key, cell] : b.cells) perturb(table, cell);
}

void perturb(const PerturbationTable& table, Figure& f) {
  if (f.value) {
    perturb(table, *f.value);
    if (f.value->kind == FigureKind::kRatio && f.value->counted && f.value->base) {
      if (f.numerator) f.numerator = static_cast<double>(f.value->counted->n);
      if (f.denominator) f.denominator = static_cast<double>(f.value->base->n);
    }
  }
  for (auto& [name, n] : f.values) perturb(table, n);
  perturb(table, f.nested);
}

// Nothing of the records' keys leaves the layer.
void drop_keys(Number& x) {
  x.counted.reset();
  x.base.reset();
  x.base_amount.reset();
}

void drop_keys(Figure& f);
void drop_keys(std::vector<Breakdown>& breakdowns) {
  for (auto& b : breakdowns)
    for (auto& [key, cell] : b.cells) drop_keys(cell);
}
void drop_keys(Figure& f) {
  if (f.value) drop_keys(*f.value);
  for (auto& [name, n] : f.values) drop_keys(n);
  drop_keys(f.nested);
}

}  // namespace

Result<PerturbationTable> PerturbationTable::create(const Params& params) {
  if (params.max_noise < 0 || params.max_noise > kMaxNoise || !(params.variance > 0))
    return Status::error(ErrorKind::kUsage,
                         "verstoringstabel: maximale ruis moet 0, 1 of 2 zijn en variantie > 0");
  PerturbationTable t;
  t.params_ = params;
  const int big = params.max_noise;
  for (int c = 1; c <= big + 1; ++c) {
    Row row{};
    const int lo = std::max(-big, 1 - c);
    if (lo >= 0 || big == 0) {
      row[static_cast<size_t>(kMaxNoise)] = 1.0;  // only 0 keeps a count of 1 positive with mean 0
    } else if (!max_entropy(lo, big, params.variance, row)) {
      return Status::error(ErrorKind::kUsage,
                           "verstoringstabel: variantie " + std::to_string(params.variance) +
                               " is niet haalbaar met ruis tot " + std::to_string(big));
    }
    t.rows_.push_back(row);
  }
  return t;
}

const PerturbationTable& PerturbationTable::standard() {
  static const PerturbationTable table = create(Params{}).value();
  return table;
}

std::shared_ptr<const PerturbationTable> PerturbationTable::of(const Config& config) {
  const Params& p = config.disclosure;
  const Params standard_params;
  if (p.max_noise == standard_params.max_noise && p.variance == standard_params.variance)
    return {std::shared_ptr<const PerturbationTable>(), &standard()};  // not owned
  Result<PerturbationTable> t = create(p);
  if (!t) return {std::shared_ptr<const PerturbationTable>(), &standard()};
  return std::make_shared<const PerturbationTable>(std::move(t).value());
}

int PerturbationTable::noise(int64_t count, uint64_t key) const {
  if (count <= 0) return 0;
  const size_t r =
      static_cast<size_t>(std::min<int64_t>(count, static_cast<int64_t>(rows_.size())));
  const Row& row = rows_[r - 1];
  const double u = std::ldexp(static_cast<double>(key), -64);
  double cumulative = 0;
  int last = 0;
  for (int d = -kMaxNoise; d <= kMaxNoise; ++d) {
    const double p = row[slot(d)];
    if (p <= 0) continue;
    cumulative += p;
    last = d;
    if (u < cumulative) return d;
  }
  return last;
}

std::array<double, 2 * PerturbationTable::kMaxNoise + 1> PerturbationTable::probabilities(
    int64_t count) const {
  Row zero{};
  if (count <= 0) {
    zero[static_cast<size_t>(kMaxNoise)] = 1.0;
    return zero;
  }
  return rows_[static_cast<size_t>(std::min<int64_t>(count, static_cast<int64_t>(rows_.size()))) -
               1];
}

Status disclose(Role role, const PerturbationTable& table, std::vector<IndicatorResult>& results) {
  if (role == Role::kAnalyst) return Status::ok();
  for (const auto& r : results)
    if (!r.keyed)
      return Status::error(ErrorKind::kInvalidInput,
                           "cijfers zonder celsleutels kunnen niet worden getoond voor de rol " +
                               std::string(to_string(role)) + " (" + r.id +
                               "); is de periode afgesloten met een oudere versie, sluit haar dan "
                               "opnieuw af met `regiekamer close --force`");
  for (auto& r : results) {
    perturb(table, r.total);
    for (auto& p : r.series) perturb(table, p.figure);
    perturb(table, r.breakdowns);
    // The status follows the published value.
    if (r.norm && r.total.value) r.status = norm_status(*r.norm, *r.total.value);
  }
  apply_suppression(role, results);
  for (auto& r : results) {
    drop_keys(r.total);
    for (auto& p : r.series) drop_keys(p.figure);
    drop_keys(r.breakdowns);
    r.keyed = false;  // disclosed once: a second pass is refused
  }
  return Status::ok();
}

Status disclose(Role role, const Config& config, std::vector<IndicatorResult>& results) {
  if (role == Role::kAnalyst) return Status::ok();
  return disclose(role, *PerturbationTable::of(config), results);
}

std::string_view disclosure_note(Role role) {
  if (role == Role::kAnalyst) return {};
  return "Cijfers zijn licht verstoord ter bescherming van privacy; totalen kunnen daardoor "
         "afwijken van de som van de delen. Aantallen van 1 tot 4 staan als \"<5\".";
}

}  // namespace rk::engine
