// Import of CSV datasets and iJw messages into the store: every row validated against the
// contract, BSNs pseudonymized at the door, rejected rows kept in the reject file, and the whole
// import applied as one transaction (all or nothing) that is idempotent (same keys replace).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "calendar/date.hpp"
#include "ingest/bsn.hpp"
#include "ingest/mapping.hpp"
#include "model/status.hpp"
#include "store/store.hpp"

namespace rk::ingest {

struct ImportOptions {
  bool replace = false;      // each file is a full export of its kind
  std::string rejects_path;  // reject file (CSV)
  // Called now and then with (file name, rows read in that file, bytes read, file size).
  std::function<void(const std::string&, uint64_t, uint64_t, uint64_t)> progress;
  // Exports read through a mapping file (mapping.md). Null: a folder's own mapping.toml, if it
  // has one, applies to that folder's files.
  const Mapping* mapping = nullptr;
  // A dry run (`regiekamer check`): every rule is checked and the reject file written as by an
  // import, but the store's transaction is rolled back, so the store is unchanged.
  bool dry_run = false;
  // Profile the columns of the valid rows (FileSummary::columns) for the data-quality page of
  // `regiekamer check --report`; off for an import, which then does no work for it.
  bool profile = false;
};

// What the valid rows of one file (the rows that would be imported) hold in one contract column.
struct ColumnProfile {
  std::string column;     // the contract's column name
  bool optional = false;  // the contract does not require a value
  bool dated = false;     // a date or timestamp column
  uint64_t rows = 0;      // valid rows
  uint64_t empty = 0;     // valid rows with an empty cell in this column
  // The first and last date of a date or timestamp column (a timestamp's day); unset when the
  // column is not dated or has no value.
  std::optional<Date> first;
  std::optional<Date> last;
};

struct FileSummary {
  std::string path;     // the file; for a workbook sheet "path [blad name]"
  std::string read_as;  // how it was read ("gelezen als …"); empty when it could not be opened
  std::string kind;     // contract file name, e.g. "requests.csv"; empty when unknown
  uint64_t read = 0;    // data rows read
  uint64_t imported = 0;
  uint64_t rejected = 0;
  int64_t removed = -1;    // rows removed by --replace (-1 when not replaced)
  std::string file_error;  // whole-file defect: nothing of the file imported
  std::vector<std::string> warnings;
  // Per contract column (derived columns left out), with ImportOptions::profile only.
  std::vector<ColumnProfile> columns;
};

struct ImportSummary {
  std::vector<FileSummary> files;
  uint64_t rows_read = 0;
  uint64_t rows_imported = 0;
  uint64_t rows_rejected = 0;
  uint64_t files_rejected = 0;  // files with a whole-file defect (or an unknown name)
  int64_t orphans_removed = 0;  // rows removed because --replace removed what they referenced
  double seconds = 0;
};

// Imports the files named by `paths` (dataset folders and/or single files) into `store`: CSV
// files in every dialect of the contract, Excel workbooks (.xlsx), exports with their own names
// through a mapping (options.mapping or a folder's mapping.toml), and iJw messages. Contract files
// are processed in dependency order (municipalities first), then the messages. Fails with kUsage
// when a folder's mapping.toml is refused. Returns a failure only when the
// import could not be applied (store or I/O error); then the store is unchanged. Rejected rows and
// files are reported in the summary and the reject file.
Result<ImportSummary> import_paths(store::Store& store, const std::vector<std::string>& paths,
                                   const Pseudonymizer& pseudonymizer,
                                   const ImportOptions& options);

}  // namespace rk::ingest
