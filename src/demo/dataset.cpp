#include "demo/dataset.hpp"

#include <array>
#include <filesystem>
#include <memory>
#include <system_error>

#include "demo/activities.hpp"
#include "demo/care.hpp"
#include "demo/csv_out.hpp"
#include "demo/feedback.hpp"
#include "demo/ledger.hpp"
#include "demo/world.hpp"

namespace rk::demo {
namespace {

using model::Kind;

Status validate(const DatasetParams& p) {
  if (p.clients == 0 || p.clients > 50000000)
    return Status::error(ErrorKind::kUsage, "--clients moet tussen 1 en 50.000.000 liggen");
  if (p.municipalities < 1 || p.municipalities > 9000)
    return Status::error(ErrorKind::kUsage, "municipalities must be between 1 and 9,000");
  if (p.first_day > p.last_day)
    return Status::error(ErrorKind::kUsage, "first_day must not lie after last_day");
  if (p.first_day.civil().year < 1900 || p.last_day.civil().year > 2100)
    return Status::error(ErrorKind::kUsage, "the window must lie within 1900..2100");
  return Status::ok();
}

void write_municipalities(const World& w, CsvFile& f) {
  for (const Municipality& m : w.municipalities) f.text(m.code).text(m.name).end_row();
}

void write_areas(const World& w, CsvFile& f) {
  for (const Area& a : w.areas) {
    f.text(a.id).text(a.name).text(w.municipalities[static_cast<size_t>(a.municipality)].code);
    f.text(w.teams[static_cast<size_t>(a.team)].name).end_row();
  }
}

void write_providers(const World& w, CsvFile& f) {
  for (const Provider& pr : w.providers) {
    f.text(pr.id).text(pr.name).text(pr.kind);
    if (pr.employees >= 0) {
      f.integer(pr.employees);
    } else {
      f.empty();
    }
    f.boolean(pr.ggz).end_row();
  }
}

}  // namespace

DatasetParams demo_params() {
  DatasetParams p;
  p.profile = "demo";
  return p;
}

DatasetParams national_params() {
  DatasetParams p;
  p.profile = "national";
  p.municipalities = 344;
  p.areas_per_municipality = 2;
  p.clients = 1000000;
  p.first_day = Date::from_civil(2018, 1, 1);
  p.last_day = Date::from_civil(2025, 12, 31);
  p.return_chance = 0.45;
  p.follow_up_per_mille = 520;
  p.transferred_share = 0.15;
  return p;
}

Result<DatasetParams> params_for_profile(const std::string& profile) {
  if (profile == "demo") return demo_params();
  if (profile == "national") return national_params();
  return Status::error(ErrorKind::kUsage,
                       "onbekend profiel '" + profile + "': kies demo of national");
}

Result<DatasetSummary> write_dataset(const std::string& dir, const DatasetParams& p) {
  if (Status s = validate(p); !s) return s;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Status::error(ErrorKind::kIo, "kan map " + dir + " niet maken: " + ec.message());

  std::array<std::unique_ptr<CsvFile>, model::kKindCount> files;
  for (const model::TableSpec& t : model::contract()) {
    auto f = CsvFile::create((std::filesystem::path(dir) / t.file).string(), t.kind);
    if (!f) return f.status();
    files[static_cast<size_t>(t.kind)] = std::move(f.value());
  }
  const auto file = [&files](Kind k) -> CsvFile& { return *files[static_cast<size_t>(k)]; };

  const World world = build_world(p);
  write_municipalities(world, file(Kind::kMunicipalities));
  write_areas(world, file(Kind::kAreas));
  write_providers(world, file(Kind::kProviders));

  CareTally tally(world, p.first_day.days, p.last_day.days);
  CareFiles care{&file(Kind::kClients), &file(Kind::kRequests), &file(Kind::kTrajectories),
                 &file(Kind::kWaitlist), &file(Kind::kGoals)};
  generate_care(world, p, care, tally);

  write_family_audits(p, file(Kind::kFamilyAudits));
  write_surveys(world, p, file(Kind::kSurveys));
  write_staff_surveys(p, file(Kind::kStaffSurveys));
  write_complaints(p, file(Kind::kComplaints));
  write_costs(world, p, tally, file(Kind::kCosts));
  write_budgets(world, p, file(Kind::kBudgets));
  write_staffing(world, p, file(Kind::kStaffing));
  write_measurements(world, p, file(Kind::kMeasurements));
  write_projects(world, p, file(Kind::kProjects), file(Kind::kProjectResults));
  write_activities(world, p, file(Kind::kActivities));

  DatasetSummary summary;
  for (const model::TableSpec& t : model::contract()) {
    CsvFile& f = file(t.kind);
    if (Status s = f.close(); !s) return s;
    const std::string name(t.file);
    summary.rows_per_file[name] = f.rows();
    summary.bytes_per_file[name] = f.bytes();
    summary.bytes += f.bytes();
  }
  return summary;
}

}  // namespace rk::demo
