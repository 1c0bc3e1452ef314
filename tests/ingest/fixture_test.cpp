// Implementation of the import test helpers (kept in a *_test.cpp so the test glob builds it).
#include <gtest/gtest.h>

#include "ingest/csv_reader.hpp"
#include "test_dataset.hpp"

namespace rk::testing {

std::vector<Reject> read_rejects(const std::string& path) {
  std::vector<Reject> out;
  auto reader = ingest::CsvReader::open(path);
  if (!reader) return out;
  ingest::CsvRecord rec;
  bool header = true;
  while ((*reader)->next(rec)) {
    if (header) {
      header = false;
      continue;
    }
    if (rec.fields.size() < 4) continue;
    out.push_back({std::string(rec.fields[0]), std::stoull(std::string(rec.fields[1])),
                   std::string(rec.fields[2]), std::string(rec.fields[3])});
  }
  return out;
}

ImportFixture::ImportFixture() {
  auto s = store::Store::open(db_path());
  EXPECT_TRUE(s.is_ok()) << s.status().message();
  store_ = std::move(*s);
  auto p = ingest::Pseudonymizer::from_key_file(dir_.file("store.db.key"));
  EXPECT_TRUE(p.is_ok()) << p.status().message();
  pseudonymizer_ = std::make_unique<ingest::Pseudonymizer>(*p);
}

ingest::ImportSummary ImportFixture::import(std::vector<std::string> paths, bool replace) {
  if (paths.empty()) paths.push_back(data_dir());
  ingest::ImportOptions options;
  options.replace = replace;
  options.rejects_path = rejects_path();
  auto summary = ingest::import_paths(*store_, paths, *pseudonymizer_, options);
  EXPECT_TRUE(summary.is_ok()) << summary.status().message();
  return summary ? *summary : ingest::ImportSummary{};
}

Result<ingest::ImportSummary> ImportFixture::try_import(const std::vector<std::string>& paths) {
  return try_import(paths, ingest::ImportOptions{});
}

Result<ingest::ImportSummary> ImportFixture::try_import(const std::vector<std::string>& paths,
                                                        ingest::ImportOptions options) {
  options.rejects_path = rejects_path();
  return ingest::import_paths(*store_, paths, *pseudonymizer_, options);
}

int64_t ImportFixture::count(model::Kind kind) {
  auto n = store_->count(kind);
  EXPECT_TRUE(n.is_ok());
  return n ? *n : -1;
}

}  // namespace rk::testing
