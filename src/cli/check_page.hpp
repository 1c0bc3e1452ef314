// The data-quality page of `regiekamer check --report FILE.html`: one self-contained HTML page
// (no script, no external resource) that says per file how it was read and how many rows would be
// imported or rejected, per file and column what the valid rows hold (the share of empty
// optional cells, the first and last date of date and timestamp columns), and per file and column
// the rejected rows grouped by reason with a few examples as the reject file keeps them (BSNs
// blanked, 9-digit runs masked).
#pragma once

#include <string>

#include "ingest/importer.hpp"
#include "model/status.hpp"

namespace rk::cli {

// Writes the page for a finished check to `path`, reading the rejected rows from the reject file
// at `rejects_path`. Fails with kIo when the page cannot be written.
Status write_check_page(const std::string& path, const ingest::ImportSummary& summary,
                        const std::string& rejects_path);

}  // namespace rk::cli
