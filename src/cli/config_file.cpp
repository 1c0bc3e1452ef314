#include "cli/config_file.hpp"

#include <filesystem>

namespace rk::cli {

Result<engine::Config> read_config(const std::optional<std::string>& path) {
  if (path) return engine::load_config(*path);
  if (std::filesystem::exists("regiekamer.toml")) return engine::load_config("regiekamer.toml");
  return engine::Config{};
}

}  // namespace rk::cli
