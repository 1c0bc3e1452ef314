#include "ingest/importer.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <deque>
#include <filesystem>
#include <optional>

#include <fmt/format.h>

#include "ingest/csv_reader.hpp"
#include "ingest/dialect.hpp"
#include "ingest/field_parser.hpp"
#include "ingest/ijw/message_import.hpp"
#include "ingest/key_set.hpp"
#include "ingest/record_source.hpp"
#include "ingest/reject_log.hpp"
#include "ingest/row_pipe.hpp"
#include "ingest/workbook_sources.hpp"
#include "util/csv.hpp"

namespace rk::ingest {
namespace {

namespace fs = std::filesystem;
using model::Kind;
using model::TableSpec;
using store::Cell;

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

struct SourceFile {
  std::string path;
  const TableSpec* spec = nullptr;
  const KindMapping* table = nullptr;  // the mapping table the file is read through, if any
  std::shared_ptr<const xlsx::Workbook> workbook;  // set for a sheet of a workbook
  size_t sheet = 0;
  std::string label;  // for the summary and reject lines: the path, or "path [blad name]"
  std::string error;  // a whole-file defect found while collecting (a bad workbook)
  std::vector<std::string> warnings;
};

constexpr size_t kKinds = model::kKindCount;

std::string_view noun(int8_t kind) {
  switch (static_cast<Kind>(kind)) {
    case Kind::kMunicipalities:
      return "gemeente";
    case Kind::kAreas:
      return "gebied";
    case Kind::kProviders:
      return "aanbieder";
    case Kind::kClients:
      return "cliënt";
    case Kind::kRequests:
      return "zorgvraag";
    case Kind::kTrajectories:
      return "hulptraject";
    case Kind::kProjects:
      return "project";
    default:
      return "record";
  }
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
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

// Which kinds are referenced by some column (their keys must be known during an import).
std::array<bool, kKinds> referenced_kinds() {
  std::array<bool, kKinds> out{};
  for (const auto& t : model::contract())
    for (const auto& f : t.fields)
      if (f.references >= 0) out[static_cast<uint8_t>(f.references)] = true;
  return out;
}

// Column layout of one file: for each CSV column, the contract field it fills (-1 = ignored,
// -2 = the bsn column).
struct Header {
  std::vector<int> column_field;
  int bsn_column = -1;
  std::vector<int> field_column;  // per field: CSV column or -1
};

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

  explicit Plan(const TableSpec& spec) {
    const auto at = [&spec](std::string_view name) { return spec.field_index(name); };
    for (const auto& k : spec.key) key_fields.push_back(static_cast<size_t>(at(k)));
    first_key = key_fields.front();
    client_field = spec.accepts_bsn ? at("client_id") : -1;
    pseudonym_field = at("bsn_pseudonym");
    if (spec.kind == Kind::kTrajectories) {
      end_date = at("end_date");
      end_reason = at("end_reason");
    }
    for (const auto& rule : spec.order)
      order.emplace_back(static_cast<size_t>(at(rule.earlier)),
                         static_cast<size_t>(at(rule.later)));
    for (size_t f = 0; f < spec.fields.size(); ++f)
      if (spec.fields[f].references >= 0) references.push_back(f);
  }
};

class Importer {
 public:
  Importer(store::Store& store, const Pseudonymizer& pseudonymizer, const ImportOptions& options)
      : store_(store),
        pseudonymizer_(pseudonymizer),
        options_(options),
        rejects_(options.rejects_path),
        referenced_(referenced_kinds()),
        pipe_(store) {}

  Result<ImportSummary> run(const std::vector<std::string>& paths);

 private:
  Status collect(const std::vector<std::string>& paths, std::vector<SourceFile>& files);
  void add_file(const std::string& path, const Mapping* mapping, bool in_folder,
                std::vector<SourceFile>& files);
  Result<const Mapping*> folder_mapping(const std::string& dir);
  Status import_file(const SourceFile& file, FileSummary& summary);
  bool read_header(const TableSpec& spec, const CsvRecord& rec, Header& header,
                   FileSummary& summary, std::string& missing);
  void reject_whole_file(const SourceFile& file, RecordSource* source, FileSummary& summary,
                         uint64_t line = 1);
  static Result<std::unique_ptr<RecordSource>> open_source(const SourceFile& file);
  std::string read_file_header(const SourceFile& file, RecordSource& source, CsvRecord& rec,
                               Header& header, FileSummary& summary);
  // The column as a reject line names it: the export's own header in a mapped file.
  std::string shown_column(std::string_view column) const {
    return std::string(file_mapping_ ? file_mapping_->export_header(column) : column);
  }
  Status ensure_known(Kind kind);
  Status ensure_bsn_map();
  // Validates one record into cells_; returns false with column and reason on rejection.
  bool validate(const TableSpec& spec, const Plan& plan, const Header& header, const CsvRecord& rec,
                std::string& column, std::string& reason);

  store::Store& store_;
  const Pseudonymizer& pseudonymizer_;
  const ImportOptions& options_;
  RejectLog rejects_;
  std::array<bool, kKinds> referenced_;
  RowPipe pipe_;  // rows go to the store through the writer thread; drain() before using store_
  std::vector<std::string> message_files_;  // iJw XML messages, imported after the CSV files
  std::deque<Mapping> mappings_;            // folders' own mapping.toml files
  std::array<KeyMap, kKinds> known_;
  std::array<bool, kKinds> known_loaded_{};
  KeyMap bsn_to_client_;  // hash(pseudonym) -> index + 1 into bsn_client_ids_
  std::vector<std::string> bsn_client_ids_;
  bool bsn_map_loaded_ = false;
  // The file being read: its dialect and, for an export read through a mapping, the mapping
  // with the contract names of its header and the export's own fields of the current row.
  Dialect dialect_;
  std::optional<FileMapping> file_mapping_;
  std::vector<std::string> header_names_;
  std::vector<std::string_view> export_fields_;
  // Per-row scratch, reused.
  std::vector<std::string> readings_;  // per field: the canonical text of a dialect value
  std::string bsn_reading_;
  std::vector<Cell> cells_;
  std::vector<FieldBuffer> buffers_;
  std::string pseudonym_;
  std::string client_from_bsn_;
  std::string key_;
  KeyMap file_keys_;
  // Per reference field, the hash of the last key found: consecutive rows often name the same
  // client or request, and then the lookup is skipped.
  std::vector<uint64_t> last_reference_;
  // Number of the file being imported; keys imported from it are marked with it in known_.
  uint64_t file_number_ = 0;
};

// known_ values: 1 for keys already in the store or from an earlier file, otherwise
// (file number << kLineBits) | line, so one probe both adds a key and finds a duplicate.
constexpr int kLineBits = 40;
constexpr uint64_t kLineMask = (uint64_t{1} << kLineBits) - 1;

// Adds the file at `path`: an iJw message, a workbook (one source per contract sheet) or a CSV
// file. In a folder, a file that is neither a contract file nor a .csv file is left out.
void Importer::add_file(const std::string& path, const Mapping* mapping, bool in_folder,
                        std::vector<SourceFile>& files) {
  const std::string name = fs::path(path).filename().string();
  const std::string extension = lower(fs::path(path).extension().string());
  if (extension == ".xml") {
    message_files_.push_back(path);
    return;
  }
  if (is_workbook_name(name)) {
    auto contents = workbook_contents(path, mapping);
    if (!contents) {
      files.push_back({path, nullptr, nullptr, nullptr, 0, path, contents.status().message(), {}});
      return;
    }
    for (const auto& part : contents->parts) {  // the workbook's warnings with its first sheet
      files.push_back(
          {path, part.spec, part.table, contents->workbook, part.sheet, part.label, "",
           &part == &contents->parts.front() ? contents->warnings : std::vector<std::string>{}});
    }
    return;
  }
  const KindMapping* table = nullptr;
  const TableSpec* spec = kind_of_file(name, mapping, table);
  if (in_folder && spec == nullptr && extension != ".csv") return;
  files.push_back({path, spec, table, nullptr, 0, path, "", {}});
}

// The mapping for the files of folder `dir`: the option's, else the folder's mapping.toml.
Result<const Mapping*> Importer::folder_mapping(const std::string& dir) {
  if (options_.mapping != nullptr) return options_.mapping;
  const std::string path = (fs::path(dir) / "mapping.toml").string();
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return static_cast<const Mapping*>(nullptr);
  auto mapping = load_mapping(path);
  if (!mapping) return mapping.status();
  mappings_.push_back(std::move(*mapping));
  return &mappings_.back();
}

Status Importer::collect(const std::vector<std::string>& paths, std::vector<SourceFile>& files) {
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      auto mapping = folder_mapping(p);
      if (!mapping) return mapping.status();
      std::vector<fs::path> entries;
      for (const auto& e : fs::directory_iterator(p, ec))
        if (e.is_regular_file() && lower(e.path().filename().string()) != "mapping.toml")
          entries.push_back(e.path());
      if (ec) return Status::error(ErrorKind::kIo, fmt::format("kan map {} niet lezen", p));
      std::sort(entries.begin(), entries.end());
      for (const auto& e : entries) add_file(e.string(), *mapping, true, files);
    } else if (fs::is_regular_file(p, ec)) {
      add_file(p, options_.mapping, false, files);
    } else {
      return Status::error(ErrorKind::kUsage, fmt::format("bestand of map bestaat niet: {}", p));
    }
  }
  std::stable_sort(files.begin(), files.end(), [](const SourceFile& a, const SourceFile& b) {
    const int ka = a.spec ? static_cast<int>(a.spec->kind) : -1;
    const int kb = b.spec ? static_cast<int>(b.spec->kind) : -1;
    return ka < kb;
  });
  return Status::ok();
}

Status Importer::ensure_known(Kind kind) {
  const auto k = static_cast<size_t>(kind);
  if (known_loaded_[k]) return Status::ok();
  known_loaded_[k] = true;
  if (Status s = pipe_.drain(); !s) return s;
  const auto& spec = model::table_spec(kind);
  return store_.scan_column(kind, spec.key.front(), [&](const Cell& c) {
    if (!c.is_null()) known_[k].put(hash_key(c.s), 1);
  });
}

Status Importer::ensure_bsn_map() {
  if (bsn_map_loaded_) return Status::ok();
  bsn_map_loaded_ = true;
  if (Status s = pipe_.drain(); !s) return s;
  const auto& spec = model::table_spec(Kind::kClients);
  const int id_col = spec.field_index("client_id");
  const int ps_col = spec.field_index("bsn_pseudonym");
  return store_.scan(Kind::kClients, [&](std::span<const Cell> row) {
    const Cell& ps = row[static_cast<size_t>(ps_col)];
    if (ps.is_null()) return;
    bsn_client_ids_.emplace_back(row[static_cast<size_t>(id_col)].s);
    bsn_to_client_.put(hash_key(ps.s), bsn_client_ids_.size());
  });
}

bool Importer::read_header(const TableSpec& spec, const CsvRecord& rec, Header& header,
                           FileSummary& summary, std::string& missing) {
  header.column_field.assign(rec.fields.size(), -1);
  header.field_column.assign(spec.fields.size(), -1);
  std::vector<std::string> unknown;
  for (size_t c = 0; c < rec.fields.size(); ++c) {
    const std::string name = lower(trim(rec.fields[c]));
    if (spec.accepts_bsn && name == "bsn") {
      if (header.bsn_column >= 0) {
        missing = "kolom 'bsn' komt twee keer voor";
        return false;
      }
      header.bsn_column = static_cast<int>(c);
      header.column_field[c] = -2;
      continue;
    }
    const int f = spec.field_index(name);
    if (f < 0 || spec.fields[static_cast<size_t>(f)].derived) {
      unknown.push_back(name.empty() ? fmt::format("(kolom {})", c + 1) : name);
      continue;
    }
    if (header.field_column[static_cast<size_t>(f)] >= 0) {
      missing = fmt::format("kolom '{}' komt twee keer voor", name);
      return false;
    }
    header.field_column[static_cast<size_t>(f)] = static_cast<int>(c);
    header.column_field[c] = f;
  }
  if (!unknown.empty()) {
    std::string list;
    for (const auto& u : unknown) {
      if (!list.empty()) list += ", ";
      list += u;
    }
    summary.warnings.push_back(fmt::format("onbekende kolommen genegeerd: {}", list));
  }
  std::vector<std::string> absent;
  for (size_t f = 0; f < spec.fields.size(); ++f) {
    const auto& fs = spec.fields[f];
    if (header.field_column[f] >= 0 || fs.derived) continue;
    const bool client_column = fs.name == "client_id" && spec.accepts_bsn;
    if (client_column && header.bsn_column >= 0) continue;
    if (fs.required || (client_column && spec.kind == Kind::kClients))
      absent.emplace_back(client_column ? "client_id (of bsn)" : std::string(fs.name));
  }
  if (!absent.empty()) {
    for (const auto& a : absent) {
      if (!missing.empty()) missing += ", ";
      missing += a;
    }
    missing = fmt::format("verplichte kolom ontbreekt: {}", missing);
    return false;
  }
  return true;
}

bool Importer::validate(const TableSpec& spec, const Plan& plan, const Header& header,
                        const CsvRecord& rec, std::string& column, std::string& reason) {
  const size_t nfields = spec.fields.size();
  if (rec.fields.size() != header.column_field.size()) {
    reason = fmt::format("{} velden verwacht, {} gevonden", header.column_field.size(),
                         rec.fields.size());
    return false;
  }
  for (size_t f = 0; f < nfields; ++f) {
    const auto& fs = spec.fields[f];
    const int c = header.field_column[f];
    cells_[f] = Cell::null();
    if (c < 0) continue;
    std::string_view value = rec.fields[static_cast<size_t>(c)];
    // A value in the file's dialect (decimal comma, day-first date, WAAR …) is read first.
    switch (read_value(fs.type, value, dialect_, readings_[f], reason)) {
      case Reading::kAsIs:
        break;
      case Reading::kRewritten:
        value = readings_[f];
        break;
      case Reading::kInvalid:
        column = fs.name;
        return false;
    }
    if (!parse_field(fs, value, buffers_[f], cells_[f], reason)) {
      column = fs.name;
      return false;
    }
  }
  // BSN: validated and replaced by its pseudonym; the number itself goes no further.
  const int client_field = plan.client_field;
  if (header.bsn_column >= 0) {
    std::string_view bsn = rec.fields[static_cast<size_t>(header.bsn_column)];
    if (read_bsn(bsn, bsn_reading_) == Reading::kRewritten) bsn = bsn_reading_;
    if (!bsn.empty()) {
      if (!is_valid_bsn(bsn)) {
        column = "bsn";
        reason = "ongeldig BSN (geen 9 cijfers of voldoet niet aan de elfproef)";
        return false;
      }
      pseudonym_ = pseudonymizer_.pseudonym(bsn);
      Cell& client = cells_[static_cast<size_t>(client_field)];
      if (spec.kind == Kind::kClients) {
        cells_[static_cast<size_t>(plan.pseudonym_field)] = Cell::text(pseudonym_);
        if (client.is_null()) client = Cell::text(pseudonym_);
      } else if (client.is_null()) {
        if (Status s = ensure_bsn_map(); !s) {
          column = "bsn";
          reason = s.message();
          return false;
        }
        const uint64_t idx = bsn_to_client_.get(hash_key(pseudonym_));
        if (idx == 0) {
          column = "bsn";
          reason = "onbekende cliënt (geen cliënt met dit BSN)";
          return false;
        }
        client_from_bsn_ = bsn_client_ids_[idx - 1];
        client = Cell::text(client_from_bsn_);
      }
    }
  }
  for (size_t f = 0; f < nfields; ++f) {
    const auto& fs = spec.fields[f];
    if (!cells_[f].is_null() || fs.derived) continue;
    if (fs.required || static_cast<int>(f) == client_field) {
      column = fs.name;
      reason = static_cast<int>(f) == client_field ? "client_id of bsn is verplicht"
                                                   : "verplicht veld is leeg";
      return false;
    }
  }
  for (size_t r = 0; r < plan.order.size(); ++r) {
    const Cell& a = cells_[plan.order[r].first];
    const Cell& b = cells_[plan.order[r].second];
    // Canonical dates and timestamps compare correctly as text.
    if (!a.is_null() && !b.is_null() && b.s < a.s) {
      const auto& rule = spec.order[r];
      column = rule.later;
      reason = fmt::format("{} ({}) ligt voor {} ({})", rule.later, b.s, rule.earlier, a.s);
      return false;
    }
  }
  if (plan.end_date >= 0) {
    const bool ended = !cells_[static_cast<size_t>(plan.end_date)].is_null();
    const bool has_reason = !cells_[static_cast<size_t>(plan.end_reason)].is_null();
    if (ended != has_reason) {
      column = "end_reason";
      reason =
          ended ? "end_reason ontbreekt bij een beëindigd traject" : "end_reason zonder end_date";
      return false;
    }
  }
  for (const size_t f : plan.references) {
    const auto& fs = spec.fields[f];
    if (cells_[f].is_null()) continue;
    const uint64_t h = hash_key(cells_[f].s);
    if (h == last_reference_[f]) continue;
    if (known_[static_cast<uint8_t>(fs.references)].contains(h)) {
      last_reference_[f] = h;
    } else {
      column = fs.name;
      reason = fmt::format("onbekende {} '{}'", noun(fs.references), cells_[f].s);
      return false;
    }
  }
  return true;
}

void Importer::reject_whole_file(const SourceFile& file, RecordSource* source, FileSummary& summary,
                                 uint64_t line) {
  // Every record of the file is listed with the file's reason, so nothing is lost.
  const std::string reason = fmt::format("bestand afgewezen: {}", summary.file_error);
  uint64_t listed = 0;
  if (source != nullptr) {
    CsvRecord rec;
    bool header = true;
    while (source->next(rec)) {
      if (header) {
        header = false;
        continue;
      }
      rejects_.add(file.label, rec.line, "", reason, rec.raw);
      ++listed;
    }
  }
  if (listed == 0) rejects_.add(file.label, line, "", reason, "");
  summary.read = listed;
  summary.rejected = listed;
}

Result<std::unique_ptr<RecordSource>> Importer::open_source(const SourceFile& file) {
  if (file.workbook != nullptr) return RecordSource::open_sheet(file.workbook, file.sheet);
  return RecordSource::open_csv(file.path);
}

// Reads the header record into `header` (through the file's mapping, if any). Returns the
// reason the file is rejected, or an empty string.
std::string Importer::read_file_header(const SourceFile& file, RecordSource& source, CsvRecord& rec,
                                       Header& header, FileSummary& summary) {
  std::string problem;
  if (!source.next(rec)) return "leeg bestand (geen kopregel)";
  if (!rec.error.empty()) return fmt::format("kopregel onleesbaar: {}", rec.error);
  file_mapping_.reset();
  if (file.table != nullptr) {
    std::vector<std::string> ignored;
    auto mapped = FileMapping::from_header(*file.table, rec.fields, ignored);
    if (!mapped) return mapped.status().message();
    file_mapping_ = std::move(*mapped);
    header_names_.assign(file_mapping_->contract_header().begin(),
                         file_mapping_->contract_header().end());
    rec.fields.assign(header_names_.begin(), header_names_.end());
    if (!read_header(*file.spec, rec, header, summary, problem)) return problem;
    std::erase_if(summary.warnings,
                  [](const std::string& w) { return w.starts_with("onbekende kolommen"); });
    if (!ignored.empty()) {
      std::string list;
      for (const auto& i : ignored) list += (list.empty() ? "" : ", ") + i;
      summary.warnings.push_back(
          fmt::format("kolommen die de mapping niet noemt, genegeerd: {}", list));
    }
  } else if (!read_header(*file.spec, rec, header, summary, problem)) {
    return problem;
  }
  if (header.bsn_column >= 0) source.pad_to_nine_digits(static_cast<size_t>(header.bsn_column));
  return {};
}

Status Importer::import_file(const SourceFile& file, FileSummary& summary) {
  summary.path = file.label;
  summary.warnings = file.warnings;
  if (!file.error.empty()) {
    summary.file_error = file.error;
    rejects_.add(file.label, 1, "", fmt::format("bestand afgewezen: {}", file.error), "");
    return Status::ok();
  }
  if (file.spec == nullptr) {
    summary.warnings.emplace_back("onbekend bestand: geen bestandssoort van het datacontract");
    summary.file_error = "onbekende bestandsnaam";
    rejects_.add(file.label, 1, "", "bestand afgewezen: onbekende bestandsnaam", "");
    return Status::ok();
  }
  const TableSpec& spec = *file.spec;
  summary.kind = std::string(spec.file);
  auto opened = open_source(file);
  if (!opened) {
    summary.file_error = opened.status().message();
    reject_whole_file(file, nullptr, summary);
    return Status::ok();
  }
  RecordSource& reader = **opened;
  summary.read_as = reader.read_as();
  dialect_ = reader.dialect();
  if (Status s = reader.check(); !s) {
    summary.file_error = s.message();
    // Every record is still listed; an empty file gets one entry on line 1.
    reject_whole_file(file, &reader, summary);
    return Status::ok();
  }
  CsvRecord rec;
  Header header;
  if (std::string problem = read_file_header(file, reader, rec, header, summary);
      !problem.empty()) {
    summary.file_error = problem;
    auto again = open_source(file);
    reject_whole_file(file, again ? again->get() : nullptr, summary);
    return Status::ok();
  }

  const auto k = static_cast<size_t>(spec.kind);
  for (const auto& f : spec.fields)
    if (f.references >= 0)
      if (Status s = ensure_known(static_cast<Kind>(f.references)); !s) return s;
  if (referenced_[k])
    if (Status s = ensure_known(spec.kind); !s) return s;
  KeyMap previous;  // keys before --replace, to count removed records
  if (options_.replace) {
    if (referenced_[k]) previous = known_[k];
    if (Status s = pipe_.drain(); !s) return s;
    auto cleared = store_.clear(spec.kind);
    if (!cleared) return cleared.status();
    summary.removed = *cleared;
    known_[k].clear();
    if (spec.kind == Kind::kClients) {
      bsn_to_client_.clear();
      bsn_client_ids_.clear();
      bsn_map_loaded_ = true;
    }
  }

  cells_.assign(spec.fields.size() + (spec.has_seq ? 1 : 0), Cell::null());
  buffers_.assign(spec.fields.size(), FieldBuffer{});
  readings_.resize(spec.fields.size());
  file_keys_.clear();
  last_reference_.assign(spec.fields.size(), 0);
  const Plan plan(spec);
  const uint64_t file_mark = ++file_number_ << kLineBits;
  // Referenced kinds with a single-column key: one table (known_) for references and duplicates.
  const bool one_map = referenced_[k] && !spec.has_seq && plan.key_fields.size() == 1;
  // Size the key tables for the whole file at once (estimated from the first record's length).
  const auto estimate = [&reader, &rec] {
    if (reader.is_sheet()) return static_cast<size_t>(reader.size());
    return static_cast<size_t>(reader.size() / std::max<size_t>(16, rec.raw.size() + 1)) * 5 / 4;
  };
  bool reserved = false;
  std::string column;
  std::string reason;
  uint64_t matched_previous = 0;
  while (reader.next(rec)) {
    ++summary.read;
    if (options_.progress && (summary.read & 0xFFFF) == 0)
      options_.progress(summary.kind, summary.read, reader.position(), reader.size());
    column.clear();
    reason.clear();
    bool ok = rec.error.empty();
    if (!ok) reason = rec.error;
    if (file_mapping_) {
      export_fields_.assign(rec.fields.begin(), rec.fields.end());
      file_mapping_->apply(rec.fields);
    }
    if (!reserved) {
      reserved = true;
      if (one_map)
        known_[k].reserve(known_[k].size() + estimate());
      else
        file_keys_.reserve(estimate());
    }
    if (ok) ok = validate(spec, plan, header, rec, column, reason);
    uint64_t first_key_hash = 0;
    if (ok) {
      uint64_t h = 0;
      if (plan.key_fields.size() == 1 && cells_[plan.first_key].tag == Cell::Tag::kText) {
        h = first_key_hash = hash_key(cells_[plan.first_key].s);
      } else {
        key_.clear();
        for (const size_t f : plan.key_fields) append_key(key_, cells_[f]);
        h = hash_key(key_);
      }
      if (spec.has_seq) {
        // Occurrence number of this key within the file: re-importing the file gives the same keys.
        const uint64_t n = file_keys_.get(h) + 1;
        file_keys_.put(h, n);
        cells_.back() = Cell::integer(static_cast<int64_t>(n));
      } else if (one_map) {
        const uint64_t before = known_[k].put(h, file_mark | rec.line);
        if ((before & ~kLineMask) == file_mark) {
          known_[k].put(h, before);  // keep the first line for the next duplicate's message
          ok = false;
          column = spec.key.front();
          reason = fmt::format("dubbele sleutel (ook op regel {})", before & kLineMask);
        }
      } else if (const uint64_t seen = file_keys_.put(h, rec.line); seen != 0) {
        file_keys_.put(h, seen);  // keep the first line for the next duplicate's message
        ok = false;
        column = spec.key.front();
        reason = fmt::format("dubbele sleutel (ook op regel {})", seen);
      }
    }
    if (!ok) {
      ++summary.rejected;
      if (file_mapping_) rec.fields.assign(export_fields_.begin(), export_fields_.end());
      if (header.bsn_column >= 0 && rec.error.empty()) {
        rejects_.add(file.label, rec.line, shown_column(column), reason,
                     without_bsn(rec, header.bsn_column));
      } else {
        rejects_.add(file.label, rec.line, shown_column(column), reason, rec.raw);
      }
      continue;
    }
    if (Status s = pipe_.push(spec.kind, cells_); !s) return s;
    ++summary.imported;
    if (referenced_[k]) {
      const uint64_t h = first_key_hash != 0 ? first_key_hash : hash_key(cells_[plan.first_key].s);
      if (!one_map) known_[k].put(h, 1);
      if (summary.removed >= 0 && previous.contains(h)) ++matched_previous;
    }
    if (spec.kind == Kind::kClients) {
      const Cell& ps = cells_[static_cast<size_t>(plan.pseudonym_field)];
      if (!ps.is_null() && bsn_map_loaded_) {
        bsn_client_ids_.emplace_back(cells_[plan.first_key].s);
        bsn_to_client_.put(hash_key(ps.s), bsn_client_ids_.size());
      }
    }
  }
  if (summary.removed >= 0 && referenced_[k])
    summary.removed = static_cast<int64_t>(previous.size() - matched_previous);
  if (options_.progress)
    options_.progress(summary.kind, summary.read, reader.size(), reader.size());
  return Status::ok();
}

Result<ImportSummary> Importer::run(const std::vector<std::string>& paths) {
  const auto start = std::chrono::steady_clock::now();
  std::vector<SourceFile> files;
  if (Status s = collect(paths, files); !s) return s;
  if (files.empty() && message_files_.empty())
    return Status::error(ErrorKind::kUsage,
                         "geen CSV-bestanden, werkmappen of berichten gevonden om te importeren");
  if (Status s = rejects_.open(); !s) return s;
  if (Status s = store_.begin(); !s) return s;
  ImportSummary summary;
  for (const auto& file : files) {
    FileSummary fs;
    if (Status s = import_file(file, fs); !s) {
      pipe_.drain().ignore();
      store_.rollback();
      return s;
    }
    summary.rows_read += fs.read;
    summary.rows_imported += fs.imported;
    summary.rows_rejected += fs.rejected;
    if (!fs.file_error.empty()) ++summary.files_rejected;
    // Messages may quote header cells (a file without a header has data there): no BSN in them.
    fs.file_error = mask_digit_runs(fs.file_error);
    for (auto& w : fs.warnings) w = mask_digit_runs(w);
    summary.files.push_back(std::move(fs));
  }
  if (!message_files_.empty()) {
    const size_t first = summary.files.size();
    if (Status s = ijw::import_messages(store_, pipe_, pseudonymizer_, rejects_, message_files_,
                                        summary.files);
        !s) {
      pipe_.drain().ignore();
      store_.rollback();
      return s;
    }
    for (size_t i = first; i < summary.files.size(); ++i) {
      summary.rows_read += summary.files[i].read;
      summary.rows_imported += summary.files[i].imported;
      summary.rows_rejected += summary.files[i].rejected;
    }
  }
  if (Status s = pipe_.drain(); !s) {
    store_.rollback();
    return s;
  }
  if (options_.replace) {
    // Records whose parent disappeared with a full export go too (children after parents).
    for (const auto& t : model::contract()) {
      auto removed = store_.remove_orphans(t.kind);
      if (!removed) {
        store_.rollback();
        return removed.status();
      }
      summary.orphans_removed += *removed;
    }
  }
  if (options_.dry_run) {
    store_.rollback();  // a dry run changes nothing
  } else if (Status s = store_.commit(); !s) {
    store_.rollback();
    return s;
  }
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
