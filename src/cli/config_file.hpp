// The configuration a command runs with: `--config FILE` when given, else the search of
// engine::find_and_load_config ($REGIEKAMER_CONFIG, ./regiekamer.toml,
// $XDG_CONFIG_HOME/regiekamer/, /etc/regiekamer/), else the built-in defaults.
#pragma once

#include <optional>
#include <string>

#include "engine/config.hpp"

namespace rk::cli {

Result<engine::Config> read_config(const std::optional<std::string>& path);

}  // namespace rk::cli
