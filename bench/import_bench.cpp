// The CSV import's hot path (issue 2): the key tables that check references and duplicates, and
// the whole import of a national-profile dataset of 50,000 clients (about 1.1 M rows) into a
// fresh SQLite store, as `regiekamer import` does it (without the snapshot). Whole-program
// figures for the full national dataset come from bench/run.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "demo/dataset.hpp"
#include "ingest/bsn.hpp"
#include "ingest/importer.hpp"
#include "ingest/key_set.hpp"
#include "store/store.hpp"

namespace {

namespace fs = std::filesystem;

std::vector<uint64_t> hashes(size_t n) {
  std::vector<uint64_t> out;
  out.reserve(n);
  for (size_t i = 0; i < n; ++i)
    out.push_back(rk::ingest::hash_key("C" + std::to_string(1000000 + i)));
  return out;
}

// Adds N keys to a presized table and probes each once: the per-row work of a referenced file.
void BM_KeyMapPutGet(benchmark::State& state) {
  const auto keys = hashes(static_cast<size_t>(state.range(0)));
  for (auto _ : state) {
    rk::ingest::KeyMap map;
    map.reserve(keys.size());
    for (size_t i = 0; i < keys.size(); ++i) map.put(keys[i], i + 1);
    uint64_t found = 0;
    for (const uint64_t h : keys) found += map.contains(h) ? 1 : 0;
    benchmark::DoNotOptimize(found);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * keys.size()));
}

struct Dataset {
  std::string dir;
  uint64_t rows = 0;
};

Dataset& dataset() {
  static Dataset d = [] {
    Dataset out;
    out.dir = (fs::temp_directory_path() / "rk-import-bench").string();
    auto params = rk::demo::national_params();
    params.clients = 50000;
    auto summary = rk::demo::write_dataset(out.dir + "/csv", params);
    if (!summary) std::abort();
    for (const auto& [file, rows] : summary->rows_per_file) out.rows += rows;
    return out;
  }();
  return d;
}

void BM_ImportNationalProfile50k(benchmark::State& state) {
  Dataset& set = dataset();
  const std::string db = set.dir + "/bench.db";
  auto pseudonymizer = rk::ingest::Pseudonymizer::from_key_file(set.dir + "/key");
  if (!pseudonymizer) std::abort();
  for (auto _ : state) {
    state.PauseTiming();
    for (const char* suffix : {"", "-journal", ".rejects.csv"}) fs::remove(db + suffix);
    auto store = rk::store::Store::open(db);
    if (!store) std::abort();
    rk::ingest::ImportOptions options;
    options.rejects_path = db + ".rejects.csv";
    state.ResumeTiming();
    auto summary = rk::ingest::import_paths(**store, {set.dir + "/csv"}, *pseudonymizer, options);
    if (!summary || summary->rows_rejected != 0) std::abort();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * set.rows));
  state.counters["rows"] = static_cast<double>(set.rows);
}

}  // namespace

BENCHMARK(BM_KeyMapPutGet)->Arg(1 << 20)->Arg(4 << 20)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ImportNationalProfile50k)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

BENCHMARK_MAIN();
