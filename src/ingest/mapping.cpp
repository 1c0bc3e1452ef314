#include "ingest/mapping.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "util/text.hpp"

namespace rk::ingest {
namespace {

constexpr size_t kMaxMappingBytes = size_t{1} << 20;

// Export headers and values are matched trimmed and without ASCII case.
std::string match_key(std::string_view s) { return util::lower_ascii(util::trim(s)); }

class Reader {
 public:
  explicit Reader(const std::string& path) : path_(path) {}

  Result<Mapping> read(const toml::table& root);

 private:
  Status error(const toml::source_region& at, std::string_view what) const {
    if (at.begin.line == 0) {
      return Status::error(ErrorKind::kUsage, fmt::format("mapping {}: {}", path_, what));
    }
    return Status::error(ErrorKind::kUsage,
                         fmt::format("mapping {}, regel {}: {}", path_, at.begin.line, what));
  }
  Status read_kind(const toml::key& key, const toml::node& node, KindMapping& out) const;
  Status read_files(const toml::node& node, KindMapping& out) const;
  Status read_columns(const toml::node& node, const model::TableSpec& spec, KindMapping& out) const;
  Status read_values(const toml::node& node, const model::TableSpec& spec, KindMapping& out) const;
  Status read_fixed(const toml::node& node, const model::TableSpec& spec, KindMapping& out) const;
  // The contract column `key` names in `spec`, or an error naming the allowed columns.
  Status check_column(const toml::key& key, const model::TableSpec& spec,
                      std::string_view where) const;
  Status check_both(const KindMapping& out, const toml::node& kind_node) const;

  const std::string& path_;
};

std::string kind_name(const model::TableSpec& spec) {
  std::string_view file = spec.file;
  file.remove_suffix(4);  // ".csv"
  return std::string(file);
}

const model::TableSpec* spec_for_kind(std::string_view name) {
  for (const auto& t : model::contract())
    if (kind_name(t) == name) return &t;
  return nullptr;
}

bool is_contract_column(const model::TableSpec& spec, std::string_view column) {
  if (column == "bsn") return spec.accepts_bsn;
  const int f = spec.field_index(column);
  return f >= 0 && !spec.fields[static_cast<size_t>(f)].derived;
}

std::string contract_columns(const model::TableSpec& spec) {
  std::string out;
  for (const auto& f : spec.fields) {
    if (f.derived) continue;
    if (!out.empty()) out += ", ";
    out += f.name;
  }
  if (spec.accepts_bsn) out += ", bsn";
  return out;
}

Result<Mapping> Reader::read(const toml::table& root) {
  Mapping mapping;
  mapping.path = path_;
  for (const auto& [key, node] : root) {
    KindMapping kind;
    if (Status s = read_kind(key, node, kind); !s) return s;
    mapping.kinds.push_back(std::move(kind));
  }
  std::sort(mapping.kinds.begin(), mapping.kinds.end(),
            [](const KindMapping& a, const KindMapping& b) { return a.kind < b.kind; });
  return mapping;
}

Status Reader::read_kind(const toml::key& key, const toml::node& node, KindMapping& out) const {
  const model::TableSpec* spec = spec_for_kind(key.str());
  if (spec == nullptr) {
    std::string kinds;
    for (const auto& t : model::contract()) kinds += (kinds.empty() ? "" : ", ") + kind_name(t);
    return error(key.source(), fmt::format("onbekende bestandssoort '{}' (verwacht een van: {})",
                                           key.str(), kinds));
  }
  const toml::table* table = node.as_table();
  if (table == nullptr) {
    return error(node.source(), fmt::format("[{}] moet een tabel zijn", key.str()));
  }
  out.kind = spec->kind;
  out.name = key.str();
  for (const auto& [name, value] : *table) {
    Status s;
    if (name == "files") {
      s = read_files(value, out);
    } else if (name == "sheet") {
      const auto* text = value.as_string();
      if (text == nullptr) return error(value.source(), "sheet moet tekst zijn");
      out.sheet = text->get();
    } else if (name == "columns") {
      s = read_columns(value, *spec, out);
    } else if (name == "values") {
      s = read_values(value, *spec, out);
    } else if (name == "fixed") {
      s = read_fixed(value, *spec, out);
    } else {
      s = error(name.source(),
                fmt::format("onbekende sleutel '{}' in [{}] (verwacht files, sheet, columns, "
                            "values of fixed)",
                            name.str(), out.name));
    }
    if (!s) return s;
  }
  if (out.files.empty()) out.files = {out.name + ".csv", out.name + ".xlsx"};
  return check_both(out, node);
}

Status Reader::read_files(const toml::node& node, KindMapping& out) const {
  const auto add = [&](const toml::node& item) {
    const auto* text = item.as_string();
    if (text == nullptr || text->get().empty()) {
      return error(item.source(), "files moet een bestandsnaam of een lijst van namen zijn");
    }
    if (text->get().find('/') != std::string::npos) {
      return error(item.source(), fmt::format("files: '{}' bevat een map; geef alleen de "
                                              "bestandsnaam (met * en ? als jokertekens)",
                                              text->get()));
    }
    out.files.push_back(text->get());
    return Status::ok();
  };
  if (const auto* list = node.as_array()) {
    if (list->empty()) return error(node.source(), "files is een lege lijst");
    for (const auto& item : *list)
      if (Status s = add(item); !s) return s;
    return Status::ok();
  }
  return add(node);
}

Status Reader::check_column(const toml::key& key, const model::TableSpec& spec,
                            std::string_view where) const {
  if (is_contract_column(spec, key.str())) return Status::ok();
  return error(key.source(), fmt::format("{}: onbekende kolom '{}' van {} (kolommen: {})", where,
                                         key.str(), spec.file, contract_columns(spec)));
}

Status Reader::read_columns(const toml::node& node, const model::TableSpec& spec,
                            KindMapping& out) const {
  const toml::table* table = node.as_table();
  const std::string where = fmt::format("[{}.columns]", kind_name(spec));
  if (table == nullptr) return error(node.source(), where + " moet een tabel zijn");
  for (const auto& [key, value] : *table) {
    if (Status s = check_column(key, spec, where); !s) return s;
    const auto* header = value.as_string();
    if (header == nullptr || util::trim(header->get()).empty()) {
      return error(value.source(), fmt::format("{}: {} moet de kolomkop van de export zijn "
                                               "(tekst)",
                                               where, key.str()));
    }
    for (const auto& other : out.columns) {
      if (match_key(other.header) == match_key(header->get())) {
        return error(value.source(),
                     fmt::format("{}: kolom '{}' van de export is al aan {} gekoppeld (regel {}); "
                                 "koppel elke kolom één keer",
                                 where, header->get(), other.column, other.line));
      }
    }
    out.columns.push_back({std::string(key.str()), header->get(), value.source().begin.line});
  }
  return Status::ok();
}

Status Reader::read_values(const toml::node& node, const model::TableSpec& spec,
                           KindMapping& out) const {
  const toml::table* table = node.as_table();
  const std::string where = fmt::format("[{}.values]", kind_name(spec));
  if (table == nullptr) return error(node.source(), where + " moet een tabel zijn");
  for (const auto& [column, words] : *table) {
    if (Status s = check_column(column, spec, where); !s) return s;
    const toml::table* list = words.as_table();
    const std::string here = fmt::format("[{}.values.{}]", kind_name(spec), column.str());
    if (list == nullptr) return error(words.source(), here + " moet een tabel zijn");
    auto& map = out.values[std::string(column.str())];
    for (const auto& [word, value] : *list) {
      const auto* text = value.as_string();
      if (text == nullptr) {
        return error(value.source(),
                     fmt::format("{}: de waarde voor '{}' moet tekst zijn", here, word.str()));
      }
      if (!map.emplace(match_key(word.str()), text->get()).second) {
        return error(word.source(), fmt::format("{}: '{}' staat er twee keer in (hoofdletters en "
                                                "spaties tellen niet mee)",
                                                here, word.str()));
      }
    }
  }
  return Status::ok();
}

Status Reader::read_fixed(const toml::node& node, const model::TableSpec& spec,
                          KindMapping& out) const {
  const toml::table* table = node.as_table();
  const std::string where = fmt::format("[{}.fixed]", kind_name(spec));
  if (table == nullptr) return error(node.source(), where + " moet een tabel zijn");
  for (const auto& [key, value] : *table) {
    if (Status s = check_column(key, spec, where); !s) return s;
    std::string text;
    if (const auto* s = value.as_string()) {
      text = s->get();
    } else if (const auto* i = value.as_integer()) {
      text = std::to_string(i->get());
    } else if (const auto* b = value.as_boolean()) {
      text = b->get() ? "true" : "false";
    } else {
      return error(
          value.source(),
          fmt::format("{}: {} moet tekst, een geheel getal of true/false zijn", where, key.str()));
    }
    out.fixed.push_back({std::string(key.str()), std::move(text)});
  }
  return Status::ok();
}

// A column given by `columns` and by `fixed`; `values` for a column that is not read.
Status Reader::check_both(const KindMapping& out, const toml::node& kind_node) const {
  const toml::table& table = *kind_node.as_table();
  for (const auto& f : out.fixed) {
    for (const auto& c : out.columns) {
      if (c.column == f.column) {
        const toml::node* at = table.at_path("fixed")[f.column].node();
        return error(at != nullptr ? at->source() : kind_node.source(),
                     fmt::format("[{}]: kolom {} staat in columns (regel {}) en in fixed; kies "
                                 "één van beide",
                                 out.name, f.column, c.line));
      }
    }
  }
  for (const auto& entry : out.values) {
    const std::string& column = entry.first;  // a structured binding cannot be captured (clang 14)
    const bool read = std::any_of(out.columns.begin(), out.columns.end(),
                                  [&](const KindMapping::Column& c) { return c.column == column; });
    if (!read) {
      const toml::node* at = table.at_path("values")[column].node();
      return error(at != nullptr ? at->source() : kind_node.source(),
                   fmt::format("[{}.values.{}]: kolom {} staat niet in [{}.columns]; waarden "
                               "worden alleen vertaald in kolommen van de export",
                               out.name, column, column, out.name));
    }
  }
  return Status::ok();
}

}  // namespace

bool KindMapping::matches_file(std::string_view file_name) const {
  const std::string file(file_name);
  return std::any_of(files.begin(), files.end(), [&](const std::string& glob) {
    return fnmatch(glob.c_str(), file.c_str(), FNM_CASEFOLD) == 0;
  });
}

const KindMapping* Mapping::find(model::Kind kind) const {
  for (const auto& k : kinds)
    if (k.kind == kind) return &k;
  return nullptr;
}

const KindMapping* Mapping::for_file(std::string_view file_name) const {
  for (const auto& k : kinds)
    if (k.matches_file(file_name)) return &k;
  return nullptr;
}

Result<Mapping> parse_mapping(std::string_view text, const std::string& path) {
  if (text.size() > kMaxMappingBytes) {
    return Status::error(ErrorKind::kUsage,
                         fmt::format("mapping {} is groter dan 1 MiB; is dit wel een "
                                     "mappingbestand?",
                                     path));
  }
  toml::table root;
  try {
    root = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    const toml::source_position at = e.source().begin;
    return Status::error(ErrorKind::kUsage,
                         fmt::format("mapping {}, regel {}, kolom {}: geen geldige TOML ({})", path,
                                     at.line, at.column, e.description()));
  }
  return Reader(path).read(root);
}

Result<Mapping> load_mapping(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::error(ErrorKind::kUsage,
                         fmt::format("kan mappingbestand {} niet lezen; bestaat het?", path));
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_mapping(text.str(), path);
}

Result<FileMapping> FileMapping::from_header(const KindMapping& table,
                                             std::span<const std::string_view> header,
                                             std::vector<std::string>& ignored) {
  FileMapping m;
  m.table_ = &table;
  m.header_.assign(header.size(), std::string());
  std::vector<std::string> keys;
  keys.reserve(header.size());
  for (const auto h : header) keys.push_back(match_key(h));
  std::vector<bool> used(header.size(), false);
  for (const auto& c : table.columns) {
    const auto at = std::find(keys.begin(), keys.end(), match_key(c.header));
    if (at == keys.end()) {
      return Status::error(ErrorKind::kInvalidInput,
                           fmt::format("kolom '{}' (voor {}) ontbreekt in de export; pas de "
                                       "export of de mapping aan",
                                       c.header, c.column));
    }
    const auto column = static_cast<size_t>(at - keys.begin());
    m.header_[column] = c.column;
    used[column] = true;
    if (const auto v = table.values.find(c.column); v != table.values.end()) {
      m.translations_.push_back({column, &v->second});
    }
  }
  for (size_t i = 0; i < header.size(); ++i) {
    if (!used[i]) ignored.emplace_back(util::trim(header[i]));
  }
  for (const auto& f : table.fixed) m.header_.push_back(f.column);
  return m;
}

void FileMapping::apply(std::vector<std::string_view>& fields) {
  for (const auto& t : translations_) {
    if (t.export_column >= fields.size()) continue;
    key_ = match_key(fields[t.export_column]);
    const auto found = t.values->find(key_);
    if (found != t.values->end()) fields[t.export_column] = found->second;
  }
  for (const auto& f : table_->fixed) fields.emplace_back(f.value);
}

std::string_view FileMapping::export_header(std::string_view column) const {
  for (const auto& c : table_->columns)
    if (c.column == column) return c.header;
  return column;
}

}  // namespace rk::ingest
