// The insights (engine/insights.hpp): the Mann–Kendall test and Sen's slope against values
// computed by hand; each kind of sentence made to appear from hand-built results with
// hand-checked numbers; data made so that none appears (flat noise, a norm met exactly, no
// mover, hidden figures); and the whole path through the catalogue and the disclosure layer on
// a small dataset of waiting-list entries and requests.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "dataset.hpp"
#include "engine/disclosure.hpp"
#include "engine/insights.hpp"
#include "engine/record_keys.hpp"
#include "engine/trend.hpp"

namespace rk::engine {
namespace {

// ---------------------------------------------------------------------------------------------
// The statistical test.

TEST(MannKendall, StrictlyRisingFiveValues) {
  const std::vector<double> x = {1, 2, 3, 4, 5};
  const MannKendall mk = mann_kendall(x);
  EXPECT_EQ(mk.s, 10);  // all 10 pairs rise
  // Var(S) = n(n-1)(2n+5)/18 = 5 * 4 * 15 / 18 = 16,667
  EXPECT_NEAR(mk.variance, 300.0 / 18.0, 1e-12);
  // z = (S - 1) / sqrt(Var) = 9 / 4,0825 = 2,2045; p = 2 (1 - Phi(2,2045)) = 0,0275
  EXPECT_NEAR(mk.z, 2.2045408, 1e-6);
  EXPECT_NEAR(mk.p, 0.0274863, 1e-6);
  EXPECT_TRUE(mk.significant(0.05));
  EXPECT_FALSE(mk.significant(0.01));
}

TEST(MannKendall, TiesLowerTheVariance) {
  const std::vector<double> x = {1, 2, 2, 3};
  const MannKendall mk = mann_kendall(x);
  // Pairs: (1,2) + (1,2) + (1,3) + (2,2) 0 (2,3) + (2,3) + -> S = 5
  EXPECT_EQ(mk.s, 5);
  // One tie of t = 2: (4 * 3 * 13 - 2 * 1 * 9) / 18 = (156 - 18) / 18 = 7,667
  EXPECT_NEAR(mk.variance, 138.0 / 18.0, 1e-12);
  // z = 4 / sqrt(7,667) = 1,4446; p = 0,1486: not significant
  EXPECT_NEAR(mk.z, 1.4446302, 1e-6);
  EXPECT_NEAR(mk.p, 0.1485618, 1e-6);
  EXPECT_FALSE(mk.significant(0.05));
}

TEST(MannKendall, FlatNoiseIsNoTrend) {
  // Three values repeating: S = 4; ties of 4 x three: 3 * 4 * 3 * 13 = 468;
  // Var = (12 * 11 * 29 - 468) / 18 = 186,667; z = 3 / 13,663 = 0,2196; p = 0,826
  const std::vector<double> x = {10, 12, 11, 10, 12, 11, 10, 12, 11, 10, 12, 11};
  const MannKendall mk = mann_kendall(x);
  EXPECT_EQ(mk.s, 4);
  EXPECT_NEAR(mk.variance, 3360.0 / 18.0, 1e-9);
  EXPECT_NEAR(mk.z, 0.2195775, 1e-6);
  EXPECT_NEAR(mk.p, 0.8262002, 1e-6);
  EXPECT_FALSE(mk.significant(kTrendAlpha));
}

TEST(MannKendall, ConstantAndTooShortSeries) {
  const std::vector<double> same = {4, 4, 4, 4};
  const MannKendall mk = mann_kendall(same);
  EXPECT_EQ(mk.s, 0);
  EXPECT_NEAR(mk.variance, 0, 1e-12);  // (4 * 3 * 13 - 4 * 3 * 13) / 18
  EXPECT_EQ(mk.p, 1);
  EXPECT_FALSE(mk.significant(0.05));
  const std::vector<double> one = {7};
  EXPECT_FALSE(mann_kendall(one).significant(0.05));
}

TEST(SenSlope, MedianOfPairwiseSlopes) {
  // Slopes: (3-1)/1 = 2, (2-1)/2 = 0,5, (5-1)/3 = 1,333, (2-3)/1 = -1, (5-3)/2 = 1, (5-2)/1 = 3;
  // sorted -1, 0,5, 1, 1,333, 2, 3 -> median (1 + 1,333) / 2 = 1,1667
  const std::vector<double> x = {1, 3, 2, 5};
  EXPECT_NEAR(sen_slope(x), (1.0 + 4.0 / 3.0) / 2.0, 1e-12);
  const std::vector<double> one = {1};
  EXPECT_EQ(sen_slope(one), 0);
}

// ---------------------------------------------------------------------------------------------
// Sentences from hand-built results.

Period period(const char* from, const char* to) {
  return Period{*parse_date(from), *parse_date(to)};
}

IndicatorResult with_value(const std::string& id, const std::string& title, Unit unit,
                           Better better, Number value) {
  IndicatorResult r;
  r.id = id;
  r.title_nl = title;
  r.unit = unit;
  r.better = better;
  r.total = Figure::of(value);
  return r;
}

IndicatorResult ended_by_plan(double percent) {
  IndicatorResult r =
      with_value("outcome.ended_by_plan", "Trajecten beëindigd volgens plan", Unit::kPercent,
                 Better::kHigher, Number::make(percent, FigureKind::kRatio, 40));
  r.norm = Norm{Norm::Op::kAtLeast, 75, 5};
  r.status = norm_status(*r.norm, *r.total.value);
  return r;
}

InsightFigures figures_of(std::vector<IndicatorResult> current) {
  InsightFigures f;
  f.period = period("2020-07-01", "2020-12-31");
  f.current = std::move(current);
  f.previous_quarter = previous_quarter_of(f.period);
  f.months = trend_months(f.period);
  return f;
}

TEST(Periods, PreviousQuarterAndTrendMonths) {
  EXPECT_EQ(previous_quarter_of(period("2020-07-01", "2020-12-31")),
            period("2020-07-01", "2020-09-30"));
  EXPECT_EQ(previous_quarter_of(period("2023-04-01", "2023-06-30")),
            period("2023-01-01", "2023-03-31"));
  const std::vector<KeyedPeriod> months = trend_months(period("2020-07-01", "2020-12-31"));
  ASSERT_EQ(months.size(), 12U);
  EXPECT_EQ(months.front().key, "2020-01");
  EXPECT_EQ(months.back().key, "2020-12");
  // A period ending mid-month: that month is not whole, the window ends the month before.
  const std::vector<KeyedPeriod> mid = trend_months(period("2020-03-01", "2020-11-20"));
  ASSERT_EQ(mid.size(), 12U);
  EXPECT_EQ(mid.front().key, "2019-11");
  EXPECT_EQ(mid.back().key, "2020-10");
}

TEST(NormInsight, MissedSaysByHowMuch) {
  const std::vector<Insight> out = make_insights(figures_of({ended_by_plan(62.5)}));
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(out[0].indicator, "outcome.ended_by_plan");
  // 62,5 - 75 = -12,5 points; red (below 75 - 5)
  EXPECT_EQ(out[0].text,
            "Trajecten beëindigd volgens plan: 62,5 %; de norm (≥ 75 %) is niet gehaald: "
            "12,5 procentpunt onder de streefwaarde.");
  EXPECT_EQ(out[0].direction, Direction::kDown);
  EXPECT_NEAR(out[0].weight, 3.0 + 12.5 / 75.0, 1e-12);  // red class + gap / target
}

TEST(NormInsight, WithinTheToleranceAndMet) {
  std::vector<Insight> out = make_insights(figures_of({ended_by_plan(72)}));
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(out[0].text,
            "Trajecten beëindigd volgens plan: 72,0 %; de norm (≥ 75 %) is net niet gehaald: "
            "3,0 procentpunt onder de streefwaarde, binnen de marge van 5,0 procentpunt.");
  EXPECT_NEAR(out[0].weight, 2.0 + 3.0 / 75.0, 1e-12);
  out = make_insights(figures_of({ended_by_plan(80)}));
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(out[0].text,
            "Trajecten beëindigd volgens plan: 80,0 %; de norm (≥ 75 %) is gehaald, "
            "5,0 procentpunt boven de streefwaarde.");
  EXPECT_EQ(out[0].direction, Direction::kUp);
  EXPECT_NEAR(out[0].weight, 1.0 + 5.0 / 75.0, 1e-12);
}

TEST(NormInsight, ExactlyMetHasNoMarginAndNoMiss) {
  const std::vector<Insight> out = make_insights(figures_of({ended_by_plan(75)}));
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(out[0].text,
            "Trajecten beëindigd volgens plan: 75,0 %; de norm (≥ 75 %) is precies gehaald.");
  EXPECT_EQ(out[0].direction, Direction::kFlat);
  EXPECT_NEAR(out[0].weight, 1.0, 1e-12);  // the lowest norm weight: nothing to add
}

TEST(NormInsight, HiddenFigureGivesNoSentence) {
  IndicatorResult suppressed = ended_by_plan(62.5);
  suppressed.total.value->value.reset();
  suppressed.total.value->suppressed = true;
  suppressed.status = NormStatus::kNone;
  EXPECT_TRUE(make_insights(figures_of({suppressed})).empty());
  IndicatorResult no_norm = ended_by_plan(62.5);
  no_norm.norm.reset();
  no_norm.status = NormStatus::kNone;
  EXPECT_TRUE(make_insights(figures_of({no_norm})).empty());
}

// 12 months of clients.monthly (one series point each, as a one-month computation gives).
InsightFigures monthly_clients(const std::vector<double>& values, int hidden_month = -1) {
  InsightFigures f = figures_of({});
  f.trend_indicators = {"clients.monthly"};
  for (size_t m = 0; m < f.months.size(); ++m) {
    IndicatorResult r;
    r.id = "clients.monthly";
    r.title_nl = "Cliënten in zorg per maand";
    r.unit = Unit::kCount;
    r.better = Better::kNeither;
    Number n = Number::count(values[m]);
    if (static_cast<int>(m) == hidden_month) n.below_five = true;
    r.series.push_back({f.months[m].key, Figure::of(n)});
    f.monthly.push_back({r});
  }
  return f;
}

TEST(TrendInsight, SlightFallOfClientsPerMonth) {
  std::vector<double> values;
  for (int m = 0; m < 12; ++m) values.push_back(2100 - 5 * m);  // 2.100, 2.095 … 2.045
  const std::vector<Insight> out = make_insights(monthly_clients(values));
  ASSERT_EQ(out.size(), 1U);
  // S = -66, z = -65 / sqrt(212,667) = -4,457, p < 0,001; Sen's slope -5 a month; over 11 steps
  // -55 against a mean of 2.072,5: 2,7 % -> "licht"; clients have no better side.
  EXPECT_EQ(out[0].text,
            "Cliënten in zorg per maand: een licht dalende lijn over de 12 maanden januari 2020 "
            "t/m december 2020, gemiddeld -5,0 per maand.");
  EXPECT_EQ(out[0].direction, Direction::kDown);
  EXPECT_EQ(out[0].kind, InsightKind::kTrend);
  EXPECT_NEAR(out[0].weight, 1.2 + 55.0 / 2072.5, 1e-9);
}

TEST(TrendInsight, RiseOfAFigureWhereLowerIsBetterIsUnfavourable) {
  InsightFigures f = figures_of({});
  f.trend_indicators = {"flow.lead_time_days"};
  // Medians 20, 22, 21, 24, 23, 25, 27, 26, 28, 30, 29, 31: S = 58 (p < 0,001).
  const std::vector<double> medians = {20, 22, 21, 24, 23, 25, 27, 26, 28, 30, 29, 31};
  for (size_t m = 0; m < 12; ++m) {
    IndicatorResult r;
    r.id = "flow.lead_time_days";
    r.title_nl = "Doorlooptijd aanmelding tot match (dagen)";
    r.unit = Unit::kDays;
    r.better = Better::kLower;
    r.total.values = {{"median", Number::statistic(medians[m], 30)},
                      {"p90", Number::statistic(medians[m] * 2, 30)}};
    f.monthly.push_back({r});
  }
  const std::vector<Insight> out = make_insights(f);
  ASSERT_EQ(out.size(), 1U);
  // Pairwise slopes' median: 1 day a month; 11 steps of 1 against a mean of 306 / 12 = 25,5:
  // 43 % -> "sterk".
  EXPECT_EQ(out[0].text,
            "Doorlooptijd aanmelding tot match (dagen): een sterk stijgende lijn over de 12 "
            "maanden januari 2020 t/m december 2020, gemiddeld +1,0 dagen per maand. Dat is "
            "ongunstig.");
  EXPECT_EQ(out[0].direction, Direction::kUp);
  EXPECT_NEAR(out[0].weight, 2.5 + 11.0 / 25.5, 1e-9);  // unfavourable class + 0,43
}

TEST(TrendInsight, NoiseAndHiddenMonthsGiveNoSentence) {
  const std::vector<double> noise = {10, 12, 11, 10, 12, 11, 10, 12, 11, 10, 12, 11};
  EXPECT_TRUE(make_insights(monthly_clients(noise)).empty());
  // A clear fall, but March is shown as "<5": no month may be left out or guessed.
  std::vector<double> values;
  for (int m = 0; m < 12; ++m) values.push_back(2100 - 5 * m);
  EXPECT_TRUE(make_insights(monthly_clients(values, 2)).empty());
}

IndicatorResult waitlist(double total, double ggz, double other) {
  IndicatorResult r = with_value("waitlist.count", "Cliënten op de wachtlijst", Unit::kCount,
                                 Better::kLower, Number::count(total));
  r.breakdowns.push_back(
      {"ggz",
       {{"false", Figure::of(Number::count(other))}, {"true", Figure::of(Number::count(ggz))}}});
  return r;
}

InsightFigures waitlist_figures(IndicatorResult before, IndicatorResult after) {
  InsightFigures f;
  f.period = period("2023-04-01", "2023-06-30");
  f.previous_quarter = previous_quarter_of(f.period);
  f.current = {std::move(after)};
  f.quarter_results = {std::move(before)};
  return f;
}

TEST(MoversInsight, TheWaitingListRisesMostlyAtTheGgzProviders) {
  const std::vector<Insight> out =
      make_insights(waitlist_figures(waitlist(220, 120, 107), waitlist(300, 196, 110)));
  ASSERT_EQ(out.size(), 1U);
  // 300 - 220 = +80; GGZ 196 - 120 = +76 (the biggest), others 110 - 107 = +3; lower is better.
  EXPECT_EQ(out[0].text,
            "Cliënten op de wachtlijst: sinds het einde van het vorige kwartaal (31 mrt 2023) "
            "gestegen van 220 naar 300 wachtenden (+80), de grootste verandering bij de "
            "GGZ-aanbieders: +76 (van 120 naar 196); bij de overige aanbieders +3. Dat is "
            "ongunstig.");
  EXPECT_EQ(out[0].direction, Direction::kUp);
  EXPECT_EQ(out[0].kind, InsightKind::kMovers);
  EXPECT_NEAR(out[0].weight, 2.5 + 76.0 / 120.0, 1e-12);
}

TEST(MoversInsight, NoMoverAndHiddenGroupsGiveNoSentence) {
  // Changes of 4 and -3: below the 5 that perturbation alone could make.
  EXPECT_TRUE(
      make_insights(waitlist_figures(waitlist(220, 120, 107), waitlist(221, 124, 104))).empty());
  // The GGZ group moved by 76 but its count before was "<5": that group is left out, and the
  // others' +3 is no mover. The sentence must not give the hidden count by difference either.
  IndicatorResult before = waitlist(110, 3, 107);
  before.breakdowns[0].cells[1].second.value->below_five = true;
  EXPECT_TRUE(make_insights(waitlist_figures(before, waitlist(189, 79, 110))).empty());
}

TEST(ForecastInsight, ExpectedDeficitOfTheYear) {
  IndicatorResult r;
  r.id = "finance.forecast";
  r.title_nl = "Prognose kosten en resultaat van het jaar";
  r.unit = Unit::kEuro;
  r.better = Better::kHigher;
  r.total.values = {{"costs_to_date", Number::amount(17519874.5)},
                    {"costs", Number::amount(35039749)},
                    {"income", Number::amount(34259070)},
                    {"result", Number::amount(-780679)}};
  const std::vector<Insight> out = make_insights(figures_of({r}));
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(out[0].text,
            "Prognose kosten en resultaat van het jaar 2020: een verwacht tekort van € 780.679 "
            "(verwachte kosten € 35.039.749, inkomsten € 34.259.070).");
  EXPECT_EQ(out[0].direction, Direction::kDown);
  EXPECT_NEAR(out[0].weight, 2.8 + 780679.0 / 34259070.0, 1e-12);
  // Without costs or income (no money in the data) there is nothing to forecast.
  for (auto& [name, n] : r.total.values) n.value = 0.0;
  EXPECT_TRUE(make_insights(figures_of({r})).empty());
}

TEST(Ranking, WeightiestFirstOnePerIndicatorAndKind) {
  IndicatorResult r;
  r.id = "finance.forecast";
  r.title_nl = "Prognose";
  r.unit = Unit::kEuro;
  r.total.values = {{"costs", Number::amount(90)},
                    {"income", Number::amount(100)},
                    {"result", Number::amount(10)}};
  InsightFigures f = waitlist_figures(waitlist(220, 120, 107), waitlist(300, 196, 110));
  f.current.push_back(ended_by_plan(80));    // 1,067
  f.current.push_back(ended_by_plan(62.5));  // 3,167: the same indicator and kind, kept
  f.current.push_back(r);                    // surplus: 1,3 + 0,1 = 1,4
  const std::vector<Insight> out = make_insights(f);
  ASSERT_EQ(out.size(), 3U);
  EXPECT_EQ(out[0].indicator, "outcome.ended_by_plan");
  EXPECT_NEAR(out[0].weight, 3.0 + 12.5 / 75.0, 1e-12);
  EXPECT_EQ(out[1].indicator, "waitlist.count");
  EXPECT_EQ(out[2].indicator, "finance.forecast");
  EXPECT_EQ(out[2].direction, Direction::kUp);
  const nlohmann::json j = insights_json(out);
  ASSERT_EQ(j.size(), 3U);
  EXPECT_EQ(j[0]["indicator"], "outcome.ended_by_plan");
  EXPECT_EQ(j[0]["direction"], "down");
  EXPECT_EQ(j[0]["weight"], 3.167);
  EXPECT_EQ(j[2]["text"],
            "Prognose 2023: een verwacht overschot van € 10 (verwachte kosten € 90, inkomsten "
            "€ 100).");
}

TEST(Ranking, NothingStandsOut) {
  // Flat noise, a waiting list that did not move, no money and no norm figure: no sentence.
  InsightFigures f = monthly_clients({10, 12, 11, 10, 12, 11, 10, 12, 11, 10, 12, 11});
  f.current = {waitlist(220, 120, 107)};
  f.quarter_results = {waitlist(220, 120, 107)};
  EXPECT_TRUE(make_insights(f).empty());
  EXPECT_EQ(insights_json({}), nlohmann::json::array());
}

// ---------------------------------------------------------------------------------------------
// Through the catalogue and the disclosure layer.

const char* kMunicipalities = "code,name\nGM0917,Heerlen\nGM0882,Landgraaf\n";

// Clients c1..cN of GM0917; waiting-list entries of 9 GGZ clients and 4 others on 2020-06-30,
// of whom 2 GGZ and 3 others were already waiting on 2020-03-31 (the end of the previous
// quarter); requests received 1, 2, … 12 in the months of 2020 (a rising line).
std::map<std::string, std::string> waitlist_dataset() {
  std::string clients = "client_id,birth_date,municipality\n";
  for (int c = 1; c <= 80; ++c) clients += "c" + std::to_string(c) + ",2010-01-01,GM0917\n";
  std::string entries = "entry_id,client_id,provider_id,quadrant,kind,since,until\n";
  const auto entry = [&](int c, const char* provider, const char* since) {
    entries += "E" + std::to_string(c) + ",c" + std::to_string(c) + "," + provider +
               ",K3,treatment," + since + ",\n";
  };
  for (int c = 1; c <= 2; ++c) entry(c, "PG", "2020-02-01");    // GGZ, waiting on 31 March
  for (int c = 3; c <= 9; ++c) entry(c, "PG", "2020-05-01");    // GGZ, since May
  for (int c = 10; c <= 12; ++c) entry(c, "PO", "2020-02-01");  // others, on 31 March
  entry(13, "PO", "2020-05-01");
  std::string requests = "request_id,client_id,received_at,referrer\n";
  int id = 0;
  for (int month = 1; month <= 12; ++month)
    for (int k = 0; k < month; ++k, ++id)
      requests += fmt::format("R{},c{},2020-{:02}-10T09:00,gp\n", id, 14 + id % 60, month);
  return {{"municipalities.csv", kMunicipalities},
          {"clients.csv", clients},
          {"providers.csv",
           "provider_id,name,kind,employees,ggz\nPG,GGZ Jeugd,member,60,true\n"
           "PO,Begeleiding,member,30,false\n"},
          {"waitlist.csv", entries},
          {"requests.csv", requests}};
}

std::vector<Insight> insights_for(const Dataset& d, Role role, const char* from, const char* to) {
  Config config;
  config.disclosure.max_noise = 0;  // exact counts, so that the rules are checked by hand
  const Catalogue catalogue = Catalogue::create(config);
  const RecordKeys keys(d.shared_snapshot(), PerturbationKey::for_testing(1));
  Query q;
  q.from = *parse_date(from);
  q.to = *parse_date(to);
  q.scope = resolve_scope(d.snapshot(), ScopeText{});
  q.working_days = &d.working_days();
  q.record_keys = &keys;
  std::vector<IndicatorResult> current = compute_all(catalogue, d.snapshot(), q, config);
  EXPECT_TRUE(disclose(role, config, current).is_ok());
  auto f = insight_figures(catalogue, d.snapshot(), q, config, role, std::move(current));
  EXPECT_TRUE(f.is_ok());
  return f ? make_insights(*f) : std::vector<Insight>{};
}

const Insight* of_kind(const std::vector<Insight>& list, const std::string& id, InsightKind k) {
  for (const Insight& i : list)
    if (i.indicator == id && i.kind == k) return &i;
  return nullptr;
}

TEST(InsightsOnData, AnalystSeesTheMoverAndTheTrend) {
  const Dataset d(waitlist_dataset());
  const std::vector<Insight> out = insights_for(d, Role::kAnalyst, "2020-04-01", "2020-06-30");
  const Insight* movers = of_kind(out, "waitlist.count", InsightKind::kMovers);
  ASSERT_NE(movers, nullptr);
  // 5 waiting on 31 March (2 GGZ, 3 others), 13 on 30 June (9 GGZ, 4 others).
  EXPECT_EQ(movers->text,
            "Cliënten op de wachtlijst: sinds het einde van het vorige kwartaal (31 mrt 2020) "
            "gestegen van 5 naar 13 wachtenden (+8), de grootste verandering bij de "
            "GGZ-aanbieders: +7 (van 2 naar 9); bij de overige aanbieders +1. Dat is ongunstig.");
  // The 12 months up to June 2020 are July 2019 .. June 2020: requests 0 (2019) then 1 .. 6.
  const Insight* trend = of_kind(out, "requests.new", InsightKind::kTrend);
  ASSERT_NE(trend, nullptr);
  EXPECT_EQ(trend->direction, Direction::kUp);
  EXPECT_NE(trend->text.find("juli 2019 t/m juni 2020"), std::string::npos) << trend->text;
}

TEST(InsightsOnData, MunicipalityRoleGetsNoSentenceFromHiddenCounts) {
  const Dataset d(waitlist_dataset());
  const std::vector<Insight> out = insights_for(d, Role::kMunicipality, "2020-04-01", "2020-06-30");
  // The counts 2, 3 and 4 are "<5" for the municipality: only the GGZ group's 9 and the total
  // 13 and 5 are shown, and a group needs both its counts; so there is no mover sentence, and
  // no sentence holds the hidden 2, 3 or 4.
  EXPECT_EQ(of_kind(out, "waitlist.count", InsightKind::kMovers), nullptr);
  // The monthly requests 1 .. 4 are "<5" too: the trend needs every month, so it is gone.
  EXPECT_EQ(of_kind(out, "requests.new", InsightKind::kTrend), nullptr);
  // What the role does see still speaks: the waiting list at the end of each month, 0 from July
  // 2019 to January 2020, then 5, 5, 5, 13, 13 (no count of 1-4 among them).
  const Insight* waiting = of_kind(out, "waitlist.count", InsightKind::kTrend);
  ASSERT_NE(waiting, nullptr);
  EXPECT_EQ(waiting->direction, Direction::kUp);
  EXPECT_EQ(out.size(), 1U);
}

}  // namespace
}  // namespace rk::engine
