// The Excel export: a workbook with an index sheet and one sheet per indicator, holding every
// figure of the indicator (its total, series and breakdowns) as rows, numbers as numbers with a
// number format of their display precision. Reads IndicatorResult only; suppression has been
// applied before.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "engine/labels.hpp"
#include "engine/render.hpp"
#include "engine/result.hpp"
#include "model/status.hpp"

namespace rk::exporting {

// Writes the workbook to `path` (replacing it): per figure the dimension, the key's code and its
// Dutch name, the part, value, numerator, denominator and status, in the words of `vocabulary`.
// Fails with kIo when the file cannot be written.
Status write_xlsx(const std::string& path, const engine::DocumentHeader& header,
                  const std::vector<engine::IndicatorResult>& results,
                  const engine::Vocabulary& vocabulary);

// The same workbook as bytes, for a download (the API's format=xlsx): written to a temporary file
// (mode 0600, in $TMPDIR or /tmp) that is removed again. Fails with kIo.
Result<std::string> xlsx_bytes(const engine::DocumentHeader& header,
                               const std::vector<engine::IndicatorResult>& results,
                               const engine::Vocabulary& vocabulary);

// A valid, unique sheet name for `wanted`: the characters []:*?/\ become '_', at most 31
// characters, and a suffix "~2", "~3"… when `taken` (compared case-insensitively) holds it.
// The returned name is added to `taken`.
std::string sheet_name(std::string_view wanted, std::set<std::string>& taken);

// The Excel number format of a figure: counts "#,##0", percentages and ratios "0.0", money
// "€ #,##0.00", other figures "#,##0.0" (one decimal, as the table view shows them).
std::string number_format(engine::Unit unit, engine::FigureKind kind);

}  // namespace rk::exporting
