// `regiekamer export xlsx|statline`: the Excel workbook of every indicator (export/xlsx.hpp) and
// the CBS StatLine-style tables (export/statline.hpp). The file appears whole or not at all: it is
// written beside the target and renamed.
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>

#include "calendar/date.hpp"
#include "calendar/period.hpp"
#include "calendar/workdays.hpp"
#include "cli/commands.hpp"
#include "cli/config_file.hpp"
#include "cli/open_store.hpp"
#include "engine/catalogue.hpp"
#include "engine/disclosure.hpp"
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
  std::string db;
  std::string cache_dir;
  std::string from;
  std::string to;
  std::optional<std::string> municipality, area, quadrant, provider;
  std::string role = "analyst";
  std::string out;
  std::optional<std::string> config;
  std::string key;
};

int fail(const ExportOptions& o, int code, const std::string& message) {
  std::fprintf(stderr, "regiekamer export %s: %s\n", o.what.c_str(), message.c_str());
  return code;
}

// Writes with `write(temporary path)` and renames the result onto o.out.
template <typename Write>
int write_atomically(const ExportOptions& o, Write&& write) {
  const std::string tmp = o.out + ".tmp";
  if (Status s = write(tmp); !s) {
    std::error_code ec;
    std::filesystem::remove(tmp, ec);
    return fail(o, 1, s.message());
  }
  std::error_code ec;
  std::filesystem::rename(tmp, o.out, ec);
  if (ec) return fail(o, 1, "kan " + o.out + " niet schrijven: " + ec.message());
  std::printf("geschreven: %s\n", o.out.c_str());
  return 0;
}

int run(const ExportOptions& o) {
  const std::optional<Date> from = parse_date(o.from);
  const std::optional<Date> to = parse_date(o.to);
  if (!from) return fail(o, 2, "--from: verwacht een datum JJJJ-MM-DD, gevonden '" + o.from + "'");
  if (!to) return fail(o, 2, "--to: verwacht een datum JJJJ-MM-DD, gevonden '" + o.to + "'");
  if (*to < *from) return fail(o, 2, "--from " + o.from + " ligt na --to " + o.to);
  const std::optional<engine::Role> role = engine::parse_role(o.role);
  if (!role)
    return fail(o, 2,
                "--role: verwacht analyst, municipality of public, gevonden '" + o.role + "'");
  if (*role == engine::Role::kMunicipality && !o.municipality)
    return fail(o, 2, "--role municipality vraagt om --municipality CODE");
  if (o.quadrant && *o.quadrant != "K1" && *o.quadrant != "K2" && *o.quadrant != "K3")
    return fail(o, 2, "--quadrant: verwacht K1, K2 of K3, gevonden '" + *o.quadrant + "'");

  Result<engine::Config> config = read_config(o.config);
  if (!config) return fail(o, 1, config.status().message());
  Result<OpenedStore> opened = open_store_with_snapshot(o.db, o.cache_dir);
  if (!opened) return fail(o, 1, opened.status().message());
  const engine::Snapshot& snapshot = *opened->snapshot;

  const engine::ScopeText scope_text{o.municipality, o.area, o.quadrant, o.provider};
  const WorkingDays working_days;
  engine::Query query{*from, *to, engine::resolve_scope(snapshot, scope_text), &working_days};
  auto keys = record_keys_for(*role, o.key, *opened);
  if (!keys) return fail(o, exit_code(keys.status().kind()), keys.status().message());
  query.record_keys = keys->get();
  const engine::DocumentHeader header{*from, *to, scope_text, *role};
  std::vector<engine::IndicatorResult> results;
  if (o.what == "statline") {
    results = engine::statline_results(snapshot, query);
  } else {
    const engine::Catalogue catalogue = engine::Catalogue::create(*config);
    results = engine::compute_all(catalogue, snapshot, query, *config);
  }
  if (Status s = engine::disclose(*role, *config, results); !s) return fail(o, 1, s.message());
  if (o.what == "statline") {
    const std::vector<exporting::StatlineTable> tables =
        exporting::statline_tables(results, Period{*from, *to});
    return write_atomically(o, [&](const std::string& path) {
      return exporting::write_statline_csv(path, header, tables);
    });
  }
  return write_atomically(
      o, [&](const std::string& path) { return exporting::write_xlsx(path, header, results); });
}

void add_command(CLI::App& parent, const std::string& what, const std::string& description,
                 int& exit_code) {
  auto options = std::make_shared<ExportOptions>();
  options->what = what;
  CLI::App* cmd = parent.add_subcommand(what, description);
  cmd->add_option("--db", options->db, "gegevensbestand (SQLite) of postgresql://-URI")->required();
  cmd->add_option("--cache-dir", options->cache_dir,
                  "map voor de momentopname van een PostgreSQL-opslag")
      ->envname("REGIEKAMER_CACHE_DIR");
  cmd->add_option("--from", options->from, "eerste dag YYYY-MM-DD")->required();
  cmd->add_option("--to", options->to, "laatste dag YYYY-MM-DD")->required();
  cmd->add_option("--municipality", options->municipality, "gemeentecode, bv. GM0917");
  cmd->add_option("--area", options->area, "gebied");
  cmd->add_option("--quadrant", options->quadrant, "K1, K2 of K3");
  cmd->add_option("--provider", options->provider, "aanbieder");
  cmd->add_option("--role", options->role, "analyst, municipality of public");
  cmd->add_option("--out", options->out, "uitvoerbestand")->required();
  cmd->add_option("--config", options->config, "configuratie (regiekamer.toml of JSON)");
  cmd->add_option("--key", options->key, "sleutelbestand van de opslag (standaard naast de opslag)")
      ->envname("REGIEKAMER_KEY_FILE");
  cmd->callback([options, &exit_code] {
    try {
      exit_code = run(*options);
    } catch (const std::exception& e) {
      exit_code = fail(*options, 1, std::string("interne fout: ") + e.what());
    }
  });
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
