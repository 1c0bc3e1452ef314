// Helpers for import tests: a temporary folder with CSV files and a store in it.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "ingest/importer.hpp"
#include "store/sqlite_store.hpp"

namespace rk::testing {

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "rk-test-XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] std::string file(const std::string& name) const { return path_ + "/" + name; }
  void write(const std::string& name, const std::string& content) const {
    std::filesystem::create_directories(std::filesystem::path(file(name)).parent_path());
    std::ofstream(file(name), std::ios::binary) << content;
  }

 private:
  std::string path_;
};

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// One entry of the reject file.
struct Reject {
  std::string file;
  uint64_t line;
  std::string column;
  std::string reason;
};

std::vector<Reject> read_rejects(const std::string& path);

// A store plus importer in a temporary folder.
class ImportFixture {
 public:
  ImportFixture();
  // Imports `paths` (default: the fixture's data folder); returns the summary or fails the test.
  ingest::ImportSummary import(std::vector<std::string> paths = {}, bool replace = false);
  // The same, for an import that may fail as a whole (a refused mapping file).
  Result<ingest::ImportSummary> try_import(const std::vector<std::string>& paths);
  // The same with `options` (their reject file set to the fixture's).
  Result<ingest::ImportSummary> try_import(const std::vector<std::string>& paths,
                                           ingest::ImportOptions options);
  [[nodiscard]] store::Store& store() { return *store_; }
  [[nodiscard]] const TempDir& dir() const { return dir_; }
  [[nodiscard]] std::string data_dir() const { return dir_.file("data"); }
  void write_data(const std::string& name, const std::string& content) const {
    dir_.write("data/" + name, content);
  }
  [[nodiscard]] std::vector<Reject> rejects() const { return read_rejects(rejects_path()); }
  [[nodiscard]] std::string rejects_path() const { return dir_.file("store.db.rejects.csv"); }
  [[nodiscard]] std::string db_path() const { return dir_.file("store.db"); }
  int64_t count(model::Kind kind);

 private:
  TempDir dir_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<ingest::Pseudonymizer> pseudonymizer_;
};

}  // namespace rk::testing
