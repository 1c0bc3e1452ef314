// Property tests (issue 3, acceptance 3): random small datasets, seeded, imported through the real
// importer into a fresh store; the engine's figures are compared with brute-force counts over the
// generated records that know nothing of the engine:
//   - client counts (start, new, total, ended, end, monthly series, per breakdown cell, and the
//     residential share's numerator) against a day-by-day walk asking "in care on this day?";
//   - working-day figures (flow.intake_5wd, flow.offer_letter_5wd, requests.incomplete) against a
//     day-by-day walk over the published holiday table
//     tests/data/calendar/holidays_nl_2018_2030.csv (tests/calendar/holiday_table_test.cpp checks
//     WorkingDays itself against the same table).
// RK_PROPERTY_DATASETS=N runs N datasets instead of the default (each with several queries).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "calendar/date.hpp"
#include "calendar/workdays.hpp"
#include "engine/catalogue.hpp"
#include "engine/snapshot.hpp"
#include "ingest/bsn.hpp"
#include "ingest/importer.hpp"
#include "property_world.hpp"
#include "store/store.hpp"

namespace rk::engine {
namespace {

namespace fs = std::filesystem;

using property::area_id;
using property::Client;
using property::date_text;
using property::day_of;
using property::kDataFirst;
using property::kDataLast;
using property::kNone;
using property::make_world;
using property::municipality_code;
using property::provider_id;
using property::quadrant_name;
using property::Request;
using property::Trajectory;
using property::World;
using property::write_world;

// ---------------------------------------------------------------------------------------------
// The query and the brute-force answers.

struct QueryScope {
  int municipality = kNone, area = kNone, quadrant = kNone, provider = kNone;
};

std::string describe(const QueryScope& s) {
  std::string out;
  if (s.municipality != kNone) out += " --municipality " + municipality_code(s.municipality);
  if (s.area != kNone) out += " --area " + area_id(s.area);
  if (s.quadrant != kNone) out += " --quadrant " + quadrant_name(s.quadrant);
  if (s.provider != kNone) out += " --provider " + provider_id(s.provider);
  return out;
}

int effective_municipality(const World& w, const Trajectory& t) {
  return t.municipality == kNone ? w.clients[static_cast<size_t>(t.client)].municipality
                                 : t.municipality;
}

bool in_scope(const World& w, const Trajectory& t, const QueryScope& s) {
  const Client& c = w.clients[static_cast<size_t>(t.client)];
  return (s.municipality == kNone || s.municipality == effective_municipality(w, t)) &&
         (s.area == kNone || s.area == c.area) &&
         (s.quadrant == kNone || s.quadrant == t.quadrant) &&
         (s.provider == kNone || s.provider == t.provider);
}

struct BruteCounts {
  int64_t start = 0, total = 0, end = 0, residential = 0;
  std::vector<int64_t> monthly;
};

// Walks every day of every month of the series, client by client, asking whether one of the
// client's trajectories that pass `keep` covers that day.
template <typename Keep>
BruteCounts brute_force(const World& w, int32_t from, int32_t to, Keep keep) {
  BruteCounts out;
  std::vector<std::pair<int32_t, int32_t>> months;
  for (CivilDate m{Date{from}.civil().year, Date{from}.civil().month, 1};;) {
    const int32_t first = Date::from_civil(m.year, m.month, 1).days;
    if (first > to) break;
    months.emplace_back(first, first + static_cast<int32_t>(days_in_month(m.year, m.month)) - 1);
    if (++m.month == 13) {
      m.month = 1;
      ++m.year;
    }
  }
  out.monthly.assign(months.size(), 0);
  std::vector<std::vector<const Trajectory*>> by_client(w.clients.size());
  for (const Trajectory& t : w.trajectories)
    if (keep(t)) by_client[static_cast<size_t>(t.client)].push_back(&t);
  for (const auto& trajectories : by_client) {
    const auto in_care = [&](int32_t d) {
      for (const Trajectory* t : trajectories)
        if (t->start <= d && (!t->end || d <= *t->end)) return true;
      return false;
    };
    bool any = false;
    for (int32_t d = from; d <= to && !any; ++d) any = in_care(d);
    out.start += in_care(from);
    out.end += in_care(to);
    out.total += any;
    bool residential = false;
    for (const Trajectory* t : trajectories)
      for (int32_t d = from; d <= to && t->residential && !residential; ++d)
        residential = t->start <= d && (!t->end || d <= *t->end);
    out.residential += residential;
    for (size_t m = 0; m < months.size(); ++m) {
      bool in_month = false;
      for (int32_t d = months[m].first; d <= months[m].second && !in_month; ++d)
        in_month = in_care(d);
      out.monthly[m] += in_month;
    }
  }
  return out;
}

// The published holiday table: the days off with the default options (no Good Friday, no
// Liberation Day; Easter and Whit Sunday are Sundays anyway).
const std::set<int32_t>& days_off() {
  static const std::set<int32_t> off = [] {
    std::set<int32_t> s;
    std::ifstream in(std::string(RK_TEST_DATA) + "/calendar/holidays_nl_2018_2030.csv");
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
      const auto comma = line.find(',');
      if (comma == std::string::npos) continue;
      const std::string name = line.substr(comma + 1);
      if (name == "Goede Vrijdag" || name == "Bevrijdingsdag") continue;
      if (const auto d = parse_date(line.substr(0, comma))) s.insert(d->days);
    }
    return s;
  }();
  return off;
}

// Working days d with a < d <= b, walking the calendar one day at a time.
int32_t walk_workdays(int32_t a, int32_t b) {
  int32_t n = 0;
  for (int32_t d = a + 1; d <= b; ++d)
    if (Date{d}.iso_weekday() <= 5 && !days_off().contains(d)) ++n;
  return n;
}

// ---------------------------------------------------------------------------------------------
// Running the engine.

struct Engine {
  std::shared_ptr<const Snapshot> snapshot;
  Config config;
  Catalogue catalogue = Catalogue::create(Config{});
  WorkingDays working_days;

  std::map<std::string, IndicatorResult> run(int32_t from, int32_t to, const QueryScope& s) const {
    ScopeText text;
    if (s.municipality != kNone) text.municipality = municipality_code(s.municipality);
    if (s.area != kNone) text.area = area_id(s.area);
    if (s.quadrant != kNone) text.quadrant = quadrant_name(s.quadrant);
    if (s.provider != kNone) text.provider = provider_id(s.provider);
    const Query q{Date{from}, Date{to}, resolve_scope(*snapshot, text), &working_days};
    std::map<std::string, IndicatorResult> out;
    for (auto& r : compute_all(catalogue, *snapshot, q, config)) out.emplace(r.id, std::move(r));
    return out;
  }
};

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "rk-property-XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] fs::path path() const { return path_; }

 private:
  fs::path path_;
};

// Writes, imports (no row may be rejected) and snapshots the world.
std::optional<Engine> load(const World& w, const TempDir& dir) {
  write_world(w, dir.path() / "data");
  auto store = store::Store::open((dir.path() / "store.db").string());
  if (!store) {
    ADD_FAILURE() << store.status().message();
    return std::nullopt;
  }
  auto pseudonymizer = ingest::Pseudonymizer::from_key_file((dir.path() / "key").string());
  if (!pseudonymizer) {
    ADD_FAILURE() << pseudonymizer.status().message();
    return std::nullopt;
  }
  ingest::ImportOptions options;
  options.rejects_path = (dir.path() / "rejects.csv").string();
  auto summary =
      ingest::import_paths(**store, {(dir.path() / "data").string()}, *pseudonymizer, options);
  if (!summary) {
    ADD_FAILURE() << summary.status().message();
    return std::nullopt;
  }
  if (summary->rows_rejected != 0 || summary->files_rejected != 0) {
    std::ifstream in(options.rejects_path);
    std::stringstream ss;
    ss << in.rdbuf();
    ADD_FAILURE() << "generated rows were rejected:\n" << ss.str();
    return std::nullopt;
  }
  auto snapshot = Snapshot::build(**store);
  if (!snapshot) {
    ADD_FAILURE() << snapshot.status().message();
    return std::nullopt;
  }
  Engine e;
  e.snapshot = *snapshot;
  return e;
}

int datasets() {
  if (const char* n = std::getenv("RK_PROPERTY_DATASETS")) return std::max(1, std::atoi(n));
  return 50;
}

// A random query: a period that often starts or ends on a trajectory's first or last day (or the
// day next to it), and a scope of zero, one or two dimensions.
struct RandomQuery {
  int32_t from = 0, to = 0;
  QueryScope scope;
};

RandomQuery random_query(const World& w, std::mt19937_64& rng) {
  const auto uniform = [&](int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(rng);
  };
  std::vector<int32_t> edges;
  for (const Trajectory& t : w.trajectories) {
    edges.push_back(t.start + uniform(-1, 1));
    if (t.end) edges.push_back(*t.end + uniform(-1, 1));
  }
  const auto pick = [&]() -> int32_t {
    if (!edges.empty() && uniform(0, 2) > 0)
      return edges[static_cast<size_t>(uniform(0, static_cast<int>(edges.size()) - 1))];
    return uniform(kDataFirst, kDataLast);
  };
  RandomQuery q;
  q.from = pick();
  q.to = uniform(0, 3) == 0 ? q.from + uniform(0, 3) : pick();
  if (q.to < q.from) std::swap(q.from, q.to);
  if (q.to - q.from > 800) q.to = q.from + uniform(0, 800);
  // Now and then a period of more than 64 months (series longer than one machine word).
  if (uniform(0, 9) == 0) q.to = q.from + uniform(1950, 2300);
  switch (uniform(0, 5)) {
    case 0:
      q.scope.municipality = uniform(0, w.municipalities - 1);
      break;
    case 1:
      if (!w.area_municipality.empty())
        q.scope.area = uniform(0, static_cast<int>(w.area_municipality.size()) - 1);
      break;
    case 2:
      q.scope.quadrant = uniform(0, 2);
      break;
    case 3:
      q.scope.provider = uniform(0, w.providers - 1);
      break;
    case 4:
      q.scope.municipality = uniform(0, w.municipalities - 1);
      q.scope.quadrant = uniform(0, 2);
      break;
    default:
      break;
  }
  return q;
}

double value_of(const Figure& f) { return f.value && f.value->value ? *f.value->value : -1; }

// The engine's breakdown as key -> count.
std::map<std::string, int64_t> cells(const IndicatorResult& r, const std::string& dimension) {
  std::map<std::string, int64_t> out;
  for (const Breakdown& b : r.breakdowns)
    if (b.dimension == dimension)
      for (const auto& [key, f] : b.cells) out[key] = static_cast<int64_t>(value_of(f));
  return out;
}

void check_clients(const World& w, const Engine& engine, const RandomQuery& q,
                   const std::string& what) {
  const auto results = engine.run(q.from, q.to, q.scope);
  const auto get = [&](const std::string& id) -> const IndicatorResult& {
    static const IndicatorResult kMissing;
    auto it = results.find(id);
    if (it == results.end()) {
      ADD_FAILURE() << what << ": no " << id;
      return kMissing;
    }
    return it->second;
  };
  const BruteCounts expect =
      brute_force(w, q.from, q.to, [&](const Trajectory& t) { return in_scope(w, t, q.scope); });
  EXPECT_EQ(value_of(get("clients.start").total), expect.start) << what;
  EXPECT_EQ(value_of(get("clients.new").total), expect.total - expect.start) << what;
  EXPECT_EQ(value_of(get("clients.total").total), expect.total) << what;
  EXPECT_EQ(value_of(get("clients.ended").total), expect.total - expect.end) << what;
  EXPECT_EQ(value_of(get("clients.end").total), expect.end) << what;
  const IndicatorResult& monthly = get("clients.monthly");
  ASSERT_EQ(monthly.series.size(), expect.monthly.size()) << what;
  for (size_t m = 0; m < expect.monthly.size(); ++m)
    EXPECT_EQ(value_of(monthly.series[m].figure), expect.monthly[m])
        << what << " month " << monthly.series[m].key;
  const IndicatorResult& residential = get("care.residential_share");
  EXPECT_EQ(residential.total.numerator.value_or(-1), expect.residential) << what;
  EXPECT_EQ(residential.total.denominator.value_or(-1), expect.total) << what;

  // Breakdown cells: the same walk restricted to the cell's trajectories; cells with no client in
  // care in the period are left out.
  struct Dimension {
    std::string name;
    int keys;
    std::function<int(const Trajectory&)> key;
    std::function<std::string(int)> text;
  };
  const std::vector<Dimension> dimensions = {
      {"municipality", w.municipalities,
       [&](const Trajectory& t) { return effective_municipality(w, t); }, municipality_code},
      {"area", static_cast<int>(w.area_municipality.size()),
       [&](const Trajectory& t) { return w.clients[static_cast<size_t>(t.client)].area; }, area_id},
      {"quadrant", 3, [](const Trajectory& t) { return t.quadrant; }, quadrant_name},
  };
  for (const Dimension& dim : dimensions) {
    std::map<std::string, int64_t> start, fresh, total, ended, end;
    for (int g = 0; g < dim.keys; ++g) {
      const BruteCounts c = brute_force(w, q.from, q.to, [&](const Trajectory& t) {
        return in_scope(w, t, q.scope) && dim.key(t) == g;
      });
      if (c.total == 0) continue;
      const std::string key = dim.text(g);
      start[key] = c.start;
      fresh[key] = c.total - c.start;
      total[key] = c.total;
      ended[key] = c.total - c.end;
      end[key] = c.end;
    }
    EXPECT_EQ(cells(get("clients.start"), dim.name), start) << what << " by " << dim.name;
    EXPECT_EQ(cells(get("clients.new"), dim.name), fresh) << what << " by " << dim.name;
    EXPECT_EQ(cells(get("clients.total"), dim.name), total) << what << " by " << dim.name;
    EXPECT_EQ(cells(get("clients.ended"), dim.name), ended) << what << " by " << dim.name;
    EXPECT_EQ(cells(get("clients.end"), dim.name), end) << what << " by " << dim.name;
  }
}

void check_working_days(const World& w, const Engine& engine, const RandomQuery& q,
                        const std::string& what) {
  // Requests are scoped by their client's municipality and area only.
  QueryScope scope{q.scope.municipality, q.scope.area, kNone, kNone};
  if (q.scope.quadrant != kNone || q.scope.provider != kNone) return;
  const auto results = engine.run(q.from, q.to, scope);
  int64_t intake_num = 0, intake_den = 0, offer_num = 0, offer_den = 0, incomplete = 0;
  const auto in_period = [&](int64_t minutes) {
    const int32_t d = day_of(minutes);
    return q.from <= d && d <= q.to;
  };
  for (const Request& r : w.requests) {
    const Client& c = w.clients[static_cast<size_t>(r.client)];
    if ((scope.municipality != kNone && scope.municipality != c.municipality) ||
        (scope.area != kNone && scope.area != c.area))
      continue;
    if (in_period(r.received) && r.complete) {
      ++intake_den;
      intake_num += r.intake && walk_workdays(day_of(*r.complete), day_of(*r.intake)) <= 5;
    }
    if (r.approval && in_period(*r.approval)) {
      ++offer_den;
      offer_num +=
          r.offer_letter && walk_workdays(day_of(*r.approval), day_of(*r.offer_letter)) <= 5;
    }
    if (in_period(r.received))
      incomplete += !(r.complete && walk_workdays(day_of(r.received), day_of(*r.complete)) <= 5);
  }
  const auto ratio = [&](const char* id, int64_t num, int64_t den) {
    auto it = results.find(id);
    ASSERT_NE(it, results.end()) << what << ": no " << id;
    EXPECT_EQ(it->second.total.numerator.value_or(-1), num) << what << " " << id;
    EXPECT_EQ(it->second.total.denominator.value_or(-1), den) << what << " " << id;
  };
  ratio("flow.intake_5wd", intake_num, intake_den);
  ratio("flow.offer_letter_5wd", offer_num, offer_den);
  auto it = results.find("requests.incomplete");
  ASSERT_NE(it, results.end()) << what;
  EXPECT_EQ(value_of(it->second.total), incomplete) << what;
}

TEST(Property, EngineAgreesWithDayByDayCounts) {
  const int n = datasets();
  int queries = 0;
  for (int seed = 1; seed <= n; ++seed) {
    std::mt19937_64 rng(static_cast<uint64_t>(seed) * 0x9E3779B97F4A7C15ULL);
    const World w = make_world(rng);
    TempDir dir;
    const std::optional<Engine> engine = load(w, dir);
    ASSERT_TRUE(engine) << "seed " << seed;
    for (int k = 0; k < 8; ++k) {
      const RandomQuery q = random_query(w, rng);
      const std::string what = "seed " + std::to_string(seed) + " query " + std::to_string(k) +
                               ": " + date_text(q.from) + ".." + date_text(q.to) +
                               describe(q.scope);
      check_clients(w, *engine, q, what);
      check_working_days(w, *engine, q, what);
      ++queries;
      if (::testing::Test::HasFailure()) {
        FAIL() << "stopped at the first failing dataset (" << what
               << "); rerun with this seed to see it";
      }
    }
  }
  EXPECT_EQ(queries, n * 8);
}

// The walk and the engine's WorkingDays read different holiday sources; make sure the table in
// the test data covers every date the generated datasets use.
TEST(Property, HolidayTableCoversTheGeneratedDates) {
  EXPECT_LE(*days_off().begin(), kDataFirst);
  EXPECT_GE(*days_off().rbegin(), kDataLast + 60);
  EXPECT_EQ(Date{kDataFirst}.to_string(), "2018-06-01");
  EXPECT_EQ(Date{kDataLast}.to_string(), "2022-12-31");
}

}  // namespace
}  // namespace rk::engine
