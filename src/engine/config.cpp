#include "engine/config.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <limits>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string_view>

#include <fmt/format.h>

#include "engine/disclosure.hpp"

namespace rk::engine {
namespace {

// Both formats are read by one reader over a toml::table; JSON is converted to one first. Every
// message names the key path as it is written in TOML (norms."flow.intake_5wd".target) and, read
// from TOML, the line.

using nlohmann::json;

Status invalid(const std::string& what) { return Status::error(ErrorKind::kInvalidInput, what); }

// A key as TOML writes it: bare when it can be, quoted otherwise.
std::string key_text(std::string_view key) {
  const bool bare = !key.empty() && std::all_of(key.begin(), key.end(), [](char ch) {
    return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '-';
  });
  if (bare) return std::string(key);
  std::string quoted = "\"";
  for (char ch : key) {
    if (ch == '"' || ch == '\\') quoted += '\\';
    quoted += ch;
  }
  return quoted + '"';
}

std::string join(const std::string& path, std::string_view key) {
  return path.empty() ? key_text(key) : path + "." + key_text(key);
}

// A node converted from JSON has no source position: its message names the key path only.
Status error_at(const toml::source_region& at, const std::string& path, std::string_view what) {
  if (at.begin.line == 0) return invalid(fmt::format("{}: {}", path, what));
  return invalid(fmt::format("regel {}: {}: {}", at.begin.line, path, what));
}

Status error_at(const toml::node& node, const std::string& path, std::string_view what) {
  return error_at(node.source(), path, what);
}

std::string_view type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table:
      return "een tabel";
    case toml::node_type::array:
      return "een lijst";
    case toml::node_type::string:
      return "tekst";
    case toml::node_type::integer:
    case toml::node_type::floating_point:
      return "een getal";
    case toml::node_type::boolean:
      return "true of false";
    case toml::node_type::date:
      return "een datum";
    case toml::node_type::time:
      return "een tijd";
    case toml::node_type::date_time:
      return "een datum met tijd";
    case toml::node_type::none:
      break;
  }
  return "niets";
}

Status wrong_type(const toml::node& node, const std::string& path, std::string_view expected) {
  return error_at(node, path, fmt::format("verwacht {}, gevonden {}", expected, type_name(node)));
}

Status unknown_key(const toml::key& key, const std::string& path, std::string_view allowed) {
  return error_at(key.source(), path, fmt::format("onbekende sleutel (verwacht {})", allowed));
}

Result<double> read_number(const toml::node& node, const std::string& path) {
  double d = 0;
  if (const auto* i = node.as_integer())
    d = static_cast<double>(i->get());
  else if (const auto* f = node.as_floating_point())
    d = f->get();
  else
    return wrong_type(node, path, "een getal");
  if (!std::isfinite(d)) return error_at(node, path, "verwacht een eindig getal");
  return d;
}

Result<std::string> read_text(const toml::node& node, const std::string& path) {
  if (const auto* s = node.as_string()) return s->get();
  return wrong_type(node, path, "tekst");
}

Result<bool> read_bool(const toml::node& node, const std::string& path) {
  if (const auto* b = node.as_boolean()) return b->get();
  return wrong_type(node, path, "true of false");
}

Result<Unit> read_unit(const toml::node& node, const std::string& path) {
  Result<std::string> s = read_text(node, path);
  if (!s) return s.status();
  if (*s == "%") return Unit::kPercent;
  static constexpr Unit kUnits[] = {Unit::kCount, Unit::kPercent, Unit::kDays, Unit::kEuro,
                                    Unit::kGrade, Unit::kScore,   Unit::kFte,  Unit::kNumber};
  std::string names;
  for (Unit u : kUnits) {
    if (to_string(u) == *s) return u;
    names += fmt::format("{}{}", names.empty() ? "" : ", ", to_string(u));
  }
  return error_at(node, path,
                  fmt::format("onbekende eenheid \"{}\" (verwacht {} of %)", *s, names));
}

Result<Better> read_better(const toml::node& node, const std::string& path) {
  Result<std::string> s = read_text(node, path);
  if (!s) return s.status();
  if (std::optional<Better> b = parse_better(*s)) return *b;
  return error_at(node, path,
                  fmt::format("onbekende richting \"{}\" (verwacht higher, lower of neither)", *s));
}

// Reads `key` into `o` when it is a key of a norm: op, target, tolerance or none. Returns whether
// it was one.
Result<bool> read_norm_key(std::string_view key, const toml::node& value, const std::string& path,
                           NormOverride& o) {
  if (key == "op") {
    Result<std::string> op = read_text(value, path);
    if (!op) return op.status();
    if (*op == ">=")
      o.op = Norm::Op::kAtLeast;
    else if (*op == "<=")
      o.op = Norm::Op::kAtMost;
    else
      return error_at(value, path, fmt::format("verwacht \">=\" of \"<=\", gevonden \"{}\"", *op));
  } else if (key == "target" || key == "tolerance") {
    Result<double> d = read_number(value, path);
    if (!d) return d.status();
    (key == "target" ? o.target : o.tolerance) = *d;
  } else if (key == "none") {
    Result<bool> b = read_bool(value, path);
    if (!b) return b.status();
    o.none = *b;
  } else {
    return false;
  }
  return true;
}

bool is_year(std::string_view key) {
  return key.size() == 4 && std::all_of(key.begin(), key.end(), [](char ch) {
           return std::isdigit(static_cast<unsigned char>(ch));
         });
}

Status read_override(const toml::table& table, const std::string& path, NormOverride& o,
                     std::map<int, NormOverride>* years);

// One year of an indicator's norm: `[norms."id".years.2021]` or `[norms."id".2021]`.
Status read_year(const toml::key& year, const toml::node& value, const std::string& path,
                 std::map<int, NormOverride>& years) {
  if (!is_year(year.str())) return error_at(year.source(), path, "verwacht een jaar (JJJJ)");
  const toml::table* table = value.as_table();
  if (!table) return wrong_type(value, path, "een tabel met op, target, tolerance of none");
  NormOverride o;
  if (Status st = read_override(*table, path, o, nullptr); !st) return st;
  years[std::stoi(std::string(year.str()))] = o;
  return Status::ok();
}

// An indicator's norm override; with `years`, also the overrides of single years beneath it.
Status read_override(const toml::table& table, const std::string& path, NormOverride& o,
                     std::map<int, NormOverride>* years) {
  for (auto&& [key, value] : table) {
    const std::string at = join(path, key.str());
    Result<bool> known = read_norm_key(key.str(), value, at, o);
    if (!known) return known.status();
    if (*known) continue;
    if (years && key.str() == "years") {
      const toml::table* by_year = value.as_table();
      if (!by_year) return wrong_type(value, at, "een tabel van jaren");
      for (auto&& [year, y] : *by_year)
        if (Status st = read_year(year, y, join(at, year.str()), *years); !st) return st;
    } else if (years && is_year(key.str())) {
      if (Status st = read_year(key, value, at, *years); !st) return st;
    } else if (key.str() == "title_nl" || key.str() == "title_en" || key.str() == "unit" ||
               key.str() == "better") {
      continue;  // the keys of a manual declaration are allowed beside a norm, without meaning
    } else {
      return unknown_key(key, at,
                         years ? "op, target, tolerance, none, years of een jaar"
                               : "op, target, tolerance of none");
    }
  }
  return Status::ok();
}

Status read_norms(const toml::node& node, const std::string& path, Config& c) {
  const toml::table* norms = node.as_table();
  if (!norms) return wrong_type(node, path, "een tabel van indicatoren");
  for (auto&& [id, value] : *norms) {
    const std::string at = join(path, id.str());
    const toml::table* table = value.as_table();
    if (!table) return wrong_type(value, at, "een tabel met op, target, tolerance of none");
    NormOverride o;
    std::map<int, NormOverride> years;
    if (Status st = read_override(*table, at, o, &years); !st) return st;
    const std::string key(id.str());
    c.norms[key] = o;
    for (const auto& [year, yo] : years) c.norms_by_year[key][year] = yo;
  }
  return Status::ok();
}

// The keys of one manual declaration: title_nl, title_en, unit and a norm, which counts only with
// a target. The list form also has `id` (read by the caller) and may group the norm in `norm`.
Status read_manual_entry(const toml::table& table, const std::string& path, bool listed,
                         ManualIndicator& m) {
  std::optional<std::string> title_nl;
  std::optional<std::string> title_en;
  NormOverride norm;
  for (auto&& [key, value] : table) {
    const std::string at = join(path, key.str());
    if (key.str() == "title_nl" || key.str() == "title_en") {
      Result<std::string> title = read_text(value, at);
      if (!title) return title.status();
      (key.str() == "title_nl" ? title_nl : title_en) = std::move(*title);
    } else if (key.str() == "unit") {
      Result<Unit> unit = read_unit(value, at);
      if (!unit) return unit.status();
      m.unit = *unit;
    } else if (key.str() == "better") {
      Result<Better> better = read_better(value, at);
      if (!better) return better.status();
      m.better = *better;
    } else if (listed && key.str() == "id") {
      continue;
    } else if (listed && key.str() == "norm") {
      const toml::table* norm_table = value.as_table();
      if (!norm_table) return wrong_type(value, at, "een tabel met op, target en tolerance");
      for (auto&& [norm_key, norm_value] : *norm_table) {
        const std::string norm_at = join(at, norm_key.str());
        Result<bool> known = read_norm_key(norm_key.str(), norm_value, norm_at, norm);
        if (!known) return known.status();
        if (!*known) return unknown_key(norm_key, norm_at, "op, target, tolerance of none");
      }
    } else {
      Result<bool> known = read_norm_key(key.str(), value, at, norm);
      if (!known) return known.status();
      if (!*known)
        return unknown_key(key, at,
                           listed ? "id, title_nl, title_en, unit, better, norm, op, target of "
                                    "tolerance"
                                  : "title_nl, title_en, unit, better, op, target of tolerance");
    }
  }
  m.title_nl = title_nl.value_or(m.id);
  m.title_en = title_en.value_or(m.title_nl);
  if (norm.target && !norm.none.value_or(false))
    m.norm = Norm{norm.op.value_or(Norm::Op::kAtLeast), *norm.target, norm.tolerance.value_or(0)};
  return Status::ok();
}

Status add_manual(ManualIndicator m, const toml::node& id_node, const std::string& id_path,
                  Config& c) {
  for (const ManualIndicator& earlier : c.manual)
    if (earlier.id == m.id)
      return error_at(id_node, id_path, fmt::format("\"{}\" is al gedeclareerd", m.id));
  c.manual.push_back(std::move(m));
  return Status::ok();
}

// The table form: [manual."id"] per indicator.
Status read_manual(const toml::node& node, const std::string& path, Config& c) {
  const toml::table* manual = node.as_table();
  if (!manual) return wrong_type(node, path, "een tabel van indicatoren");
  c.manual_declared = true;
  for (auto&& [id, value] : *manual) {
    const std::string at = join(path, id.str());
    const toml::table* table = value.as_table();
    if (!table) return wrong_type(value, at, "een tabel met title_nl, title_en, unit en norm");
    ManualIndicator m;
    m.id = std::string(id.str());
    if (Status st = read_manual_entry(*table, at, false, m); !st) return st;
    if (Status st = add_manual(std::move(m), value, at, c); !st) return st;
  }
  return Status::ok();
}

// The list form: [[manual_indicators]] with an id each (JSON: "manual_indicators": [{"id", …}]).
Status read_manual_list(const toml::node& node, const std::string& path, Config& c) {
  const toml::array* list = node.as_array();
  if (!list) return wrong_type(node, path, "een lijst ([[manual_indicators]])");
  c.manual_declared = true;
  for (size_t i = 0; i < list->size(); ++i) {
    const toml::node& entry = *list->get(i);
    const std::string at = fmt::format("{} (nr. {})", path, i + 1);
    const toml::table* table = entry.as_table();
    if (!table) return wrong_type(entry, at, "een tabel met id, title_nl, title_en, unit en norm");
    const toml::node* id = table->get("id");
    if (!id) return error_at(entry, at, "elke handmatige indicator heeft een \"id\" nodig");
    Result<std::string> id_text = read_text(*id, at + ".id");
    if (!id_text) return id_text.status();
    ManualIndicator m;
    m.id = std::move(*id_text);
    if (Status st = read_manual_entry(*table, at, true, m); !st) return st;
    if (Status st = add_manual(std::move(m), *id, at + ".id", c); !st) return st;
  }
  return Status::ok();
}

// [disclosure] max_noise (0, 1 or 2) and variance: the perturbation table (disclosure.hpp).
Status read_disclosure(const toml::node& node, const std::string& path, Config& c) {
  const toml::table* table = node.as_table();
  if (table == nullptr) return wrong_type(node, path, "een tabel");
  bool exact_for_tests = false;
  for (auto&& [key, value] : *table) {
    const std::string at = join(path, key.str());
    if (key.str() == "exact_for_tests") {
      Result<bool> b = read_bool(value, at);
      if (!b) return b.status();
      exact_for_tests = *b;
      continue;
    }
    Result<double> d = read_number(value, at);
    if (!d) return d.status();
    if (key.str() == "max_noise") {
      if (*d != std::floor(*d) || *d < 0 || *d > PerturbationTable::kMaxNoise)
        return error_at(value, at, "verwacht 0, 1 of 2");
      c.disclosure.max_noise = static_cast<int>(*d);
    } else if (key.str() == "variance") {
      if (*d < 0.5 || *d > 2) return error_at(value, at, "verwacht 0,5 tot en met 2");
      c.disclosure.variance = *d;
    } else {
      return unknown_key(key, path, "max_noise, variance, exact_for_tests");
    }
  }
  // Without noise the suppression rules alone stand between a municipality and a small count:
  // only for checking those rules by hand, and it has to be said in so many words.
  if (c.disclosure.max_noise < PerturbationTable::kMaxNoise && !exact_for_tests)
    return error_at(node, path,
                    "max_noise kleiner dan 2 verzwakt de privacybescherming; alleen met "
                    "exact_for_tests = true (nooit voor publicatie)");
  if (auto t = PerturbationTable::create(c.disclosure); !t)
    return error_at(node, path, t.status().message());
  return Status::ok();
}

// The top-level keys from_table reads; others are left alone: the file may hold settings of other
// parts.
bool is_section(std::string_view key) {
  return key == "norms" || key == "norm" || key == "manual" || key == "manual_indicators" ||
         key == "disclosure";
}

Result<Config> from_table(const toml::table& root) {
  Config c;
  for (auto&& [key, value] : root) {
    const std::string path = key_text(key.str());
    Status st;
    if (key.str() == "norms" || key.str() == "norm")
      st = read_norms(value, path, c);
    else if (key.str() == "disclosure")
      st = read_disclosure(value, path, c);
    else if (key.str() == "manual")
      st = read_manual(value, path, c);
    else if (key.str() == "manual_indicators")
      st = read_manual_list(value, path, c);
    if (!st) return st;
  }
  return c;
}

// JSON's values as TOML's; null has no TOML counterpart and no key accepts it.
Result<std::unique_ptr<toml::node>> to_toml(const json& j, const std::string& path) {
  switch (j.type()) {
    case json::value_t::object: {
      auto table = std::make_unique<toml::table>();
      for (const auto& [key, value] : j.items()) {
        Result<std::unique_ptr<toml::node>> node = to_toml(value, join(path, key));
        if (!node) return node.status();
        table->insert_or_assign(key, std::move(**node));
      }
      return std::unique_ptr<toml::node>(std::move(table));
    }
    case json::value_t::array: {
      auto array = std::make_unique<toml::array>();
      for (size_t i = 0; i < j.size(); ++i) {
        Result<std::unique_ptr<toml::node>> node =
            to_toml(j[i], fmt::format("{} (nr. {})", path, i + 1));
        if (!node) return node.status();
        array->push_back(std::move(**node));
      }
      return std::unique_ptr<toml::node>(std::move(array));
    }
    case json::value_t::string:
      return std::unique_ptr<toml::node>(
          std::make_unique<toml::value<std::string>>(j.get<std::string>()));
    case json::value_t::boolean:
      return std::unique_ptr<toml::node>(std::make_unique<toml::value<bool>>(j.get<bool>()));
    case json::value_t::number_integer:
      return std::unique_ptr<toml::node>(std::make_unique<toml::value<int64_t>>(j.get<int64_t>()));
    case json::value_t::number_unsigned:
      if (j.get<uint64_t>() <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
        return std::unique_ptr<toml::node>(
            std::make_unique<toml::value<int64_t>>(j.get<int64_t>()));
      return std::unique_ptr<toml::node>(std::make_unique<toml::value<double>>(j.get<double>()));
    case json::value_t::number_float:
      return std::unique_ptr<toml::node>(std::make_unique<toml::value<double>>(j.get<double>()));
    default:
      return invalid(fmt::format("{}: null is hier niet toegestaan", path));
  }
}

}  // namespace

std::optional<Norm> Config::norm_for(const std::string& id, std::optional<Norm> fallback,
                                     int year) const {
  const auto apply = [&](const NormOverride& o) {
    if (o.none && *o.none) {
      fallback.reset();
      return;
    }
    Norm n = fallback.value_or(Norm{});
    if (o.op) n.op = *o.op;
    if (o.target) n.target = *o.target;
    if (o.tolerance) n.tolerance = *o.tolerance;
    if (fallback || o.target) fallback = n;
  };
  if (auto it = norms.find(id); it != norms.end()) apply(it->second);
  if (auto it = norms_by_year.find(id); it != norms_by_year.end())
    if (auto y = it->second.find(year); y != it->second.end()) apply(y->second);
  return fallback;
}

Result<Config> parse_config_json(const std::string& text) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error& e) {
    const size_t end = std::min(e.byte, text.size());
    const auto line =
        1 + std::count(text.begin(), text.begin() + static_cast<ptrdiff_t>(end), '\n');
    return invalid(fmt::format("regel {}: geen geldige JSON", line));
  }
  if (!j.is_object()) return invalid("configuratie: verwacht een JSON-object");
  toml::table root;
  for (const auto& [key, value] : j.items()) {
    if (!is_section(key)) continue;
    Result<std::unique_ptr<toml::node>> node = to_toml(value, key_text(key));
    if (!node) return node.status();
    root.insert_or_assign(key, std::move(**node));
  }
  return from_table(root);
}

Result<Config> parse_config_toml(const std::string& text) {
  toml::table root;
  try {
    root = toml::parse(text);
  } catch (const toml::parse_error& e) {
    const toml::source_position at = e.source().begin;
    return invalid(fmt::format("regel {}, kolom {}: geen geldige TOML ({})", at.line, at.column,
                               e.description()));
  }
  return from_table(root);
}

Result<Config> load_config(const std::string& path) {
  std::ifstream f(path);
  if (!f) return Status::error(ErrorKind::kNotFound, "kan configuratie " + path + " niet lezen");
  std::stringstream ss;
  ss << f.rdbuf();
  const bool is_json = path.size() >= 5 && path.substr(path.size() - 5) == ".json";
  Result<Config> c = is_json ? parse_config_json(ss.str()) : parse_config_toml(ss.str());
  if (!c) return Status::error(ErrorKind::kInvalidInput, path + ": " + c.status().message());
  return c;
}

std::vector<ManualIndicator> default_manual_indicators() {
  return {
      {"safety.reporting_code_trained", "Medewerkers geschoold in de meldcode",
       "Staff trained in the reporting code", Unit::kPercent, Norm{Norm::Op::kAtLeast, 100, 5},
       Better::kHigher},
      {"vision.recognised", "Stakeholders die de visie herkennen",
       "Stakeholders who recognise the vision", Unit::kPercent, Norm{Norm::Op::kAtLeast, 80, 5},
       Better::kHigher},
      {"safety.veilig_thuis_taken_up", "Opgepakte Veilig Thuis-meldingen",
       "Veilig Thuis reports taken up", Unit::kPercent, Norm{Norm::Op::kAtLeast, 100, 5},
       Better::kHigher},
  };
}

}  // namespace rk::engine
