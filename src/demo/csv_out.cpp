#include "demo/csv_out.hpp"

#include <cerrno>
#include <cstring>

#include "calendar/date.hpp"

namespace rk::demo {
namespace {

constexpr size_t kFlushAt = size_t{1} << 20;

void put2(char* out, unsigned v) {
  out[0] = static_cast<char>('0' + v / 10);
  out[1] = static_cast<char>('0' + v % 10);
}

// Writes YYYY-MM-DD into out[0..10).
void put_date(char* out, int32_t day) {
  const CivilDate c = Date{day}.civil();
  const auto y = static_cast<unsigned>(c.year);
  put2(out, y / 100);
  put2(out + 2, y % 100);
  out[4] = '-';
  put2(out + 5, c.month);
  out[7] = '-';
  put2(out + 8, c.day);
}

}  // namespace

std::string CsvFile::header(model::Kind kind) {
  std::string h;
  for (const model::FieldSpec& f : model::table_spec(kind).fields) {
    if (f.derived) continue;
    if (!h.empty()) h.push_back(',');
    h.append(f.name);
    if (kind == model::Kind::kClients && f.name == "client_id") h.append(",bsn");
  }
  return h;
}

Result<std::unique_ptr<CsvFile>> CsvFile::create(const std::string& path, model::Kind kind) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) {
    return Status::error(ErrorKind::kIo,
                         "kan " + path + " niet schrijven: " + std::string(std::strerror(errno)));
  }
  std::unique_ptr<CsvFile> file(new CsvFile(path, f));
  file->buf_.reserve(kFlushAt + 4096);
  file->buf_.append(header(kind));
  file->buf_.push_back('\n');
  return file;
}

CsvFile::~CsvFile() {
  if (file_ != nullptr) std::fclose(file_);
}

void CsvFile::append_unsigned(uint64_t v, int min_width) {
  char tmp[24];
  int n = 0;
  do {
    tmp[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  while (n < min_width) tmp[n++] = '0';
  while (n > 0) buf_.push_back(tmp[--n]);
}

CsvFile& CsvFile::id(std::string_view prefix, uint64_t n, int width) {
  sep();
  buf_.append(prefix);
  append_unsigned(n, width);
  return *this;
}

CsvFile& CsvFile::sub_id(std::string_view prefix, uint64_t n, int width, uint64_t k) {
  id(prefix, n, width);
  buf_.push_back('-');
  append_unsigned(k, 1);
  return *this;
}

CsvFile& CsvFile::integer(int64_t v) {
  sep();
  if (v < 0) {
    buf_.push_back('-');
    append_unsigned(static_cast<uint64_t>(-v), 1);
  } else {
    append_unsigned(static_cast<uint64_t>(v), 1);
  }
  return *this;
}

CsvFile& CsvFile::date(int32_t day) {
  sep();
  if (day == kNoDay) return *this;
  char out[10];
  put_date(out, day);
  buf_.append(out, 10);
  return *this;
}

CsvFile& CsvFile::month(int32_t day) {
  sep();
  char out[10];
  put_date(out, day);
  buf_.append(out, 7);
  return *this;
}

CsvFile& CsvFile::timestamp(Minute m) {
  sep();
  if (m == kNoMinute) return *this;
  const auto day = static_cast<int32_t>(m >= 0 ? m / 1440 : (m - 1439) / 1440);
  const auto minute = static_cast<unsigned>(m - int64_t{day} * 1440);
  char out[16];
  put_date(out, day);
  out[10] = 'T';
  put2(out + 11, minute / 60);
  out[13] = ':';
  put2(out + 14, minute % 60);
  buf_.append(out, 16);
  return *this;
}

CsvFile& CsvFile::money(int64_t cents) {
  sep();
  uint64_t a = cents < 0 ? static_cast<uint64_t>(-cents) : static_cast<uint64_t>(cents);
  if (cents < 0) buf_.push_back('-');
  append_unsigned(a / 100, 1);
  buf_.push_back('.');
  append_unsigned(a % 100, 2);
  return *this;
}

CsvFile& CsvFile::decimal1(int64_t tenths) {
  sep();
  uint64_t a = tenths < 0 ? static_cast<uint64_t>(-tenths) : static_cast<uint64_t>(tenths);
  if (tenths < 0) buf_.push_back('-');
  append_unsigned(a / 10, 1);
  buf_.push_back('.');
  append_unsigned(a % 10, 1);
  return *this;
}

void CsvFile::end_row() {
  buf_.push_back('\n');
  at_row_start_ = true;
  ++rows_;
  if (buf_.size() >= kFlushAt) flush();
}

void CsvFile::flush() {
  if (buf_.empty() || failed_) return;
  if (std::fwrite(buf_.data(), 1, buf_.size(), file_) != buf_.size()) failed_ = true;
  bytes_ += buf_.size();
  buf_.clear();
}

Status CsvFile::close() {
  flush();
  if (file_ != nullptr) {
    if (std::fclose(file_) != 0) failed_ = true;
    file_ = nullptr;
  }
  if (failed_) return Status::error(ErrorKind::kIo, "kan " + path_ + " niet schrijven");
  return Status::ok();
}

}  // namespace rk::demo
