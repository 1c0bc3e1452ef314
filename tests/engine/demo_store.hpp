// The demo dataset as the engine tests compute on it: generated and imported by the built program
// (RK_BINARY) into a folder of its own under the system's temporary folder, and the snapshot of
// that store. The shared setup of the test suites that check figures on the demo.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "engine/snapshot.hpp"
#include "program.hpp"
#include "store/store.hpp"

namespace rk::test {

class DemoStore {
 public:
  // Generates the demo dataset into <tmp>/rk_<name>_<pid>, imports it into demo.db there and
  // loads the store's snapshot. On failure ok() is false and error() says which step failed and
  // what the program printed.
  explicit DemoStore(const std::string& name)
      : dir_(std::filesystem::temp_directory_path() /
             ("rk_" + name + "_" + std::to_string(::getpid()))) {
    std::filesystem::create_directories(dir_);
    const std::string bin = "'" RK_BINARY "'";
    const std::string data = (dir_ / "data").string();
    std::string out;
    if (run(bin + " generate --profile demo --dir '" + data + "' 2>&1", out) != 0) {
      error_ = "generate failed:\n" + out;
      return;
    }
    if (run(bin + " import --db '" + db() + "' '" + data + "' 2>&1", out) != 0) {
      error_ = "import failed:\n" + out;
      return;
    }
    auto store = store::Store::open(db(), store::OpenOptions{});
    if (!store) {
      error_ = store.status().message();
      return;
    }
    auto snapshot = engine::Snapshot::load_or_build(**store);
    if (!snapshot) {
      error_ = snapshot.status().message();
      return;
    }
    snapshot_ = *snapshot;
  }
  ~DemoStore() { std::filesystem::remove_all(dir_); }
  DemoStore(const DemoStore&) = delete;
  DemoStore& operator=(const DemoStore&) = delete;

  [[nodiscard]] bool ok() const { return snapshot_ != nullptr; }
  [[nodiscard]] const std::string& error() const { return error_; }
  // The store's path (SQLite).
  [[nodiscard]] std::string db() const { return (dir_ / "demo.db").string(); }
  // The snapshot of the store; null when !ok().
  [[nodiscard]] const std::shared_ptr<const engine::Snapshot>& snapshot() const {
    return snapshot_;
  }

 private:
  std::filesystem::path dir_;
  std::shared_ptr<const engine::Snapshot> snapshot_;
  std::string error_;
};

}  // namespace rk::test
