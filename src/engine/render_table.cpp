#include <algorithm>
#include <array>
#include <cmath>

#include "engine/disclosure.hpp"
#include "engine/labels.hpp"
#include "engine/render.hpp"

namespace rk::engine {
namespace {

// Display width in characters (UTF-8 continuation bytes do not count).
size_t width(const std::string& s) {
  return static_cast<size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

std::string display_number(const Number& n, Unit unit) {
  if (n.below_five) return "<5";
  if (!n.value) return n.suppressed ? "*" : "-";
  const double v = *n.value;
  switch (unit) {
    case Unit::kPercent:
      return format_dutch(v, 1) + " %";
    case Unit::kEuro:
      return "€ " + format_dutch(v, 2);
    default:
      return format_dutch(v, v == std::trunc(v) ? 0 : 1);
  }
}

std::string render_table(const DocumentHeader& h, const std::vector<IndicatorResult>& results,
                         const Vocabulary& vocabulary) {
  std::vector<std::array<std::string, 6>> rows;
  rows.push_back({"Indicator", "Uitsplitsing", "Waarde", "Teller", "Noemer", "Status"});
  for (const FlatRow& r : flatten(results)) {
    std::string where =
        r.dimension.empty() ? "" : Vocabulary::dimension(r) + ": " + vocabulary.key(r);
    if (!r.part.empty()) where += (where.empty() ? "" : ", ") + part_nl(r.part);
    std::string value = display_number(r.value, r.unit);
    if (!r.text.empty()) value = text_nl(r.text).value_or(r.text);
    rows.push_back({r.indicator, where, value, r.numerator ? format_dutch(*r.numerator, 0) : "",
                    r.denominator ? format_dutch(*r.denominator, 0) : "",
                    std::string(r.status ? status_nl(*r.status) : "")});
  }
  std::array<size_t, 6> w{};
  for (const auto& row : rows)
    for (size_t i = 0; i < 6; ++i) w[i] = std::max(w[i], width(row[i]));
  std::string out = "Periode " + period_words(h.from, h.to) + "; " +
                    scope_words(h.scope, vocabulary) + "; rol " + std::string(role_nl(h.role)) +
                    "\n";
  if (const std::string_view note = disclosure_note(h.role); !note.empty())
    out += std::string(note) + "\n";
  out += "\n";
  for (const auto& row : rows) {
    std::string line;
    for (size_t i = 0; i < 6; ++i) {
      const std::string pad(w[i] - width(row[i]), ' ');
      const bool right = i >= 2 && i <= 4;
      line += right ? pad + row[i] : row[i] + pad;
      if (i + 1 < 6) line += "  ";
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + '\n';
  }
  return out;
}

}  // namespace rk::engine
