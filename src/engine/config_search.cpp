// Where the configuration comes from when no --config is given (engine/config.hpp): the order an
// operator of a Debian system expects, from the most specific (the working folder) to the
// system's (/etc), with an environment variable above them all for services and scripts.
#include <cstdlib>
#include <filesystem>

#include "engine/config.hpp"

namespace rk::engine {

namespace {

// The environment variable `name`, or "" when unset.
std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

}  // namespace

std::vector<std::string> config_search_path() {
  std::vector<std::string> files{"regiekamer.toml"};
  std::string config_home = environment("XDG_CONFIG_HOME");
  if (config_home.empty() || config_home.front() != '/') {
    const std::string home = environment("HOME");
    config_home = home.empty() ? "" : home + "/.config";
  }
  if (!config_home.empty()) files.push_back(config_home + "/regiekamer/regiekamer.toml");
  files.emplace_back("/etc/regiekamer/regiekamer.toml");
  return files;
}

Result<Config> find_and_load_config(const std::optional<std::string>& path) {
  if (path) return load_config(*path);
  if (const std::string named = environment("REGIEKAMER_CONFIG"); !named.empty())
    return load_config(named);
  std::error_code ec;
  for (const std::string& file : config_search_path())
    if (std::filesystem::exists(file, ec)) return load_config(file);
  return Config{};
}

}  // namespace rk::engine
