#include "engine/config.hpp"

#include "engine/disclosure.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include <fmt/format.h>

namespace rk::engine {
namespace {

using nlohmann::json;

Status invalid(const std::string& what) { return Status::error(ErrorKind::kInvalidInput, what); }

std::optional<Unit> parse_unit(const std::string& s) {
  if (s == "%") return Unit::kPercent;
  static constexpr Unit kUnits[] = {Unit::kCount, Unit::kPercent, Unit::kDays, Unit::kEuro,
                                    Unit::kGrade, Unit::kScore,   Unit::kFte,  Unit::kNumber};
  for (Unit u : kUnits)
    if (to_string(u) == s) return u;
  return std::nullopt;
}

Result<NormOverride> parse_override(const std::string& where, const json& j) {
  NormOverride o;
  if (!j.is_object()) return invalid(where + ": expected a table of op, target, tolerance");
  for (const auto& [key, v] : j.items()) {
    if (key == "op") {
      if (v == ">=")
        o.op = Norm::Op::kAtLeast;
      else if (v == "<=")
        o.op = Norm::Op::kAtMost;
      else
        return invalid(where + ".op: expected \">=\" or \"<=\"");
    } else if (key == "target" && v.is_number()) {
      o.target = v.get<double>();
    } else if (key == "tolerance" && v.is_number()) {
      o.tolerance = v.get<double>();
    } else if (key == "none" && v.is_boolean()) {
      o.none = v.get<bool>();
    } else if ((key == "years" && v.is_object()) || key == "title_nl" || key == "title_en" ||
               key == "unit") {
      continue;  // handled by the caller
    } else if (!(key.size() == 4 && std::isdigit(static_cast<unsigned char>(key[0])))) {
      return invalid(fmt::format("{}: unknown or ill-typed key '{}'", where, key));
    }
  }
  return o;
}

Status read_norms(const json& norms, Config& c) {
  for (const auto& item : norms.items()) {
    // Named, not a structured binding: the lambda below captures it (clang 14 cannot capture
    // structured bindings).
    const std::string& id = item.key();
    const json& j = item.value();
    Result<NormOverride> o = parse_override("norms." + id, j);
    if (!o) return o.status();
    c.norms[id] = *o;
    const auto year_entry = [&](const std::string& year, const json& y) -> Status {
      int year_number = 0;
      try {
        year_number = std::stoi(year);
      } catch (...) {
        return invalid(fmt::format("norms.{}: year expected, found '{}'", id, year));
      }
      Result<NormOverride> yo = parse_override(fmt::format("norms.{}.{}", id, year), y);
      if (!yo) return yo.status();
      c.norms_by_year[id][year_number] = *yo;
      return Status::ok();
    };
    for (const auto& [key, v] : j.items()) {
      if (key == "years") {
        for (const auto& [year, y] : v.items())
          if (Status st = year_entry(year, y); !st) return st;
      } else if (key.size() == 4 && std::isdigit(static_cast<unsigned char>(key[0]))) {
        if (Status st = year_entry(key, v); !st) return st;
      }
    }
  }
  return Status::ok();
}

Status read_manual(const json& manual, Config& c) {
  c.manual_declared = true;
  for (const auto& [id, j] : manual.items()) {
    ManualIndicator m;
    m.id = id;
    m.title_nl = j.value("title_nl", id);
    m.title_en = j.value("title_en", m.title_nl);
    if (j.contains("unit")) {
      std::optional<Unit> u = parse_unit(j.value("unit", ""));
      if (!u) return invalid("manual." + id + ".unit: unknown unit");
      m.unit = *u;
    }
    if (j.contains("target")) {
      Result<NormOverride> o = parse_override("manual." + id, j);
      if (!o) return o.status();
      Norm n;
      n.op = o->op.value_or(Norm::Op::kAtLeast);
      n.target = o->target.value_or(0);
      n.tolerance = o->tolerance.value_or(0);
      m.norm = n;
    }
    c.manual.push_back(std::move(m));
  }
  return Status::ok();
}

// The list form: [{"id", "title_nl", "title_en", "unit", "norm": {"op", "target", "tolerance"}}].
Status read_manual_list(const json& list, Config& c) {
  json table = json::object();
  for (const auto& m : list) {
    if (!m.is_object() || !m.contains("id") || !m["id"].is_string())
      return invalid("manual_indicators: every entry needs an \"id\"");
    json entry = m;
    entry.erase("id");
    if (m.contains("norm") && m["norm"].is_object()) {
      entry.erase("norm");
      for (const auto& [k, v] : m["norm"].items()) entry[k] = v;
    }
    table[m["id"].get<std::string>()] = entry;
  }
  return read_manual(table, c);
}

Status read_disclosure(const json& j, Config& c) {
  const auto check = [&]() -> Status {
    if (auto t = PerturbationTable::create(c.disclosure); !t) return invalid(t.status().message());
    return Status::ok();
  };
  if (!j.is_object()) return invalid("disclosure: expected a table");
  for (const auto& [key, v] : j.items()) {
    if (key == "max_noise" && v.is_number()) {
      c.disclosure.max_noise = v.get<int>();
      if (c.disclosure.max_noise < 0 || c.disclosure.max_noise > 2 ||
          v.get<double>() != c.disclosure.max_noise)
        return invalid("disclosure.max_noise: 0, 1 or 2 expected");
    } else if (key == "variance" && v.is_number()) {
      c.disclosure.variance = v.get<double>();
    } else {
      return invalid("disclosure." + key + ": unknown key or wrong type");
    }
  }
  return check();
}

Result<Config> from_json(const json& j) {
  Config c;
  if (!j.is_object()) return invalid("configuration: expected an object");
  for (const auto& [key, v] : j.items()) {
    Status st;
    if (key == "norms" || key == "norm")
      st = read_norms(v, c);
    else if (key == "disclosure")
      st = read_disclosure(v, c);
    else if (key == "manual")
      st = read_manual(v, c);
    else if (key == "manual_indicators" && v.is_array())
      st = read_manual_list(v, c);
    else if (key == "manual_indicators")
      st = invalid("manual_indicators: expected a list");
    if (!st) return st;
  }
  return c;
}

// TOML subset: [a."b.c".d] headers, key = value with strings, numbers and booleans, # comments.
Result<std::vector<std::string>> split_header(const std::string& h, int line) {
  std::vector<std::string> parts;
  std::string cur;
  bool quoted = false;
  for (char ch : h) {
    if (ch == '"')
      quoted = !quoted;
    else if (ch == '.' && !quoted)
      parts.push_back(std::move(cur)), cur.clear();
    else if (quoted || !std::isspace(static_cast<unsigned char>(ch)))
      cur += ch;
  }
  if (quoted) return invalid("line " + std::to_string(line) + ": unterminated quote");
  parts.push_back(cur);
  return parts;
}

Result<json> toml_value(std::string v, int line) {
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') return json(v.substr(1, v.size() - 2));
  if (v == "true") return json(true);
  if (v == "false") return json(false);
  try {
    size_t used = 0;
    const double d = std::stod(v, &used);
    if (used == v.size()) return json(d);
  } catch (...) {
  }
  return invalid("line " + std::to_string(line) + ": cannot read value '" + v + "'");
}

std::string trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
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
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded()) return invalid("configuration: not valid JSON");
  return from_json(j);
}

Result<Config> parse_config_toml(const std::string& text) {
  json root = json::object();
  json* table = &root;
  std::istringstream in(text);
  std::string raw;
  int line = 0;
  while (std::getline(in, raw)) {
    ++line;
    std::string s = raw;
    bool quoted = false;
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '"') quoted = !quoted;
      if (s[i] == '#' && !quoted) {
        s.resize(i);
        break;
      }
    }
    s = trim(s);
    if (s.empty()) continue;
    if (s.front() == '[') {
      if (s.back() != ']') return invalid("line " + std::to_string(line) + ": expected ']'");
      Result<std::vector<std::string>> parts = split_header(s.substr(1, s.size() - 2), line);
      if (!parts) return parts.status();
      table = &root;
      for (const auto& p : *parts) table = &(*table)[p];
      continue;
    }
    const size_t eq = s.find('=');
    if (eq == std::string::npos)
      return invalid("line " + std::to_string(line) + ": expected key = value");
    std::string key = trim(s.substr(0, eq));
    if (key.size() >= 2 && key.front() == '"') key = key.substr(1, key.size() - 2);
    Result<json> v = toml_value(trim(s.substr(eq + 1)), line);
    if (!v) return v.status();
    (*table)[key] = *v;
  }
  return from_json(root);
}

Result<Config> load_config(const std::string& path) {
  std::ifstream f(path);
  if (!f) return Status::error(ErrorKind::kNotFound, "cannot read configuration " + path);
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
       "Staff trained in the reporting code", Unit::kPercent, Norm{Norm::Op::kAtLeast, 100, 5}},
      {"vision.recognised", "Stakeholders die de visie herkennen",
       "Stakeholders who recognise the vision", Unit::kPercent, Norm{Norm::Op::kAtLeast, 80, 5}},
      {"safety.veilig_thuis_taken_up", "Opgepakte Veilig Thuis-meldingen",
       "Veilig Thuis reports taken up", Unit::kPercent, Norm{Norm::Op::kAtLeast, 100, 5}},
  };
}

}  // namespace rk::engine
