#include "cli/format.hpp"

namespace rk::cli {

std::string format_count(uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  out.reserve(digits.size() + digits.size() / 3);
  const size_t lead = digits.size() % 3;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && (i + 3 - lead) % 3 == 0) out += '.';
    out += digits[i];
  }
  return out;
}

}  // namespace rk::cli
