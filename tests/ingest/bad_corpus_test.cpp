// Runs every case of tests/data/bad/ (see its README): exact reject entries, imported counts,
// exit code, and no BSN in the store or the reject file.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "test_dataset.hpp"

namespace rk::testing {
namespace {

namespace fs = std::filesystem;

struct Expectation {
  int exit = -1;
  std::map<std::string, uint64_t> imported;
  std::set<std::tuple<std::string, uint64_t, std::string>> rejected;
  std::set<std::string> file_rejected;
  std::vector<std::string> bsns;
};

Expectation read_expect(const fs::path& file) {
  Expectation e;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream ss(line);
    std::string word;
    ss >> word;
    if (word == "exit") {
      ss >> e.exit;
    } else if (word == "imported") {
      std::string f;
      uint64_t n = 0;
      ss >> f >> n;
      e.imported[f] = n;
    } else if (word == "rejected") {
      std::string f;
      std::string col;
      uint64_t n = 0;
      ss >> f >> n >> col;
      e.rejected.emplace(f, n, col == "-" ? "" : col);
    } else if (word == "file-rejected") {
      std::string f;
      ss >> f;
      e.file_rejected.insert(f);
    } else if (word == "bsn") {
      std::string b;
      ss >> b;
      e.bsns.push_back(b);
    } else {
      ADD_FAILURE() << file << ": unknown statement " << line;
    }
  }
  return e;
}

std::vector<std::string> cases() {
  std::vector<std::string> out;
  for (const auto& entry : fs::directory_iterator(std::string(RK_TEST_DATA) + "/bad"))
    if (entry.is_directory()) out.push_back(entry.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

class BadCorpus : public ::testing::TestWithParam<std::string> {};

TEST_P(BadCorpus, RejectsExactlyTheBadRows) {
  const fs::path dir = fs::path(RK_TEST_DATA) / "bad" / GetParam();
  const Expectation want = read_expect(dir / "expect");
  ImportFixture fx;
  const auto summary = fx.import({dir.string()});
  const int exit = summary.rows_rejected > 0 || summary.files_rejected > 0 ? 3 : 0;
  EXPECT_EQ(exit, want.exit);

  std::map<std::string, uint64_t> imported;
  for (const auto& f : summary.files) imported[fs::path(f.path).filename().string()] = f.imported;
  for (const auto& [file, n] : want.imported) EXPECT_EQ(imported[file], n) << file;

  std::set<std::tuple<std::string, uint64_t, std::string>> got;
  std::map<std::string, int> file_entries;
  for (const auto& r : fx.rejects()) {
    const std::string name = fs::path(r.file).filename().string();
    if (want.file_rejected.count(name)) {
      EXPECT_EQ(r.column, "") << name << " line " << r.line;
      ++file_entries[name];
      continue;
    }
    EXPECT_FALSE(r.reason.empty());
    got.emplace(name, r.line, r.column);
  }
  EXPECT_EQ(got, want.rejected);
  for (const auto& f : want.file_rejected) EXPECT_GT(file_entries[f], 0) << f;

  const std::string db = read_file(fx.db_path());
  const std::string rejects = read_file(fx.rejects_path());
  for (const auto& bsn : want.bsns) {
    EXPECT_EQ(db.find(bsn), std::string::npos) << "BSN in store";
    EXPECT_EQ(rejects.find(bsn), std::string::npos) << "BSN in reject file";
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, BadCorpus, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<std::string>& p) { return p.param; });

TEST(BadCorpusSize, HasAtLeastTwentyCases) { EXPECT_GE(cases().size(), 20u); }

}  // namespace
}  // namespace rk::testing
