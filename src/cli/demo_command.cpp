// `regiekamer demo`: a realistic sample dataset, imported into a store beside it.
// `regiekamer generate`: only the dataset (demo or national scale), for tests and benchmarks.
#include <cstdio>
#include <filesystem>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/format.hpp"
#include "cli/import_command.hpp"
#include "cli/report_command.hpp"
#include "cli/run_command.hpp"
#include "demo/dataset.hpp"
#include "demo/ijw_messages.hpp"
#include "server/accounts.hpp"
#include "server/password_policy.hpp"
#include "store/store.hpp"

namespace rk::cli {
namespace {

struct GenerateRequest {
  std::string dir = "demo-data";
  std::string profile = "demo";
  uint64_t seed = 0;
  uint64_t clients = 0;
  bool ijw = false;  // also the iJw message set: DIR/dataset, DIR/csv and DIR/ijw
};

Status generate_ijw(const GenerateRequest& r, const demo::DatasetParams& params) {
  const std::string dataset = r.dir + "/dataset";
  auto written = demo::write_dataset(dataset, params);
  if (!written) return as_failure(written.status());
  auto summary = demo::write_ijw_messages(dataset, r.dir);
  if (!summary) return as_failure(summary.status());
  fmt::print(
      "iJw-berichten geschreven in {}/ijw: {} berichten ({} MB) voor {} cliënten, {} zorgvragen, "
      "{} trajecten; dezelfde gegevens als CSV in {}/csv\n",
      r.dir, format_count(summary->messages), summary->bytes / 1000000,
      format_count(summary->clients), format_count(summary->requests),
      format_count(summary->trajectories), r.dir);
  return Status::ok();
}

// Writes the dataset of r.profile (with --seed and --clients when given). An unknown profile is
// wrong usage; the dataset writer's own objections to the parameters (too many clients) have
// always ended as failures.
Status generate(const GenerateRequest& r) {
  demo::DatasetParams params;
  if (r.profile == "demo") {
    params = demo::demo_params();
  } else if (r.profile == "national") {
    params = demo::national_params();
  } else {
    return Status::error(ErrorKind::kUsage,
                         "onbekend profiel '" + r.profile + "' (demo of national)");
  }
  if (r.seed != 0) params.seed = r.seed;
  if (r.clients != 0) params.clients = r.clients;
  if (r.ijw) return generate_ijw(r, params);
  auto summary = demo::write_dataset(r.dir, params);
  if (!summary) return as_failure(summary.status());
  uint64_t rows = 0;
  for (const auto& [file, n] : summary->rows_per_file) rows += n;
  fmt::print("dataset geschreven in {}: {} bestanden, {} rijen, {} MB\n", r.dir,
             summary->rows_per_file.size(), format_count(rows), summary->bytes / 1000000);
  return Status::ok();
}

// The demo's accounts: an analyst and a municipality user of Heerlen, with one new random
// password (printed; earlier demo accounts of the same names are replaced). Random hex may, very
// rarely, look like a sequence ("abc…"): then another is drawn.
Result<std::string> add_demo_accounts(const std::string& db) {
  auto store = store::Store::open(db);
  if (!store) return store.status();
  std::string password = server::random_hex(8);
  while (!server::check_password("analist", password) ||
         !server::check_password("heerlen", password))
    password = server::random_hex(8);
  for (const auto& [name, role] : {std::pair<std::string, std::string>{"analist", "analyst"},
                                   {"heerlen", "municipality:GM0917"}}) {
    server::remove_account(**store, name).ignore();  // absent on a first demo
    if (Status s = server::add_account(**store, name, *server::parse_account_role(role), password);
        !s)
      return s;
  }
  return password;
}

// Sample narrative texts, so that the demo report shows where the words of staff go.
constexpr const char* kDemoIntroduction =
    "Deze rapportage is gemaakt met de **voorbeelddataset** van regiekamer: drie gemeenten, "
    "zeven gebieden en ruim vierduizend verzonnen cliënten. De cijfers zijn dus niet echt, de "
    "opbouw wel.\n\n"
    "Elk hoofdstuk zet de cijfers van deze periode naast die van de vorige periode. De woorden "
    "komen uit Markdown-bestanden in de map met teksten (`inleiding.md` en per hoofdstuk "
    "`<hoofdstuk>.md`, bijvoorbeeld `clienten.md`).\n";
constexpr const char* kDemoClients =
    "Het aantal cliënten in zorg is in de tweede helft van het jaar *licht gestegen*. De "
    "tabel hieronder volgt de indeling van de Beleidsinformatie Jeugd van het CBS.\n";

Status write_demo_report(const std::string& db, const std::string& dir) {
  const std::filesystem::path texts = std::filesystem::path(dir) / "teksten";
  std::error_code ec;
  std::filesystem::create_directories(texts, ec);
  for (const auto& [name, text] :
       {std::pair{"inleiding.md", kDemoIntroduction}, {"clienten.md", kDemoClients}}) {
    const std::filesystem::path file = texts / name;
    if (std::filesystem::exists(file)) continue;  // keep what staff wrote
    std::FILE* f = std::fopen(file.c_str(), "wb");
    if (f == nullptr) continue;
    std::fputs(text, f);
    std::fclose(f);
  }
  ReportRequest report;
  report.store.db = db;
  report.period = "2020H2";  // the half-year of the seed report the demo dataset imitates
  report.texts = texts.string();
  report.out = (std::filesystem::path(dir) / "rapport").string();
  report.quiet = true;
  if (Status s = run_report(report); !s) return s;
  fmt::print("demo-rapport (2e halfjaar 2020, alle gemeenten): {}/report.html en {}/report.pdf\n",
             report.out, report.out);
  return Status::ok();
}

struct DemoRequest {
  GenerateRequest generate;  // its dir holds the dataset (DIR/dataset) and the default store
  std::string db;            // default DIR/regiekamer.db
  server::ServeOptions serve;
  bool no_serve = false;
};

// Dataset, import, report and accounts; then the dashboard unless --no-serve.
Status run_demo(const DemoRequest& r) {
  GenerateRequest g = r.generate;
  g.dir = r.generate.dir + "/dataset";
  if (Status s = generate(g); !s) return s;
  ImportRequest imp;
  imp.store.db = r.db.empty() ? r.generate.dir + "/regiekamer.db" : r.db;
  imp.paths = {g.dir};
  imp.replace = true;
  if (Status s = run_import(imp); !s) return s;
  fmt::print("demo-opslag: {}\n", imp.store.db);
  if (Status s = write_demo_report(imp.store.db, r.generate.dir); !s) return s;
  auto password = add_demo_accounts(imp.store.db);
  if (!password) return as_failure(password.status());
  fmt::print(
      "demo-login: analist (analist, alle gemeenten) of heerlen (gemeente Heerlen, GM0917), "
      "wachtwoord {}\n",
      *password);
  if (r.no_serve) return Status::ok();
  server::ServeOptions serve = r.serve;
  serve.db = imp.store.db;
  return run_serve(serve);
}

}  // namespace

void register_generate(CLI::App& app, int& exit_code) {
  auto* cmd =
      app.add_subcommand("generate", "een synthetische dataset schrijven (demo of national)");
  auto r = std::make_shared<GenerateRequest>();
  cmd->add_option("--dir", r->dir, "doelmap")->required();
  cmd->add_option("--profile", r->profile, "demo (3 gemeenten) of national (344 gemeenten)");
  cmd->add_option("--seed", r->seed, "startwaarde van de generator");
  cmd->add_option("--clients", r->clients, "aantal cliënten (standaard volgens profiel)");
  cmd->add_flag("--ijw", r->ijw,
                "ook iJw-berichten: DIR/dataset, DIR/csv (wat berichten dragen) en DIR/ijw");
  set_command_body(*cmd, "generate", exit_code, [r] { return generate(*r); });
}

void register_demo(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "demo", "voorbeelddataset maken en importeren, demo-accounts maken en het dashboard tonen");
  auto r = std::make_shared<DemoRequest>();
  cmd->add_option("--dir", r->generate.dir,
                  "map voor de dataset en de opslag (standaard demo-data)");
  cmd->add_option("--db", r->db, "opslag (standaard DIR/regiekamer.db)");
  cmd->add_option("--port", r->serve.port, "poort van het dashboard (standaard 8080; 0 = vrij)")
      ->check(CLI::Range(0, 65535));
  cmd->add_flag("--no-serve", r->no_serve, "alleen de gegevens en accounts, geen dashboard");
  set_command_body(*cmd, "demo", exit_code, [r] { return run_demo(*r); });
}

}  // namespace rk::cli
