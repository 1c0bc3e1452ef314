// `regiekamer close`: freeze the figures of a period (engine/closing.hpp). A period closes once;
// `--force` replaces an earlier closing with the figures of today's records.
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>

#include "calendar/period.hpp"
#include "calendar/workdays.hpp"
#include "cli/commands.hpp"
#include "cli/config_file.hpp"
#include "cli/open_store.hpp"
#include "engine/catalogue.hpp"
#include "engine/closing.hpp"
#include "engine/config.hpp"
#include "engine/snapshot.hpp"
#include "store/store.hpp"

namespace rk::cli {
namespace {

struct CloseOptions {
  std::string db;
  std::string cache_dir;
  std::string period;
  bool force = false;
  std::optional<std::string> config;
  std::string key;
};

int fail(int code, const std::string& message) {
  std::fprintf(stderr, "regiekamer close: %s\n", message.c_str());
  return code;
}

// The current time in UTC as ISO 8601 with a Z.
std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

int run(const CloseOptions& o) {
  const std::optional<Period> period = parse_period(o.period);
  if (!period)
    return fail(2, "--period: verwacht 2020H2, 2020, 2020Q3, 2020-11 of VAN..TOT, gevonden '" +
                       o.period + "'");
  Result<engine::Config> config = read_config(o.config);
  if (!config) return fail(1, config.status().message());
  Result<OpenedStore> opened = open_store_with_snapshot(o.db, o.cache_dir);
  if (!opened) return fail(1, opened.status().message());
  store::Store& store = *opened->store;
  const engine::Snapshot& snapshot = *opened->snapshot;
  const WorkingDays working_days;
  const engine::Catalogue catalogue = engine::Catalogue::create(*config);
  // The frozen figures keep their records' tallies, so that every role reads them through the
  // disclosure layer later.
  auto keys = load_record_keys(o.key, store, opened->snapshot);
  if (!keys) return fail(exit_code(keys.status().kind()), keys.status().message());
  Result<engine::ClosedPeriod> closed = engine::close_period(
      store, snapshot, catalogue, *config, working_days, keys->get(), *period, utc_now(), o.force);
  if (!closed) return fail(exit_code(closed.status().kind()), closed.status().message());
  std::cout << "periode " << closed->key << " afgesloten op " << closed->closed_at << "\nhash "
            << closed->hash << '\n';
  return 0;
}

}  // namespace

void register_close(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<CloseOptions>();
  CLI::App* cmd = app.add_subcommand("close", "de cijfers van een periode bevriezen");
  cmd->add_option("--db", options->db, "gegevensbestand (SQLite) of postgresql://-URI")->required();
  cmd->add_option("--cache-dir", options->cache_dir,
                  "map voor de momentopname van een PostgreSQL-opslag")
      ->envname("REGIEKAMER_CACHE_DIR");
  cmd->add_option("--period", options->period, "2020H2, 2020, 2020Q3, 2020-11 of VAN..TOT")
      ->required();
  cmd->add_flag("--force", options->force, "een al afgesloten periode opnieuw afsluiten");
  cmd->add_option("--config", options->config, "configuratie (regiekamer.toml of JSON)");
  cmd->add_option("--key", options->key, "sleutelbestand van de opslag (standaard naast de opslag)")
      ->envname("REGIEKAMER_KEY_FILE");
  cmd->callback([options, &exit_code] {
    try {
      exit_code = run(*options);
    } catch (const std::exception& e) {
      exit_code = fail(1, std::string("interne fout: ") + e.what());
    }
  });
}

}  // namespace rk::cli
