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
  std::vector<std::string> messages;  // parts of the message of an import refused as a whole
  std::map<std::string, uint64_t> imported;
  std::set<std::tuple<std::string, uint64_t, std::string>> rejected;
  std::set<std::string> file_rejected;
  std::vector<std::string> bsns;
};

// A file name: a word, or in double quotes when it holds spaces ("data.xlsx [blad clients]").
std::string read_name(std::istringstream& ss) {
  std::string name;
  ss >> name;
  if (!name.starts_with('"')) return name;
  while (!name.ends_with('"') || name.size() == 1) {
    std::string more;
    if (!(ss >> more)) break;
    name += " " + more;
  }
  return name.substr(1, name.size() - 2);
}

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
    } else if (word == "message") {
      std::string text;
      std::getline(ss >> std::ws, text);
      e.messages.push_back(text);
    } else if (word == "imported") {
      const std::string f = read_name(ss);
      uint64_t n = 0;
      ss >> n;
      e.imported[f] = n;
    } else if (word == "rejected") {
      const std::string f = read_name(ss);
      std::string col;
      uint64_t n = 0;
      ss >> n >> col;
      e.rejected.emplace(f, n, col == "-" ? "" : col);
    } else if (word == "file-rejected") {
      e.file_rejected.insert(read_name(ss));
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
  auto result = fx.try_import({dir.string()});
  if (!result) {  // refused as a whole (a bad mapping file): nothing imported
    EXPECT_EQ(exit_code(result.status()), want.exit) << result.status().message();
    for (const auto& m : want.messages)
      EXPECT_NE(result.status().message().find(m), std::string::npos) << result.status().message();
    EXPECT_TRUE(want.imported.empty() && want.rejected.empty());
    return;
  }
  const auto& summary = *result;
  EXPECT_TRUE(want.messages.empty());
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
