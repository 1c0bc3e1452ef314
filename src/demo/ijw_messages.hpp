// iJw 3.2 message sets derived from a generated CSV dataset, for tests and benchmarks of the
// message import. The dataset is first cut down to what messages can carry (docs/ijw.md:
// K2/K3 trajectories of providers with an AGB code, requests that led to them, their clients);
// that projection is written both as CSV and as messages, so that importing either gives the
// same store rows and the same indicators (the round trip).
#pragma once

#include <cstdint>
#include <string>

#include "model/status.hpp"

namespace rk::demo {

struct IjwSummary {
  uint64_t clients = 0;
  uint64_t requests = 0;
  uint64_t trajectories = 0;
  uint64_t messages = 0;  // files written into the message folder
  uint64_t bytes = 0;     // bytes of the message files
};

// Reads the dataset in `dataset_dir` (as written by write_dataset) and writes
//   `out_dir`/csv/  municipalities.csv, providers.csv, clients.csv, requests.csv and
//                   trajectories.csv of the projection (clients named by BSN only), and
//   `out_dir`/ijw/  one XML file per message: a JW315 per request, a JW301 and a JW305 per
//                   trajectory and a JW307 per ended trajectory.
// Providers without an 8-digit id get a synthetic AGB code (98xxxxxx); clients without a BSN
// get a synthetic one that passes the 11-test. Deterministic: the same dataset gives the same
// bytes. Every message validates against the schemas in shared/ijw/xsd.
// Fails with kIo when a file cannot be read or written.
Result<IjwSummary> write_ijw_messages(const std::string& dataset_dir, const std::string& out_dir);

}  // namespace rk::demo
