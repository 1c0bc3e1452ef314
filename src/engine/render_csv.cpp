#include <cmath>
#include <cstdio>

#include "engine/render.hpp"
#include "util/csv.hpp"

namespace rk::engine {
namespace {

std::string value_text(const Number& n) {
  if (n.below_five) return "<5";
  return n.value ? plain_number(*n.value) : std::string();
}

}  // namespace

std::string plain_number(double v) {
  if (v == std::trunc(v) && std::fabs(v) < 9.0e15) return std::to_string(static_cast<int64_t>(v));
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.17g", v);
  return buf;
}

std::string render_csv(const std::vector<IndicatorResult>& results) {
  std::string out = "indicator,dimension,key,part,value,numerator,denominator,status\n";
  for (const FlatRow& r : flatten(results)) {
    // Figures are numbers the program formats; every other cell is text (ids, names and labels
    // from the data among them) and is neutralised against formulas.
    out += util::csv_text(r.indicator) + ',' + util::csv_text(r.dimension) + ',' +
           util::csv_text(r.key) + ',' + util::csv_text(r.part) + ',' +
           (r.text.empty() ? value_text(r.value) : util::csv_text(r.text)) + ',' +
           (r.numerator ? plain_number(*r.numerator) : "") + ',' +
           (r.denominator ? plain_number(*r.denominator) : "") + ',' +
           util::csv_text(r.status ? to_string(*r.status) : "") + '\n';
  }
  return out;
}

}  // namespace rk::engine
