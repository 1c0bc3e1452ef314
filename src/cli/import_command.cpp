#include "cli/import_command.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <optional>

#include <fmt/format.h>

#include "cli/check_page.hpp"
#include "cli/commands.hpp"
#include "cli/common_options.hpp"
#include "cli/format.hpp"
#include "cli/run_command.hpp"
#include "engine/snapshot.hpp"
#include "ingest/importer.hpp"
#include "ingest/mapping.hpp"
#include "store/store.hpp"

namespace rk::cli {
namespace {

// Rejected rows go beside a SQLite store; for a PostgreSQL store (no folder, and a URI may hold
// a password) to regiekamer.rejects.csv in the working folder.
std::string rejects_path(const ImportRequest& r) {
  if (!r.rejects.empty()) return r.rejects;
  if (store::is_server_uri(r.store.db)) return "regiekamer.rejects.csv";
  return r.store.db + ".rejects.csv";
}

void print_summary(const ingest::ImportSummary& s, const std::string& rejects_path) {
  fmt::print("{:<28} {:>12} {:>12} {:>12}\n", "bestand", "gelezen", "geïmporteerd", "afgewezen");
  for (const auto& f : s.files) {
    const std::string name = f.kind.empty() ? f.path : f.kind;
    fmt::print("{:<28} {:>12} {:>12} {:>12}", name, format_count(f.read), format_count(f.imported),
               format_count(f.rejected));
    if (f.removed >= 0) fmt::print("   verwijderd (--replace): {}", format_count(f.removed));
    fmt::print("\n");
    if (!f.read_as.empty()) fmt::print("  {}: {}\n", f.path, f.read_as);
    if (!f.file_error.empty()) fmt::print("  ! {}: bestand afgewezen: {}\n", f.path, f.file_error);
    for (const auto& w : f.warnings) fmt::print("  ! {}: {}\n", f.path, w);
  }
  fmt::print("{:<28} {:>12} {:>12} {:>12}\n", "totaal", format_count(s.rows_read),
             format_count(s.rows_imported), format_count(s.rows_rejected));
  if (s.orphans_removed > 0)
    fmt::print("verwijderd omdat hun bovenliggende record verdween: {}\n",
               format_count(static_cast<uint64_t>(s.orphans_removed)));
  const double rate = s.seconds > 0 ? static_cast<double>(s.rows_read) / s.seconds : 0;
  fmt::print("import in {:.1f} s ({} rijen/s)\n", s.seconds,
             format_count(static_cast<uint64_t>(rate)));
  if (s.rows_rejected > 0) fmt::print("afgewezen rijen met reden: {}\n", rejects_path);
}

// The progress line on stderr, at most four times a second, while a file is read.
decltype(ingest::ImportOptions::progress) progress_printer() {
  const auto start = std::chrono::steady_clock::now();
  return [start, last = std::chrono::steady_clock::time_point{}](
             const std::string& file, uint64_t rows, uint64_t bytes, uint64_t size) mutable {
    const auto now = std::chrono::steady_clock::now();
    if (now - last < std::chrono::milliseconds(250) && bytes < size) return;
    last = now;
    const double secs = std::chrono::duration<double>(now - start).count();
    fmt::print(stderr, "\r\x1b[K{}: {} rijen, {:.0f}% van het bestand, {:.1f} s", file,
               format_count(rows), size ? 100.0 * static_cast<double>(bytes) / size : 100.0, secs);
  };
}

}  // namespace

Status run_import(const ImportRequest& request) {
  auto store = store::Store::open(request.store.db, store::OpenOptions{request.store.cache_dir});
  if (!store) return store.status();
  const std::string key = store::key_file(request.store.key, **store);
  if (key.empty())
    return Status::error(ErrorKind::kUsage,
                         "een PostgreSQL-opslag vraagt een sleutelbestand: --key BESTAND of "
                         "REGIEKAMER_KEY_FILE (hetzelfde voor elk proces dat de opslag deelt)");
  auto pseudonymizer = ingest::Pseudonymizer::from_key_file(key);
  if (!pseudonymizer) return pseudonymizer.status();
  std::optional<ingest::Mapping> mapping;
  if (!request.mapping.empty()) {
    auto loaded = ingest::load_mapping(request.mapping);
    if (!loaded) return loaded.status();
    mapping = std::move(*loaded);
  }
  ingest::ImportOptions options;
  options.replace = request.replace;
  options.mapping = mapping ? &*mapping : nullptr;
  options.dry_run = request.check;
  options.profile = request.check && !request.report.empty();
  options.rejects_path = rejects_path(request);
  if (request.progress) options.progress = progress_printer();
  auto summary = ingest::import_paths(**store, request.paths, *pseudonymizer, options);
  if (request.progress) fmt::print(stderr, "\r\x1b[K");
  if (!summary)
    return Status::error(summary.status().kind(),
                         summary.status().message() + " (de opslag is ongewijzigd)");
  print_summary(*summary, options.rejects_path);
  if (request.check) {  // nothing was imported: no snapshot to rebuild
    fmt::print("controle: niets geïmporteerd, de opslag is ongewijzigd\n");
    if (!request.report.empty()) {
      if (Status s = write_check_page(request.report, *summary, options.rejects_path); !s) return s;
      fmt::print("kwaliteitspagina: {}\n", request.report);
    }
    if (summary->files_rejected > 0) return Status::error(ErrorKind::kInvalidInput, "");
    if (summary->rows_rejected > 0) return Status::error(ErrorKind::kRejectedRows, "");
    return Status::ok();
  }
  // The engine's snapshot beside the store is rebuilt right after the commit, so that the first
  // reader after an import does not pay for it.
  const auto snap_start = std::chrono::steady_clock::now();
  if (Status s = engine::rebuild_snapshot(**store); !s)
    return Status::error(s.kind(), "fout bij het bijwerken van de momentopname: " + s.message());
  fmt::print("momentopname bijgewerkt in {:.1f} s\n",
             std::chrono::duration<double>(std::chrono::steady_clock::now() - snap_start).count());
  // The summary has named the rejected rows and their file: no further message.
  if (summary->rows_rejected > 0 || summary->files_rejected > 0)
    return Status::error(ErrorKind::kRejectedRows, "");
  return Status::ok();
}

void register_import(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "import", "CSV-datasets, Excel-werkmappen en iJw-berichten importeren in de opslag");
  auto request = std::make_shared<ImportRequest>();
  add_db_option(*cmd, request->store.db, "SQLite-bestand (of postgresql://-URI)");
  cmd->add_flag("--replace", request->replace,
                "elk bestand is een volledige export van zijn soort");
  cmd->add_option("--rejects", request->rejects,
                  "afwijzingenbestand (standaard DB.rejects.csv; bij PostgreSQL "
                  "regiekamer.rejects.csv)");
  add_cache_dir_option(*cmd, request->store.cache_dir);
  add_key_option(*cmd, request->store.key, "sleutelbestand voor pseudonimisering");
  cmd->add_option("--mapping", request->mapping,
                  "mappingbestand voor een export met eigen namen (standaard mapping.toml in de "
                  "map)");
  cmd->add_flag("--progress", request->progress,
                "voortgang tonen (standaard: als stderr een terminal is)");
  cmd->add_option("paths", request->paths, "datasetmappen en/of bestanden")->required();
  set_command_body(*cmd, "import", exit_code, [request] {
    if (!request->progress) request->progress = isatty(STDERR_FILENO) != 0;
    return run_import(*request);
  });
}

}  // namespace rk::cli
