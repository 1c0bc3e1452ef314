// A small dataset of contract files written by a test, imported into a SQLite store of its own
// under the system's temporary folder, and its snapshot: the shared setup of the engine tests that
// compute on hand-made records (families_test, insights_test).
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>

#include "engine/catalogue.hpp"
#include "engine/snapshot.hpp"
#include "ingest/bsn.hpp"
#include "ingest/importer.hpp"
#include "store/store.hpp"

namespace rk::engine {

class Dataset {
 public:
  explicit Dataset(const std::map<std::string, std::string>& files) {
    std::string tmpl = (std::filesystem::temp_directory_path() / "rk-dataset-XXXXXX").string();
    dir_ = ::mkdtemp(tmpl.data());
    std::filesystem::create_directories(dir_ + "/data");
    for (const auto& [name, content] : files) std::ofstream(dir_ + "/data/" + name) << content;
    auto store = store::Store::open(dir_ + "/store.db");
    EXPECT_TRUE(store.is_ok()) << store.status().message();
    store_ = std::move(*store);
    auto p = ingest::Pseudonymizer::from_key_file(dir_ + "/store.db.key");
    EXPECT_TRUE(p.is_ok());
    ingest::ImportOptions options;
    options.rejects_path = dir_ + "/rejects.csv";
    auto summary = ingest::import_paths(*store_, {dir_ + "/data"}, *p, options);
    EXPECT_TRUE(summary.is_ok());
    EXPECT_EQ(summary->rows_rejected, 0u);
    auto snapshot = Snapshot::build(*store_);
    EXPECT_TRUE(snapshot.is_ok());
    snapshot_ = *snapshot;
  }
  ~Dataset() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  Dataset(const Dataset&) = delete;
  Dataset& operator=(const Dataset&) = delete;

  // Computes one indicator; fails the test when it does not apply.
  IndicatorResult compute(const std::string& id, const std::string& from, const std::string& to,
                          const ScopeText& scope = {}, const Config& config = {}) const {
    const Catalogue catalogue = Catalogue::create(config);
    Query q;
    q.from = *parse_date(from);
    q.to = *parse_date(to);
    q.scope = resolve_scope(*snapshot_, scope);
    q.working_days = &working_days_;
    auto r = compute_one(catalogue, id, *snapshot_, q, config);
    EXPECT_TRUE(r.has_value()) << id;
    return r ? *r : IndicatorResult{};
  }
  [[nodiscard]] const Snapshot& snapshot() const { return *snapshot_; }
  [[nodiscard]] const std::shared_ptr<const Snapshot>& shared_snapshot() const { return snapshot_; }
  [[nodiscard]] const WorkingDays& working_days() const { return working_days_; }
  [[nodiscard]] bool applies(const std::string& id, const ScopeText& scope) const {
    const Config config;
    const Catalogue catalogue = Catalogue::create(config);
    Query q;
    q.from = *parse_date("2020-01-01");
    q.to = *parse_date("2020-12-31");
    q.scope = resolve_scope(*snapshot_, scope);
    q.working_days = &working_days_;
    return compute_one(catalogue, id, *snapshot_, q, config).has_value();
  }

 private:
  std::string dir_;
  std::unique_ptr<store::Store> store_;
  std::shared_ptr<const Snapshot> snapshot_;
  WorkingDays working_days_;
};

}  // namespace rk::engine
