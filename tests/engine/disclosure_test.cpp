// The disclosure-control layer: the perturbation table's properties and the layer's contract.
#include "engine/disclosure.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "engine/record_keys.hpp"

namespace rk::engine {
namespace {

double mean(const std::array<double, 5>& p) {
  double m = 0;
  for (int d = -2; d <= 2; ++d) m += p[static_cast<size_t>(d + 2)] * d;
  return m;
}

double variance(const std::array<double, 5>& p) {
  double v = 0;
  for (int d = -2; d <= 2; ++d) v += p[static_cast<size_t>(d + 2)] * d * d;
  return v - mean(p) * mean(p);
}

TEST(PerturbationTable, RowsAreUnbiasedWithUnitVarianceAndKeepCountsPositive) {
  const PerturbationTable& t = PerturbationTable::standard();
  for (int64_t c = 0; c <= 50; ++c) {
    const auto p = t.probabilities(c);
    double sum = 0;
    for (double x : p) sum += x;
    EXPECT_NEAR(sum, 1.0, 1e-12) << c;
    EXPECT_NEAR(mean(p), 0.0, 1e-12) << c;
    if (c <= 1) {
      EXPECT_DOUBLE_EQ(p[2], 1.0) << "0 stays 0, 1 stays 1";
    } else {
      EXPECT_NEAR(variance(p), 1.0, 1e-12) << c;
    }
    for (int d = -2; d <= 2; ++d) {
      if (c >= 1 && c + d < 1) {
        EXPECT_EQ(p[static_cast<size_t>(d + 2)], 0.0) << c << " " << d;
      }
    }
  }
  // The full row (c >= 3) is the symmetric maximum-entropy distribution: p(+-2) = 1/6 * p(0)/...
  const auto full = t.probabilities(100);
  EXPECT_NEAR(full[0], full[4], 1e-12);
  EXPECT_NEAR(full[1], full[3], 1e-12);
  EXPECT_NEAR(full[2], 0.383, 0.001);  // probability of no change
}

TEST(PerturbationTable, NoiseFollowsTheTable) {
  const PerturbationTable& t = PerturbationTable::standard();
  std::mt19937_64 rng(7);
  for (int64_t c : {0, 1, 2, 3, 7, 250}) {
    std::array<int64_t, 5> hits{};
    const int n = 200000;
    for (int i = 0; i < n; ++i) {
      const int d = t.noise(c, rng());
      ASSERT_GE(d, -2);
      ASSERT_LE(d, 2);
      if (c == 0) {
        ASSERT_EQ(d, 0);
      } else {
        ASSERT_GE(c + d, 1);
      }
      ++hits[static_cast<size_t>(d + 2)];
    }
    const auto p = t.probabilities(c);
    for (size_t k = 0; k < 5; ++k)
      EXPECT_NEAR(static_cast<double>(hits[k]) / n, p[k], 0.005) << c << " " << k;
  }
}

TEST(PerturbationTable, RefusesUnreachableParameters) {
  EXPECT_FALSE(PerturbationTable::create({.max_noise = 3, .variance = 1}));
  EXPECT_FALSE(PerturbationTable::create({.max_noise = 1, .variance = 5}));
  EXPECT_TRUE(PerturbationTable::create({.max_noise = 1, .variance = 0.5}));
}

TEST(Tally, TheSameRecordsGiveTheSameCellKeyInAnyOrder) {
  const PerturbationKey key = PerturbationKey::for_testing(3);
  Tally a, b;
  for (const char* id : {"c1", "c2", "c3"}) a.add(key.record_key(model::Kind::kClients, id));
  for (const char* id : {"c3", "c1", "c2"}) b.add(key.record_key(model::Kind::kClients, id));
  EXPECT_EQ(a, b);
  Tally c;
  for (const char* id : {"c1", "c2", "c4"}) c.add(key.record_key(model::Kind::kClients, id));
  EXPECT_NE(a.key, c.key);
  // Another key gives other record keys.
  EXPECT_NE(key.record_key(model::Kind::kClients, "c1"),
            PerturbationKey::for_testing(4).record_key(model::Kind::kClients, "c1"));
  EXPECT_NE(key.record_key(model::Kind::kClients, "c1"),
            key.record_key(model::Kind::kRequests, "c1"));
}

IndicatorResult counted(const std::string& id, const Tally& t, bool keyed) {
  IndicatorResult r;
  r.id = id;
  r.total = Figure::of(Number::count(t));
  r.keyed = keyed;
  return r;
}

TEST(Disclose, AnalystsSeeExactFiguresAndOthersPerturbedOnes) {
  const PerturbationTable& t = PerturbationTable::standard();
  std::mt19937_64 rng(11);
  int changed = 0;
  for (int i = 0; i < 200; ++i) {
    const Tally tally{40, rng()};
    std::vector<IndicatorResult> exact = {counted("x", tally, true)};
    std::vector<IndicatorResult> shown = exact;
    ASSERT_TRUE(disclose(Role::kAnalyst, t, exact).is_ok());
    ASSERT_TRUE(disclose(Role::kMunicipality, t, shown).is_ok());
    EXPECT_EQ(*exact[0].total.value->value, 40);
    const double v = *shown[0].total.value->value;
    EXPECT_LE(std::fabs(v - 40), 2);
    EXPECT_EQ(v, 40 + t.noise(40, tally.key));
    EXPECT_FALSE(shown[0].total.value->counted) << "no key leaves the layer";
    changed += v != 40;
  }
  EXPECT_GT(changed, 80);
  EXPECT_LT(changed, 160);
}

TEST(Disclose, RefusesResultsWithoutKeysForMunicipalityAndPublic) {
  std::vector<IndicatorResult> r = {counted("x", Tally{12, 5}, false)};
  EXPECT_FALSE(disclose(Role::kMunicipality, PerturbationTable::standard(), r).is_ok());
  EXPECT_FALSE(disclose(Role::kPublic, PerturbationTable::standard(), r).is_ok());
  EXPECT_TRUE(disclose(Role::kAnalyst, PerturbationTable::standard(), r).is_ok());
}

TEST(Disclose, PercentagesAreRebuiltFromPerturbedParts) {
  const PerturbationTable& t = PerturbationTable::standard();
  const Tally num{30, 0x1234567890abcdefULL}, den{60, 0xfedcba0987654321ULL};
  IndicatorResult r;
  r.id = "share";
  r.total = Figure::ratio(num, den);
  r.keyed = true;
  std::vector<IndicatorResult> v = {r};
  ASSERT_TRUE(disclose(Role::kPublic, t, v).is_ok());
  const double pn = static_cast<double>(t.published(num)),
               pd = static_cast<double>(t.published(den));
  EXPECT_DOUBLE_EQ(*v[0].total.value->value, pn / pd * 100.0);
  EXPECT_EQ(*v[0].total.numerator, pn);
  EXPECT_EQ(*v[0].total.denominator, pd);
}

TEST(Disclose, PublishedSmallCountsAreShownBelowFive) {
  // A true 6 may be published 4 ("<5"); a true 1 is always published 1 ("<5").
  std::vector<IndicatorResult> v = {counted("x", Tally{1, 99}, true)};
  ASSERT_TRUE(disclose(Role::kMunicipality, PerturbationTable::standard(), v).is_ok());
  EXPECT_TRUE(v[0].total.value->below_five);
}

}  // namespace
}  // namespace rk::engine
