// The CBS StatLine-style export: the Beleidsinformatie Jeugd figures (engine/statline.hpp) as four
// tables with one row per municipality and a total row, written as one semicolon-separated CSV
// file with a section per table (layout in docs/statline.md).
#pragma once

#include <string>
#include <vector>

#include "engine/query.hpp"
#include "engine/render.hpp"
#include "engine/snapshot.hpp"
#include "model/status.hpp"

namespace rk::exporting {

struct StatlineTable {
  std::string title;                           // Dutch, e.g. "Tabel 1 ..."
  std::vector<std::string> columns;            // Dutch headers
  std::vector<std::vector<std::string>> rows;  // cells as written
};

// The tables for the query, with the privacy rule of `role`: for municipality and public a count
// 1-4 is written "<5" and an average over fewer than 10 trajectories is left empty.
std::vector<StatlineTable> statline_tables(const engine::Snapshot& snapshot,
                                           const engine::Query& query, engine::Role role);

// The CSV text: per table a title line, the header line and the rows, tables separated by an
// empty line; ';' between fields, '"' around every text field.
std::string statline_csv(const engine::DocumentHeader& header,
                         const std::vector<StatlineTable>& tables);

// Writes statline_csv to `path`. Fails with kIo when it cannot.
Status write_statline_csv(const std::string& path, const engine::DocumentHeader& header,
                          const std::vector<StatlineTable>& tables);

}  // namespace rk::exporting
