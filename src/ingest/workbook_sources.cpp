#include "ingest/workbook_sources.hpp"

#include <filesystem>

#include <fmt/format.h>

#include "util/text.hpp"

namespace rk::ingest {
namespace {

// The contract table whose file name without ".csv" is `name` (trimmed, without case).
const model::TableSpec* table_for_kind_name(std::string_view name) {
  return model::table_for_file(std::string(util::trim(name)) + ".csv");
}

std::string label(const std::string& path, std::string_view sheet) {
  return fmt::format("{} [blad {}]", path, sheet);
}

std::string kind_names() {
  std::string out;
  for (const auto& t : model::contract()) {
    if (!out.empty()) out += ", ";
    out += t.file.substr(0, t.file.size() - 4);
  }
  return out;
}

Status add_mapped(const std::string& path, const KindMapping& table, WorkbookContents& out) {
  const auto& names = out.workbook->sheet_names();
  size_t sheet = 0;
  if (!table.sheet.empty()) {
    sheet = names.size();
    for (size_t i = 0; i < names.size(); ++i)
      if (util::iequals_ascii(util::trim(names[i]), util::trim(table.sheet))) sheet = i;
    if (sheet == names.size()) {
      return Status::error(ErrorKind::kInvalidInput,
                           fmt::format("werkblad '{}' (uit de mapping voor {}) ontbreekt in de "
                                       "werkmap",
                                       table.sheet, table.name));
    }
  }
  out.parts.push_back({&model::table_spec(table.kind), &table, sheet, label(path, names[sheet])});
  return Status::ok();
}

}  // namespace

bool is_workbook_name(std::string_view file_name) {
  return file_name.size() > 5 &&
         util::iequals_ascii(file_name.substr(file_name.size() - 5), ".xlsx");
}

const model::TableSpec* kind_of_file(std::string_view file_name, const Mapping* mapping,
                                     const KindMapping*& table) {
  table = mapping != nullptr ? mapping->for_file(file_name) : nullptr;
  if (table != nullptr) return &model::table_spec(table->kind);
  if (is_workbook_name(file_name)) {
    return table_for_kind_name(file_name.substr(0, file_name.size() - 5));
  }
  return model::table_for_file(file_name);
}

Result<WorkbookContents> workbook_contents(const std::string& path, const Mapping* mapping) {
  auto workbook = xlsx::Workbook::open(path);
  if (!workbook) return workbook.status();
  WorkbookContents out;
  out.workbook = std::move(*workbook);
  const std::string name = std::filesystem::path(path).filename().string();
  const KindMapping* table = nullptr;
  const model::TableSpec* spec = kind_of_file(name, mapping, table);
  if (table != nullptr) {
    if (Status s = add_mapped(path, *table, out); !s) return s;
    return out;
  }
  const auto& names = out.workbook->sheet_names();
  if (spec != nullptr) {
    out.parts.push_back({spec, nullptr, 0, label(path, names[0])});
    return out;
  }
  for (size_t i = 0; i < names.size(); ++i) {
    if (const auto* sheet_spec = table_for_kind_name(names[i])) {
      out.parts.push_back({sheet_spec, nullptr, i, label(path, names[i])});
    } else {
      out.warnings.push_back(fmt::format(
          "werkblad '{}' genegeerd: geen naam van een bestand van het datacontract", names[i]));
    }
  }
  if (out.parts.empty()) {
    return Status::error(
        ErrorKind::kInvalidInput,
        fmt::format("werkmap zonder werkblad met de naam van een bestand van het datacontract; "
                    "noem de werkmap of een werkblad naar het bestand ({})",
                    kind_names()));
  }
  return out;
}

}  // namespace rk::ingest
