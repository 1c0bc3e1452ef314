// Throughput of the CSV reader and the UTF-8 check on a generated ~50 MB export, in MB/s.
// The national benchmark (690 MB in <= 25 s including SQLite) needs the reader well above 500 MB/s.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>

#include "ingest/csv_reader.hpp"

namespace {

constexpr size_t kTargetBytes = size_t{50} * 1000 * 1000;

// Rows shaped like trajectories.csv: ids, dates, enums, empty cells; ~100 bytes per row.
// With `quoted`, every fourth row has a quoted note with a comma, an escaped quote and a line
// break.
std::string make_csv(bool quoted) {
  std::string csv =
      "trajectory_id,client_id,request_id,quadrant,provider_id,municipality,product,residential,"
      "start_date,end_date,end_reason,case_type\n";
  uint64_t state = 42;
  auto next = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 33;
  };
  for (uint64_t row = 0; csv.size() < kTargetBytes; ++row) {
    csv += "T";
    csv += std::to_string(1000000 + row);
    csv += ",C";
    csv += std::to_string(next() % 900000);
    csv += ",R";
    csv += std::to_string(next() % 900000);
    csv += ",K";
    csv += std::to_string(1 + next() % 3);
    csv += ",AGB";
    csv += std::to_string(10000000 + next() % 1000);
    csv += next() % 2 == 0 ? ",GM0917," : ",GM0882,";
    csv += "45A48,";
    csv += next() % 5 == 0 ? "true" : "false";
    csv += ",2021-03-";
    csv += std::to_string(10 + next() % 18);
    if (next() % 3 == 0) {
      csv += ",,,";
    } else {
      csv += ",2022-11-0";
      csv += std::to_string(1 + next() % 9);
      csv += ",plan,";
    }
    csv += quoted && row % 4 == 0 ? "\"multi, \"\"problem\"\"\nsee file\"" : "multi_problem";
    csv += '\n';
  }
  return csv;
}

const std::string& csv_data(bool quoted) {
  static const std::string plain = make_csv(false);
  static const std::string with_quotes = make_csv(true);
  return quoted ? with_quotes : plain;
}

void read_records(benchmark::State& state, bool quoted) {
  const std::string& data = csv_data(quoted);
  uint64_t fields = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto reader = rk::ingest::CsvReader::from_string(data);
    state.ResumeTiming();
    rk::ingest::CsvRecord record;
    while (reader->next(record)) fields += record.fields.size();
    benchmark::DoNotOptimize(fields);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * data.size()));
}

void BM_CsvReadUnquoted(benchmark::State& state) { read_records(state, false); }
void BM_CsvReadQuoted(benchmark::State& state) { read_records(state, true); }

void BM_CsvCheckFile(benchmark::State& state) {
  const std::string& data = csv_data(false);
  auto reader = rk::ingest::CsvReader::from_string(data);
  for (auto _ : state) {
    rk::Status status = reader->check_file();
    benchmark::DoNotOptimize(status);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * data.size()));
}

void BM_Utf8MostlyAsciiWithAccents(benchmark::State& state) {
  std::string text;
  while (text.size() < kTargetBytes)
    text += "Caf\xC3\xA9 Heerlen Noord, team \xE2\x82\xAC 1234,50;\n";
  for (auto _ : state) benchmark::DoNotOptimize(rk::ingest::is_valid_utf8(text));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

}  // namespace

BENCHMARK(BM_CsvReadUnquoted)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CsvReadQuoted)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CsvCheckFile)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Utf8MostlyAsciiWithAccents)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
