// Golden datasets (tests/data/golden/README.md): small datasets counted by hand. Each
// expected*.json is one `regiekamer kpi` run; the runner imports the case into a fresh store with
// the real program, runs kpi with the file's arguments and compares only the fields written.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "program.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct GoldenCase {
  std::string name;  // case/expected file, for the test name
  fs::path dir;
  fs::path expected;
};

void PrintTo(const GoldenCase& c, std::ostream* os) { *os << c.name; }

std::vector<GoldenCase> discover() {
  std::vector<GoldenCase> cases;
  const fs::path root = fs::path(RK_TEST_DATA) / "golden";
  for (const auto& entry : fs::directory_iterator(root)) {
    if (!entry.is_directory()) continue;
    for (const auto& file : fs::directory_iterator(entry.path())) {
      const std::string fname = file.path().filename().string();
      if (fname.starts_with("expected") && fname.ends_with(".json")) {
        cases.push_back({entry.path().filename().string() + "_" + file.path().stem().string(),
                         entry.path(), file.path()});
      }
    }
  }
  std::sort(cases.begin(), cases.end(),
            [](const GoldenCase& a, const GoldenCase& b) { return a.name < b.name; });
  return cases;
}

using rk::test::run;

std::string quote(const std::string& s) { return rk::test::shell_quote(s); }

class Comparer {
 public:
  std::vector<std::string> errors;

  // Compares `want` against `got`: objects by the keys written in `want`, arrays element-wise,
  // numbers with absolute tolerance 1e-6, everything else exactly. A missing key in `got` counts
  // as null.
  void compare(const std::string& path, const json& want, const json* got) {
    if (want.is_object()) {
      if (got == nullptr || !got->is_object()) {
        fail(path, want, got);
        return;
      }
      for (const auto& [key, value] : want.items()) {
        const auto it = got->find(key);
        compare(path + "." + key, value, it == got->end() ? nullptr : &*it);
      }
      return;
    }
    if (want.is_array()) {
      if (got == nullptr || !got->is_array()) {
        fail(path, want, got);
        return;
      }
      compare_array(path, want, *got);
      return;
    }
    if (want.is_null()) {
      if (got != nullptr && !got->is_null()) fail(path, want, got);
      return;
    }
    if (want.is_number()) {
      if (got == nullptr || !got->is_number() ||
          std::fabs(want.get<double>() - got->get<double>()) > 1e-6) {
        fail(path, want, got);
      }
      return;
    }
    if (got == nullptr || *got != want) fail(path, want, got);
  }

 private:
  // Series: every point written must be there, with the same keys in the same order.
  void compare_array(const std::string& path, const json& want, const json& got) {
    const bool keyed = !want.empty() && want.front().is_object() && want.front().contains("key");
    if (keyed) {
      std::vector<std::string> want_keys;
      std::vector<std::string> got_keys;
      for (const auto& p : want) want_keys.push_back(p.value("key", ""));
      for (const auto& p : got) {
        got_keys.push_back(p.is_object() && p.contains("key") ? p["key"].dump() : "?");
      }
      if (want.size() != got.size()) {
        errors.push_back(path + ": " + std::to_string(want.size()) + " points expected, got " +
                         std::to_string(got.size()) + ": " + got.dump());
        return;
      }
    } else if (want.size() != got.size()) {
      fail(path, want, &got);
      return;
    }
    for (size_t i = 0; i < want.size(); ++i) {
      compare(path + "[" + std::to_string(i) + "]", want[i], &got[i]);
    }
  }

  void fail(const std::string& path, const json& want, const json* got) {
    errors.push_back(path + ": expected " + want.dump() + ", got " +
                     (got == nullptr ? std::string("(missing)") : got->dump()));
  }
};

class Golden : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(Golden, MatchesHandCountedFigures) {
  const GoldenCase& c = GetParam();
  json expected;
  {
    std::ifstream in(c.expected);
    ASSERT_TRUE(in) << c.expected;
    expected = json::parse(in);
  }
  ASSERT_TRUE(expected.contains("args"));
  ASSERT_TRUE(expected.contains("indicators"));
  ASSERT_FALSE(expected["indicators"].empty());

  const fs::path work =
      fs::temp_directory_path() / ("rk_golden_" + c.name + "_" + std::to_string(::getpid()));
  fs::remove_all(work);
  fs::create_directories(work);
  const std::string db = (work / "golden.db").string();
  const std::string env = "REGIEKAMER_KEY_FILE=" + quote((work / "key").string()) + " ";
  const std::string bin = quote(RK_BINARY);

  std::string out;
  const int import_rc =
      run(env + bin + " import --db " + quote(db) + " " + quote(c.dir.string()) + " 2>&1", out);
  ASSERT_EQ(import_rc, 0) << "a golden case must import without rejects:\n" << out;

  const json& args = expected["args"];
  std::string cmd = env + bin + " kpi --db " + quote(db) + " --format json";
  cmd += " --from " + quote(args.at("from").get<std::string>());
  cmd += " --to " + quote(args.at("to").get<std::string>());
  for (const char* scope : {"municipality", "area", "quadrant", "provider", "role"}) {
    if (args.contains(scope)) cmd += std::string(" --") + scope + " " + quote(args[scope]);
  }
  if (fs::exists(c.dir / "config.json"))
    cmd += " --config " + quote((c.dir / "config.json").string());
  const int kpi_rc = run(cmd + " 2>" + quote((work / "kpi.err").string()), out);
  std::string err;
  {
    std::ifstream e(work / "kpi.err");
    std::stringstream ss;
    ss << e.rdbuf();
    err = ss.str();
  }
  ASSERT_EQ(kpi_rc, 0) << cmd << "\n" << err;
  json got;
  ASSERT_NO_THROW(got = json::parse(out)) << out;
  ASSERT_TRUE(got.contains("indicators")) << out.substr(0, 2000);

  static const std::array<const char*, 8> kFields = {"value",  "values", "numerator", "denominator",
                                                     "status", "series", "breakdown", "suppressed"};
  int checked = 0;
  for (const auto& [key, entry] : expected["indicators"].items()) {
    const std::string id = key.substr(0, key.find('#'));
    const auto it = got["indicators"].find(id);
    if (it == got["indicators"].end()) {
      ADD_FAILURE() << c.name << ": indicator " << id << " missing from kpi output";
      continue;
    }
    Comparer cmp;
    for (const char* field : kFields) {
      if (!entry.contains(field)) continue;
      const auto g = it->find(field);
      cmp.compare(std::string(field), entry[field], g == it->end() ? nullptr : &*g);
      ++checked;
    }
    for (const auto& e : cmp.errors) {
      ADD_FAILURE() << c.name << " " << key << " " << e
                    << "\n  why: " << entry.value("why", std::string("-"));
    }
  }
  EXPECT_GT(checked, 0) << "nothing compared in " << c.expected;
  fs::remove_all(work);
}

INSTANTIATE_TEST_SUITE_P(Cases, Golden, ::testing::ValuesIn(discover()),
                         [](const ::testing::TestParamInfo<GoldenCase>& param_info) {
                           std::string n = param_info.param.name;
                           for (char& ch : n) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return n;
                         });

}  // namespace
