// Throughput of the iJw message import, in messages per second: reading and validating single
// messages in memory, and the whole import (files read, validated, merged, stored in SQLite and
// committed) of a generated message set. The target is >= 20,000 messages/s for the whole import.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "demo/dataset.hpp"
#include "demo/ijw_messages.hpp"
#include "ingest/bsn.hpp"
#include "ingest/ijw/reader.hpp"
#include "ingest/importer.hpp"
#include "store/store.hpp"

namespace {

namespace fs = std::filesystem;

// A generated message set (demo profile, 2,000 clients: about 26,000 messages), made once.
struct MessageSet {
  std::string dir;
  uint64_t messages = 0;
  std::vector<std::string> samples[4];  // a few messages of each type, in memory

  MessageSet() {
    std::string tmpl = (fs::temp_directory_path() / "rk-ijw-bench-XXXXXX").string();
    dir = ::mkdtemp(tmpl.data());
    rk::demo::DatasetParams p = rk::demo::demo_params();
    p.clients = 2000;
    if (!rk::demo::write_dataset(dir + "/dataset", p)) std::abort();
    auto written = rk::demo::write_ijw_messages(dir + "/dataset", dir);
    if (!written) std::abort();
    messages = written->messages;
    for (const auto& e : fs::directory_iterator(dir + "/ijw")) {
      const std::string name = e.path().filename().string();
      for (int t = 0; t < 4; ++t) {
        const auto type =
            rk::ingest::ijw::message_type_info(static_cast<rk::ingest::ijw::MessageType>(t));
        if (name.find(type.name) != std::string::npos && samples[t].size() < 64) {
          std::ifstream in(e.path());
          std::stringstream ss;
          ss << in.rdbuf();
          samples[t].push_back(ss.str());
        }
      }
    }
  }
  ~MessageSet() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

MessageSet& message_set() {
  static MessageSet set;
  return set;
}

void read_type(benchmark::State& state, int type) {
  const auto& samples = message_set().samples[type];
  rk::ingest::ijw::Message m;
  rk::ingest::ijw::ReadError e;
  size_t i = 0;
  int64_t bytes = 0;
  for (auto _ : state) {
    const std::string& xml = samples[i++ % samples.size()];
    benchmark::DoNotOptimize(rk::ingest::ijw::read_message(xml, m, e));
    bytes += static_cast<int64_t>(xml.size());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(bytes);
}

void BM_IjwReadJw301(benchmark::State& state) { read_type(state, 0); }
void BM_IjwReadJw305(benchmark::State& state) { read_type(state, 1); }
void BM_IjwReadJw307(benchmark::State& state) { read_type(state, 2); }
void BM_IjwReadJw315(benchmark::State& state) { read_type(state, 3); }

// The whole import into a fresh SQLite store, as `regiekamer import` does it.
void BM_IjwImportMessageSet(benchmark::State& state) {
  MessageSet& set = message_set();
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
    auto summary = rk::ingest::import_paths(
        **store,
        {set.dir + "/csv/municipalities.csv", set.dir + "/csv/providers.csv", set.dir + "/ijw"},
        *pseudonymizer, options);
    if (!summary || summary->rows_rejected != 0) std::abort();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * set.messages));
  state.counters["messages"] = static_cast<double>(set.messages);
}

}  // namespace

BENCHMARK(BM_IjwReadJw301);
BENCHMARK(BM_IjwReadJw305);
BENCHMARK(BM_IjwReadJw307);
BENCHMARK(BM_IjwReadJw315);
BENCHMARK(BM_IjwImportMessageSet)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

BENCHMARK_MAIN();
