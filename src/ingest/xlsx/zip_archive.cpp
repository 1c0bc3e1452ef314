#include "ingest/xlsx/zip_archive.hpp"

#include <zip.h>

#include <algorithm>

#include <fmt/format.h>

namespace rk::ingest::xlsx {
namespace {

Status invalid(std::string message) {
  return Status::error(ErrorKind::kInvalidInput, std::move(message));
}

Status open_error(int code) {
  if (code == ZIP_ER_NOZIP) {
    return invalid(
        "geen Excel-werkmap: het bestand is geen zip-archief (een .xls uit oud Excel, een "
        "beveiligde werkmap of een hernoemd bestand?); sla het op als Excel-werkmap (.xlsx) of "
        "als CSV");
  }
  zip_error_t error;
  zip_error_init_with_code(&error, code);
  Status s = invalid(fmt::format("werkmap is beschadigd ({}); sla haar opnieuw op als .xlsx",
                                 zip_error_strerror(&error)));
  zip_error_fini(&error);
  return s;
}

}  // namespace

struct ZipArchive::ZipHandle {
  zip_t* zip = nullptr;
  ~ZipHandle() {
    if (zip != nullptr) zip_discard(zip);
  }
};

ZipArchive::~ZipArchive() = default;

Result<std::unique_ptr<ZipArchive>> ZipArchive::open(const std::string& path,
                                                     const Limits& limits) {
  std::unique_ptr<ZipArchive> archive(new ZipArchive());
  archive->limits_ = limits;
  int code = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
  if (zip == nullptr) {
    if (code == ZIP_ER_OPEN || code == ZIP_ER_READ) {
      return Status::error(ErrorKind::kIo, fmt::format("kan werkmap {} niet openen", path));
    }
    return open_error(code);
  }
  archive->zip_ = std::make_unique<ZipHandle>();
  archive->zip_->zip = zip;
  if (Status s = archive->check_directory(); !s) return s;
  return archive;
}

Result<std::unique_ptr<ZipArchive>> ZipArchive::from_bytes(std::string bytes,
                                                           const Limits& limits) {
  std::unique_ptr<ZipArchive> archive(new ZipArchive());
  archive->limits_ = limits;
  archive->bytes_ = std::move(bytes);
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source =
      zip_source_buffer_create(archive->bytes_.data(), archive->bytes_.size(), 0, &error);
  if (source == nullptr) {
    zip_error_fini(&error);
    return invalid("werkmap kan niet worden gelezen");
  }
  zip_t* zip = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (zip == nullptr) {
    const int code = zip_error_code_zip(&error);
    zip_source_free(source);
    zip_error_fini(&error);
    return open_error(code);
  }
  zip_error_fini(&error);
  archive->zip_ = std::make_unique<ZipHandle>();
  archive->zip_->zip = zip;
  if (Status s = archive->check_directory(); !s) return s;
  return archive;
}

// The sizes the central directory declares, summed: a bomb is refused before anything is read.
Status ZipArchive::check_directory() {
  const zip_int64_t entries = zip_get_num_entries(zip_->zip, 0);
  if (entries <= 0) return open_error(ZIP_ER_NOZIP);  // an empty file opens as an empty archive
  uint64_t total = 0;
  for (zip_int64_t i = 0; i < entries; ++i) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(zip_->zip, static_cast<zip_uint64_t>(i), 0, &st) != 0) continue;
    if ((st.valid & ZIP_STAT_SIZE) == 0) continue;
    total += st.size;
    if (total > limits_.max_total_bytes) {
      return invalid(fmt::format(
          "werkmap uitgepakt groter dan {} MiB (een zip-bom?); lever de gegevens als CSV of in "
          "kleinere werkmappen",
          limits_.max_total_bytes >> 20));
    }
  }
  return Status::ok();
}

bool ZipArchive::has(std::string_view name) const {
  const std::string n(name);
  return zip_name_locate(zip_->zip, n.c_str(), ZIP_FL_NOCASE) >= 0;
}

Result<std::string> ZipArchive::read(std::string_view name, uint64_t max_bytes) const {
  const std::string n(name);
  const zip_int64_t index = zip_name_locate(zip_->zip, n.c_str(), ZIP_FL_NOCASE);
  if (index < 0) return invalid(fmt::format("werkmap mist het onderdeel {}", name));
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(zip_->zip, static_cast<zip_uint64_t>(index), 0, &st) != 0 ||
      (st.valid & ZIP_STAT_SIZE) == 0 || (st.valid & ZIP_STAT_COMP_SIZE) == 0) {
    return invalid(fmt::format("werkmap: onderdeel {} is onleesbaar", name));
  }
  if (st.size > max_bytes) {
    return invalid(
        fmt::format("werkmap: onderdeel {} is uitgepakt {} MiB, meer dan de {} MiB "
                    "die een werkmap mag hebben; lever de gegevens als CSV",
                    name, st.size >> 20, max_bytes >> 20));
  }
  if (st.size >= limits_.ratio_from_bytes &&
      st.size / std::max<zip_uint64_t>(st.comp_size, 1) > limits_.max_ratio) {
    return invalid(
        fmt::format("werkmap: onderdeel {} is verdacht sterk ingepakt (een zip-bom?)", name));
  }
  zip_file_t* file = zip_fopen_index(zip_->zip, static_cast<zip_uint64_t>(index), 0);
  if (file == nullptr) {
    const int code = zip_error_code_zip(zip_get_error(zip_->zip));
    if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD || code == ZIP_ER_ENCRNOTSUPP) {
      return invalid("werkmap is met een wachtwoord beveiligd; sla haar op zonder wachtwoord");
    }
    return invalid(fmt::format("werkmap: onderdeel {} kan niet worden uitgepakt", name));
  }
  std::string out(st.size, '\0');
  uint64_t got = 0;
  bool failed = false;
  while (got < out.size()) {
    const zip_int64_t chunk = zip_fread(file, out.data() + got, out.size() - got);
    if (chunk < 0) failed = true;
    if (chunk <= 0) break;
    got += static_cast<uint64_t>(chunk);
  }
  char extra = 0;
  if (!failed && zip_fread(file, &extra, 1) != 0) failed = true;  // more than declared
  zip_fclose(file);
  if (failed || got != out.size()) {
    return invalid(
        fmt::format("werkmap: onderdeel {} is beschadigd; sla de werkmap opnieuw op", name));
  }
  return out;
}

}  // namespace rk::ingest::xlsx
