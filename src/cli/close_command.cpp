// `regiekamer close`: freeze the figures of a period (engine/closing.hpp). A period closes once;
// `--force` replaces an earlier closing with the figures of today's records.
#include <iostream>
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
#include "engine/closing.hpp"
#include "engine/config.hpp"
#include "engine/snapshot.hpp"
#include "store/store.hpp"
#include "util/text.hpp"

namespace rk::cli {
namespace {

struct CloseOptions {
  StoreOptions store;
  std::string period;
  bool force = false;
  std::optional<std::string> config;
};

Status run(const CloseOptions& o) {
  Result<Period> period = parse_period_option(o.period);
  if (!period) return period.status();
  Result<engine::Config> config = read_config(o.config);
  if (!config) return config.status();
  Result<OpenedStore> opened = open_store_with_snapshot(o.store.db, o.store.cache_dir);
  if (!opened) return opened.status();
  const WorkingDays working_days;
  const engine::Catalogue catalogue = engine::Catalogue::create(*config);
  // The frozen figures keep their records' tallies, so that every role reads them through the
  // disclosure layer later.
  auto keys = load_record_keys(o.store.key, *opened->store, opened->snapshot);
  if (!keys) return keys.status();
  Result<engine::ClosedPeriod> closed =
      engine::close_period(*opened->store, *opened->snapshot, catalogue, *config, working_days,
                           keys->get(), *period, util::utc_now(), o.force);
  if (!closed) return closed.status();
  std::cout << "periode " << closed->key << " afgesloten op " << closed->closed_at << "\nhash "
            << closed->hash << '\n';
  return Status::ok();
}

}  // namespace

void register_close(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<CloseOptions>();
  CLI::App* cmd = app.add_subcommand("close", "de cijfers van een periode bevriezen");
  add_store_options(*cmd, options->store);
  add_period_option(*cmd, options->period);
  cmd->add_flag("--force", options->force, "een al afgesloten periode opnieuw afsluiten");
  add_config_option(*cmd, options->config);
  add_key_option(*cmd, options->store.key);
  set_command_body(*cmd, "close", exit_code, [options] { return run(*options); });
}

}  // namespace rk::cli
