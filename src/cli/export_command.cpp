// `regiekamer export xlsx|statline`: the Excel workbook of every indicator (export/xlsx.hpp) and
// the CBS StatLine-style tables (export/statline.hpp). The file appears whole or not at all: it is
// written beside the target and renamed.
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>

#include "calendar/period.hpp"
#include "calendar/workdays.hpp"
#include "cli/commands.hpp"
#include "cli/common_options.hpp"
#include "cli/config_file.hpp"
#include "cli/open_store.hpp"
#include "cli/run_command.hpp"
#include "engine/catalogue.hpp"
#include "engine/disclosure.hpp"
#include "engine/labels.hpp"
#include "engine/render.hpp"
#include "engine/snapshot.hpp"
#include "engine/statline.hpp"
#include "export/statline.hpp"
#include "export/xlsx.hpp"
#include "store/store.hpp"

namespace rk::cli {
namespace {

struct ExportOptions {
  std::string what;  // "xlsx" or "statline"
  StoreOptions store;
  DateRangeOptions range;
  ScopeOptions scope;
  std::string role = "analyst";
  std::string out;
  std::optional<std::string> config;
};

// Writes with `write(temporary path)` and renames the result onto `out`.
template <typename Write>
Status write_atomically(const std::string& out, Write&& write) {
  const std::string tmp = out + ".tmp";
  if (Status s = write(tmp); !s) {
    std::error_code ec;
    std::filesystem::remove(tmp, ec);
    return s;
  }
  std::error_code ec;
  std::filesystem::rename(tmp, out, ec);
  if (ec) return Status::error(ErrorKind::kIo, "kan " + out + " niet schrijven: " + ec.message());
  std::printf("geschreven: %s\n", out.c_str());
  return Status::ok();
}

Status run(const ExportOptions& o) {
  Result<Period> period = parse_date_range(o.range);
  if (!period) return period.status();
  Result<engine::Role> role = parse_role_and_scope(o.role, o.scope);
  if (!role) return role.status();

  auto source =
      open_figure_source(o.config, o.store.db, o.store.cache_dir, *period, o.scope.text());
  if (!source) return source.status();
  const engine::Config& config = (*source)->config;
  const engine::Snapshot& snapshot = *(*source)->opened.snapshot;
  engine::Query& query = (*source)->query;
  auto keys = record_keys_for(*role, o.store.key, (*source)->opened);
  if (!keys) return keys.status();
  query.record_keys = keys->get();
  const engine::DocumentHeader header{period->from, period->to, o.scope.text(), *role};
  std::vector<engine::IndicatorResult> results;
  if (o.what == "statline") {
    results = engine::statline_results(snapshot, query);
  } else {
    const engine::Catalogue catalogue = engine::Catalogue::create(config);
    results = engine::compute_all(catalogue, snapshot, query, config);
  }
  if (Status s = engine::disclose(*role, config, results); !s) return s;
  const engine::Vocabulary vocabulary = engine::Vocabulary::from_snapshot(snapshot);
  if (o.what == "statline") {
    const std::vector<exporting::StatlineTable> tables =
        exporting::statline_tables(results, *period);
    return write_atomically(o.out, [&](const std::string& path) {
      return exporting::write_statline_csv(path, header, tables);
    });
  }
  return write_atomically(o.out, [&](const std::string& path) {
    return exporting::write_xlsx(path, header, results, vocabulary);
  });
}

void add_command(CLI::App& parent, const std::string& what, const std::string& description,
                 int& exit_code) {
  auto options = std::make_shared<ExportOptions>();
  options->what = what;
  CLI::App* cmd = parent.add_subcommand(what, description);
  add_store_options(*cmd, options->store);
  add_date_range_options(*cmd, options->range);
  add_scope_options(*cmd, options->scope);
  add_role_option(*cmd, options->role);
  cmd->add_option("--out", options->out, "uitvoerbestand")->required();
  add_config_option(*cmd, options->config);
  add_key_option(*cmd, options->store.key);
  set_command_body(*cmd, "export " + what, exit_code, [options] { return run(*options); });
}

}  // namespace

void register_export(CLI::App& app, int& exit_code) {
  CLI::App* cmd = app.add_subcommand("export", "cijfers exporteren naar Excel of CBS StatLine");
  cmd->require_subcommand(1);
  add_command(*cmd, "xlsx", "Excel-werkmap met een blad per indicator", exit_code);
  add_command(*cmd, "statline", "CBS-tabellen Beleidsinformatie Jeugd per gemeente (CSV)",
              exit_code);
}

}  // namespace rk::cli
