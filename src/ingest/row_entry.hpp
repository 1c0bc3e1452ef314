// A row of a contract file entered by hand (the API's POST /api/measurements) rather than
// delivered in a file. It is checked exactly as an import checks a file of that kind: the header
// (file_check.hpp) and the record (row_validator.hpp: types, required fields, the BSN rule,
// references to the keys the store holds), and written as a one-row import in a transaction of its
// own, so a row with the key of a stored one replaces it and data_version advances.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <vector>

#include "ingest/bsn.hpp"
#include "ingest/rejection.hpp"
#include "model/contract.hpp"
#include "model/status.hpp"
#include "store/store.hpp"

namespace rk::ingest {

// Called with the validated row (one canonical cell per field of the spec) inside the
// transaction, before it is written: a failure it returns ends the entry unwritten.
using EntryCheck = std::function<Status(std::span<const store::Cell>)>;

// Validates `values` (one text per non-derived column of `spec`, in the contract's order, as the
// cells of a CSV record; empty is an empty cell) and writes the row when it is valid and `check`
// accepts it. Returns the rejection of an invalid row (the importer's column and reason), nothing
// when the row was written; fails with the store's error or `check`'s. Tables whose rows carry a
// per-file sequence number (has_seq) cannot be entered row by row: kUsage.
Result<Rejected> enter_row(store::Store& store, const model::TableSpec& spec,
                           const std::vector<std::string>& values,
                           const Pseudonymizer& pseudonymizer, const EntryCheck& check);

// The non-derived columns of `spec` in the contract's order: the header of a one-row entry.
std::vector<std::string> entry_columns(const model::TableSpec& spec);

}  // namespace rk::ingest
