// The Dutch formats of a figure with its unit, shared by the report and the insights.
#include <fmt/format.h>

#include <cmath>

#include "engine/labels.hpp"
#include "engine/render.hpp"

namespace rk::engine {

int display_decimals(Unit unit) {
  switch (unit) {
    case Unit::kPercent:
    case Unit::kGrade:
    case Unit::kScore:
    case Unit::kFte:
      return 1;
    case Unit::kCount:
    case Unit::kDays:
    case Unit::kEuro:
    case Unit::kNumber:
      return 0;
  }
  return 0;
}

std::string unit_word(Unit unit) { return std::string(unit_symbol(unit)); }

std::string format_with_unit(double value, int decimals, std::string_view unit_word) {
  std::string n = format_dutch(value, decimals);
  if (unit_word.empty()) return n;
  if (unit_word == "€") return "€ " + n;
  return n + " " + std::string(unit_word);
}

std::string norm_text(const Norm& norm, Unit unit) {
  return fmt::format("{} {}", norm.op == Norm::Op::kAtLeast ? "≥" : "≤",
                     format_with_unit(norm.target, norm.target == std::trunc(norm.target) ? 0 : 1,
                                      unit_word(unit)));
}

}  // namespace rk::engine
