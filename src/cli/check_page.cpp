#include "cli/check_page.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "calendar/date.hpp"
#include "cli/format.hpp"
#include "ingest/csv_reader.hpp"
#include "report/escape.hpp"
#include "util/text.hpp"

namespace rk::cli {
namespace {

using report::html_escape;

constexpr size_t kExamples = 3;
constexpr size_t kExampleChars = 200;

struct ReasonGroup {
  uint64_t rows = 0;
  std::vector<std::string> examples;  // "regel N: record"
};

// file -> column -> reason (quoted values left out, so that one rule is one group) -> rows.
using Groups = std::map<std::string, std::map<std::string, std::map<std::string, ReasonGroup>>>;

std::string reason_class(std::string_view reason) {
  std::string out;
  bool quoted = false;
  for (const char c : reason) {
    if (c == '\'') {
      out += quoted ? "'" : "'…";
      quoted = !quoted;
    } else if (!quoted) {
      out += c;
    }
  }
  return out;
}

Groups read_rejects(const std::string& rejects_path) {
  Groups groups;
  auto reader = ingest::CsvReader::open(rejects_path);
  if (!reader) return groups;
  ingest::CsvRecord rec;
  bool header = true;
  while ((*reader)->next(rec)) {
    if (header || rec.fields.size() < 5) {
      header = false;
      continue;
    }
    auto& group =
        groups[std::string(rec.fields[0])][std::string(rec.fields[2])][reason_class(rec.fields[3])];
    ++group.rows;
    if (group.examples.size() < kExamples) {
      std::string record(rec.fields[4].substr(0, kExampleChars));
      group.examples.push_back(fmt::format("regel {}: {}", rec.fields[1], record));
    }
  }
  return groups;
}

void write_files(std::ostream& out, const ingest::ImportSummary& summary) {
  out << "<h2>Bestanden</h2>\n<table>\n<tr><th>bestand</th><th>gelezen als</th>"
         "<th>rijen</th><th>goed</th><th>afgewezen</th><th>opmerkingen</th></tr>\n";
  for (const auto& f : summary.files) {
    std::string notes;
    if (!f.file_error.empty()) notes += "bestand afgewezen: " + f.file_error + "; ";
    for (const auto& w : f.warnings) notes += w + "; ";
    out << fmt::format(
        "<tr><td>{}</td><td>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td>"
        "<td>{}</td></tr>\n",
        html_escape(f.path), html_escape(f.read_as), format_count(f.read), format_count(f.imported),
        format_count(f.rejected), html_escape(notes));
  }
  out << "</table>\n";
}

// A share as a Dutch percentage with at most one decimal: "25 %", "33,3 %".
std::string format_share(uint64_t part, uint64_t whole) {
  std::string out =
      fmt::format("{:.1f}", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
  if (out.ends_with(".0")) out.resize(out.size() - 2);
  std::replace(out.begin(), out.end(), '.', ',');
  return out + " %";
}

// A date as the Dutch write it: DD-MM-YYYY.
std::string format_day(const std::optional<Date>& day) {
  if (!day) return "-";
  const CivilDate c = day->civil();
  return fmt::format("{:02}-{:02}-{:04}", c.day, c.month, c.year);
}

// The empty cells of an optional column: "25 % (1 van 4)".
std::string empty_cells(const ingest::ColumnProfile& c) {
  if (!c.optional) return "verplicht";
  if (c.rows == 0) return "-";
  return fmt::format("{} ({} van {})", format_share(c.empty, c.rows), format_count(c.empty),
                     format_count(c.rows));
}

void write_columns(std::ostream& out, const ingest::ImportSummary& summary) {
  out << "<h2>Kolommen van de goede rijen per bestand</h2>\n"
         "<p>Over de rijen die zouden worden geïmporteerd: per kolom het deel lege cellen (bij "
         "optionele kolommen) en bij datum- en tijdstipkolommen de eerste en laatste datum.</p>\n";
  for (const auto& f : summary.files) {
    if (f.columns.empty()) continue;
    out << fmt::format(
        "<h3>{}</h3>\n<table>\n<tr><th>kolom</th><th>lege cellen (optioneel)</th>"
        "<th>eerste datum</th><th>laatste datum</th></tr>\n",
        html_escape(f.path));
    for (const auto& c : f.columns) {
      const std::string empty = empty_cells(c);
      out << fmt::format("<tr><td>{}</td><td class=n>{}</td><td>{}</td><td>{}</td></tr>\n",
                         html_escape(c.column), html_escape(empty),
                         c.dated ? format_day(c.first) : "", c.dated ? format_day(c.last) : "");
    }
    out << "</table>\n";
  }
}

void write_rejects(std::ostream& out, const Groups& groups) {
  out << "<h2>Afgewezen rijen per bestand, kolom en reden</h2>\n";
  if (groups.empty()) out << "<p>Geen enkele rij zou worden afgewezen.</p>\n";
  for (const auto& [file, columns] : groups) {
    out << fmt::format(
        "<h3>{}</h3>\n<table>\n<tr><th>kolom</th><th>reden</th><th>rijen</th>"
        "<th>voorbeelden</th></tr>\n",
        html_escape(file));
    for (const auto& [column, reasons] : columns) {
      for (const auto& [reason, group] : reasons) {
        std::string examples;
        for (const auto& e : group.examples) examples += html_escape(e) + "<br>";
        out << fmt::format("<tr><td>{}</td><td>{}</td><td class=n>{}</td><td>{}</td></tr>\n",
                           html_escape(column.empty() ? "(hele rij)" : column), html_escape(reason),
                           format_count(group.rows), examples);
      }
    }
    out << "</table>\n";
  }
}

}  // namespace

Status write_check_page(const std::string& path, const ingest::ImportSummary& summary,
                        const std::string& rejects_path) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return Status::error(ErrorKind::kIo, fmt::format("kan {} niet schrijven", path));
  out << "<!DOCTYPE html>\n<html lang=nl>\n<head>\n<meta charset=utf-8>\n"
         "<title>Controle van een levering</title>\n<style>\n"
         "body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;"
         "margin-bottom:1.5em}th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left;"
         "vertical-align:top}td.n{text-align:right}th{background:#eef}\n</style>\n</head>\n"
         "<body>\n<h1>Controle van een levering</h1>\n";
  out << fmt::format(
      "<p>Gecontroleerd op {} zoals een import dat doet; er is niets veranderd. {} rijen gelezen, "
      "{} goed, {} zouden worden afgewezen; {} bestanden zouden als geheel worden afgewezen.</p>\n",
      html_escape(util::utc_now()), format_count(summary.rows_read),
      format_count(summary.rows_imported), format_count(summary.rows_rejected),
      format_count(summary.files_rejected));
  write_files(out, summary);
  write_columns(out, summary);
  write_rejects(out, read_rejects(rejects_path));
  out << "<p>Voorbeelden zoals in het afwijzingenbestand: een BSN is weggelaten, reeksen van 9 "
         "cijfers zijn gemaskeerd.</p>\n</body>\n</html>\n";
  out.close();
  if (!out) return Status::error(ErrorKind::kIo, fmt::format("kan {} niet schrijven", path));
  return Status::ok();
}

}  // namespace rk::cli
