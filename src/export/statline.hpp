// The CBS StatLine-style export: the Beleidsinformatie Jeugd figures (engine/statline.hpp) as four
// tables with one row per municipality and a total row, written as one semicolon-separated CSV
// file with a section per table (layout in docs/statline.md).
#pragma once

#include <string>
#include <vector>

#include "calendar/period.hpp"
#include "engine/render.hpp"
#include "engine/result.hpp"
#include "model/status.hpp"

namespace rk::exporting {

struct StatlineTable {
  std::string title;                           // Dutch, e.g. "Tabel 1 ..."
  std::vector<std::string> columns;            // Dutch headers
  std::vector<std::vector<std::string>> rows;  // cells as written
};

// The tables of the results of engine::statline_results for `period`, as they are: exact for
// analysts, or as engine::disclose left them for the roles municipality and public. A count is
// written as its number, "<5" when below five, and empty when suppressed; the average duration
// with one decimal, empty when null or suppressed. No rule of its own.
// Throws std::invalid_argument when a StatLine result is missing.
std::vector<StatlineTable> statline_tables(const std::vector<engine::IndicatorResult>& results,
                                           const Period& period);

// The CSV text: a title line (and, for the roles municipality and public, the disclosure note),
// then per table a title line, the header line and the rows, tables separated by an empty line;
// ';' between fields, '"' around every text field.
std::string statline_csv(const engine::DocumentHeader& header,
                         const std::vector<StatlineTable>& tables);

// Writes statline_csv to `path`. Fails with kIo when it cannot.
Status write_statline_csv(const std::string& path, const engine::DocumentHeader& header,
                          const std::vector<StatlineTable>& tables);

}  // namespace rk::exporting
