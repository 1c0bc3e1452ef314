#include "cli/common_options.hpp"

#include "calendar/date.hpp"

namespace rk::cli {

void add_db_option(CLI::App& cmd, std::string& db, const std::string& help) {
  cmd.add_option("--db", db, help)->required();
}

void add_cache_dir_option(CLI::App& cmd, std::string& cache_dir) {
  cmd.add_option("--cache-dir", cache_dir, "map voor de momentopname van een PostgreSQL-opslag")
      ->envname("REGIEKAMER_CACHE_DIR");
}

void add_store_options(CLI::App& cmd, StoreOptions& store) {
  add_db_option(cmd, store.db);
  add_cache_dir_option(cmd, store.cache_dir);
}

void add_key_option(CLI::App& cmd, std::string& key, const std::string& help) {
  cmd.add_option("--key", key, help)->envname("REGIEKAMER_KEY_FILE");
}

void add_config_option(CLI::App& cmd, std::optional<std::string>& config) {
  cmd.add_option("--config", config, "configuratie (regiekamer.toml of JSON)");
}

void add_scope_options(CLI::App& cmd, ScopeOptions& scope) {
  cmd.add_option("--municipality", scope.municipality, "gemeentecode, bv. GM0917");
  cmd.add_option("--area", scope.area, "gebied");
  cmd.add_option("--quadrant", scope.quadrant, "K1, K2 of K3");
  cmd.add_option("--provider", scope.provider, "aanbieder");
}

void add_role_option(CLI::App& cmd, std::string& role) {
  cmd.add_option("--role", role, "analyst, municipality of public");
}

void add_role_option(CLI::App& cmd, std::optional<std::string>& role) {
  cmd.add_option("--role", role, "analyst, municipality of public");
}

Result<engine::Role> parse_role_and_scope(const std::string& role, const ScopeOptions& scope) {
  const std::optional<engine::Role> parsed = engine::parse_role(role);
  if (!parsed)
    return Status::error(
        ErrorKind::kUsage,
        "--role: verwacht analyst, municipality of public, gevonden '" + role + "'");
  if (*parsed == engine::Role::kMunicipality && !scope.municipality)
    return Status::error(ErrorKind::kUsage, "--role municipality vraagt om --municipality CODE");
  const std::optional<std::string>& quadrant = scope.quadrant;
  if (quadrant && *quadrant != "K1" && *quadrant != "K2" && *quadrant != "K3")
    return Status::error(ErrorKind::kUsage,
                         "--quadrant: verwacht K1, K2 of K3, gevonden '" + *quadrant + "'");
  return *parsed;
}

void add_date_range_options(CLI::App& cmd, DateRangeOptions& range) {
  cmd.add_option("--from", range.from, "eerste dag YYYY-MM-DD")->required();
  cmd.add_option("--to", range.to, "laatste dag YYYY-MM-DD")->required();
}

Result<Period> parse_date_range(const DateRangeOptions& range) {
  const std::optional<Date> from = parse_date(range.from);
  if (!from)
    return Status::error(ErrorKind::kUsage,
                         "--from: verwacht een datum JJJJ-MM-DD, gevonden '" + range.from + "'");
  const std::optional<Date> to = parse_date(range.to);
  if (!to)
    return Status::error(ErrorKind::kUsage,
                         "--to: verwacht een datum JJJJ-MM-DD, gevonden '" + range.to + "'");
  if (*to < *from)
    return Status::error(ErrorKind::kUsage, "--from " + range.from + " ligt na --to " + range.to);
  return Period{*from, *to};
}

void add_period_option(CLI::App& cmd, std::string& period) {
  cmd.add_option("--period", period, "2020H2, 2020, 2020Q3, 2020-11 of VAN..TOT")->required();
}

Result<Period> parse_period_option(const std::string& period) {
  const std::optional<Period> parsed = parse_period(period);
  if (!parsed)
    return Status::error(
        ErrorKind::kUsage,
        "--period: verwacht 2020H2, 2020, 2020Q3, 2020-11 of VAN..TOT, gevonden '" + period + "'");
  return *parsed;
}

}  // namespace rk::cli
