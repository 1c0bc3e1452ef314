#include "ingest/import_sources.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include <fmt/format.h>

#include "util/text.hpp"

namespace rk::ingest {
namespace {

namespace fs = std::filesystem;

bool has_extension(const fs::path& p, std::string_view extension) {
  return util::lower_ascii(p.extension().string()) == extension;
}

Status add_folder(const std::string& folder, Sources& out) {
  std::error_code ec;
  std::vector<fs::path> entries;
  for (const auto& e : fs::directory_iterator(folder, ec))
    if (e.is_regular_file()) entries.push_back(e.path());
  if (ec) return Status::error(ErrorKind::kIo, fmt::format("kan map {} niet lezen", folder));
  std::sort(entries.begin(), entries.end());
  for (const auto& e : entries) {
    const auto* spec = model::table_for_file(e.filename().string());
    if (has_extension(e, ".xml")) {
      out.messages.push_back(e.string());
    } else if (spec != nullptr || has_extension(e, ".csv")) {
      out.csv.push_back({e.string(), spec});
    }
  }
  return Status::ok();
}

}  // namespace

Result<Sources> collect_sources(const std::vector<std::string>& paths) {
  Sources out;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      if (Status s = add_folder(p, out); !s) return s;
    } else if (fs::is_regular_file(p, ec) && has_extension(p, ".xml")) {
      out.messages.push_back(p);
    } else if (fs::is_regular_file(p, ec)) {
      out.csv.push_back({p, model::table_for_file(fs::path(p).filename().string())});
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
