#include "engine/labels.hpp"

#include <array>
#include <set>

#include "calendar/period.hpp"
#include "engine/snapshot.hpp"

namespace rk::engine {
namespace {

struct Word {
  std::string_view key;
  std::string_view nl;
};

// Every breakdown dimension of the catalogue, and the levels of its tables.
constexpr std::array<Word, 24> kDimensions = {{
    {"municipality", "gemeente"},
    {"area", "gebied"},
    {"quadrant", "kwadrant"},
    {"provider", "aanbieder"},
    {"referrer", "verwijzer"},
    {"kind", "soort zorg"},
    {"ggz", "GGZ"},
    {"end_reason", "reden einde"},
    {"category", "categorie"},
    {"case_type", "soort dossier"},
    {"director", "regie"},
    {"gp_practice", "huisartsenpraktijk"},
    {"status", "status"},
    {"period", "periode"},
    {"item", "onderwerp"},
    {"year", "jaar"},
    {"date", "datum"},
    {"team", "team"},
    {"project", "project"},
    {"measure", "meetwaarde"},
    {"series", "reeks"},
    {"match", "zorgmatch"},
    {"provider_kind", "soort aanbieder"},
    {"decided_together", "samen besloten"},
}};

// The keys of `values` objects. Stars and statements (surveys.csv) are named here too: they are
// the parts of satisfaction.stars and satisfaction.statements.
constexpr std::array<Word, 29> kParts = {{
    {"median", "mediaan"},
    {"p90", "90e percentiel"},
    {"yes", "ja"},
    {"partly", "deels"},
    {"no", "nee"},
    {"opened", "geopend"},
    {"completed", "ingevuld"},
    {"care", "zorg"},
    {"total", "totaal"},
    {"costs", "kosten"},
    {"costs_to_date", "kosten tot nu"},
    {"income", "inkomsten"},
    {"result", "resultaat"},
    {"K1", "K1 voorliggend veld"},
    {"K2", "K2 gebiedsteams"},
    {"K3", "K3 specialistische zorg"},
    {"1", "1 ster"},
    {"2", "2 sterren"},
    {"3", "3 sterren"},
    {"4", "4 sterren"},
    {"5", "5 sterren"},
    // data-contract.md, surveys.csv: the statements as every view names them.
    {"s1", "Ik weet waar ik terecht kan voor hulp"},
    {"s2", "Ik ben snel geholpen nadat de verwijzer de hulpvraag had neergelegd"},
    {"s3", "We hebben het gezinsplan samen gemaakt"},
    {"s4", "Ik merk dat hulpverleners samenwerken om mijn zorg te regelen"},
    {"s5", "De zorgdoelen worden samen met mij opgesteld"},
    {"s6", "Beslissingen over hulp worden samen met mij genomen"},
    {"s7", "Ik voel me serieus genomen door de hulpverleners"},
    {"s8", "Ik word met respect behandeld door de hulpverleners"},
}};

struct CodeWord {
  std::string_view dimension;
  std::string_view code;
  std::string_view nl;
};

// The contract's enum values (model::k* in model/contract.hpp) and the other codes the engine
// writes as keys, per dimension. tests/engine/labels_test.cpp checks that every value of every
// contract enum is here.
constexpr std::array<CodeWord, 70> kCodes = {{
    {"referrer", "gp", "huisarts"},
    {"referrer", "youth_doctor", "jeugdarts"},
    {"referrer", "medical_specialist", "medisch specialist"},
    {"referrer", "certified_institution", "gecertificeerde instelling"},
    {"referrer", "municipality", "gemeente"},
    {"referrer", "school", "school"},
    {"referrer", "provider", "jeugdhulpaanbieder"},
    {"referrer", "neighbourhood_team", "wijkteam"},
    {"referrer", "court", "rechter"},
    {"referrer", "self", "eigen aanmelding"},
    {"referrer", "other", "overig"},
    {"provider_kind", "member", "lid"},
    {"provider_kind", "subcontractor", "onderaannemer"},
    {"provider_kind", "supplier", "leverancier"},
    {"provider_kind", "incidental", "incidenteel"},
    {"provider_kind", "own", "eigen organisatie"},
    {"match", "K1", "K1 voorliggend veld"},
    {"match", "K2", "K2 gebiedsteams"},
    {"match", "K3", "K3 specialistische zorg"},
    {"match", "none", "geen zorgmatch"},
    {"quadrant", "K1", "K1 voorliggend veld"},
    {"quadrant", "K2", "K2 gebiedsteams"},
    {"quadrant", "K3", "K3 specialistische zorg"},
    {"end_reason", "plan", "volgens plan"},
    {"end_reason", "mutual", "in overleg"},
    {"end_reason", "client", "op initiatief van de cliënt"},
    {"end_reason", "provider", "op initiatief van de aanbieder"},
    {"end_reason", "external", "externe oorzaak"},
    {"end_reason", "other", "overig"},
    {"case_type", "single", "enkelvoudig"},
    {"case_type", "multiple", "meervoudig"},
    {"case_type", "multi_problem", "multiprobleem"},
    {"director", "cooperative", "coöperatie"},
    {"director", "municipality", "gemeente"},
    {"director", "none", "geen regie"},
    {"kind", "treatment", "behandeling"},
    {"kind", "support", "ondersteuning"},
    {"kind", "diagnostics", "diagnostiek"},
    {"decided_together", "yes", "ja"},
    {"decided_together", "partly", "deels"},
    {"decided_together", "no", "nee"},
    {"category", "referral", "verwijzing"},
    {"category", "care", "zorg"},
    {"category", "secretariat", "secretariaat"},
    {"category", "procedure", "procedure"},
    {"category", "privacy", "privacy"},
    {"category", "other", "overig"},
    {"category", "K1", "K1 voorliggend veld"},
    {"category", "K2", "K2 gebiedsteams"},
    {"category", "K3", "K3 specialistische zorg"},
    {"category", "pgb", "pgb"},
    {"category", "initiatives", "overige initiatieven"},
    {"category", "overhead", "overhead"},
    {"category", "organisation", "organisatiekosten"},
    {"ggz", "true", "GGZ-aanbieder"},
    {"ggz", "false", "andere aanbieder"},
    // staff_surveys.csv: the known items (data-contract.md).
    {"item", "interesting_work", "Ik heb inhoudelijk leuk werk"},
    {"item", "development", "Ik kan mij voldoende ontplooien"},
    {"item", "information", "Ik krijg voldoende informatie"},
    {"item", "at_home", "Ik voel me thuis bij de organisatie"},
    {"item", "feel_at_home", "Ik voel me thuis bij de organisatie"},
    {"item", "implementing_plans", "We zijn goed in het implementeren van plannen"},
    {"item", "management_vision", "Het management heeft een duidelijke toekomstvisie"},
    {"item", "admin_burden", "Mijn werk is zo regelarm mogelijk ingericht"},
    // project_results.csv: the measures of data-contract.md.
    {"measure", "children_reached", "kinderen bereikt"},
    {"measure", "directly_involved", "direct betrokken"},
    {"measure", "outflow_regular", "uitstroom naar regulier"},
    {"measure", "staff", "medewerkers"},
    // A project figure for all municipalities together (project_results.csv without one).
    {"municipality", "all", "alle gemeenten"},
    {"quadrant", "none", "geen kwadrant"},
}};

// Textual cells the engine writes as codes (projects.results, status).
constexpr std::array<Word, 2> kTexts = {{{"running", "lopend"}, {"embedded", "geborgd"}}};

template <typename Table>
std::optional<std::string_view> find_word(const Table& table, std::string_view key) {
  for (const Word& w : table)
    if (w.key == key) return w.nl;
  return std::nullopt;
}

std::optional<std::string_view> find_code(std::string_view dimension, std::string_view code) {
  for (const CodeWord& w : kCodes)
    if (w.dimension == dimension && w.code == code) return w.nl;
  return std::nullopt;
}

// An unknown name read as words: "waiting_list" -> "waiting list".
std::string as_words(std::string_view name) {
  std::string out(name);
  for (char& c : out)
    if (c == '_') c = ' ';
  return out;
}

// Dimensions whose keys are their own names (a team's name, a year).
bool names_itself(std::string_view dimension) { return dimension == "team" || dimension == "year"; }

// Dimensions whose keys are periods or dates.
bool is_period_dimension(std::string_view dimension) {
  return dimension == "series" || dimension == "period" || dimension == "date" ||
         dimension == "year";
}

// The scope's codes by dimension.
std::array<std::pair<std::string_view, const std::optional<std::string>*>, 4> scope_parts(
    const ScopeText& scope) {
  return {{{"municipality", &scope.municipality},
           {"area", &scope.area},
           {"quadrant", &scope.quadrant},
           {"provider", &scope.provider}}};
}

}  // namespace

std::string_view unit_nl(Unit unit) {
  switch (unit) {
    case Unit::kCount:
      return "aantal";
    case Unit::kPercent:
      return "procent";
    case Unit::kDays:
      return "dagen";
    case Unit::kEuro:
      return "euro";
    case Unit::kGrade:
      return "rapportcijfer";
    case Unit::kScore:
      return "score";
    case Unit::kFte:
      return "fte";
    case Unit::kNumber:
      return "getal";
  }
  return "getal";
}

std::string_view unit_symbol(Unit unit) {
  switch (unit) {
    case Unit::kPercent:
      return "%";
    case Unit::kDays:
      return "dagen";
    case Unit::kEuro:
      return "€";
    case Unit::kFte:
      return "fte";
    default:
      return "";
  }
}

std::string_view role_nl(Role role) {
  switch (role) {
    case Role::kAnalyst:
      return "analist";
    case Role::kMunicipality:
      return "gemeente";
    case Role::kPublic:
      return "openbaar";
  }
  return "analist";
}

std::string period_words(Date from, Date to) {
  return period_label_nl(Period{from, to}) + " (" + from.to_string() + " t/m " + to.to_string() +
         ")";
}

std::string scope_words(const ScopeText& scope, const Vocabulary& vocabulary) {
  std::string s;
  for (const auto& [dimension, code] : scope_parts(scope))
    if (*code)
      s += (s.empty() ? "" : ", ") + dimension_nl(dimension) + " " +
           vocabulary.code(dimension, **code);
  return s.empty() ? "alle gemeenten samen" : s;
}

std::string dimension_nl(std::string_view dimension) {
  std::string out;
  size_t start = 0;
  while (true) {
    const size_t slash = dimension.find('/', start);
    const std::string_view one = dimension.substr(start, slash - start);
    const auto word = find_word(kDimensions, one);
    out += word ? std::string(*word) : as_words(one);
    if (slash == std::string_view::npos) return out;
    out += " / ";
    start = slash + 1;
  }
}

std::string part_nl(std::string_view part) {
  const auto word = find_word(kParts, part);
  return word ? std::string(*word) : as_words(part);
}

std::optional<std::string> period_nl(std::string_view key) {
  if (const std::optional<Period> p = parse_period(key)) return period_label_nl(*p);
  if (const std::optional<Date> d = parse_date(key)) return period_label_nl(Period{*d, *d});
  return std::nullopt;
}

std::optional<std::string> text_nl(std::string_view text) {
  const auto word = find_word(kTexts, text);
  return word ? std::optional<std::string>(*word) : std::nullopt;
}

Vocabulary Vocabulary::from_snapshot(const Snapshot& snapshot) {
  Vocabulary v;
  const std::array<std::pair<model::Kind, std::string_view>, 5> sources = {{
      {model::Kind::kMunicipalities, "municipality"},
      {model::Kind::kAreas, "area"},
      {model::Kind::kProviders, "provider"},
      {model::Kind::kProjects, "project"},
      {model::Kind::kProjects, "status"},  // projects.results: a project's status, by project
  }};
  for (const auto& [kind, dimension] : sources) {
    const Table& t = snapshot.table(kind);
    const Column* c = t.find("name");
    if (c == nullptr || c->type != ColumnType::kI32) continue;
    const auto ids = t.i32("name");
    const Dictionary& names = t.dictionary("name");
    for (int32_t row = 0; row < t.rows(); ++row)
      if (ids[row] >= 0 && ids[row] < names.size())
        v.add_name(dimension, std::string(t.key_text(row)), std::string(names[ids[row]]));
  }
  return v;
}

void Vocabulary::add_name(std::string_view dimension, std::string code, std::string name) {
  auto it = names_.find(dimension);
  if (it == names_.end()) it = names_.emplace(std::string(dimension), NameMap{}).first;
  it->second.insert_or_assign(std::move(code), std::move(name));
}

std::string Vocabulary::code(std::string_view dimension, std::string_view key) const {
  if (auto d = names_.find(dimension); d != names_.end())
    if (auto n = d->second.find(key); n != d->second.end()) return n->second;
  if (auto word = find_code(dimension, key)) return std::string(*word);
  if (names_itself(dimension)) return std::string(key);
  if (is_period_dimension(dimension))
    if (auto p = period_nl(key)) return *p;
  if (key.empty()) return {};
  return dimension_nl(dimension) + " " + std::string(key);
}

std::string Vocabulary::key(const FlatRow& row) const {
  std::string out;
  for (const auto& [dimension, key] : row.levels)
    out += (out.empty() ? "" : " / ") + code(dimension, key);
  return out;
}

std::string Vocabulary::dimension(const FlatRow& row) { return dimension_nl(row.dimension); }

nlohmann::json labels_json(const Vocabulary& vocabulary, const ScopeText& scope,
                           const std::vector<IndicatorResult>& results) {
  using nlohmann::json;
  json dimensions = json::object();
  json parts = json::object();
  json periods = json::object();
  json codes = json::object();
  json texts = json::object();
  const auto add_code = [&](std::string_view dimension, const std::string& key) {
    codes[std::string(dimension)][key] = vocabulary.code(dimension, key);
  };
  for (const FlatRow& row : flatten(results)) {
    if (!row.dimension.empty() && row.dimension != "series")
      dimensions[row.dimension] = dimension_nl(row.dimension);
    for (const auto& [dimension, key] : row.levels) {
      std::optional<std::string> period;
      if (is_period_dimension(dimension)) period = period_nl(key);
      if (period) periods[key] = *period;
      if (dimension == "series" && period) continue;
      if (dimension != "series") dimensions[dimension] = dimension_nl(dimension);
      add_code(dimension, key);
    }
    if (!row.part.empty()) parts[row.part] = part_nl(row.part);
    if (!row.text.empty())
      if (auto word = text_nl(row.text)) texts[row.text] = *word;
  }
  // A manual indicator's measurement period (its text "period").
  for (const IndicatorResult& r : results)
    for (const auto& [name, text] : r.texts)
      if (name == "period")
        if (auto p = period_nl(text)) periods[text] = *p;
  for (const auto& [dimension, code] : scope_parts(scope))
    if (*code) {
      dimensions[std::string(dimension)] = dimension_nl(dimension);
      add_code(dimension, **code);
    }
  json statuses = json::object();
  for (NormStatus s :
       {NormStatus::kGreen, NormStatus::kYellow, NormStatus::kRed, NormStatus::kNone})
    statuses[std::string(to_string(s))] = std::string(status_nl(s));
  json units = json::object();
  for (Unit u : {Unit::kCount, Unit::kPercent, Unit::kDays, Unit::kEuro, Unit::kGrade, Unit::kScore,
                 Unit::kFte, Unit::kNumber})
    units[std::string(to_string(u))] = std::string(unit_nl(u));
  return json{
      {"dimensions", dimensions}, {"parts", parts}, {"statuses", statuses}, {"units", units},
      {"periods", periods},       {"codes", codes}, {"texts", texts}};
}

}  // namespace rk::engine
