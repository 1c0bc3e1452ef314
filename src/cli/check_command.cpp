// `regiekamer check`: validate a delivery exactly as `import` would (every rule, cross-file
// references, and against the store when --db is given) and change nothing: the import runs in
// a transaction that is rolled back, and the snapshot is left alone. Without --db the delivery
// is checked against an empty store in a temporary folder.
#include <stdlib.h>  // mkdtemp
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/common_options.hpp"
#include "cli/import_command.hpp"
#include "cli/run_command.hpp"
#include "store/store.hpp"

namespace rk::cli {
namespace {

namespace fs = std::filesystem;

// A temporary folder, removed with everything in it when it goes out of scope.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "regiekamer-check.XXXXXX").string();
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  std::string path_;
};

Status run_check(ImportRequest request) {
  request.check = true;
  request.replace = false;
  TempDir temp;
  if (temp.path().empty()) return Status::error(ErrorKind::kIo, "kan geen tijdelijke map maken");
  StoreOptions& store = request.store;
  if (request.rejects.empty()) {
    request.rejects = store.db.empty() || store::is_server_uri(store.db)
                          ? "regiekamer-check.rejects.csv"
                          : store.db + ".check.rejects.csv";
  }
  if (store.db.empty()) {
    store.db = temp.path() + "/check.db";
    store.key = temp.path() + "/check.key";
  } else if (!store::is_server_uri(store.db)) {
    std::error_code ec;
    if (!fs::is_regular_file(store.db, ec)) {
      return Status::error(ErrorKind::kUsage,
                           fmt::format("opslag {} bestaat niet; laat --db weg om zonder opslag te "
                                       "controleren",
                                       store.db));
    }
    // The store's key when it has one; otherwise a throwaway key, so no file appears beside it.
    const std::string key = store.key.empty() ? store.db + ".key" : store.key;
    if (!fs::exists(key, ec)) store.key = temp.path() + "/check.key";
  }
  return run_import(request);
}

}  // namespace

void register_check(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "check",
      "een levering controleren zoals import dat doet, zonder iets te veranderen (exitcode 0 "
      "alles goed, 3 rijen afgewezen, 1 een heel bestand afgewezen)");
  auto request = std::make_shared<ImportRequest>();
  cmd->add_option("--db", request->store.db,
                  "controleer ook tegen deze opslag (SQLite-bestand of postgresql://-URI)");
  cmd->add_option("--mapping", request->mapping,
                  "mappingbestand voor een export met eigen namen (standaard mapping.toml in de "
                  "map)");
  cmd->add_option("--rejects", request->rejects,
                  "afwijzingenbestand (standaard DB.check.rejects.csv, zonder --db "
                  "regiekamer-check.rejects.csv)");
  cmd->add_option(
      "--report", request->report,
      "een kwaliteitspagina (HTML) schrijven: per bestand hoe het gelezen is, per kolom "
      "het deel lege cellen, de eerste en laatste datum en de afgewezen rijen per reden met "
      "voorbeelden");
  add_cache_dir_option(*cmd, request->store.cache_dir);
  add_key_option(*cmd, request->store.key, "sleutelbestand voor pseudonimisering");
  cmd->add_option("paths", request->paths, "datasetmappen en/of bestanden")->required();
  set_command_body(*cmd, "check", exit_code, [request] { return run_check(*request); });
}

}  // namespace rk::cli
