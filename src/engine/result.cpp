#include "engine/result.hpp"

namespace rk::engine {

std::string_view to_string(Unit unit) {
  switch (unit) {
    case Unit::kCount:
      return "count";
    case Unit::kPercent:
      return "percent";
    case Unit::kDays:
      return "days";
    case Unit::kEuro:
      return "euro";
    case Unit::kGrade:
      return "grade";
    case Unit::kScore:
      return "score";
    case Unit::kFte:
      return "fte";
    case Unit::kNumber:
      return "number";
  }
  return "number";
}

std::string_view to_string(Better better) {
  switch (better) {
    case Better::kHigher:
      return "higher";
    case Better::kLower:
      return "lower";
    case Better::kNeither:
      return "neither";
  }
  return "neither";
}

std::optional<Better> parse_better(std::string_view text) {
  for (const Better b : {Better::kHigher, Better::kLower, Better::kNeither})
    if (text == to_string(b)) return b;
  return std::nullopt;
}

std::string_view to_string(NormStatus status) {
  switch (status) {
    case NormStatus::kGreen:
      return "green";
    case NormStatus::kYellow:
      return "yellow";
    case NormStatus::kRed:
      return "red";
    case NormStatus::kNone:
      return "none";
  }
  return "none";
}

std::string_view status_nl(NormStatus status) {
  switch (status) {
    case NormStatus::kGreen:
      return "op norm";
    case NormStatus::kYellow:
      return "binnen marge";
    case NormStatus::kRed:
      return "onder norm";
    case NormStatus::kNone:
      return "geen oordeel";
  }
  return "geen oordeel";
}

Number Number::ratio(double numerator, double denominator) {
  Number n = make(std::nullopt, FigureKind::kRatio, static_cast<int64_t>(denominator));
  if (denominator != 0) n.value = numerator / denominator * 100.0;
  return n;
}

Number Number::ratio(const Tally& numerator, const Tally& denominator) {
  Number n = ratio(static_cast<double>(numerator.n), static_cast<double>(denominator.n));
  n.counted = numerator;
  n.base = denominator;
  return n;
}

Number Number::per_count(double amount, const Tally& denominator) {
  Number n = statistic(denominator.n > 0
                           ? std::optional<double>(amount / static_cast<double>(denominator.n))
                           : std::nullopt,
                       denominator.n);
  n.base_amount = amount;
  n.base = denominator;
  return n;
}

Number Number::difference_of(const Tally& minuend, const Tally& subtrahend) {
  Number n = amount(static_cast<double>(minuend.n - subtrahend.n));
  n.counted = minuend;
  n.base = subtrahend;
  n.difference = true;
  return n;
}

bool Figure::is_suppressed() const {
  if (value && (value->suppressed || value->below_five)) return true;
  for (const auto& [name, v] : values)
    if (v.suppressed || v.below_five) return true;
  return false;
}

NormStatus norm_status(const Norm& norm, const Number& value) {
  if (!value.value || value.suppressed) return NormStatus::kNone;
  const double v = *value.value;
  if (norm.op == Norm::Op::kAtLeast) {
    if (v >= norm.target) return NormStatus::kGreen;
    if (v >= norm.target - norm.tolerance) return NormStatus::kYellow;
    return NormStatus::kRed;
  }
  if (v <= norm.target) return NormStatus::kGreen;
  if (v <= norm.target + norm.tolerance) return NormStatus::kYellow;
  return NormStatus::kRed;
}

}  // namespace rk::engine
