// What reading a Dutch Excel CSV costs against the same rows in canonical form (issue 13: at
// most 10 % more). The national-profile dataset of 50,000 clients is written canonically and
// once more as Excel's "CSV (gescheiden door lijstscheidingsteken)" writes it: Windows-1252,
// ';', CRLF, decimal comma, D-M-YYYY dates, D-M-YYYY H:MM timestamps and WAAR/ONWAAR.
//   BM_Read*   the reading stage alone: open the file (dialect detection, the one conversion),
//              split records, read every typed cell in the dialect and parse it (parse_field);
//   BM_Import* the whole import into a fresh SQLite store, as `regiekamer import` does it.
// Figures in docs/performance.md ("Dialects").
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "demo/dataset.hpp"
#include "ingest/bsn.hpp"
#include "ingest/dialect.hpp"
#include "ingest/field_parser.hpp"
#include "ingest/importer.hpp"
#include "ingest/record_source.hpp"
#include "model/contract.hpp"
#include "store/store.hpp"

namespace {

namespace fs = std::filesystem;
using rk::model::FieldType;

// One canonical cell as Dutch Excel writes it.
std::string excel_cell(FieldType type, std::string_view v) {
  if (v.empty()) return {};
  const auto num = [&](size_t at, size_t n) { return std::stoi(std::string(v.substr(at, n))); };
  switch (type) {
    case FieldType::kDate:
      return fmt::format("{}-{}-{}", num(8, 2), num(5, 2), v.substr(0, 4));
    case FieldType::kTimestamp:
      if (v.size() < 16) return fmt::format("{}-{}-{}", num(8, 2), num(5, 2), v.substr(0, 4));
      return fmt::format("{}-{}-{} {}:{}", num(8, 2), num(5, 2), v.substr(0, 4), num(11, 2),
                         v.substr(14, 2));
    case FieldType::kBool:
      return v == "true" || v == "1" ? "WAAR" : "ONWAAR";
    case FieldType::kMoney:
    case FieldType::kNumber: {
      std::string out(v);
      for (char& c : out)
        if (c == '.') c = ',';
      return out;
    }
    default:
      return std::string(v);
  }
}

// Rewrites every file of `from` into `to` as Dutch Excel saves it. A first column, empty and
// ignored by the import, is headed "opmerking cliënt" in Windows-1252, so the files are not
// plain ASCII (and are read as Windows-1252) while their rows stay the same.
void write_excel_dataset(const std::string& from, const std::string& to) {
  fs::create_directories(to);
  for (const auto& entry : fs::directory_iterator(from)) {
    const auto* spec = rk::model::table_for_file(entry.path().filename().string());
    if (spec == nullptr) continue;
    auto source = rk::ingest::RecordSource::open_csv(entry.path().string());
    if (!source) std::abort();
    std::ofstream out(to + "/" + entry.path().filename().string(), std::ios::binary);
    rk::ingest::CsvRecord rec;
    std::vector<FieldType> types;
    bool header = true;
    while ((*source)->next(rec)) {
      std::string line = header ? "opmerking cli\xEBnt" : "";
      for (size_t i = 0; i < rec.fields.size(); ++i) {
        if (header) {
          const int f = spec->field_index(rec.fields[i]);
          types.push_back(f < 0 ? FieldType::kText : spec->fields[static_cast<size_t>(f)].type);
          line += ";" + std::string(rec.fields[i]);
        } else {
          line += ";" + excel_cell(types[i], rec.fields[i]);
        }
      }
      out << line << "\r\n";
      header = false;
    }
  }
}

struct Dataset {
  std::string dir;
  uint64_t rows = 0;
};

Dataset& dataset() {
  static Dataset d = [] {
    Dataset out;
    out.dir = (fs::temp_directory_path() / "rk-dialect-bench").string();
    fs::remove_all(out.dir);
    auto params = rk::demo::national_params();
    params.clients = 50000;
    auto summary = rk::demo::write_dataset(out.dir + "/csv", params);
    if (!summary) std::abort();
    for (const auto& [file, rows] : summary->rows_per_file) out.rows += rows;
    write_excel_dataset(out.dir + "/csv", out.dir + "/excel");
    return out;
  }();
  return d;
}

// Reads every file of `dir` as the importer does up to validation: records, dialect readings of
// typed cells, parse_field. Returns the number of rows.
uint64_t read_dataset(const std::string& dir) {
  uint64_t rows = 0;
  std::string scratch;
  std::string reason;
  rk::ingest::FieldBuffer buffer;
  rk::store::Cell cell;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const auto* spec = rk::model::table_for_file(entry.path().filename().string());
    if (spec == nullptr) continue;
    auto source = rk::ingest::RecordSource::open_csv(entry.path().string());
    if (!source || !(*source)->check().is_ok()) std::abort();
    rk::ingest::RecordSource& s = **source;
    rk::ingest::CsvRecord rec;
    std::vector<int> fields;
    if (!s.next(rec)) std::abort();
    for (const auto name : rec.fields) fields.push_back(spec->field_index(name));
    while (s.next(rec)) {
      ++rows;
      for (size_t c = 0; c < rec.fields.size() && c < fields.size(); ++c) {
        if (fields[c] < 0) continue;
        const auto& field = spec->fields[static_cast<size_t>(fields[c])];
        std::string_view value = rec.fields[c];
        const auto reading =
            rk::ingest::read_value(field.type, value, s.dialect(), scratch, reason);
        if (reading == rk::ingest::Reading::kInvalid) std::abort();
        if (reading == rk::ingest::Reading::kRewritten) value = scratch;
        if (rk::ingest::parse_field(field, value, buffer, cell)) std::abort();
      }
    }
  }
  return rows;
}

void BM_ReadCanonical(benchmark::State& state) {
  Dataset& set = dataset();
  for (auto _ : state) benchmark::DoNotOptimize(read_dataset(set.dir + "/csv"));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * set.rows));
}

void BM_ReadExcel1252(benchmark::State& state) {
  Dataset& set = dataset();
  for (auto _ : state) benchmark::DoNotOptimize(read_dataset(set.dir + "/excel"));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * set.rows));
}

void import_dataset(benchmark::State& state, const std::string& folder) {
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
    auto summary =
        rk::ingest::import_paths(**store, {set.dir + "/" + folder}, *pseudonymizer, options);
    if (!summary || summary->rows_rejected != 0 || summary->rows_imported != set.rows) {
      std::abort();
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * set.rows));
}

void BM_ImportCanonical(benchmark::State& state) { import_dataset(state, "csv"); }
void BM_ImportExcel1252(benchmark::State& state) { import_dataset(state, "excel"); }

}  // namespace

BENCHMARK(BM_ReadCanonical)->Unit(benchmark::kMillisecond)->Iterations(5)->UseRealTime();
BENCHMARK(BM_ReadExcel1252)->Unit(benchmark::kMillisecond)->Iterations(5)->UseRealTime();
BENCHMARK(BM_ImportCanonical)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();
BENCHMARK(BM_ImportExcel1252)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

BENCHMARK_MAIN();
