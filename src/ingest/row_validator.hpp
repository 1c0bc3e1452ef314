// Validation of one CSV record against the contract, field by field and then across fields:
// types and lengths (field_parser.hpp), the BSN (checked and replaced by its pseudonym before
// anything else sees it), required fields, order rules, trajectory ends, and references to keys
// the import knows. One validator serves one file.
#pragma once

#include <span>
#include <string>
#include <utility>
#include <vector>

#include "ingest/bsn.hpp"
#include "ingest/csv_reader.hpp"
#include "ingest/dialect.hpp"
#include "ingest/field_parser.hpp"
#include "ingest/file_check.hpp"
#include "ingest/known_keys.hpp"
#include "ingest/rejection.hpp"
#include "model/contract.hpp"
#include "store/store.hpp"

namespace rk::ingest {

// Field positions of one table, resolved once per file so that the per-row checks do no name
// lookups.
struct Plan {
  std::vector<size_t> key_fields;
  size_t first_key = 0;
  int client_field = -1;  // client_id when the table accepts a bsn column
  int pseudonym_field = -1;
  int end_date = -1;  // trajectories: end_date and end_reason must come together
  int end_reason = -1;
  std::vector<std::pair<size_t, size_t>> order;  // (earlier, later) field pairs
  std::vector<size_t> references;                // fields that reference another kind

  explicit Plan(const model::TableSpec& spec);
};

class RowValidator {
 public:
  // REQUIRES: `known` holds (ensure()) every kind `spec` references. The arguments outlive the
  // validator.
  // Values are read in `dialect` (dialect.hpp) before the contract's parser checks them.
  RowValidator(const model::TableSpec& spec, const Header& header, KnownKeys& known,
               const Pseudonymizer& pseudonymizer, const Dialect& dialect = Dialect{});

  // Validates `rec` into cells(). Returns nothing when the record is valid, else the column and
  // reason of the first problem. A store error while looking up a client by BSN rejects the
  // record with that error's message.
  Rejected validate(const CsvRecord& rec);

  // The row of the last valid record: one cell per field, plus the `seq` cell when the table
  // has one (left for the caller). Text cells point into the record or into the validator.
  [[nodiscard]] std::vector<store::Cell>& cells() { return cells_; }
  [[nodiscard]] const Plan& plan() const { return plan_; }

 private:
  Rejected parse_fields(const CsvRecord& rec);
  Rejected apply_bsn(const CsvRecord& rec);
  Rejected check_required();
  Rejected check_order();
  Rejected check_end();
  Rejected check_references();

  const model::TableSpec& spec_;
  const Header& header_;
  const Dialect dialect_;
  KnownKeys& known_;
  const Pseudonymizer& pseudonymizer_;
  const Plan plan_;
  std::vector<store::Cell> cells_;
  std::vector<FieldBuffer> buffers_;
  std::vector<std::string> readings_;  // per field: the canonical text of a dialect value
  std::string bsn_reading_;
  std::string pseudonym_;
  std::string client_from_bsn_;
  // Per reference field, the hash of the last key found: consecutive rows often name the same
  // client or request, and then the lookup is skipped.
  std::vector<uint64_t> last_reference_;
};

}  // namespace rk::ingest
