#include "ingest/row_entry.hpp"

#include "ingest/file_check.hpp"
#include "ingest/known_keys.hpp"
#include "ingest/row_pipe.hpp"
#include "ingest/row_validator.hpp"
#include "store/transaction.hpp"

namespace rk::ingest {

std::vector<std::string> entry_columns(const model::TableSpec& spec) {
  std::vector<std::string> columns;
  for (const auto& f : spec.fields)
    if (!f.derived) columns.emplace_back(f.name);
  return columns;
}

Result<Rejected> enter_row(store::Store& store, const model::TableSpec& spec,
                           const std::vector<std::string>& values,
                           const Pseudonymizer& pseudonymizer, const EntryCheck& check) {
  if (spec.has_seq)
    return Status::error(ErrorKind::kUsage,
                         std::string(spec.file) + " kan niet per rij worden ingevoerd");
  const std::vector<std::string> columns = entry_columns(spec);
  if (values.size() != columns.size())
    return Status::error(ErrorKind::kInternal, "aantal waarden past niet bij de kolommen");
  CsvRecord head;
  head.fields.assign(columns.begin(), columns.end());
  std::vector<std::string> warnings;
  auto header = read_header(spec, head, warnings);
  if (!header) return header.status();
  // The transaction first: the keys read for the reference checks are those the row meets.
  store::Transaction transaction(store);
  if (!transaction.status()) return transaction.status();
  // The pipe (its writer thread) stops before the transaction ends, as in an import.
  RowPipe pipe(store);
  KnownKeys known(store, pipe);
  for (const auto& f : spec.fields)
    if (f.references >= 0)
      if (Status s = known.ensure(static_cast<model::Kind>(f.references)); !s) return s;
  RowValidator validator(spec, *header, known, pseudonymizer);
  CsvRecord rec;
  rec.fields.assign(values.begin(), values.end());
  rec.line = 1;
  if (Rejected rejected = validator.validate(rec)) return rejected;
  if (check)
    if (Status s = check(validator.cells()); !s) return s;
  if (Status s = pipe.push(spec.kind, validator.cells()); !s) return s;
  if (Status s = pipe.drain(); !s) return s;
  if (Status s = transaction.commit(); !s) return s;
  return Rejected{};
}

}  // namespace rk::ingest
