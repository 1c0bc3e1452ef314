#include "engine/snapshot.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "engine/snapshot_format.hpp"

namespace rk::engine {

int32_t Dictionary::find(std::string_view text) const {
  for (int32_t i = 0; i < size(); ++i)
    if ((*this)[i] == text) return i;
  return -1;
}

const Column* Table::find(std::string_view name) const {
  for (const auto& c : columns_)
    if (c.name == name) return &c;
  return nullptr;
}

const Column& Table::get(std::string_view name, ColumnType type) const {
  const Column* c = find(name);
  if (c == nullptr || c->type != type)
    throw std::logic_error("snapshot: no column " + std::string(name) + " of the requested type");
  return *c;
}

std::span<const int8_t> Table::i8(std::string_view name) const {
  const Column& c = get(name, ColumnType::kI8);
  return {static_cast<const int8_t*>(c.data), static_cast<size_t>(c.length)};
}
std::span<const int32_t> Table::i32(std::string_view name) const {
  const Column& c = get(name, ColumnType::kI32);
  return {static_cast<const int32_t*>(c.data), static_cast<size_t>(c.length)};
}
std::span<const int64_t> Table::i64(std::string_view name) const {
  const Column& c = get(name, ColumnType::kI64);
  return {static_cast<const int64_t*>(c.data), static_cast<size_t>(c.length)};
}
std::span<const double> Table::f64(std::string_view name) const {
  const Column& c = get(name, ColumnType::kF64);
  return {static_cast<const double*>(c.data), static_cast<size_t>(c.length)};
}
const Dictionary& Table::dictionary(std::string_view name) const {
  return get(name, ColumnType::kI32).dictionary;
}
std::string_view Table::key_text(int32_t row) const {
  const Column& c = columns_.front();
  const auto* ids = static_cast<const int32_t*>(c.data);
  return ids[row] < 0 ? std::string_view{} : c.dictionary[ids[row]];
}

Snapshot::~Snapshot() {
  if (mapping_ != nullptr) munmap(mapping_, mapping_size_);
}

Status Snapshot::attach(const char* bytes, size_t size) {
  const auto bad = [](const char* why) {
    return Status::error(ErrorKind::kIo, std::string("het snapshotbestand is beschadigd (") + why +
                                             "); wis het, dan bouwt regiekamer het opnieuw");
  };
  if (size < sizeof(format::FileHeader)) return bad("te kort");
  format::FileHeader fh;
  std::memcpy(&fh, bytes, sizeof(fh));
  if (std::memcmp(fh.magic, format::kMagic, sizeof(fh.magic)) != 0)
    return bad("geen snapshotbestand");
  if (fh.format_version != format::kFormatVersion)
    return Status::error(ErrorKind::kIo,
                         "het snapshotbestand heeft een andere formaatversie; wis het, dan bouwt "
                         "regiekamer het opnieuw");
  if (fh.total_size != size || fh.table_count != model::contract().size()) return bad("grootte");
  const auto within = [&](uint64_t offset, uint64_t bytes_needed) {
    return offset <= size && bytes_needed <= size - offset;
  };
  if (!within(fh.tables, sizeof(format::TableHeader) * fh.table_count)) return bad("inhoudsopgave");
  data_version_ = fh.data_version;
  tables_.assign(fh.table_count, Table{});
  const auto* ths = reinterpret_cast<const format::TableHeader*>(bytes + fh.tables);
  for (uint32_t t = 0; t < fh.table_count; ++t) {
    const format::TableHeader& th = ths[t];
    if (th.kind != t || !within(th.columns, sizeof(format::ColumnHeader) * th.column_count))
      return bad("tabelkop");
    Table& table = tables_[t];
    table.kind_ = static_cast<model::Kind>(th.kind);
    table.rows_ = static_cast<int32_t>(th.rows);
    const auto* chs = reinterpret_cast<const format::ColumnHeader*>(bytes + th.columns);
    for (uint32_t c = 0; c < th.column_count; ++c) {
      const format::ColumnHeader& ch = chs[c];
      static constexpr uint64_t kWidth[] = {1, 4, 8, 8};
      if (ch.type > 3 || !within(ch.data, ch.length * kWidth[ch.type])) return bad("kolom");
      Column col;
      col.name = std::string_view(ch.name, strnlen(ch.name, sizeof(ch.name)));
      col.type = static_cast<ColumnType>(ch.type);
      col.references = ch.references;
      col.length = static_cast<int64_t>(ch.length);
      col.data = bytes + ch.data;
      if (ch.has_dictionary) {
        if (!within(ch.dictionary_offsets, (ch.dictionary_size + 1) * 8))
          return bad("woordenlijst");
        const auto* offsets = reinterpret_cast<const uint64_t*>(bytes + ch.dictionary_offsets);
        if (!within(ch.dictionary_blob, offsets[ch.dictionary_size])) return bad("woordenlijst");
        col.dictionary = Dictionary(offsets, bytes + ch.dictionary_blob,
                                    static_cast<int64_t>(ch.dictionary_size));
      }
      table.columns_.push_back(col);
    }
  }
  return Status::ok();
}

Result<std::shared_ptr<const Snapshot>> Snapshot::build(store::Store& store) {
  Result<std::vector<uint64_t>> bytes = serialize_snapshot(store);
  if (!bytes) return bytes.status();
  std::shared_ptr<Snapshot> s(new Snapshot());
  s->owned_ = std::move(*bytes);
  Status st = s->attach(reinterpret_cast<const char*>(s->owned_.data()), s->owned_.size() * 8);
  if (!st) return st;
  return std::shared_ptr<const Snapshot>(std::move(s));
}

Result<std::shared_ptr<const Snapshot>> Snapshot::map_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::error(ErrorKind::kNotFound, "geen snapshotbestand " + path);
  struct stat st_buf {};
  if (fstat(fd, &st_buf) != 0 || st_buf.st_size <= 0) {
    ::close(fd);
    return Status::error(ErrorKind::kIo, "kan snapshotbestand " + path + " niet lezen");
  }
  const auto size = static_cast<size_t>(st_buf.st_size);
  void* p = mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
  ::close(fd);
  if (p == MAP_FAILED)
    return Status::error(ErrorKind::kIo,
                         "kan snapshotbestand " + path + " niet in het geheugen laden");
  std::shared_ptr<Snapshot> s(new Snapshot());
  s->mapping_ = p;
  s->mapping_size_ = size;
  Status st = s->attach(static_cast<const char*>(p), size);
  if (!st) return st;
  return std::shared_ptr<const Snapshot>(std::move(s));
}

namespace {

Status write_atomically(const std::string& path, const std::vector<uint64_t>& bytes) {
  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  FILE* f = std::fopen(tmp.c_str(), "wb");
  if (f == nullptr) return Status::error(ErrorKind::kIo, "kan " + tmp + " niet schrijven");
  const size_t n = bytes.size() * 8;
  const bool ok = std::fwrite(bytes.data(), 1, n, f) == n;
  if (std::fclose(f) != 0 || !ok) {
    std::remove(tmp.c_str());
    return Status::error(ErrorKind::kIo, "kan " + tmp + " niet schrijven");
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return Status::error(ErrorKind::kIo, "kan " + tmp + " niet hernoemen naar " + path);
  }
  return Status::ok();
}

}  // namespace

Status rebuild_snapshot(store::Store& store) {
  const std::string path = store.side_path(".snapshot");
  if (path.empty()) return Status::ok();
  Result<std::vector<uint64_t>> bytes = serialize_snapshot(store);
  if (!bytes) return bytes.status();
  return write_atomically(path, *bytes);
}

Result<std::shared_ptr<const Snapshot>> Snapshot::load_or_build(store::Store& store) {
  Result<int64_t> version = store.data_version();
  if (!version) return version.status();
  const std::string path = store.side_path(".snapshot");
  if (!path.empty()) {
    Result<std::shared_ptr<const Snapshot>> mapped = map_file(path);
    if (mapped && (*mapped)->data_version() == *version) return mapped;
    Result<std::vector<uint64_t>> bytes = serialize_snapshot(store);
    if (!bytes) return bytes.status();
    // A reader that cannot write beside the store still gets its snapshot, in memory.
    if (write_atomically(path, *bytes)) {
      Result<std::shared_ptr<const Snapshot>> fresh = map_file(path);
      if (fresh) return fresh;
    }
    std::shared_ptr<Snapshot> s(new Snapshot());
    s->owned_ = std::move(*bytes);
    Status st = s->attach(reinterpret_cast<const char*>(s->owned_.data()), s->owned_.size() * 8);
    if (!st) return st;
    return std::shared_ptr<const Snapshot>(std::move(s));
  }
  return build(store);
}

}  // namespace rk::engine
