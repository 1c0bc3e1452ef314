// The mapping file (shared/spec/mapping.md): how an export with its own file names, headers and
// words is read as the data contract's files. A Mapping is read once per import; per file the
// importer builds a FileMapping from the export's header, which renames the header to contract
// columns and rewrites each record (values translated, fixed columns appended) before the usual
// validation. Decisions mapping.md leaves open are in docs/dialects.md.
#pragma once

#include <cstddef>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/contract.hpp"
#include "model/status.hpp"

namespace rk::ingest {

// How one contract kind is read from an export (one table of the mapping file).
struct KindMapping {
  struct Column {
    std::string column;  // contract column: a field of the kind, or "bsn" where a BSN is accepted
    std::string header;  // the export's header, as written in the mapping file
    uint32_t line = 0;   // line of the mapping file
  };
  struct Fixed {
    std::string column;
    std::string value;
  };

  model::Kind kind = model::Kind::kMunicipalities;
  std::string name;                // "clients": the contract file name without .csv
  std::vector<std::string> files;  // globs on file names; default "<name>.csv", "<name>.xlsx"
  std::string sheet;               // sheet of a workbook; empty = the contract's rule
  std::vector<Column> columns;
  std::vector<Fixed> fixed;
  // Per contract column: export value (trimmed, ASCII letters lowered) -> contract value.
  std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> values;

  // True when `file_name` (a name, no folder) matches one of `files` (case-insensitive).
  [[nodiscard]] bool matches_file(std::string_view file_name) const;
};

struct Mapping {
  std::string path;  // the mapping file, for messages
  std::vector<KindMapping> kinds;

  // The table of `kind`; nullptr when the kind is read as the contract says.
  [[nodiscard]] const KindMapping* find(model::Kind kind) const;
  // The first table whose `files` match `file_name`; nullptr when none does.
  [[nodiscard]] const KindMapping* for_file(std::string_view file_name) const;
};

// Reads a mapping file. Every refusal of mapping.md is a kUsage error whose message names the
// file and the line: not valid TOML (or over 1 MiB), an unknown kind, key or contract column, a
// contract column given in `columns` and `fixed`, one export header mapped to two contract
// columns, the same export value twice in one `values` table, a value that is not text.
// A file that cannot be read is kUsage as well (the option names it).
Result<Mapping> load_mapping(const std::string& path);
// The same for mapping text; `path` is used in messages only.
Result<Mapping> parse_mapping(std::string_view text, const std::string& path);

// The mapping applied to one export file whose header has been read.
class FileMapping {
 public:
  // Matches the export's header cells to the table's columns (headers compared trimmed, ASCII
  // case-insensitively). Fails with kInvalidInput, naming the header, when a mapped header is
  // missing from the export (the file is then rejected). `ignored` receives the export's headers
  // that no mapping names (for the one warning per file).
  static Result<FileMapping> from_header(const KindMapping& table,
                                         std::span<const std::string_view> header,
                                         std::vector<std::string>& ignored);

  // The header as contract column names, one per export column plus one per fixed column; an
  // export column no mapping names has an empty name.
  [[nodiscard]] const std::vector<std::string>& contract_header() const { return header_; }
  // Rewrites one record of the export in place: values of columns with a `values` table
  // translated (a value without an entry is left as it is), fixed values appended. The views
  // then point into the record or into the mapping, which must outlive their use.
  void apply(std::vector<std::string_view>& fields);
  // The export's header for a contract column (for reject lines); `column` itself when the
  // column is not read from the export (a fixed value or not mapped).
  [[nodiscard]] std::string_view export_header(std::string_view column) const;

 private:
  struct Translation {
    size_t export_column;
    const std::map<std::string, std::string, std::less<>>* values;
  };
  const KindMapping* table_ = nullptr;
  std::vector<std::string> header_;
  std::vector<Translation> translations_;
  std::string key_;  // scratch for the lowered value
};

}  // namespace rk::ingest
