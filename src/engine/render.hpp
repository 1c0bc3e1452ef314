// Views of a computed indicator set: the JSON document of cli.md, CSV rows and a Dutch table.
// They only read IndicatorResult; suppression has been applied before.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/query.hpp"
#include "engine/result.hpp"
#include "engine/role.hpp"

namespace rk::engine {

class Vocabulary;  // engine/labels.hpp

struct DocumentHeader {
  Date from;
  Date to;
  ScopeText scope;
  Role role = Role::kAnalyst;
};

// One indicator object of the JSON document (without its id).
nlohmann::json indicator_json(const IndicatorResult& result);
// The whole `kpi --format json` document, with the `labels` of everything in it
// (engine/labels.hpp).
nlohmann::json document_json(const DocumentHeader& header,
                             const std::vector<IndicatorResult>& results,
                             const Vocabulary& vocabulary);

// One figure of a result as a flat row (the CSV and table views).
struct FlatRow {
  std::string indicator;
  std::string dimension;  // "series" for series points; "a/b" for nested tables
  std::string key;
  std::string part;  // name of a `values` entry
  Number value;
  std::optional<double> numerator;
  std::optional<double> denominator;
  std::optional<NormStatus> status;  // the total of an indicator with a norm; nullopt otherwise
  Unit unit = Unit::kCount;
  std::string text;  // a textual cell (e.g. project status) instead of a number
  // The dimension and key of every level, outermost first: one pair for a breakdown cell or a
  // series point ("series", key), one per level of a nested table ("item"/"admin_burden",
  // "year"/"2020"); empty for the total.
  std::vector<std::pair<std::string, std::string>> levels;
};
std::vector<FlatRow> flatten(const std::vector<IndicatorResult>& results);

// CSV: header line and one row per figure (indicator,dimension,key,part,value,numerator,
// denominator,status), RFC 4180 quoting; text cells neutralised against formulas (util/csv.hpp).
std::string render_csv(const std::vector<IndicatorResult>& results);

// A terminal table with Dutch number formats (1.234,5), aligned columns, and the Dutch names of
// dimensions, keys, parts and statuses (engine/labels.hpp). The indicator column keeps the id,
// the name `kpi --explain` takes.
std::string render_table(const DocumentHeader& header, const std::vector<IndicatorResult>& results,
                         const Vocabulary& vocabulary);

// A number as the table shows it: "<5", "*" when suppressed, "-" when empty, otherwise Dutch
// with the unit ("12,5 %", "€ 1.234,50"; counts whole, other figures with one decimal).
std::string display_number(const Number& n, Unit unit);

// A number as the CSV views write it: whole numbers without a decimal point, others with every
// digit ("%.17g").
std::string plain_number(double value);

// Dutch number format: thousands separator '.', decimal comma, `decimals` digits.
std::string format_dutch(double value, int decimals);

// The report's and the insights' formats of a figure (one place):
// Decimals shown for a unit (counts 0, percentages 1, money 0, grades 1, ...).
int display_decimals(Unit unit);
// The unit word: "%", "dagen", "€", "fte" or "" for plain numbers.
std::string unit_word(Unit unit);
// A value with its unit word: "1.234", "12,5 %", "€ 1.234", "3 dagen" (format_dutch).
std::string format_with_unit(double value, int decimals, std::string_view unit_word);
// "≥ 90 %" for a norm of that unit.
std::string norm_text(const Norm& norm, Unit unit);

}  // namespace rk::engine
