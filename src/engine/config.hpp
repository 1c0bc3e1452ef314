// Engine configuration: norm overrides (per indicator, optionally per year) and the declared
// manual indicators. Read from `regiekamer.toml` (TOML 1.0, read with toml++) or a JSON file of
// the same structure; the format is described in docs/indicators.md ("Configuration").
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/result.hpp"
#include "model/status.hpp"

namespace rk::engine {

struct NormOverride {
  std::optional<Norm::Op> op;
  std::optional<double> target;
  std::optional<double> tolerance;
  std::optional<bool> none;  // `none = true` removes the norm
};

struct ManualIndicator {
  std::string id;
  std::string title_nl;
  std::string title_en;
  Unit unit = Unit::kPercent;
  std::optional<Norm> norm;
  Better better = Better::kNeither;  // `better = "higher" | "lower" | "neither"`
};

// The perturbation table's parameters (disclosure.hpp, docs/privacy.md): maximum noise D and
// variance V (0.5 to 2). D below 2 weakens the protection: the configuration accepts it only with
// `exact_for_tests = true`; D = 0 turns perturbation off, leaving only the suppression rules, for
// checking those rules by hand (the golden tests), never for publication.
struct DisclosureParams {
  int max_noise = 2;
  double variance = 1.0;
};

struct Config {
  DisclosureParams disclosure;
  std::map<std::string, NormOverride> norms;                         // every year
  std::map<std::string, std::map<int, NormOverride>> norms_by_year;  // id -> year -> override
  std::vector<ManualIndicator> manual;  // empty = the spec's three defaults
  bool manual_declared = false;

  // The effective norm of an indicator in `year`: the default, then the all-years override, then
  // the override of that year.
  [[nodiscard]] std::optional<Norm> norm_for(const std::string& id, std::optional<Norm> fallback,
                                             int year) const;
};

// Reads a configuration file: JSON when the name ends in .json, TOML otherwise.
// Fails with kNotFound when the file cannot be read, and with kInvalidInput, in Dutch, on a syntax
// error, a value of the wrong type, an unknown key, unit or op, or a manual indicator declared
// twice; the message starts with the file name and names the line (TOML) and the key path.
// Top-level keys other than norms, norm, manual and manual_indicators are ignored.
Result<Config> load_config(const std::string& path);
// The files looked for when no configuration is named, in this order: ./regiekamer.toml,
// $XDG_CONFIG_HOME/regiekamer/regiekamer.toml ($XDG_CONFIG_HOME: ~/.config when unset or not an
// absolute path; left out when neither it nor $HOME is set), /etc/regiekamer/regiekamer.toml.
std::vector<std::string> config_search_path();
// The configuration a command runs with: the file `path` names (--config) when given, else the
// one $REGIEKAMER_CONFIG names when set and not empty, else the first file of
// config_search_path() that exists, else the defaults. A named file (option or environment)
// must exist: kNotFound otherwise; other failures as load_config.
Result<Config> find_and_load_config(const std::optional<std::string>& path);
// The same from a file's text; the messages have no file name.
Result<Config> parse_config_json(const std::string& text);
Result<Config> parse_config_toml(const std::string& text);

// The spec's default manual indicators.
std::vector<ManualIndicator> default_manual_indicators();

}  // namespace rk::engine
