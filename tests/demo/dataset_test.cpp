// The demo dataset: deterministic, valid against the contract, every reference resolvable, and
// of the size and shape of the seed report.
#include "demo/dataset.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "calendar/date.hpp"
#include "ingest/bsn.hpp"
#include "model/contract.hpp"

namespace rk::demo {
namespace {

namespace fs = std::filesystem;
using model::FieldType;
using model::Kind;

// One CSV file of the dataset; the generator quotes nothing, so a plain split suffices.
struct Table {
  std::string header;
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;

  [[nodiscard]] size_t col(const std::string& name) const {
    const auto it = std::find(columns.begin(), columns.end(), name);
    EXPECT_NE(it, columns.end()) << name;
    return static_cast<size_t>(it - columns.begin());
  }
};

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, ',')) out.push_back(field);
  if (!line.empty() && line.back() == ',') out.emplace_back();
  return out;
}

Table load(const fs::path& file) {
  Table t;
  std::ifstream in(file);
  std::getline(in, t.header);
  t.columns = split(t.header);
  std::string line;
  while (std::getline(in, line)) t.rows.push_back(split(line));
  return t;
}

std::string read_bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

bool passes_eleven_test(const std::string& bsn) {
  if (bsn.size() != 9 || bsn == "000000000") return false;
  int sum = 0;
  for (size_t i = 0; i < 9; ++i) {
    if (bsn[i] < '0' || bsn[i] > '9') return false;
    const int d = bsn[i] - '0';
    sum += i < 8 ? d * static_cast<int>(9 - i) : -d;
  }
  return sum % 11 == 0;
}

fs::path temp_dir(const std::string& name) {
  return fs::temp_directory_path() / ("rk_demo_" + name + "_" + std::to_string(::getpid()));
}

class DemoDataset : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = temp_dir("a");
    auto summary = write_dataset(dir_.string(), demo_params());
    ASSERT_TRUE(summary.is_ok()) << summary.status().message();
    summary_ = summary.value();
    for (const model::TableSpec& t : model::contract())
      tables_[t.kind] = load(dir_ / std::string(t.file));
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }

  static const Table& table(Kind k) { return tables_.at(k); }

  static inline fs::path dir_;
  static inline DatasetSummary summary_;
  static inline std::map<Kind, Table> tables_;
};

TEST_F(DemoDataset, WritesEveryFileWithTheContractsColumns) {
  for (const model::TableSpec& t : model::contract()) {
    std::string expected;
    for (const model::FieldSpec& f : t.fields) {
      if (f.derived) continue;
      expected += (expected.empty() ? "" : ",") + std::string(f.name);
      if (t.kind == Kind::kClients && f.name == "client_id") expected += ",bsn";
    }
    const Table& csv = table(t.kind);
    EXPECT_EQ(csv.header, expected) << t.file;
    EXPECT_FALSE(csv.rows.empty()) << t.file;
    EXPECT_EQ(summary_.rows_per_file.at(std::string(t.file)), csv.rows.size()) << t.file;
    for (const auto& row : csv.rows) ASSERT_EQ(row.size(), csv.columns.size()) << t.file;
  }
  EXPECT_GT(summary_.bytes, 1000000u);
}

TEST_F(DemoDataset, EveryValueIsValidForItsColumn) {
  for (const model::TableSpec& t : model::contract()) {
    const Table& csv = table(t.kind);
    for (const model::FieldSpec& f : t.fields) {
      if (f.derived) continue;
      const size_t c = csv.col(std::string(f.name));
      for (const auto& row : csv.rows) {
        const std::string& v = row[c];
        const std::string where = std::string(t.file) + "." + std::string(f.name) + " = " + v;
        if (v.empty()) {
          EXPECT_FALSE(f.required && !(t.kind == Kind::kClients && f.name == "client_id")) << where;
          continue;
        }
        EXPECT_EQ(v.find_first_of("\"\r\n"), std::string::npos) << where;
        switch (f.type) {
          case FieldType::kId:
            EXPECT_LE(v.size(), 64u) << where;
            break;
          case FieldType::kDate:
            EXPECT_TRUE(parse_date(v).has_value()) << where;
            break;
          case FieldType::kTimestamp:
            EXPECT_TRUE(parse_timestamp(v).has_value()) << where;
            break;
          case FieldType::kMonth:
            EXPECT_TRUE(parse_month(v).has_value()) << where;
            break;
          case FieldType::kBool:
            EXPECT_TRUE(v == "true" || v == "false") << where;
            break;
          case FieldType::kEnum:
            EXPECT_NE(std::find(f.enum_values.begin(), f.enum_values.end(), v), f.enum_values.end())
                << where;
            break;
          case FieldType::kMunicipalityCode:
            EXPECT_TRUE(v.size() == 6 && v.rfind("GM", 0) == 0) << where;
            break;
          case FieldType::kInt:
          case FieldType::kNumber:
          case FieldType::kMoney: {
            const double d = std::stod(v);
            EXPECT_GE(d, f.min) << where;
            EXPECT_LE(d, f.max) << where;
            break;
          }
          default:
            break;
        }
      }
    }
  }
}

TEST_F(DemoDataset, StepsAndPeriodsAreInOrder) {
  for (const model::TableSpec& t : model::contract()) {
    const Table& csv = table(t.kind);
    for (const model::OrderRule& rule : t.order) {
      const size_t a = csv.col(std::string(rule.earlier));
      const size_t b = csv.col(std::string(rule.later));
      for (const auto& row : csv.rows) {
        if (row[a].empty() || row[b].empty()) continue;
        // Same fixed-width ISO format on both sides, so text order is time order.
        EXPECT_LE(row[a], row[b]) << t.file << " " << rule.earlier << " > " << rule.later;
      }
    }
  }
  const Table& traj = table(Kind::kTrajectories);
  for (const auto& row : traj.rows)
    EXPECT_EQ(row[traj.col("end_date")].empty(), row[traj.col("end_reason")].empty());
  const Table& req = table(Kind::kRequests);
  for (const auto& row : req.rows) {
    // A later step never appears without the earlier one.
    if (!row[req.col("intake_at")].empty()) {
      EXPECT_FALSE(row[req.col("complete_at")].empty());
    }
    if (!row[req.col("matched_at")].empty()) {
      EXPECT_FALSE(row[req.col("core_team_at")].empty());
    }
    EXPECT_EQ(row[req.col("matched_at")].empty(), row[req.col("match")].empty());
    EXPECT_EQ(row[req.col("referrer")] == "gp", !row[req.col("gp_practice")].empty());
  }
}

TEST_F(DemoDataset, EveryReferenceResolves) {
  std::map<int, std::set<std::string>> keys;
  for (const model::TableSpec& t : model::contract())
    if (t.key.size() == 1) {
      const Table& csv = table(t.kind);
      const size_t c = csv.col(std::string(t.key[0]));
      for (const auto& row : csv.rows) {
        EXPECT_TRUE(keys[static_cast<int>(t.kind)].insert(row[c]).second)
            << t.file << " duplicate key " << row[c];
      }
    }
  for (const model::TableSpec& t : model::contract()) {
    const Table& csv = table(t.kind);
    for (const model::FieldSpec& f : t.fields) {
      if (f.references < 0 || f.derived) continue;
      const size_t c = csv.col(std::string(f.name));
      for (const auto& row : csv.rows)
        if (!row[c].empty()) {
          EXPECT_TRUE(keys[f.references].count(row[c])) << t.file << "." << f.name << " " << row[c];
        }
    }
  }
  // A client's area lies in the client's municipality; trajectories belong to the request's client.
  std::map<std::string, std::string> area_municipality;
  const Table& areas = table(Kind::kAreas);
  for (const auto& row : areas.rows) area_municipality[row[0]] = row[areas.col("municipality")];
  const Table& clients = table(Kind::kClients);
  std::set<std::string> families;
  for (const auto& row : clients.rows) {
    const std::string& area = row[clients.col("area_id")];
    if (!area.empty()) {
      EXPECT_EQ(area_municipality[area], row[clients.col("municipality")]);
    }
    families.insert(row[clients.col("family_id")]);
  }
  std::map<std::string, std::string> request_client;
  const Table& req = table(Kind::kRequests);
  for (const auto& row : req.rows) request_client[row[0]] = row[req.col("client_id")];
  const Table& traj = table(Kind::kTrajectories);
  for (const auto& row : traj.rows) {
    const std::string& r = row[traj.col("request_id")];
    if (!r.empty()) {
      EXPECT_EQ(request_client[r], row[traj.col("client_id")]);
    }
  }
  const Table& audits = table(Kind::kFamilyAudits);
  for (const auto& row : audits.rows) EXPECT_TRUE(families.count(row[audits.col("family_id")]));
  // Staffing names an area team (areas.team) or a municipality.
  std::set<std::string> teams;
  for (const auto& row : areas.rows) teams.insert(row[areas.col("team")]);
  for (const auto& row : table(Kind::kMunicipalities).rows) teams.insert(row[1]);
  for (const auto& row : table(Kind::kStaffing).rows) EXPECT_TRUE(teams.count(row[1])) << row[1];
}

TEST_F(DemoDataset, BsnsPassTheElevenTestAndAreUnique) {
  const Table& clients = table(Kind::kClients);
  std::set<std::string> seen;
  for (const auto& row : clients.rows) {
    EXPECT_FALSE(row[clients.col("client_id")].empty());
    const std::string& bsn = row[clients.col("bsn")];
    if (bsn.empty()) continue;
    EXPECT_TRUE(passes_eleven_test(bsn)) << bsn;
    EXPECT_TRUE(seen.insert(bsn).second) << bsn;
  }
  EXPECT_GT(seen.size(), clients.rows.size() * 15 / 100);
  EXPECT_LT(seen.size(), clients.rows.size() * 25 / 100);
}

TEST_F(DemoDataset, HasTheSizeAndShapeOfTheSeedReport) {
  EXPECT_EQ(table(Kind::kMunicipalities).rows.size(), 3u);
  EXPECT_EQ(table(Kind::kAreas).rows.size(), 7u);
  EXPECT_EQ(table(Kind::kClients).rows.size(), 4000u);

  const Table& req = table(Kind::kRequests);
  std::map<std::string, int> per_month;
  int in_2020 = 0, gp = 0, urgent = 0;
  for (const auto& row : req.rows) {
    const std::string& at = row[req.col("received_at")];
    if (at.rfind("2020", 0) != 0) continue;
    ++in_2020;
    ++per_month[at.substr(5, 2)];
    gp += row[req.col("referrer")] == "gp";
    urgent += row[req.col("urgent")] == "true";
  }
  EXPECT_GT(in_2020, 4000);
  EXPECT_LT(in_2020, 6000);
  EXPECT_GT(gp * 100, in_2020 * 33);
  EXPECT_LT(gp * 100, in_2020 * 42);
  EXPECT_GT(urgent * 1000, in_2020 * 15);
  EXPECT_LT(urgent * 1000, in_2020 * 50);
  EXPECT_LT(per_month["08"] * 10, per_month["10"] * 8);  // summer dip
  EXPECT_LT(per_month["12"], per_month["11"]);

  const Table& traj = table(Kind::kTrajectories);
  std::map<std::string, int> quadrant;
  int ended = 0, plan = 0;
  for (const auto& row : traj.rows) {
    ++quadrant[row[traj.col("quadrant")]];
    if (row[traj.col("end_date")].empty()) continue;
    ++ended;
    plan += row[traj.col("end_reason")] == "plan";
  }
  const auto n = static_cast<int>(traj.rows.size());
  EXPECT_NEAR(quadrant["K1"] * 100.0 / n, 15, 5);
  EXPECT_NEAR(quadrant["K2"] * 100.0 / n, 45, 6);
  EXPECT_NEAR(quadrant["K3"] * 100.0 / n, 40, 6);
  EXPECT_NEAR(plan * 100.0 / ended, 75, 6);

  // Clients in care and waiting on 2020-03-31.
  const std::string day = "2020-03-31";
  std::set<std::string> in_care, waiting;
  for (const auto& row : traj.rows) {
    const std::string& end = row[traj.col("end_date")];
    if (row[traj.col("start_date")] <= day && (end.empty() || end >= day))
      in_care.insert(row[traj.col("client_id")]);
  }
  const Table& wl = table(Kind::kWaitlist);
  for (const auto& row : wl.rows) {
    const std::string& until = row[wl.col("until")];
    if (row[wl.col("since")] <= day && (until.empty() || until > day))
      waiting.insert(row[wl.col("client_id")]);
  }
  EXPECT_GT(in_care.size(), 1700u);
  EXPECT_LT(in_care.size(), 2700u);
  EXPECT_GT(waiting.size(), 300u);
  EXPECT_LT(waiting.size(), 600u);

  const Table& budgets = table(Kind::kBudgets);
  for (const auto& row : budgets.rows) {
    if (row[0] != "2020") continue;
    const double lump = std::stod(row[budgets.col("lump_sum")]);
    if (row[1] == "GM0917") {
      EXPECT_NEAR(lump, 20e6, 3e6);
    }
    if (row[1] == "GM0882") {
      EXPECT_NEAR(lump, 8.5e6, 1.5e6);
    }
    if (row[1] == "GM0986") {
      EXPECT_NEAR(lump, 2e6, 0.5e6);
    }
  }
  const Table& costs = table(Kind::kCosts);
  bool shared = false, negative = false;
  for (const auto& row : costs.rows) {
    shared |= row[costs.col("municipality")].empty();
    negative |= row[costs.col("amount")][0] == '-';
  }
  EXPECT_TRUE(shared);
  EXPECT_TRUE(negative);
  EXPECT_EQ(table(Kind::kProjects).rows.size(), 6u);
}

TEST_F(DemoDataset, SocialMapHasAFewActivitiesInEveryArea) {
  const Table& act = table(Kind::kActivities);
  std::map<std::string, int> per_area;
  std::set<std::string> keys, with_team_hour;
  for (const auto& row : act.rows) {
    const std::string& area = row[act.col("area")];
    ++per_area[area];
    EXPECT_TRUE(
        keys.insert(row[act.col("provider")] + "|" + area + "|" + row[act.col("name")]).second)
        << "activity twice: " << row[act.col("name")] << " in " << area;
    if (row[act.col("name")] == "Opvoedspreekuur") with_team_hour.insert(area);
    const std::string& contact = row[act.col("contact")];
    EXPECT_FALSE(contact.empty());
    EXPECT_FALSE(ingest::holds_bsn_shaped(contact, ingest::BsnContext::kText)) << contact;
  }
  EXPECT_EQ(per_area.size(), table(Kind::kAreas).rows.size());
  for (const auto& [area, n] : per_area) {
    EXPECT_GE(n, 4) << area;
    EXPECT_LE(n, 10) << area;
  }
  EXPECT_EQ(with_team_hour.size(), per_area.size());
}

TEST(DemoDatasetDeterminism, SameSeedSameBytesOtherSeedOtherBytes) {
  const fs::path a = temp_dir("det_a"), b = temp_dir("det_b"), c = temp_dir("det_c");
  ASSERT_TRUE(write_dataset(a.string(), demo_params()).is_ok());
  ASSERT_TRUE(write_dataset(b.string(), demo_params()).is_ok());
  DatasetParams other = demo_params();
  other.seed = 7;
  ASSERT_TRUE(write_dataset(c.string(), other).is_ok());
  for (const model::TableSpec& t : model::contract()) {
    const std::string file(t.file);
    EXPECT_EQ(read_bytes(a / file), read_bytes(b / file)) << file;
  }
  EXPECT_NE(read_bytes(a / "requests.csv"), read_bytes(c / "requests.csv"));
  for (const fs::path& d : {a, b, c}) fs::remove_all(d);
}

TEST(DemoDatasetParams, ProfilesAndInvalidParameters) {
  EXPECT_EQ(national_params().municipalities, 344);
  EXPECT_EQ(national_params().clients, 1000000u);
  EXPECT_FALSE(params_for_profile("galaxy").is_ok());
  DatasetParams p = demo_params();
  p.clients = 0;
  const auto r = write_dataset(temp_dir("bad").string(), p);
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().kind(), ErrorKind::kUsage);
}

// Generates the national profile (about a gigabyte); run by hand with
// --gtest_also_run_disabled_tests --gtest_filter='*National*'.
TEST(DemoDatasetNational, DISABLED_GeneratesTheNationalProfile) {
  const fs::path dir = temp_dir("national");
  const auto r = write_dataset(dir.string(), national_params());
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  for (const auto& [file, rows] : r->rows_per_file)
    std::printf("%-22s %10llu rows %12llu bytes\n", file.c_str(),
                static_cast<unsigned long long>(rows),
                static_cast<unsigned long long>(r->bytes_per_file.at(file)));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace rk::demo
