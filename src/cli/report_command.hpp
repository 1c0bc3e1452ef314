// Shared by `report` and `demo`: write the report (report.html and report.pdf) for a period.
#pragma once

#include <optional>
#include <string>

namespace rk::cli {

struct ReportRequest {
  std::string db;
  std::string cache_dir;  // snapshot of a PostgreSQL store (store::OpenOptions)
  std::string period;
  std::optional<std::string> municipality, area, quadrant, provider;
  std::optional<std::string> role;  // default: municipality with --municipality, else analyst
  std::optional<std::string> texts;
  std::optional<std::string> logo;
  std::optional<std::string> config;
  std::string key;  // the store's key file (--key); default REGIEKAMER_KEY_FILE or beside the store
  std::string out;
  bool quiet = false;  // no "rapport geschreven" line
};

// Returns the exit code of cli.md: 0 ok, 1 failure (nothing half-written), 2 usage.
int run_report(const ReportRequest& request);

}  // namespace rk::cli
