#include "demo/ledger.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>

#include "model/contract.hpp"

namespace rk::demo {
namespace {

// The cost categories, in the order of model::kCostCategories.
enum Category { kK1, kK2, kK3, kPgb, kInitiatives, kOverhead, kOrganisation, kCategoryCount };
static_assert(model::kCostCategories.size() == kCategoryCount &&
              model::kCostCategories[kOrganisation] == "organisation");

// Lump sum per client of the dataset, in euros per year.
constexpr int64_t kLumpSumPerClient = 7750;
// Share of K2 costs booked centrally (expertise shared between teams), per mille.
constexpr int64_t kSharedK2 = 100;

// Costs per category as per mille of the lump sum. 2019 and 2020 follow the seed report (K2 share
// of K2 + K3 from about 20 % to 43 %; total care EUR 28.9 M on a lump sum of about EUR 31.5 M).
std::array<int64_t, kCategoryCount> plan_per_mille(int year) {
  if (year <= 2018) return {55, 150, 800, 30, 20, 52, 43};
  switch (year) {
    case 2019:
      return {55, 180, 730, 30, 25, 52, 43};
    case 2020:
      return {60, 370, 490, 30, 25, 52, 43};
    case 2021:
      return {65, 400, 450, 30, 25, 52, 43};
    case 2022:
      return {65, 420, 440, 30, 25, 52, 43};
    case 2023:
      return {68, 440, 430, 30, 25, 52, 43};
    default:
      return {70, 460, 420, 30, 25, 52, 43};
  }
}

int64_t cents(double v) { return static_cast<int64_t>(std::llround(v)); }

class CostWriter {
 public:
  CostWriter(const World& world, const DatasetParams& p, const CareTally& tally, CsvFile& f)
      : world_(world), p_(p), tally_(tally), f_(f), rng_(p.seed, Stream::kLedger, 0) {}

  void run() {
    const Months& months = tally_.months();
    int begin = 0;
    while (begin < months.count()) {
      int end = begin;
      while (end < months.count() && months.year(end) == months.year(begin)) ++end;
      year(begin, end);
      begin = end;
    }
  }

 private:
  // Months [begin, end) of one calendar year.
  void year(int begin, int end) {
    const Months& months = tally_.months();
    const int y = months.year(begin);
    const auto plan = plan_per_mille(y);
    const double months_in_year = end - begin;
    std::array<double, kCategoryCount> shared{};
    const size_t municipalities = world_.municipalities.size();
    std::vector<std::array<double, kCategoryCount>> target(municipalities);
    std::vector<std::array<double, 3>> days(municipalities);  // K1, K2, K3 weight of the year
    for (size_t m = 0; m < municipalities; ++m) {
      const double lump = static_cast<double>(lump_sum_cents(world_, p_, static_cast<int>(m), y)) *
                          months_in_year / 12.0;
      for (int c = 0; c < kCategoryCount; ++c)
        target[m][static_cast<size_t>(c)] = lump * static_cast<double>(plan[c]) / 1000.0;
      shared[kK2] += target[m][kK2] * kSharedK2 / 1000.0;
      for (int c : {kInitiatives, kOverhead, kOrganisation}) shared[c] += target[m][c];
      for (int i = begin; i < end; ++i) {
        days[m][0] += static_cast<double>(tally_.days(1, i, static_cast<int>(m)));
        days[m][1] += static_cast<double>(tally_.days(2, i, static_cast<int>(m)));
        days[m][2] += k3_weight(i, m);
      }
    }
    for (int i = begin; i < end; ++i) {
      for (size_t m = 0; m < municipalities; ++m) month(i, m, target[m], days[m], end - begin);
      const int32_t day = months.start(i);
      const double k2_share = shared[kK2] / months_in_year;
      row(day, nullptr, kK2, nullptr, cents(k2_share * noise(950, 1050)));
      for (int c : {kInitiatives, kOverhead, kOrganisation}) {
        double amount = shared[c] / months_in_year * noise(900, 1100);
        // The second December brings a one-off automation charge (seed §7: EUR 212k).
        if (c == kOrganisation && i == end - 1 && y == months.year(0) + 1)
          amount += shared[c] * 0.08;
        row(day, nullptr, c, nullptr, cents(amount));
      }
    }
  }

  double k3_weight(int month, size_t m) const {
    const Municipality& mu = world_.municipalities[m];
    double w = 0;
    for (size_t s = 0; s < mu.k3_providers.size(); ++s) w += slot_weight(month, m, s);
    return w;
  }

  double slot_weight(int month, size_t m, size_t slot) const {
    const Municipality& mu = world_.municipalities[m];
    const Provider& pr = world_.providers[static_cast<size_t>(mu.k3_providers[slot])];
    return static_cast<double>(tally_.k3(month, static_cast<int>(m), slot)) * pr.rate_percent;
  }

  void month(int i, size_t m, const std::array<double, kCategoryCount>& target,
             const std::array<double, 3>& days, int months_in_year) {
    const Municipality& mu = world_.municipalities[m];
    const int32_t day = tally_.months().start(i);
    const auto spread = [&](double total, double part, double whole) {
      return whole > 0 ? total * part / whole : total / months_in_year;
    };
    row(day, &mu, kK1, nullptr,
        cents(spread(target[kK1], static_cast<double>(tally_.days(1, i, static_cast<int>(m))),
                     days[0])));
    row(day, &mu, kK2, nullptr,
        cents(spread(target[kK2] * (1000 - kSharedK2) / 1000.0,
                     static_cast<double>(tally_.days(2, i, static_cast<int>(m))), days[1])));
    for (size_t s = 0; s < mu.k3_providers.size(); ++s) {
      const double w = slot_weight(i, m, s);
      if (w <= 0) continue;
      const Provider& pr = world_.providers[static_cast<size_t>(mu.k3_providers[s])];
      const int64_t amount = cents(target[kK3] * w / days[2]);
      if (amount == 0) continue;
      row(day, &mu, kK3, &pr, amount);
      // Now and then a credit note corrects an invoice of the provider.
      if (rng_.per_mille(20)) row(day, &mu, kK3, &pr, -amount * rng_.between(5, 40) / 100);
    }
    row(day, &mu, kPgb, nullptr, cents(target[kPgb] / months_in_year * noise(900, 1100)));
    // The personal-budget bank's final settlement comes in December, often as a repayment.
    if (i == tally_.months().count() - 1 ||
        tally_.months().year(i + 1) != tally_.months().year(i)) {
      if (rng_.per_mille(500)) {
        row(day, &mu, kPgb, nullptr, -cents(target[kPgb] * rng_.between(2, 8) / 100.0));
      }
    }
  }

  double noise(int lo, int hi) { return rng_.between(lo, hi) / 1000.0; }

  void row(int32_t day, const Municipality* m, int category, const Provider* provider,
           int64_t amount) {
    f_.month(day);
    if (m != nullptr) {
      f_.text(m->code);
    } else {
      f_.empty();
    }
    f_.text(model::kCostCategories[static_cast<size_t>(category)]);
    if (provider != nullptr) {
      f_.text(provider->id);
    } else {
      f_.empty();
    }
    f_.money(amount).end_row();
  }

  const World& world_;
  const DatasetParams& p_;
  const CareTally& tally_;
  CsvFile& f_;
  Rng rng_;
};

}  // namespace

int64_t lump_sum_cents(const World& world, const DatasetParams& p, int municipality, int year) {
  // Grows 2 % a year from 2019; whole thousands of euros, as councils decide them.
  const double euros = static_cast<double>(p.clients) * kLumpSumPerClient *
                       static_cast<double>(world.share_ppm(municipality)) / 1e6 *
                       (1.0 + 0.02 * (year - 2019));
  return static_cast<int64_t>(std::llround(euros / 1000.0)) * 1000 * 100;
}

void write_budgets(const World& world, const DatasetParams& p, CsvFile& budgets) {
  Rng rng(p.seed, Stream::kLedger, 1);
  const int first = p.first_day.civil().year;
  for (int y = first; y <= p.last_day.civil().year; ++y) {
    for (size_t m = 0; m < world.municipalities.size(); ++m) {
      const int64_t lump = lump_sum_cents(world, p, static_cast<int>(m), y);
      // Ambulatory products from the second year on; now and then a settlement to repay.
      int64_t other = y == first ? lump / 100 : lump * rng.between(35, 55) / 1000;
      if (rng.per_mille(80)) other = -lump * rng.between(5, 20) / 1000;
      other += rng.between(0, 99);  // some cents, as a ledger has them
      budgets.integer(y).text(world.municipalities[m].code).money(lump).money(other).end_row();
    }
  }
}

void write_costs(const World& world, const DatasetParams& p, const CareTally& tally,
                 CsvFile& costs) {
  CostWriter(world, p, tally, costs).run();
}

void write_staffing(const World& world, const DatasetParams& p, CsvFile& staffing) {
  Rng rng(p.seed, Stream::kStaffing, 0);
  const CivilDate first = p.first_day.civil();
  for (int y = first.year; y <= p.last_day.civil().year; ++y) {
    for (unsigned q = 1; q <= 4; ++q) {
      const int32_t on = Date::from_civil(y, q * 3, q == 1 || q == 4 ? 31 : 30).days;
      if (on < p.first_day.days || on > p.last_day.days) continue;
      const auto now = plan_per_mille(y);
      const auto next = plan_per_mille(y + 1);
      // K2 teams grow through the year towards next year's plan.
      const double k2 = now[kK2] + (next[kK2] - now[kK2]) * (q - 1) / 4.0;
      for (size_t m = 0; m < world.municipalities.size(); ++m) {
        const double lump = static_cast<double>(lump_sum_cents(world, p, static_cast<int>(m), y));
        // About EUR 95,000 of K1 budget per fte (seed appendix 2: Heerlen 10-13 fte).
        const double fte =
            lump / 100.0 * now[kK1] / 1000.0 / 95000.0 * rng.between(920, 1080) / 1000.0;
        staffing.date(on).text(world.municipalities[m].name).text("K1");
        staffing.decimal1(std::max<int64_t>(1, std::llround(fte * 10))).end_row();
      }
      for (const Team& t : world.teams) {
        const Municipality& mu = world.municipalities[static_cast<size_t>(t.municipality)];
        uint32_t total = 0;
        for (uint32_t w : mu.area_weights) total += w;
        const double lump = static_cast<double>(lump_sum_cents(world, p, t.municipality, y));
        const double fte = lump / 100.0 * k2 / 1000.0 / 85000.0 * t.weight / total *
                           rng.between(960, 1040) / 1000.0;
        staffing.date(on).text(t.name).text("K2");
        staffing.decimal1(std::max<int64_t>(1, std::llround(fte * 10))).end_row();
      }
    }
  }
}

}  // namespace rk::demo
