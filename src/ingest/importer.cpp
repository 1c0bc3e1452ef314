// The import of one set of paths: the sources collected (import_sources.hpp), each CSV file
// checked as a whole (file_check.hpp), its records validated (row_validator.hpp) and checked for
// duplicate keys, valid rows sent to the writer thread (row_pipe.hpp), then the iJw messages
// (ijw/message_import.hpp), all in one store transaction (store/transaction.hpp). Rejections go
// to the reject file (reject_log.hpp), which is put in place only after the commit.
#include "ingest/importer.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <optional>

#include <fmt/format.h>

#include "ingest/file_check.hpp"
#include "ingest/ijw/message_import.hpp"
#include "ingest/import_sources.hpp"
#include "ingest/key_set.hpp"
#include "ingest/known_keys.hpp"
#include "ingest/record_source.hpp"
#include "ingest/reject_log.hpp"
#include "ingest/row_pipe.hpp"
#include "ingest/row_validator.hpp"
#include "store/transaction.hpp"
#include "util/csv.hpp"

namespace rk::ingest {
namespace {

using model::Kind;
using model::TableSpec;
using store::Cell;

constexpr size_t kKinds = model::kKindCount;

// A rejected record for the reject file with its BSN column blanked, whatever the value looks
// like (a BSN with a lost leading zero, with dots, …): the fields re-joined as CSV.
std::string without_bsn(const CsvRecord& rec, int bsn_column) {
  std::string out;
  for (size_t i = 0; i < rec.fields.size(); ++i) {
    if (i > 0) out += ',';
    if (static_cast<int>(i) == bsn_column) {
      if (!rec.fields[i].empty()) out += "[bsn]";
    } else {
      out += util::csv_quote(rec.fields[i]);
    }
  }
  return out;
}

// Appends the canonical text of a key cell.
void append_key(std::string& key, const Cell& c) {
  if (!key.empty()) key += '\x1f';
  switch (c.tag) {
    case Cell::Tag::kText:
      key += c.s;
      break;
    case Cell::Tag::kInt:
      key += std::to_string(c.i);
      break;
    case Cell::Tag::kReal:
      key += fmt::format("{}", c.r);
      break;
    case Cell::Tag::kNull:
      break;
  }
}

// The profile of a file's contract columns, before its first row.
std::vector<ColumnProfile> empty_profile(const TableSpec& spec) {
  std::vector<ColumnProfile> out;
  for (const auto& f : spec.fields) {
    if (f.derived) continue;
    ColumnProfile p;
    p.column = std::string(f.name);
    p.optional = !f.required;
    p.dated = f.type == model::FieldType::kDate || f.type == model::FieldType::kTimestamp;
    out.push_back(std::move(p));
  }
  return out;
}

// Adds one valid row (one cell per field of `spec`, in the stored canonical form) to `profile`.
void profile_row(const TableSpec& spec, const std::vector<Cell>& cells,
                 std::vector<ColumnProfile>& profile) {
  size_t column = 0;
  for (size_t i = 0; i < spec.fields.size() && i < cells.size(); ++i) {
    if (spec.fields[i].derived) continue;
    ColumnProfile& p = profile[column++];
    ++p.rows;
    const Cell& c = cells[i];
    if (c.is_null() || (c.tag == Cell::Tag::kText && c.s.empty())) {
      ++p.empty;
      continue;
    }
    if (!p.dated || c.tag != Cell::Tag::kText) continue;
    // Dates are stored as YYYY-MM-DD, timestamps as YYYY-MM-DDTHH:MM:SS: the day comes first.
    const auto day = parse_date(c.s.substr(0, 10));
    if (!day) continue;
    if (!p.first || *day < *p.first) p.first = day;
    if (!p.last || *day > *p.last) p.last = day;
  }
}

// Which kinds are referenced by some column (their keys must be known during an import).
std::array<bool, kKinds> referenced_kinds() {
  std::array<bool, kKinds> out{};
  for (const auto& t : model::contract())
    for (const auto& f : t.fields)
      if (f.references >= 0) out[static_cast<uint8_t>(f.references)] = true;
  return out;
}

// Known-key values: 1 for keys already in the store or from an earlier file, otherwise
// (file number << kLineBits) | line, so one probe both adds a key and finds a duplicate.
constexpr int kLineBits = 40;
constexpr uint64_t kLineMask = (uint64_t{1} << kLineBits) - 1;

// The state of the file being imported.
struct FileState {
  FileState(const SourceFile& f, FileSummary& s, CheckedFile& c, RowValidator& v)
      : file(f),
        spec(*f.spec),
        summary(s),
        reader(*c.reader),
        header(c.header),
        mapping(c.mapping ? &*c.mapping : nullptr),
        validator(v) {}

  const SourceFile& file;
  const TableSpec& spec;
  FileSummary& summary;
  RecordSource& reader;
  const Header& header;
  FileMapping* mapping;  // an export read through a mapping; null otherwise
  RowValidator& validator;
  uint64_t mark = 0;     // this file's number << kLineBits
  bool one_map = false;  // duplicates are found in the kind's known keys (see import_rows)
  KeyMap previous;       // keys before --replace, to count removed records
  uint64_t matched_previous = 0;
};

class Importer {
 public:
  Importer(store::Store& store, const Pseudonymizer& pseudonymizer, const ImportOptions& options)
      : store_(store),
        pseudonymizer_(pseudonymizer),
        options_(options),
        rejects_(options.rejects_path),
        referenced_(referenced_kinds()),
        pipe_(store),
        known_(store, pipe_) {}

  Result<ImportSummary> run(const std::vector<std::string>& paths);

 private:
  // Everything between begin and commit. On failure the caller's transaction rolls back.
  Status import_all(const Sources& sources, ImportSummary& summary);
  Status import_file(const SourceFile& file, FileSummary& summary);
  // The whole file is rejected for summary.file_error: every record is listed with that reason.
  void reject_whole_file(const SourceFile& file, FileSummary& summary);
  // Loads the keys the file's kind references, and applies --replace to its kind.
  Status prepare_kind(const TableSpec& spec, FileState& state);
  Status import_rows(FileState& state);
  // The key of the validated row: sets the `seq` cell or finds a duplicate key.
  Rejected check_key(FileState& state, const CsvRecord& rec, uint64_t& first_key_hash);
  // Bookkeeping after a row went to the store: its key is known, its client's pseudonym too.
  void note_imported(FileState& state, uint64_t first_key_hash);
  // Lists a rejected row: a mapped export's own fields and header, the BSN blanked.
  void reject_row(FileState& state, CsvRecord& rec, Rejection& rejection);

  store::Store& store_;
  const Pseudonymizer& pseudonymizer_;
  const ImportOptions& options_;
  RejectLog rejects_;
  std::array<bool, kKinds> referenced_;
  // The import transaction; declared before pipe_, so that the writer thread has stopped (pipe_
  // is destroyed first) before an uncommitted transaction is rolled back.
  std::optional<store::Transaction> transaction_;
  RowPipe pipe_;  // rows go to the store through the writer thread; drain() before using store_
  KnownKeys known_;
  // Per-file scratch, reused.
  std::string key_;
  KeyMap file_keys_;
  std::vector<std::string_view> export_fields_;  // a mapped export's own fields of the row
  // Number of the file being imported; keys imported from it are marked with it in known_.
  uint64_t file_number_ = 0;
};

void Importer::reject_whole_file(const SourceFile& file, FileSummary& summary) {
  const Rejection rejection{"", fmt::format("bestand afgewezen: {}", summary.file_error)};
  uint64_t listed = 0;
  // A source the collection already refused (an unreadable workbook) has nothing to list.
  auto reader = file.spec != nullptr && file.error.empty()
                    ? open_source(file)
                    : Result<std::unique_ptr<RecordSource>>(Status::error(ErrorKind::kIo, ""));
  if (reader) {
    CsvRecord rec;
    bool header = true;
    while ((*reader)->next(rec)) {
      if (header) {
        header = false;
        continue;
      }
      rejects_.add(file.label, rec.line, rejection, rec.raw);
      ++listed;
    }
  }
  // An empty or unreadable file still gets one entry, on line 1.
  if (listed == 0) rejects_.add(file.label, 1, rejection, "");
  summary.read = listed;
  summary.rejected = listed;
}

Status Importer::prepare_kind(const TableSpec& spec, FileState& state) {
  const auto k = static_cast<size_t>(spec.kind);
  for (const auto& f : spec.fields)
    if (f.references >= 0)
      if (Status s = known_.ensure(static_cast<Kind>(f.references)); !s) return s;
  if (referenced_[k])
    if (Status s = known_.ensure(spec.kind); !s) return s;
  if (!options_.replace) return Status::ok();
  if (referenced_[k]) state.previous = known_.of(spec.kind);
  if (Status s = pipe_.drain(); !s) return s;
  auto cleared = store_.clear(spec.kind);
  if (!cleared) return cleared.status();
  state.summary.removed = *cleared;
  known_.forget(spec.kind);
  return Status::ok();
}

Status Importer::import_file(const SourceFile& file, FileSummary& summary) {
  summary.path = file.label;
  summary.warnings = file.warnings;
  if (!file.error.empty()) {  // a workbook that could not be read
    summary.file_error = file.error;
    reject_whole_file(file, summary);
    return Status::ok();
  }
  if (file.spec == nullptr) {
    summary.warnings.emplace_back("onbekend bestand: geen bestandssoort van het datacontract");
    summary.file_error = "onbekende bestandsnaam";
    rejects_.add(file.label, 1, Rejection{"", "bestand afgewezen: onbekende bestandsnaam"}, "");
    return Status::ok();
  }
  const TableSpec& spec = *file.spec;
  summary.kind = std::string(spec.file);
  auto checked = open_checked(file, summary.warnings, summary.read_as);
  if (!checked) {
    summary.file_error = checked.status().message();
    reject_whole_file(file, summary);
    return Status::ok();
  }
  RowValidator validator(spec, checked->header, known_, pseudonymizer_, checked->reader->dialect());
  FileState state(file, summary, *checked, validator);
  if (options_.profile) summary.columns = empty_profile(spec);
  if (Status s = prepare_kind(spec, state); !s) return s;
  file_keys_.clear();
  state.mark = ++file_number_ << kLineBits;
  // Referenced kinds with a single-column key: one table (known_) for references and duplicates.
  state.one_map = referenced_[static_cast<size_t>(spec.kind)] && !spec.has_seq &&
                  validator.plan().key_fields.size() == 1;
  if (Status s = import_rows(state); !s) return s;
  if (summary.removed >= 0 && referenced_[static_cast<size_t>(spec.kind)])
    summary.removed = static_cast<int64_t>(state.previous.size() - state.matched_previous);
  if (options_.progress)
    options_.progress(summary.kind, summary.read, state.reader.size(), state.reader.size());
  return Status::ok();
}

Rejected Importer::check_key(FileState& state, const CsvRecord& rec, uint64_t& first_key_hash) {
  const Plan& plan = state.validator.plan();
  std::vector<Cell>& cells = state.validator.cells();
  uint64_t h = 0;
  if (plan.key_fields.size() == 1 && cells[plan.first_key].tag == Cell::Tag::kText) {
    h = first_key_hash = hash_key(cells[plan.first_key].s);
  } else {
    key_.clear();
    for (const size_t f : plan.key_fields) append_key(key_, cells[f]);
    h = hash_key(key_);
  }
  uint64_t seen = 0;
  if (state.spec.has_seq) {
    // Occurrence number of this key within the file: re-importing the file gives the same keys.
    const uint64_t n = file_keys_.get(h) + 1;
    file_keys_.put(h, n);
    cells.back() = Cell::integer(static_cast<int64_t>(n));
    return std::nullopt;
  }
  if (state.one_map) {
    KeyMap& known = known_.of(state.spec.kind);
    const uint64_t before = known.put(h, state.mark | rec.line);
    if ((before & ~kLineMask) != state.mark) return std::nullopt;
    known.put(h, before);  // keep the first line for the next duplicate's message
    seen = before & kLineMask;
  } else {
    seen = file_keys_.put(h, rec.line);
    if (seen == 0) return std::nullopt;
    file_keys_.put(h, seen);  // keep the first line for the next duplicate's message
  }
  return Rejection{std::string(state.spec.key.front()),
                   fmt::format("dubbele sleutel (ook op regel {})", seen)};
}

void Importer::note_imported(FileState& state, uint64_t first_key_hash) {
  const Plan& plan = state.validator.plan();
  const std::vector<Cell>& cells = state.validator.cells();
  if (referenced_[static_cast<size_t>(state.spec.kind)]) {
    const uint64_t h = first_key_hash != 0 ? first_key_hash : hash_key(cells[plan.first_key].s);
    if (!state.one_map) known_.of(state.spec.kind).put(h, 1);
    if (state.summary.removed >= 0 && state.previous.contains(h)) ++state.matched_previous;
  }
  if (state.spec.kind == Kind::kClients) {
    const Cell& ps = cells[static_cast<size_t>(plan.pseudonym_field)];
    if (!ps.is_null()) known_.add_client(cells[plan.first_key].s, ps.s);
  }
}

Status Importer::import_rows(FileState& state) {
  FileSummary& summary = state.summary;
  RecordSource& reader = state.reader;
  CsvRecord rec;
  bool reserved = false;
  while (reader.next(rec)) {
    ++summary.read;
    if (options_.progress && (summary.read & 0xFFFF) == 0)
      options_.progress(summary.kind, summary.read, reader.position(), reader.size());
    if (!reserved) {
      // Size the key tables for the whole file at once (estimated from the first record).
      reserved = true;
      const auto estimate =
          reader.is_sheet()
              ? static_cast<size_t>(reader.size())
              : static_cast<size_t>(reader.size() / std::max<size_t>(16, rec.raw.size() + 1)) * 5 /
                    4;
      if (state.one_map) {
        KeyMap& known = known_.of(state.spec.kind);
        known.reserve(known.size() + estimate);
      } else {
        file_keys_.reserve(estimate);
      }
    }
    uint64_t first_key_hash = 0;
    Rejected rejected;
    if (!rec.error.empty()) rejected = Rejection{"", rec.error};
    if (state.mapping != nullptr && !rejected) {  // the export's words and fixed columns
      export_fields_.assign(rec.fields.begin(), rec.fields.end());
      state.mapping->apply(rec.fields);
    }
    if (!rejected) rejected = state.validator.validate(rec);
    if (!rejected) rejected = check_key(state, rec, first_key_hash);
    if (rejected) {
      reject_row(state, rec, *rejected);
      continue;
    }
    if (Status s = pipe_.push(state.spec.kind, state.validator.cells()); !s) return s;
    ++summary.imported;
    if (options_.profile) profile_row(state.spec, state.validator.cells(), summary.columns);
    note_imported(state, first_key_hash);
  }
  return Status::ok();
}

void Importer::reject_row(FileState& state, CsvRecord& rec, Rejection& rejection) {
  ++state.summary.rejected;
  if (state.mapping != nullptr) {  // the export's own record and header name the fix
    if (rec.error.empty()) rec.fields.assign(export_fields_.begin(), export_fields_.end());
    rejection.column = std::string(state.mapping->export_header(rejection.column));
  }
  if (state.header.bsn_column >= 0 && rec.error.empty())
    rejects_.add(state.file.label, rec.line, rejection, without_bsn(rec, state.header.bsn_column));
  else
    rejects_.add(state.file.label, rec.line, rejection, rec.raw);
}

Status Importer::import_all(const Sources& sources, ImportSummary& summary) {
  for (const auto& file : sources.csv) {
    FileSummary fs;
    if (Status s = import_file(file, fs); !s) return s;
    summary.rows_read += fs.read;
    summary.rows_imported += fs.imported;
    summary.rows_rejected += fs.rejected;
    if (!fs.file_error.empty()) ++summary.files_rejected;
    // Messages may quote header cells (a file without a header has data there): no BSN in them.
    fs.file_error = mask_digit_runs(fs.file_error);
    for (auto& w : fs.warnings) w = mask_digit_runs(w);
    summary.files.push_back(std::move(fs));
  }
  if (!sources.messages.empty()) {
    const size_t first = summary.files.size();
    if (Status s = ijw::import_messages(store_, pipe_, pseudonymizer_, rejects_, sources.messages,
                                        summary.files);
        !s)
      return s;
    for (size_t i = first; i < summary.files.size(); ++i) {
      summary.rows_read += summary.files[i].read;
      summary.rows_imported += summary.files[i].imported;
      summary.rows_rejected += summary.files[i].rejected;
    }
  }
  if (Status s = pipe_.drain(); !s) return s;
  if (options_.replace) {
    // Records whose parent disappeared with a full export go too (children after parents).
    for (const auto& t : model::contract()) {
      auto removed = store_.remove_orphans(t.kind);
      if (!removed) return removed.status();
      summary.orphans_removed += *removed;
    }
  }
  return Status::ok();
}

Result<ImportSummary> Importer::run(const std::vector<std::string>& paths) {
  const auto start = std::chrono::steady_clock::now();
  auto sources = collect_sources(paths, options_.mapping);
  if (!sources) return sources.status();
  if (sources->csv.empty() && sources->messages.empty()) {
    return Status::error(ErrorKind::kUsage,
                         "geen CSV-bestanden, werkmappen of berichten gevonden om te importeren");
  }
  if (Status s = rejects_.open(); !s) return s;
  transaction_.emplace(store_);
  if (!transaction_->status()) return transaction_->status();
  // On a failure from here until the commit, the transaction rolls back when the importer ends.
  ImportSummary summary;
  if (Status s = import_all(*sources, summary); !s) return s;
  // A dry run (check) ends here: the transaction rolls back when the importer ends.
  if (!options_.dry_run)
    if (Status s = transaction_->commit(); !s) return s;
  if (Status s = rejects_.commit(); !s) return s;
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace

Result<ImportSummary> import_paths(store::Store& store, const std::vector<std::string>& paths,
                                   const Pseudonymizer& pseudonymizer,
                                   const ImportOptions& options) {
  Importer importer(store, pseudonymizer, options);
  return importer.run(paths);
}

}  // namespace rk::ingest
