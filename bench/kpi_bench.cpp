// The indicator engine's compute time on the columnar snapshot (issue 3, acceptance 4), without
// process start, store open and output: the complete indicator set for one year (all
// municipalities and one municipality), the client counts alone, the requests family alone, and
// the JSON document. bench/kpi.sh times the whole `regiekamer kpi` process.
//
// Data: RK_BENCH_DB=STORE uses an imported store (its snapshot file is mapped, as kpi does);
// otherwise a national-profile dataset of RK_BENCH_CLIENTS clients (default 20,000) is generated
// and imported into a temporary store first. RK_BENCH_YEAR picks the year (default 2024).
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "calendar/workdays.hpp"
#include "demo/dataset.hpp"
#include "engine/catalogue.hpp"
#include "engine/labels.hpp"
#include "engine/render.hpp"
#include "engine/snapshot.hpp"
#include "engine/suppression.hpp"
#include "ingest/bsn.hpp"
#include "ingest/importer.hpp"
#include "store/store.hpp"

namespace {

namespace fs = std::filesystem;
using namespace rk;

[[noreturn]] void die(const std::string& message) {
  std::fprintf(stderr, "kpi_bench: %s\n", message.c_str());
  std::exit(1);
}

struct Data {
  std::string temp;  // generated data, removed at exit
  std::unique_ptr<store::Store> store;
  std::shared_ptr<const engine::Snapshot> snapshot;
  engine::Config config;
  engine::Catalogue catalogue = engine::Catalogue::create(engine::Config{});
  WorkingDays working_days;
  int year = 2024;

  Data() {
    if (const char* y = std::getenv("RK_BENCH_YEAR")) year = std::atoi(y);
    std::string db;
    if (const char* env = std::getenv("RK_BENCH_DB")) {
      db = env;
    } else {
      std::string tmpl = (fs::temp_directory_path() / "rk-kpi-bench-XXXXXX").string();
      temp = ::mkdtemp(tmpl.data());
      demo::DatasetParams p = demo::national_params();
      p.clients = 20000;
      if (const char* n = std::getenv("RK_BENCH_CLIENTS"))
        p.clients = std::strtoull(n, nullptr, 10);
      if (!demo::write_dataset(temp + "/data", p)) die("cannot write the dataset");
      db = temp + "/store.db";
      auto s = store::Store::open(db);
      if (!s) die(s.status().message());
      auto key = ingest::Pseudonymizer::from_key_file(temp + "/key");
      if (!key) die(key.status().message());
      ingest::ImportOptions options;
      options.rejects_path = temp + "/rejects.csv";
      auto summary = ingest::import_paths(**s, {temp + "/data"}, *key, options);
      if (!summary) die(summary.status().message());
      fs::remove_all(temp + "/data");
    }
    auto s = store::Store::open(db);
    if (!s) die(s.status().message());
    store = std::move(*s);
    auto snap = engine::Snapshot::load_or_build(*store);
    if (!snap) die(snap.status().message());
    snapshot = *snap;
  }
  ~Data() {
    if (!temp.empty()) {
      std::error_code ec;
      fs::remove_all(temp, ec);
    }
  }

  [[nodiscard]] engine::Query query(const engine::ScopeText& scope = {}) const {
    return {Date::from_civil(year, 1, 1), Date::from_civil(year, 12, 31),
            engine::resolve_scope(*snapshot, scope), &working_days};
  }
};

Data& data() {
  static Data d;
  return d;
}

void counters(benchmark::State& state) {
  const auto& s = *data().snapshot;
  state.counters["clients"] = s.table(model::Kind::kClients).rows();
  state.counters["trajectories"] = s.table(model::Kind::kTrajectories).rows();
  state.counters["requests"] = s.table(model::Kind::kRequests).rows();
}

void BM_ComputeAll(benchmark::State& state) {
  Data& d = data();
  const engine::Query q = d.query();
  for (auto _ : state) {
    auto results = engine::compute_all(d.catalogue, *d.snapshot, q, d.config);
    benchmark::DoNotOptimize(results.data());
  }
  counters(state);
}
BENCHMARK(BM_ComputeAll)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_ComputeAllOneMunicipality(benchmark::State& state) {
  Data& d = data();
  engine::ScopeText scope;
  scope.municipality = std::string(d.snapshot->table(model::Kind::kMunicipalities).key_text(0));
  const engine::Query q = d.query(scope);
  for (auto _ : state) {
    auto results = engine::compute_all(d.catalogue, *d.snapshot, q, d.config);
    benchmark::DoNotOptimize(results.data());
  }
  counters(state);
}
BENCHMARK(BM_ComputeAllOneMunicipality)->Unit(benchmark::kMillisecond)->UseRealTime();

// One indicator in a fresh context: for the client counts that is the shared pass with the
// total; for clients.start also the three breakdown dimensions.
void BM_ComputeOne(benchmark::State& state, const char* id) {
  Data& d = data();
  const engine::Query q = d.query();
  for (auto _ : state) {
    auto r = engine::compute_one(d.catalogue, id, *d.snapshot, q, d.config);
    benchmark::DoNotOptimize(r);
  }
  counters(state);
}
BENCHMARK_CAPTURE(BM_ComputeOne, clients_start, "clients.start")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_ComputeOne, clients_monthly, "clients.monthly")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_ComputeOne, requests_new, "requests.new")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_ComputeOne, flow_intake_5wd, "flow.intake_5wd")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// What `kpi --format json` does after loading: compute, suppression pass, JSON text.
void BM_ComputeAllAndJson(benchmark::State& state) {
  Data& d = data();
  const engine::Query q = d.query();
  size_t bytes = 0;
  const engine::Vocabulary vocabulary = engine::Vocabulary::from_snapshot(*d.snapshot);
  for (auto _ : state) {
    auto results = engine::compute_all(d.catalogue, *d.snapshot, q, d.config);
    engine::apply_suppression(engine::Role::kAnalyst, results);
    const engine::DocumentHeader header{q.from, q.to, {}, engine::Role::kAnalyst};
    const std::string text = engine::document_json(header, results, vocabulary).dump(2);
    bytes = text.size();
    benchmark::DoNotOptimize(text.data());
  }
  state.counters["json_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_ComputeAllAndJson)->Unit(benchmark::kMillisecond)->UseRealTime();

// Mapping the snapshot file and resolving its directory (per kpi process).
void BM_MapSnapshot(benchmark::State& state) {
  Data& d = data();
  const std::string path = d.store->side_path(".snapshot");
  if (path.empty() || !fs::exists(path)) {
    state.SkipWithError("no snapshot file beside the store");
    return;
  }
  for (auto _ : state) {
    auto s = engine::Snapshot::map_file(path);
    benchmark::DoNotOptimize(s);
  }
}
BENCHMARK(BM_MapSnapshot)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
