#include "cli/config_file.hpp"

namespace rk::cli {

Result<engine::Config> read_config(const std::optional<std::string>& path) {
  return engine::find_and_load_config(path);
}

}  // namespace rk::cli
