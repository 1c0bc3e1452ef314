// The configuration a command runs with: `--config FILE` when given, else ./regiekamer.toml when
// present, else the built-in defaults.
#pragma once

#include <optional>
#include <string>

#include "engine/config.hpp"

namespace rk::cli {

Result<engine::Config> read_config(const std::optional<std::string>& path);

}  // namespace rk::cli
