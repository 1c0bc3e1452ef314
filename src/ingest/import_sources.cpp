#include "ingest/import_sources.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include <fmt/format.h>

#include "ingest/workbook_sources.hpp"
#include "util/text.hpp"

namespace rk::ingest {
namespace {

namespace fs = std::filesystem;

bool has_extension(const fs::path& p, std::string_view extension) {
  return util::lower_ascii(p.extension().string()) == extension;
}

// Adds the file at `path`: an iJw message, a workbook (one source per contract sheet) or a CSV
// file. In a folder, a file that is neither a contract file nor a .csv file is left out.
void add_file(const fs::path& path, const Mapping* mapping, bool in_folder, Sources& out) {
  const std::string name = path.filename().string();
  if (has_extension(path, ".xml")) {
    out.messages.push_back(path.string());
    return;
  }
  if (is_workbook_name(name)) {
    auto contents = workbook_contents(path.string(), mapping);
    if (!contents) {
      out.csv.push_back({path.string(),
                         nullptr,
                         nullptr,
                         nullptr,
                         0,
                         path.string(),
                         contents.status().message(),
                         {}});
      return;
    }
    for (const auto& part : contents->parts) {  // the workbook's warnings with its first sheet
      out.csv.push_back(
          {path.string(), part.spec, part.table, contents->workbook, part.sheet, part.label, "",
           &part == &contents->parts.front() ? contents->warnings : std::vector<std::string>{}});
    }
    return;
  }
  const KindMapping* table = nullptr;
  const model::TableSpec* spec = kind_of_file(name, mapping, table);
  if (in_folder && spec == nullptr && !has_extension(path, ".csv")) return;
  out.csv.push_back({path.string(), spec, table, nullptr, 0, path.string(), "", {}});
}

// The mapping for the files of `folder`: the option's, else the folder's mapping.toml.
Result<const Mapping*> folder_mapping(const std::string& folder, const Mapping* option,
                                      Sources& out) {
  if (option != nullptr) return option;
  const fs::path path = fs::path(folder) / "mapping.toml";
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return static_cast<const Mapping*>(nullptr);
  auto mapping = load_mapping(path.string());
  if (!mapping) return mapping.status();
  out.mappings.push_back(std::move(*mapping));
  return &out.mappings.back();
}

Status add_folder(const std::string& folder, const Mapping* option, Sources& out) {
  auto mapping = folder_mapping(folder, option, out);
  if (!mapping) return mapping.status();
  std::error_code ec;
  std::vector<fs::path> entries;
  for (const auto& e : fs::directory_iterator(folder, ec))
    if (e.is_regular_file() && util::lower_ascii(e.path().filename().string()) != "mapping.toml")
      entries.push_back(e.path());
  if (ec) return Status::error(ErrorKind::kIo, fmt::format("kan map {} niet lezen", folder));
  std::sort(entries.begin(), entries.end());
  for (const auto& e : entries) add_file(e, *mapping, true, out);
  return Status::ok();
}

}  // namespace

Result<Sources> collect_sources(const std::vector<std::string>& paths, const Mapping* mapping) {
  Sources out;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      if (Status s = add_folder(p, mapping, out); !s) return s;
    } else if (fs::is_regular_file(p, ec)) {
      add_file(p, mapping, false, out);
    } else {
      return Status::error(ErrorKind::kUsage, fmt::format("bestand of map bestaat niet: {}", p));
    }
  }
  std::stable_sort(out.csv.begin(), out.csv.end(), [](const SourceFile& a, const SourceFile& b) {
    const int ka = a.spec ? static_cast<int>(a.spec->kind) : -1;
    const int kb = b.spec ? static_cast<int>(b.spec->kind) : -1;
    return ka < kb;
  });
  return out;
}

}  // namespace rk::ingest
