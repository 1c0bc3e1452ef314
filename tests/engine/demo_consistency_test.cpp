// The demo dataset's figures are consistent across views (issue 3, acceptance 2): the CBS client
// identities (total = start + new, end = total - ended) overall and in every breakdown cell; the
// monthly series against the period's counts and against one-month runs; and every breakdown cell
// of every indicator in the kpi output whose dimension is a scope (municipality, area, quadrant,
// provider) equals that indicator run with that scope. The checks read the kpi JSON only, so they
// cover indicator families added later without change.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "calendar/date.hpp"
#include "calendar/period.hpp"
#include "program.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

using rk::test::run;

// The demo dataset, imported once per build of the program: ctest runs every test in its own
// process, so the store is kept in the build tree (build/tests/demo_consistency/<stamp>, the
// stamp being the program's modification time) and shared under a file lock. kpi runs are cached
// per process by their arguments.
class Demo {
 public:
  static Demo& get() {
    static Demo demo;
    return demo;
  }

  [[nodiscard]] bool ready() const { return ready_; }
  [[nodiscard]] const std::string& setup_output() const { return setup_output_; }

  // `regiekamer kpi --format json` for the period and extra arguments (e.g. "--area HLN").
  const json& kpi(const std::string& from, const std::string& to, const std::string& extra = "") {
    const std::string key = from + " " + to + " " + extra;
    auto it = cache_.find(key);
    if (it != cache_.end()) return it->second;
    std::string out;
    const std::string cmd = env_ + "'" RK_BINARY "' kpi --db '" + db_ + "' --format json --from " +
                            from + " --to " + to + " " + extra + " 2>&1";
    const int rc = run(cmd, out);
    json doc;
    if (rc != 0) {
      ADD_FAILURE() << cmd << " exited with " << rc << ":\n" << out.substr(0, 2000);
    } else {
      try {
        doc = json::parse(out);
      } catch (const std::exception& e) {
        ADD_FAILURE() << cmd << ": " << e.what() << "\n" << out.substr(0, 2000);
      }
    }
    return cache_.emplace(key, std::move(doc)).first->second;
  }

  Demo(const Demo&) = delete;
  Demo& operator=(const Demo&) = delete;
  ~Demo() = default;

 private:
  Demo() {
    const fs::path root = fs::path(RK_BINARY).parent_path().parent_path() / "tests";
    const auto stamp = fs::last_write_time(RK_BINARY).time_since_epoch().count();
    const fs::path base = root / "demo_consistency";
    const fs::path work = base / std::to_string(stamp);
    fs::create_directories(base);
    db_ = (work / "demo.db").string();
    env_ = "REGIEKAMER_KEY_FILE='" + (work / "key").string() + "' ";
    const int lock = ::open((base / "lock").c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644);
    if (lock < 0 || ::flock(lock, LOCK_EX) != 0) {
      setup_output_ = "cannot lock " + (base / "lock").string();
      return;
    }
    if (fs::exists(work / "ready")) {
      ready_ = true;
    } else {
      // Stores of earlier builds go.
      for (const auto& old : fs::directory_iterator(base))
        if (old.is_directory()) fs::remove_all(old.path());
      fs::create_directories(work);
      std::string out;
      const std::string bin = "'" RK_BINARY "'";
      int rc = run(bin + " generate --profile demo --dir '" + (work / "data").string() + "' 2>&1",
                   setup_output_);
      if (rc == 0) {
        rc = run(env_ + bin + " import --db '" + db_ + "' '" + (work / "data").string() + "' 2>&1",
                 out);
        setup_output_ += out;
      }
      fs::remove_all(work / "data");
      if (rc == 0) std::ofstream(work / "ready") << "ok\n";
      ready_ = rc == 0;
    }
    ::close(lock);  // also releases the lock
  }

  std::string db_;
  std::string env_;
  std::string setup_output_;
  bool ready_ = false;
  std::map<std::string, json> cache_;
};

struct Period {
  const char* from;
  const char* to;
};

// A year, a half-year, and a period that neither starts nor ends on a month boundary.
constexpr std::array<Period, 3> kPeriods = {
    {{"2020-01-01", "2020-12-31"}, {"2021-07-01", "2021-12-31"}, {"2019-03-15", "2019-11-20"}}};

const char* const kClientIds[] = {"clients.start", "clients.new", "clients.total", "clients.ended",
                                  "clients.end"};

// Scope dimensions: a breakdown by one of these must equal the run with that scope.
const std::set<std::string> kScopeDimensions = {"municipality", "area", "quadrant", "provider"};

class DemoConsistency : public ::testing::TestWithParam<Period> {
 protected:
  void SetUp() override { ASSERT_TRUE(Demo::get().ready()) << Demo::get().setup_output(); }
  const json& all() { return Demo::get().kpi(GetParam().from, GetParam().to); }
  const json& scoped(const std::string& dimension, const std::string& key) {
    return Demo::get().kpi(GetParam().from, GetParam().to, "--" + dimension + " '" + key + "'");
  }
};

// The calendar months from the month of `from` to the month of `to`: first and last day of each.
std::vector<std::pair<rk::Date, rk::Date>> months_of(const Period& p) {
  const rk::CivilDate from = rk::parse_date(p.from)->civil(), to = rk::parse_date(p.to)->civil();
  std::vector<std::pair<rk::Date, rk::Date>> out;
  for (int y = from.year, m = static_cast<int>(from.month);
       y < to.year || (y == to.year && m <= static_cast<int>(to.month));) {
    const rk::Date first = rk::Date::from_civil(y, static_cast<unsigned>(m), 1);
    const rk::Date last =
        first + static_cast<int32_t>(rk::days_in_month(y, static_cast<unsigned>(m))) - 1;
    out.emplace_back(first, last);
    if (++m == 13) {
      m = 1;
      ++y;
    }
  }
  return out;
}

std::string describe(const Period& p) { return std::string(p.from) + ".." + p.to; }
void PrintTo(const Period& p, std::ostream* os) { *os << describe(p); }

// A count cell or value as a number; nullopt for null, "<5", objects without value.
std::optional<double> number(const json& v) {
  if (v.is_number()) return v.get<double>();
  if (v.is_object() && v.contains("value") && v["value"].is_number())
    return v["value"].get<double>();
  return std::nullopt;
}

int64_t count(const json& indicators, const std::string& id) {
  const auto v = number(indicators.at(id).at("value"));
  EXPECT_TRUE(v.has_value()) << id;
  return v ? static_cast<int64_t>(*v) : -1;
}

TEST_P(DemoConsistency, ClientIdentitiesHoldOverall) {
  const json& ind = all()["indicators"];
  for (const char* id : kClientIds) ASSERT_TRUE(ind.contains(id)) << id;
  const int64_t start = count(ind, "clients.start"), fresh = count(ind, "clients.new");
  const int64_t total = count(ind, "clients.total"), ended = count(ind, "clients.ended");
  const int64_t end = count(ind, "clients.end");
  EXPECT_GT(total, 0) << "the demo period should have clients in care";
  EXPECT_EQ(total, start + fresh);
  EXPECT_EQ(end, total - ended);
  EXPECT_LE(start, total);
  EXPECT_LE(end, total);
  EXPECT_GE(start, 0);
  EXPECT_GE(fresh, 0);
  EXPECT_GE(ended, 0);
}

TEST_P(DemoConsistency, ClientIdentitiesHoldInEveryBreakdownCell) {
  const json& ind = all()["indicators"];
  const json& total_b = ind.at("clients.total").at("breakdown");
  ASSERT_FALSE(total_b.empty());
  int cells = 0;
  for (const auto& [dim, total_cells] : total_b.items()) {
    for (const char* id : kClientIds)
      ASSERT_TRUE(ind.at(id).at("breakdown").contains(dim)) << id << " lacks breakdown " << dim;
    for (const auto& [key, total_cell] : total_cells.items()) {
      const auto cell = [&](const char* id) -> int64_t {
        const json& cells_of = ind.at(id).at("breakdown").at(dim);
        // A cell with no records is left out: 0 (only possible for start, new, ended, end).
        return cells_of.contains(key) ? static_cast<int64_t>(number(cells_of[key]).value_or(-1))
                                      : 0;
      };
      const int64_t total = cell("clients.total");
      EXPECT_GT(total, 0) << dim << "/" << key << ": a listed cell has clients";
      EXPECT_EQ(total, cell("clients.start") + cell("clients.new")) << dim << "/" << key;
      EXPECT_EQ(cell("clients.end"), total - cell("clients.ended")) << dim << "/" << key;
      ++cells;
    }
    // Every cell of the other client counts is a cell of clients.total.
    for (const char* id : kClientIds)
      for (const auto& [key, v] : ind.at(id).at("breakdown").at(dim).items())
        EXPECT_TRUE(total_cells.contains(key)) << id << " " << dim << "/" << key;
  }
  EXPECT_GT(cells, 3);
  // Every client in care has a municipality (the trajectory's or the client's) and a quadrant:
  // those breakdowns sum to at least the total (more when clients are in several cells).
  for (const char* dim : {"municipality", "quadrant"}) {
    int64_t sum = 0;
    for (const auto& [key, v] : total_b.at(dim).items()) sum += static_cast<int64_t>(*number(v));
    EXPECT_GE(sum, count(ind, "clients.total")) << dim;
  }
}

TEST_P(DemoConsistency, MonthlySeriesIsBoundedByThePeriodCounts) {
  const Period p = GetParam();
  const json& ind = all()["indicators"];
  const json& series = ind.at("clients.monthly").at("series");
  const rk::Date from = *rk::parse_date(p.from), to = *rk::parse_date(p.to);
  const auto months = months_of(p);
  ASSERT_EQ(series.size(), months.size());
  const int64_t total = count(ind, "clients.total");
  const int64_t start = count(ind, "clients.start"), end = count(ind, "clients.end");
  int64_t sum = 0, largest = 0;
  for (size_t m = 0; m < months.size(); ++m) {
    const json& point = series[m];
    const auto [month_first, month_last] = months[m];
    EXPECT_EQ(point.at("key"), rk::month_key(month_first)) << m;
    const int64_t v = static_cast<int64_t>(number(point.at("value")).value_or(-1));
    // A month lying wholly inside the period cannot have more clients than the period.
    if (from <= month_first && month_last <= to) {
      EXPECT_LE(v, total) << point.dump();
    }
    // Clients in care on `from` (`to`) are in care in the month of `from` (`to`).
    if (m == 0) {
      EXPECT_GE(v, start) << point.dump();
    }
    if (m + 1 == months.size()) {
      EXPECT_GE(v, end) << point.dump();
    }
    EXPECT_GE(v, 0);
    sum += v;
    largest = std::max(largest, v);
  }
  // Every client of the period is in care in at least one month of the series.
  EXPECT_GE(sum, total);
  EXPECT_GE(largest, std::max(start, end));
}

TEST_P(DemoConsistency, MonthlySeriesEqualsOneMonthRuns) {
  const json& series = all()["indicators"].at("clients.monthly").at("series");
  const auto months = months_of(GetParam());
  ASSERT_EQ(series.size(), months.size());
  for (size_t m = 0; m < months.size(); ++m) {
    const json& month = Demo::get().kpi(months[m].first.to_string(), months[m].second.to_string());
    EXPECT_EQ(number(series[m].at("value")), number(month["indicators"]["clients.total"]["value"]))
        << series[m].at("key");
    const json& one = month["indicators"]["clients.monthly"]["series"];
    ASSERT_EQ(one.size(), 1u);
    EXPECT_EQ(one[0], series[m]);
  }
}

// Compares a breakdown cell with the indicator run with that scope: value, values, numerator and
// denominator, as far as the cell gives them.
void expect_cell_equals(const std::string& what, const json& cell, const json& run) {
  const auto same = [&](const std::string& field, const json& a, const json* b) {
    if (b == nullptr) {
      ADD_FAILURE() << what << ": " << field << " " << a.dump() << " but the scoped run has none";
      return;
    }
    if (a.is_number() && b->is_number()) {
      EXPECT_NEAR(a.get<double>(), b->get<double>(),
                  1e-9 * std::max(1.0, std::fabs(a.get<double>())))
          << what << ": " << field;
    } else {
      EXPECT_EQ(a, *b) << what << ": " << field;
    }
  };
  const auto field = [&](const char* name) -> const json* {
    auto it = run.find(name);
    return it == run.end() ? nullptr : &*it;
  };
  if (!cell.is_object()) {
    same("value", cell, field("value"));
    return;
  }
  for (const char* name : {"value", "values", "numerator", "denominator"})
    if (cell.contains(name)) same(name, cell[name], field(name));
}

TEST_P(DemoConsistency, BreakdownCellsEqualScopedRuns) {
  const json& ind = all()["indicators"];
  int compared = 0;
  std::set<std::string> indicators;
  for (const auto& [id, indicator] : ind.items()) {
    if (!indicator.contains("breakdown")) continue;
    for (const auto& [dim, cells] : indicator["breakdown"].items()) {
      if (!kScopeDimensions.contains(dim)) continue;
      for (const auto& [key, cell] : cells.items()) {
        // Two-dimensional tables ({key: {key: cell}}) have no figure of their own to compare.
        if (cell.is_object() && !cell.contains("value") && !cell.contains("values")) continue;
        const json& scoped_ind = scoped(dim, key)["indicators"];
        const std::string what = id + " " + dim + "/" + key + " (" + describe(GetParam()) + ")";
        if (!scoped_ind.contains(id)) {
          ADD_FAILURE() << what << ": the indicator has this breakdown but no run with --" << dim;
          continue;
        }
        expect_cell_equals(what, cell, scoped_ind[id]);
        ++compared;
        indicators.insert(id);
      }
    }
  }
  EXPECT_GT(compared, 0);
  // The client counts are there today; later families add themselves.
  for (const char* id : kClientIds) EXPECT_TRUE(indicators.contains(id)) << id;
}

// A run with a scope breaks down, in that scope's dimension, into that one cell only (when it
// breaks down by it at all), and the cell equals the run's own figure.
TEST_P(DemoConsistency, ScopedRunsBreakDownIntoTheirOwnCell) {
  const json& ind = all()["indicators"];
  int compared = 0;
  for (const auto& [id, indicator] : ind.items()) {
    if (!indicator.contains("breakdown")) continue;
    for (const auto& [dim, cells] : indicator["breakdown"].items()) {
      if (!kScopeDimensions.contains(dim)) continue;
      for (const auto& [key, cell] : cells.items()) {
        const json& scoped_ind = scoped(dim, key)["indicators"];
        if (!scoped_ind.contains(id)) continue;  // reported by BreakdownCellsEqualScopedRuns
        const json& run = scoped_ind[id];
        const std::string what = id + " --" + dim + " " + key + " (" + describe(GetParam()) + ")";
        // Only a manual indicator leaves the breakdown out under a scope (its value per
        // municipality is just the value, docs/indicators.md); every other one gives its cell.
        if (id.starts_with("manual.") &&
            (!run.contains("breakdown") || !run["breakdown"].contains(dim)))
          continue;
        ASSERT_TRUE(run.contains("breakdown") && run["breakdown"].contains(dim)) << what;
        const json& own = run["breakdown"][dim];
        ASSERT_EQ(own.size(), 1u) << what << ": " << own.dump();
        ASSERT_TRUE(own.contains(key)) << what << ": " << own.dump();
        if (own[key].is_object() && !own[key].contains("value") && !own[key].contains("values"))
          continue;
        expect_cell_equals(what + " own cell", own[key], run);
        ++compared;
      }
    }
  }
  EXPECT_GT(compared, 0);
}

INSTANTIATE_TEST_SUITE_P(Periods, DemoConsistency, ::testing::ValuesIn(kPeriods),
                         [](const ::testing::TestParamInfo<Period>& param_info) {
                           std::string n = describe(param_info.param);
                           for (char& c : n)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return n;
                         });

}  // namespace
