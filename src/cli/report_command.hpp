// Shared by `report` and `demo`: write the report (report.html and report.pdf) for a period.
#pragma once

#include <optional>
#include <string>

#include "cli/common_options.hpp"
#include "model/status.hpp"

namespace rk::cli {

struct ReportRequest {
  StoreOptions store;  // the store, its PostgreSQL snapshot folder and its key file
  std::string period;  // --period, as parse_period_option reads it
  ScopeOptions scope;
  std::optional<std::string> role;  // default: municipality with --municipality, else analyst
  std::optional<std::string> texts;
  std::optional<std::string> logo;
  std::optional<std::string> config;
  std::string out;
  bool quiet = false;  // no "rapport geschreven" line
};

// Writes report.html and report.pdf into request.out. Fails with kUsage on a wrong period, role
// or scope, and otherwise (store, texts, logo, configuration, writing) with a failure whose exit
// code is 1; nothing is half-written.
Status run_report(const ReportRequest& request);

}  // namespace rk::cli
