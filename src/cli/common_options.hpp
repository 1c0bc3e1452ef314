// The options several subcommands share, declared and checked in one place so that every command
// names, explains and rejects them alike: the store (--db, --cache-dir, --key), the configuration
// (--config), the scope (--municipality, --area, --quadrant, --provider) with --role, and the
// period (--from/--to or --period). A wrong value is a usage error (ErrorKind::kUsage, exit code
// 2) whose Dutch message names the option and what it expects.
#pragma once

#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "calendar/period.hpp"
#include "engine/query.hpp"
#include "engine/role.hpp"
#include "model/status.hpp"

namespace rk::cli {

// The help text of --db for the commands that read figures.
inline constexpr const char* kDbHelp = "gegevensbestand (SQLite) of postgresql://-URI";
// The help text of --key for the commands that read figures.
inline constexpr const char* kKeyHelp = "sleutelbestand van de opslag (standaard naast de opslag)";

// The store a command works on.
struct StoreOptions {
  std::string db;         // --db: a SQLite file or a postgresql:// URI
  std::string cache_dir;  // --cache-dir: snapshot folder of a PostgreSQL store (store::OpenOptions)
  std::string key;  // --key: the store's key file; "" = REGIEKAMER_KEY_FILE or beside the store
};

// Adds --db (required) with `help`.
void add_db_option(CLI::App& cmd, std::string& db, const std::string& help = kDbHelp);
// Adds --cache-dir (environment REGIEKAMER_CACHE_DIR).
void add_cache_dir_option(CLI::App& cmd, std::string& cache_dir);
// Adds --db and --cache-dir, in that order.
void add_store_options(CLI::App& cmd, StoreOptions& store);
// Adds --key (environment REGIEKAMER_KEY_FILE) with `help`.
void add_key_option(CLI::App& cmd, std::string& key, const std::string& help = kKeyHelp);
// Adds --config; cli/config_file.hpp reads what it names.
void add_config_option(CLI::App& cmd, std::optional<std::string>& config);

// Which records the figures count (cli.md, SCOPE); combined scopes intersect.
struct ScopeOptions {
  std::optional<std::string> municipality, area, quadrant, provider;

  [[nodiscard]] engine::ScopeText text() const {
    return engine::ScopeText{municipality, area, quadrant, provider};
  }
  // True for all municipalities together or one municipality: the scopes whose figures a period
  // closing freezes (engine/closing.hpp).
  [[nodiscard]] bool is_closing_scope() const { return !area && !quadrant && !provider; }
};

// Adds --municipality, --area, --quadrant and --provider, in that order.
void add_scope_options(CLI::App& cmd, ScopeOptions& scope);
// Adds --role (analyst, municipality or public); the variable holds the default.
void add_role_option(CLI::App& cmd, std::string& role);
void add_role_option(CLI::App& cmd, std::optional<std::string>& role);

// Returns the role named by `role`, checked together with the scope. Fails with kUsage when the
// role is unknown, when role municipality has no --municipality, or when --quadrant is not K1, K2
// or K3 (checked in that order).
Result<engine::Role> parse_role_and_scope(const std::string& role, const ScopeOptions& scope);

// The days a command computes over, as --from and --to.
struct DateRangeOptions {
  std::string from;
  std::string to;
};

// Adds --from and --to, both required.
void add_date_range_options(CLI::App& cmd, DateRangeOptions& range);
// Returns the period from --from to --to; kUsage when either is not a date YYYY-MM-DD or when
// --from lies after --to.
Result<Period> parse_date_range(const DateRangeOptions& range);

// Adds --period (required): 2020H2, 2020, 2020Q3, 2020-11 or FROM..TO.
void add_period_option(CLI::App& cmd, std::string& period);
// Returns the period --period names (calendar/period.hpp parse_period); kUsage otherwise.
Result<Period> parse_period_option(const std::string& period);

}  // namespace rk::cli
