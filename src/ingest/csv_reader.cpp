#include "ingest/csv_reader.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>

#include <fmt/format.h>

namespace rk::ingest {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr uint64_t kHighBits = 0x8080808080808080ULL;

// The reasons of malformed records, written to the reject file.
constexpr const char* kUnterminatedQuote =
    "veld tussen aanhalingstekens niet afgesloten: het sluitende \" ontbreekt";
constexpr const char* kQuoteInField =
    "aanhalingsteken in een veld zonder aanhalingstekens: zet het veld tussen \" en schrijf een \" "
    "in de tekst als \"\"";
constexpr const char* kTextAfterQuote =
    "tekst na het sluitende aanhalingsteken: zet het hele veld tussen \" en schrijf een \" in de "
    "tekst als \"\"";

uint64_t load_word(const unsigned char* p) {
  uint64_t word;
  std::memcpy(&word, p, sizeof word);
  return word;
}

// Length of the well-formed UTF-8 sequence starting at s[i] (which is not ASCII), or 0 when the
// sequence is malformed or truncated. Follows the table of well-formed byte sequences in the
// Unicode standard (section 3.9), which rules out overlong forms, surrogates and > U+10FFFF.
size_t utf8_sequence_length(const unsigned char* s, size_t i, size_t n) {
  const unsigned char lead = s[i];
  size_t length = 0;
  unsigned char second_min = 0x80;
  unsigned char second_max = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) second_min = 0xA0;
    if (lead == 0xED) second_max = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) second_min = 0x90;
    if (lead == 0xF4) second_max = 0x8F;
  } else {
    return 0;
  }
  if (n - i < length) return 0;
  if (s[i + 1] < second_min || s[i + 1] > second_max) return 0;
  for (size_t k = 2; k < length; ++k) {
    if (s[i + k] < 0x80 || s[i + k] > 0xBF) return 0;
  }
  return length;
}

size_t count_line_breaks(const char* begin, const char* end) {
  return static_cast<size_t>(std::count(begin, end, '\n'));
}

}  // namespace

bool is_valid_utf8(std::string_view s, size_t* bad_offset) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    // ASCII fast path: skip 32, then 8 bytes at a time while no byte has its high bit set.
    while (n - i >= 32 && ((load_word(p + i) | load_word(p + i + 8) | load_word(p + i + 16) |
                            load_word(p + i + 24)) &
                           kHighBits) == 0) {
      i += 32;
    }
    while (n - i >= 8 && (load_word(p + i) & kHighBits) == 0) i += 8;
    while (i < n && p[i] < 0x80) {
      ++i;
      if ((i & 7) == 0) break;  // back to the word loop
    }
    if (i >= n || p[i] < 0x80) continue;
    const size_t length = utf8_sequence_length(p, i, n);
    if (length == 0) {
      if (bad_offset != nullptr) *bad_offset = i;
      return false;
    }
    i += length;
  }
  return true;
}

Result<std::unique_ptr<CsvReader>> CsvReader::open(const std::string& path) {
  auto io_error = [&path](const char* what) {
    return Status::error(ErrorKind::kIo, fmt::format("kan bestand '{}' niet {}: {}", path, what,
                                                     std::generic_category().message(errno)));
  };
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return io_error("openen");
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    Status status = io_error("opvragen");
    ::close(fd);
    return status;
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return Status::error(
        ErrorKind::kIo,
        fmt::format("kan '{}' niet lezen: geen gewoon bestand (noem een CSV-bestand "
                    "of een map)",
                    path));
  }
  std::unique_ptr<CsvReader> reader(new CsvReader());
  const auto size = static_cast<size_t>(st.st_size);
  if (size > 0) {
    void* mapping = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (mapping == MAP_FAILED) {
      Status status = io_error("inlezen");
      ::close(fd);
      return status;
    }
    // Only a hint for read-ahead; reading works the same when it fails.
    (void)::madvise(mapping, size, MADV_SEQUENTIAL);
    reader->mapping_ = mapping;
    reader->data_ = static_cast<const char*>(mapping);
    reader->size_ = size;
  }
  ::close(fd);
  reader->skip_bom();
  return Result<std::unique_ptr<CsvReader>>(std::move(reader));
}

std::unique_ptr<CsvReader> CsvReader::from_string(std::string data) {
  std::unique_ptr<CsvReader> reader(new CsvReader());
  reader->owned_ = std::move(data);
  reader->data_ = reader->owned_.data();
  reader->size_ = reader->owned_.size();
  reader->skip_bom();
  return reader;
}

CsvReader::~CsvReader() {
  if (mapping_ != nullptr) ::munmap(mapping_, size_);
}

void CsvReader::skip_bom() {
  if (data().starts_with(kBom)) pos_ = kBom.size();
}

Status CsvReader::check_file() const {
  const std::string_view body = data().substr(data().starts_with(kBom) ? kBom.size() : 0);
  if (body.empty()) {
    return Status::error(ErrorKind::kInvalidInput,
                         size_ == 0 ? "bestand is leeg (0 bytes): lever het aan met een kopregel"
                                    : "bestand is leeg (alleen een byte order mark): lever het aan "
                                      "met een kopregel");
  }
  if (body.find_first_not_of("\r\n") == std::string_view::npos) {
    return Status::error(ErrorKind::kInvalidInput,
                         "bestand is leeg (alleen lege regels): lever het aan met een kopregel");
  }
  size_t bad = 0;
  if (!is_valid_utf8(data(), &bad)) {
    const size_t line = 1 + count_line_breaks(data_, data_ + bad);
    return Status::error(
        ErrorKind::kInvalidInput,
        fmt::format(
            "bestand is geen geldige UTF-8: ongeldige byte 0x{:02X} op regel {} (byte-positie "
            "{}); sla het bestand op als UTF-8",
            static_cast<unsigned char>(data_[bad]), line, bad));
  }
  return Status::ok();
}

bool CsvReader::next(CsvRecord& out) {
  out.fields.clear();
  out.error.clear();
  out.error_field = 0;
  out.raw = {};
  const char* const end = data_ + size_;
  while (pos_ < size_) {
    const char* const start = data_ + pos_;
    const auto* newline = static_cast<const char*>(std::memchr(start, '\n', end - start));
    const char* content_end = newline != nullptr ? newline : end;
    if (content_end > start && content_end[-1] == '\r') --content_end;
    const size_t next_pos = newline != nullptr ? static_cast<size_t>(newline - data_) + 1 : size_;
    if (content_end == start) {  // blank line
      if (newline != nullptr) ++line_;
      pos_ = next_pos;
      continue;
    }
    // Fast path: a line without quotes is one record whose fields end at separators.
    if (std::memchr(start, '"', content_end - start) != nullptr) {
      return read_quoted_record(pos_, out);
    }
    out.line = line_;
    out.raw = std::string_view(start, content_end - start);
    const char* field = start;
    const char separator = separator_;
    for (const char* c = start; c != content_end; ++c) {
      if (*c == separator) {
        out.fields.emplace_back(field, c - field);
        field = c + 1;
      }
    }
    out.fields.emplace_back(field, content_end - field);
    if (newline != nullptr) ++line_;
    pos_ = next_pos;
    return true;
  }
  return false;
}

// The general state machine, for records whose first line holds a quote. Fields are collected as
// spans and turned into views at the end, because scratch_ may grow (and move) while reading.
bool CsvReader::read_quoted_record(size_t start, CsvRecord& out) {
  spans_.clear();
  scratch_.clear();
  size_t p = start;
  size_t line_break = size_;  // offset of the record's final '\n', or size_ at end of file
  for (;;) {
    if (p < size_ && data_[p] == '"') {
      if (!read_quoted_field(p, out)) {
        // Unterminated: end the field and the record at the line break after the opening quote
        // rather than swallow the rest of the file.
        line_break = p;
        break;
      }
    } else {
      read_unquoted_field(p, out);
    }
    if (p < size_ && data_[p] == separator_) {
      ++p;
      continue;
    }
    line_break = p;  // at '\n' or at end of file
    break;
  }
  size_t raw_end = line_break;
  if (raw_end > start && data_[raw_end - 1] == '\r') --raw_end;
  const size_t next_pos = line_break < size_ ? line_break + 1 : size_;

  out.line = line_;
  out.raw = std::string_view(data_ + start, raw_end - start);
  for (const Span& span : spans_) {
    out.fields.emplace_back((span.in_scratch ? scratch_.data() : data_) + span.offset, span.length);
  }
  line_ += count_line_breaks(data_ + start, data_ + next_pos);
  pos_ = next_pos;
  return true;
}

bool CsvReader::read_quoted_field(size_t& p, CsvRecord& out) {
  const size_t content = p + 1;
  const size_t scratch_begin = scratch_.size();
  bool escaped = false;
  size_t segment = content;  // start of the text not yet copied to scratch_
  for (;;) {
    const auto* quote =
        static_cast<const char*>(std::memchr(data_ + segment, '"', size_ - segment));
    if (quote == nullptr) {
      note_error(out, kUnterminatedQuote, spans_.size() + 1);
      const auto* newline =
          static_cast<const char*>(std::memchr(data_ + content, '\n', size_ - content));
      p = newline != nullptr ? static_cast<size_t>(newline - data_) : size_;
      size_t field_end = p;
      if (field_end > content && data_[field_end - 1] == '\r') --field_end;
      scratch_.resize(scratch_begin);
      spans_.push_back({content, field_end - content, false});
      return false;
    }
    const auto at = static_cast<size_t>(quote - data_);
    if (at + 1 < size_ && data_[at + 1] == '"') {  // "" stands for one quote
      scratch_.append(data_ + segment, at + 1 - segment);
      escaped = true;
      segment = at + 2;
      continue;
    }
    if (escaped) {
      scratch_.append(data_ + segment, at - segment);
      spans_.push_back({scratch_begin, scratch_.size() - scratch_begin, true});
    } else {
      spans_.push_back({content, at - content, false});
    }
    p = at + 1;
    break;
  }
  if (p >= size_ || data_[p] == separator_ || data_[p] == '\n') return true;
  if (data_[p] == '\r' && (p + 1 == size_ || data_[p + 1] == '\n')) {
    ++p;  // the CR of a CRLF (or a CR at end of file)
    return true;
  }
  // Keep the text after the closing quote as part of the field, so that nothing is lost.
  note_error(out, kTextAfterQuote, spans_.size());
  const size_t text = p;
  const size_t text_end = field_end(p);
  Span& span = spans_.back();
  if (!span.in_scratch) {
    const size_t offset = scratch_.size();
    scratch_.append(data_ + span.offset, span.length);
    span = {offset, span.length, true};
  }
  scratch_.append(data_ + text, text_end - text);
  span.length += text_end - text;
  return true;
}

void CsvReader::read_unquoted_field(size_t& p, CsvRecord& out) {
  const size_t text = p;
  const size_t text_end = field_end(p);
  if (std::memchr(data_ + text, '"', text_end - text) != nullptr) {
    note_error(out, kQuoteInField, spans_.size() + 1);
  }
  spans_.push_back({text, text_end - text, false});
}

size_t CsvReader::field_end(size_t& p) const {
  const size_t text = p;
  while (p < size_ && data_[p] != separator_ && data_[p] != '\n') ++p;
  size_t end = p;
  if (end > text && data_[end - 1] == '\r' && (p == size_ || data_[p] == '\n')) --end;
  return end;
}

void CsvReader::note_error(CsvRecord& out, const char* message, size_t field_number) {
  if (out.error.empty()) {
    out.error = message;
    out.error_field = field_number;
  }
}

}  // namespace rk::ingest
