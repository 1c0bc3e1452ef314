// The one vocabulary of every view: the Dutch words for units, statuses, breakdown dimensions,
// the parts of a `values` object, the contract's enum values, period keys, and the names of the
// codes in the records (municipalities, areas, providers, projects). The kpi table, the JSON
// document's `labels` (cli.md), the report, the xlsx, the server's charts and /api/rows read
// their words here and nowhere else, so no view shows a bare code.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/render.hpp"
#include "engine/result.hpp"
#include "engine/role.hpp"

namespace rk::engine {

class Snapshot;

// "aantal", "procent", "dagen", "euro", "rapportcijfer", "score", "fte", "getal".
std::string_view unit_nl(Unit unit);

// The unit as a chart's tooltips and tiles write it after a number: "%", "€", "dagen", "fte",
// or "" for counts and other plain numbers.
std::string_view unit_symbol(Unit unit);

// A role in Dutch: "analist", "gemeente", "openbaar".
std::string_view role_nl(Role role);

// The period and scope of a document in words, for the headers of the table, the xlsx and the
// StatLine file: "2e halfjaar 2020 (2020-07-01 t/m 2020-12-31)"; "alle gemeenten samen" or
// "gemeente Heerlen, kwadrant K2 gebiedsteams".
std::string period_words(Date from, Date to);
std::string scope_words(const ScopeText& scope, const class Vocabulary& vocabulary);

// A breakdown dimension in Dutch ("referrer" -> "verwijzer"); the names of a table of several
// dimensions ("item/year") each, joined with " / ". An unknown name is returned with its
// underscores as spaces.
std::string dimension_nl(std::string_view dimension);

// A key of a `values` object ("median" -> "mediaan", "s1" -> the statement's text, "3" ->
// "3 sterren"); an unknown key as dimension_nl does.
std::string part_nl(std::string_view part);

// A period key in Dutch: "2020" -> "2020", "2020H2" -> "2e halfjaar 2020", "2020Q1" ->
// "1e kwartaal 2020", "2020-04" -> "april 2020", "2020-W01" -> "week 1 2020", a date
// "2020-09-30" -> "30 sep 2020", "FROM..TO" -> "1 jul 2020 t/m 31 dec 2020"
// (calendar::period_label_nl). nullopt when the key is no period.
std::optional<std::string> period_nl(std::string_view key);

// The Dutch word of a textual cell the engine writes as a code (a project's "running",
// "embedded"); nullopt for any other text (a note, a name), which is shown as it is.
std::optional<std::string> text_nl(std::string_view text);

// The names of codes: the contract's enum values (one table), the records' names, and readable
// fallbacks. A default-constructed vocabulary knows the enum words only.
class Vocabulary {
 public:
  Vocabulary() = default;
  // The names in the snapshot's records: municipalities.csv, areas.csv, providers.csv and
  // projects.csv (name column).
  static Vocabulary from_snapshot(const Snapshot& snapshot);

  // Names `code` of `dimension` (e.g. "municipality", "GM0917", "Heerlen"); a later name of the
  // same code replaces an earlier one.
  void add_name(std::string_view dimension, std::string code, std::string name);

  // The Dutch name of `key` in `dimension`: a record's name, the enum word, a period's label, or
  // for a code nobody named "<dimension word> <code>" ("huisartsenpraktijk HA0917-01"). Team and
  // year keys are their own names. Never empty for a non-empty key.
  [[nodiscard]] std::string code(std::string_view dimension, std::string_view key) const;
  // The Dutch name of a flattened row's key: the name of every level, joined with " / "
  // ("Ik heb inhoudelijk leuk werk / 2020"); empty for an indicator's total.
  [[nodiscard]] std::string key(const FlatRow& row) const;
  // The Dutch words of a flattened row's dimension ("onderwerp / jaar"); "reeks" for a series.
  [[nodiscard]] static std::string dimension(const FlatRow& row);

 private:
  using NameMap = std::map<std::string, std::string, std::less<>>;  // code -> name
  std::map<std::string, NameMap, std::less<>> names_;               // by dimension
};

// The `labels` object of a JSON document (cli.md): the Dutch word of every dimension, part,
// status, unit and period key, and per dimension the name of every key that appears in
// `results` (breakdowns, nested breakdowns, series keys that are no period) and of the scope's
// codes. Only keys present in `results` are named, so a role-filtered document names only what it
// shows. `texts` names the textual cells that are codes ("running" -> "lopend").
nlohmann::json labels_json(const Vocabulary& vocabulary, const ScopeText& scope,
                           const std::vector<IndicatorResult>& results);

// The flat rows of GET /api/rows (cli.md): one per figure of `results` (as flatten() gives them),
// with the columns indicator, title, unit, part, dimension, key (codes, as in the JSON document),
// label (the key's Dutch name), value (a number, "<5", null when suppressed or empty, or a
// textual cell in Dutch), status (the Dutch word of the indicator's total, else null) and period
// (the header's period key: "2020H2", or FROM..TO).
nlohmann::json rows_json(const DocumentHeader& header, const std::vector<IndicatorResult>& results,
                         const Vocabulary& vocabulary);
// The same rows as CSV with a header line (RFC 4180; text cells neutralised against formulas,
// util/csv.hpp); a suppressed or empty value is an empty cell.
std::string rows_csv(const DocumentHeader& header, const std::vector<IndicatorResult>& results,
                     const Vocabulary& vocabulary);

}  // namespace rk::engine
