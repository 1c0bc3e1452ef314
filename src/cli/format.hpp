// Dutch number formatting for terminal output (1.234.567).
#pragma once

#include <cstdint>
#include <string>

namespace rk::cli {

std::string format_count(uint64_t n);
inline std::string format_count(int64_t n) {
  return n < 0 ? "-" + format_count(static_cast<uint64_t>(-n))
               : format_count(static_cast<uint64_t>(n));
}

}  // namespace rk::cli
