#include <cmath>
#include <cstdio>

#include <fmt/format.h>

#include "engine/render.hpp"

namespace rk::engine {
namespace {

using Levels = std::vector<std::pair<std::string, std::string>>;

// The dimension of a table's outermost level: the first name of "item/year".
std::string first_name(const std::string& dimension) {
  return dimension.substr(0, dimension.find('/'));
}

void add_figure(std::vector<FlatRow>& rows, const IndicatorResult& r, const std::string& dimension,
                const std::string& key, const Levels& levels, const Figure& f,
                std::optional<NormStatus> status) {
  FlatRow base{r.id,          dimension, key,    {}, {},    f.numerator,
               f.denominator, status,    r.unit, {}, levels};
  if (f.value) {
    FlatRow row = base;
    row.value = *f.value;
    rows.push_back(row);
  }
  if (f.text) {
    FlatRow row = base;
    row.value = Number::amount(std::nullopt);
    row.text = *f.text;
    rows.push_back(row);
  }
  for (const auto& [name, n] : f.values) {
    FlatRow row = base;
    row.part = name;
    row.value = n;
    rows.push_back(row);
  }
  // A table named with all its dimensions ("item/year") keeps that name for its nested cells.
  const bool named = dimension.find('/') != std::string::npos;
  for (const auto& b : f.nested)
    for (const auto& [k2, cell] : b.cells) {
      Levels inner = levels;
      inner.emplace_back(b.dimension, k2);
      add_figure(rows, r,
                 named               ? dimension
                 : dimension.empty() ? b.dimension
                                     : fmt::format("{}/{}", dimension, b.dimension),
                 key.empty() ? k2 : fmt::format("{}/{}", key, k2), inner, cell, {});
    }
}

}  // namespace

std::vector<FlatRow> flatten(const std::vector<IndicatorResult>& results) {
  std::vector<FlatRow> rows;
  for (const auto& r : results) {
    add_figure(rows, r, {}, {}, {}, r.total, r.norm ? std::optional(r.status) : std::nullopt);
    for (const auto& p : r.series)
      add_figure(rows, r, "series", p.key, {{"series", p.key}}, p.figure, {});
    for (const auto& b : r.breakdowns)
      for (const auto& [key, cell] : b.cells)
        add_figure(rows, r, b.dimension, key, {{first_name(b.dimension), key}}, cell, {});
  }
  return rows;
}

std::string format_dutch(double value, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.*f", decimals, std::fabs(value));
  std::string s(buf);
  const size_t dot = s.find('.');
  std::string int_part = s.substr(0, dot);
  const std::string frac = dot == std::string::npos ? "" : s.substr(dot + 1);
  std::string grouped;
  for (size_t i = 0; i < int_part.size(); ++i) {
    if (i > 0 && (int_part.size() - i) % 3 == 0) grouped += '.';
    grouped += int_part[i];
  }
  const bool negative = value < 0 && std::stod(buf) != 0;
  return (negative ? "-" : "") + grouped + (frac.empty() ? "" : "," + frac);
}

}  // namespace rk::engine
