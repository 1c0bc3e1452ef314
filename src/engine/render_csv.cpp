#include <cmath>
#include <cstdio>

#include "engine/render.hpp"

namespace rk::engine {
namespace {

std::string quote(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string plain(double v) {
  if (v == std::trunc(v) && std::fabs(v) < 9.0e15) return std::to_string(static_cast<int64_t>(v));
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.17g", v);
  return buf;
}

std::string value_text(const Number& n) {
  if (n.below_five) return "<5";
  return n.value ? plain(*n.value) : std::string();
}

}  // namespace

std::string render_csv(const std::vector<IndicatorResult>& results) {
  std::string out = "indicator,dimension,key,part,value,numerator,denominator,status\n";
  for (const FlatRow& r : flatten(results)) {
    out += quote(r.indicator) + ',' + quote(r.dimension) + ',' + quote(r.key) + ',' +
           quote(r.part) + ',' + (r.text.empty() ? value_text(r.value) : quote(r.text)) + ',' +
           (r.numerator ? plain(*r.numerator) : "") + ',' +
           (r.denominator ? plain(*r.denominator) : "") + ',' + r.status + '\n';
  }
  return out;
}

}  // namespace rk::engine
