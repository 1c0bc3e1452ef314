#include "export/statline.hpp"

#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <stdexcept>
#include <string_view>

#include "engine/disclosure.hpp"
#include "engine/labels.hpp"
#include "engine/statline.hpp"
#include "util/csv.hpp"

namespace rk::exporting {
namespace {

using engine::Figure;
using engine::IndicatorResult;

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

// A figure as written: a count as a whole number, a statistic with one decimal, "<5" for a count
// below five, empty when suppressed or null.
std::string text(const Figure& f) {
  if (!f.value) return "";
  const engine::Number& n = *f.value;
  if (n.below_five) return "<5";
  if (n.suppressed || !n.value) return "";
  if (n.kind == engine::FigureKind::kCount) return std::to_string(std::llround(*n.value));
  return fmt::format("{:.1f}", *n.value);
}

// The part `key` of the figure's nested breakdown; empty when it has none.
std::string part(const Figure& f, const std::string& key) {
  for (const auto& b : f.nested)
    for (const auto& [k, cell] : b.cells)
      if (k == key) return text(cell);
  return "";
}

// The keys of the parts of a figure of two dimensions, in order.
std::vector<std::string> part_keys(const Figure& f) {
  std::vector<std::string> keys;
  if (!f.nested.empty())
    for (const auto& [k, cell] : f.nested.front().cells) keys.push_back(k);
  return keys;
}

const IndicatorResult& find(const std::vector<IndicatorResult>& results, std::string_view id) {
  for (const auto& r : results)
    if (r.id == id) return r;
  throw std::invalid_argument("StatLine: geen cijfers " + std::string(id));
}

// The rows of a StatLine result: the cell of every municipality, then the total row.
std::vector<std::pair<std::string, const Figure*>> rows(const IndicatorResult& r) {
  std::vector<std::pair<std::string, const Figure*>> out;
  for (const auto& b : r.breakdowns)
    if (b.dimension == engine::statline::kDimension)
      for (const auto& [code, cell] : b.cells) out.emplace_back(code, &cell);
  out.emplace_back("Totaal", &r.total);
  return out;
}

// Every text cell in double quotes, neutralised against formulas (util/csv.hpp).
std::string text(const std::string& s) { return util::csv_text(s, ';', util::CsvQuoting::kAlways); }

}  // namespace

std::vector<StatlineTable> statline_tables(const std::vector<IndicatorResult>& results,
                                           const Period& period) {
  namespace id = engine::statline;
  const auto clients_start = rows(find(results, id::kClientsStart));
  const auto clients_end = rows(find(results, id::kClientsEnd));
  const auto clients_started = rows(find(results, id::kClientsStarted));
  const auto clients_ended = rows(find(results, id::kClientsEnded));
  const auto trajectories_start = rows(find(results, id::kTrajectoriesStart));
  const auto trajectories_end = rows(find(results, id::kTrajectoriesEnd));
  const IndicatorResult& by_referrer = find(results, id::kStartedByReferrer);
  const auto started = rows(by_referrer);
  const auto ended = rows(find(results, id::kEndedByReason));
  const auto duration = rows(find(results, id::kAverageDuration));
  const size_t n = clients_start.size();
  for (const auto* r : {&clients_end, &clients_started, &clients_ended, &trajectories_start,
                        &trajectories_end, &started, &ended, &duration})
    if (r->size() != n) throw std::invalid_argument("StatLine: cijfers van ongelijke gemeenten");

  const std::string key = period_key(period);
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
  const std::vector<std::string> referrers = part_keys(by_referrer.total);
  for (const std::string& r : referrers) t3.columns.push_back(referrer_nl(r));
  StatlineTable t4{"Tabel 4: Beëindigde jeugdhulptrajecten naar reden beëindiging en duur",
                   {"Gemeente", "Perioden", "Trajecten beëindigd", "Volgens plan", "Voortijdig",
                    "Overig of onbekend", "Gemiddelde duur (dagen)"},
                   {}};
  for (size_t i = 0; i < n; ++i) {
    const std::string& m = clients_start[i].first;
    t1.rows.push_back({m, key, text(*clients_start[i].second), text(*clients_end[i].second),
                       text(*trajectories_start[i].second), text(*trajectories_end[i].second)});
    t2.rows.push_back({m, key, text(*clients_started[i].second), text(*clients_ended[i].second),
                       text(*started[i].second), text(*ended[i].second)});
    std::vector<std::string> r3{m, key, text(*started[i].second)};
    for (const std::string& r : referrers) r3.push_back(part(*started[i].second, r));
    t3.rows.push_back(std::move(r3));
    const Figure& e = *ended[i].second;
    t4.rows.push_back({m, key, text(e), part(e, "plan"), part(e, "early"), part(e, "other"),
                       text(*duration[i].second)});
  }
  return {t1, t2, t3, t4};
}

std::string statline_csv(const engine::DocumentHeader& header,
                         const std::vector<StatlineTable>& tables) {
  std::string out =
      text("Beleidsinformatie Jeugd, " + header.from.to_string() + " t/m " + header.to.to_string() +
           ", rol " + std::string(engine::role_nl(header.role))) +
      "\n";
  if (const std::string_view note = engine::disclosure_note(header.role); !note.empty())
    out += text(std::string(note)) + "\n";
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
