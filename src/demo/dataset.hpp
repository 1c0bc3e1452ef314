// Deterministic sample datasets in the CSV format of the data contract (data-contract.md).
// `demo` is the JENS region (Heerlen, Landgraaf, Voerendaal) at its real size; `national` is a
// synthetic country-wide dataset for load and performance tests. The same seed always gives the
// same bytes, on every platform.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "calendar/date.hpp"
#include "model/status.hpp"

namespace rk::demo {

struct DatasetParams {
  std::string profile;  // "demo" or "national"; informational once the fields below are set
  uint64_t seed = 20201231;
  // Number of municipalities. The first three are always Heerlen, Landgraaf and Voerendaal with
  // their seven areas; the next few are real municipalities, the rest synthetic ("Gemeente 0012").
  int municipalities = 3;
  int areas_per_municipality = 2;  // for municipalities after the first three
  uint64_t clients = 4000;
  Date first_day = Date::from_civil(2019, 1, 1);
  Date last_day = Date::from_civil(2021, 12, 31);  // the export date: later events are unknown
  // Chance that a client comes back with a new request after a care episode (drives the number of
  // requests per client).
  double return_chance = 0.75;
  // Chance (per mille) that a client in care gets another request (extension, upscaling).
  uint32_t follow_up_per_mille = 800;
  // Share of clients already in care on `first_day` (transferred from the predecessor system).
  double transferred_share = 0.55;
};

// The JENS region: 3 municipalities, 7 areas, 4,000 clients, 2019-01-01..2021-12-31.
DatasetParams demo_params();
// 344 municipalities, 1,000,000 clients, 2018-01-01..2025-12-31 (about 690 MB of CSV).
DatasetParams national_params();
// demo_params() or national_params() by name; nullopt-like failure as a usage error.
Result<DatasetParams> params_for_profile(const std::string& profile);

struct DatasetSummary {
  std::map<std::string, uint64_t> rows_per_file;   // data rows, header excluded
  std::map<std::string, uint64_t> bytes_per_file;  // file sizes
  uint64_t bytes = 0;                              // all files together
};

// Writes every file of the contract into `dir` (created when missing; existing files of the
// same names are overwritten). Every row is valid against the contract and every reference
// resolves within the dataset.
// REQUIRES: p.clients > 0, p.municipalities >= 1, p.first_day <= p.last_day.
// Fails with kIo when the folder or a file cannot be written, kUsage for invalid parameters.
Result<DatasetSummary> write_dataset(const std::string& dir, const DatasetParams& p);

}  // namespace rk::demo
