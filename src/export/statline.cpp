#include "export/statline.hpp"

#include <fmt/format.h>

#include <fstream>

#include "calendar/period.hpp"
#include "engine/statline.hpp"
#include "util/csv.hpp"

namespace rk::exporting {
namespace {

using engine::StatlineFigures;

std::string referrer_nl(const std::string& r) {
  if (r == "gp") return "Huisarts";
  if (r == "youth_doctor") return "Jeugdarts";
  if (r == "medical_specialist") return "Medisch specialist";
  if (r == "certified_institution") return "Gecertificeerde instelling";
  if (r == "municipality") return "Gemeentelijke toegang";
  if (r == "school") return "School";
  if (r == "provider") return "Jeugdhulpaanbieder";
  if (r == "neighbourhood_team") return "Sociaal wijkteam";
  if (r == "court") return "Rechter, officier van justitie, JJI";
  if (r == "self") return "Zelf";
  if (r == "other") return "Overig";
  if (r == "unknown") return "Geen verwijzing bekend";
  return r;
}

class Cells {
 public:
  explicit Cells(engine::Role role) : suppress_(role != engine::Role::kAnalyst) {}
  [[nodiscard]] std::string count(int64_t n) const {
    if (suppress_ && n >= 1 && n <= 4) return "<5";
    return std::to_string(n);
  }
  // An average over `n` observations, one decimal (a decimal point, as StatLine's CSV).
  [[nodiscard]] std::string average(const std::optional<double>& v, int64_t n) const {
    if (!v || (suppress_ && n < 10)) return "";
    return fmt::format("{:.1f}", *v);
  }

 private:
  bool suppress_;
};

std::string municipality_label(const StatlineFigures& f) {
  return f.municipality == "totaal" ? "Totaal" : f.municipality;
}

// Every text cell in double quotes, neutralised against formulas (util/csv.hpp).
std::string text(const std::string& s) { return util::csv_text(s, ';', util::CsvQuoting::kAlways); }

}  // namespace

std::vector<StatlineTable> statline_tables(const engine::Snapshot& snapshot,
                                           const engine::Query& query, engine::Role role) {
  const std::vector<StatlineFigures> figures = engine::statline_figures(snapshot, query);
  const Cells c(role);
  const std::string period = period_key(Period{query.from, query.to});
  StatlineTable t1{
      "Tabel 1: Jeugdhulp aan het begin en eind van de periode",
      {"Gemeente", "Perioden", "Jongeren met jeugdhulp begin", "Jongeren met jeugdhulp eind",
       "Trajecten lopend begin", "Trajecten lopend eind"},
      {}};
  StatlineTable t2{"Tabel 2: Gestarte en beëindigde jeugdhulp",
                   {"Gemeente", "Perioden", "Jongeren met gestart traject",
                    "Jongeren met beëindigd traject", "Trajecten gestart", "Trajecten beëindigd"},
                   {}};
  StatlineTable t3{"Tabel 3: Gestarte jeugdhulptrajecten naar verwijzer",
                   {"Gemeente", "Perioden", "Trajecten gestart"},
                   {}};
  if (!figures.empty())
    for (const auto& [referrer, n] : figures.front().started_by_referrer)
      t3.columns.push_back(referrer_nl(referrer));
  StatlineTable t4{"Tabel 4: Beëindigde jeugdhulptrajecten naar reden beëindiging en duur",
                   {"Gemeente", "Perioden", "Trajecten beëindigd", "Volgens plan", "Voortijdig",
                    "Overig of onbekend", "Gemiddelde duur (dagen)"},
                   {}};
  for (const StatlineFigures& f : figures) {
    const std::string m = municipality_label(f);
    t1.rows.push_back({m, period, c.count(f.clients_start), c.count(f.clients_end),
                       c.count(f.trajectories_start), c.count(f.trajectories_end)});
    t2.rows.push_back({m, period, c.count(f.clients_started), c.count(f.clients_ended),
                       c.count(f.trajectories_started), c.count(f.trajectories_ended)});
    std::vector<std::string> r3{m, period, c.count(f.trajectories_started)};
    for (const auto& [referrer, n] : f.started_by_referrer) r3.push_back(c.count(n));
    t3.rows.push_back(std::move(r3));
    t4.rows.push_back({m, period, c.count(f.trajectories_ended), c.count(f.ended_plan),
                       c.count(f.ended_early), c.count(f.ended_other),
                       c.average(f.average_duration_days, f.trajectories_ended)});
  }
  return {t1, t2, t3, t4};
}

std::string statline_csv(const engine::DocumentHeader& header,
                         const std::vector<StatlineTable>& tables) {
  std::string out =
      text("Beleidsinformatie Jeugd, " + header.from.to_string() + " t/m " + header.to.to_string() +
           ", rol " + std::string(engine::to_string(header.role))) +
      "\n";
  for (const StatlineTable& t : tables) {
    out += "\n" + text(t.title) + "\n";
    std::string line;
    for (const std::string& col : t.columns) line += (line.empty() ? "" : ";") + text(col);
    out += line + "\n";
    for (const auto& row : t.rows) {
      line.clear();
      for (size_t i = 0; i < row.size(); ++i)
        line += (i == 0 ? "" : ";") +
                (util::is_plain_number(row[i]) || row[i].empty() ? row[i] : text(row[i]));
      out += line + "\n";
    }
  }
  return out;
}

Status write_statline_csv(const std::string& path, const engine::DocumentHeader& header,
                          const std::vector<StatlineTable>& tables) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << statline_csv(header, tables);
  file.close();
  if (!file) return Status::error(ErrorKind::kIo, "kan " + path + " niet schrijven");
  return Status::ok();
}

}  // namespace rk::exporting
