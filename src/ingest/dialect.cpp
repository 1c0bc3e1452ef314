// Dialect detection and conversion of a file's bytes; the value readings are in
// dialect_values.cpp.
#include <iconv.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>

#include <fmt/format.h>

#include "ingest/csv_reader.hpp"
#include "ingest/dialect.hpp"

namespace rk::ingest {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// The length a UTF-8 lead byte announces (2..4), or 0 for a byte that cannot lead a sequence.
size_t announced_length(unsigned char lead) {
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

// True when `bytes` holds at least one well-formed UTF-8 multi-byte sequence.
bool holds_utf8_sequence(std::string_view bytes) {
  for (size_t i = 0; i < bytes.size(); ++i) {
    const size_t length = announced_length(static_cast<unsigned char>(bytes[i]));
    if (length != 0 && i + length <= bytes.size() && is_valid_utf8(bytes.substr(i, length))) {
      return true;
    }
  }
  return false;
}

// The header line: up to the first line break outside quotes.
std::string_view header_line(std::string_view bytes) {
  bool quoted = false;
  for (size_t i = 0; i < bytes.size(); ++i) {
    const char c = bytes[i];
    if (c == '"') quoted = !quoted;
    if (!quoted && (c == '\n' || c == '\r')) return bytes.substr(0, i);
  }
  return bytes;
}

char detect_separator(std::string_view header) {
  size_t commas = 0;
  size_t semicolons = 0;
  size_t tabs = 0;
  bool quoted = false;
  for (const char c : header) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    commas += c == ',' ? 1 : 0;
    semicolons += c == ';' ? 1 : 0;
    tabs += c == '\t' ? 1 : 0;
  }
  if (semicolons > commas && semicolons >= tabs) return ';';
  if (tabs > commas && tabs > semicolons) return '\t';
  return ',';
}

LineEnd detect_line_end(std::string_view bytes) {
  const size_t at = bytes.find_first_of("\r\n");
  if (at == std::string_view::npos || bytes[at] == '\n') return LineEnd::kLf;
  return at + 1 < bytes.size() && bytes[at + 1] == '\n' ? LineEnd::kCrLf : LineEnd::kCr;
}

// RAII for an iconv descriptor.
class Iconv {
 public:
  Iconv(const char* to, const char* from) : cd_(iconv_open(to, from)) {}
  ~Iconv() {
    if (ok()) iconv_close(cd_);
  }
  Iconv(const Iconv&) = delete;
  Iconv& operator=(const Iconv&) = delete;
  // iconv_open returns (iconv_t)-1 on failure.
  [[nodiscard]] bool ok() const { return reinterpret_cast<uintptr_t>(cd_) != UINTPTR_MAX; }
  [[nodiscard]] iconv_t get() const { return cd_; }

 private:
  iconv_t cd_;
};

// Decodes Windows-1252 into `out` (appending). ASCII runs are copied as they are; iconv decodes
// the rest. A byte iconv refuses (0x81, 0x8D, 0x8F, 0x90, 0x9D are unassigned) becomes the C1
// control character of the same number, as the WHATWG encoding standard decodes it.
Status decode_windows_1252(std::string_view in, std::string& out) {
  const Iconv cd("UTF-8", "WINDOWS-1252");
  if (!cd.ok()) {
    return Status::error(ErrorKind::kInternal, "iconv kent de tekenset Windows-1252 niet");
  }
  out.reserve(out.size() + in.size() + in.size() / 8);
  size_t i = 0;
  std::array<char, 4096> buffer{};
  while (i < in.size()) {
    size_t ascii = i;
    while (ascii < in.size() && static_cast<unsigned char>(in[ascii]) < 0x80) ++ascii;
    out.append(in.data() + i, ascii - i);
    i = ascii;
    size_t high = i;
    while (high < in.size() && static_cast<unsigned char>(in[high]) >= 0x80) ++high;
    while (i < high) {
      char* src = const_cast<char*>(in.data() + i);  // iconv's API is not const-correct
      size_t src_left = high - i;
      char* dst = buffer.data();
      size_t dst_left = buffer.size();
      const size_t rc = iconv(cd.get(), &src, &src_left, &dst, &dst_left);
      out.append(buffer.data(), buffer.size() - dst_left);
      i = static_cast<size_t>(src - in.data());
      if (rc == static_cast<size_t>(-1) && errno == EILSEQ) {
        const auto byte = static_cast<unsigned char>(in[i]);
        out += static_cast<char>(0xC0 | (byte >> 6));
        out += static_cast<char>(0x80 | (byte & 0x3F));
        ++i;
      }
    }
  }
  return Status::ok();
}

}  // namespace

Dialect detect_dialect(std::string_view bytes) {
  Dialect d;
  if (bytes.starts_with(kBom)) {
    d.encoding = Encoding::kUtf8Bom;
    bytes.remove_prefix(kBom.size());
  }
  if (!is_valid_utf8(bytes)) {
    if (d.encoding == Encoding::kUtf8Bom || holds_utf8_sequence(bytes)) {
      d.has_invalid_utf8 = true;
    } else {
      d.encoding = Encoding::kWindows1252;
    }
  }
  d.separator = detect_separator(header_line(bytes));
  d.line_end = detect_line_end(bytes);
  return d;
}

Result<std::string> to_utf8_lines(std::string_view bytes, const Dialect& dialect) {
  std::string out;
  if (dialect.encoding == Encoding::kWindows1252) {
    if (Status s = decode_windows_1252(bytes, out); !s) return s;
  } else {
    out.assign(bytes);
  }
  if (dialect.line_end == LineEnd::kCr) {
    for (size_t i = 0; i < out.size(); ++i) {
      if (out[i] == '\r' && (i + 1 == out.size() || out[i + 1] != '\n')) out[i] = '\n';
    }
  }
  return out;
}

std::string describe(const Dialect& dialect) {
  std::string_view encoding = "UTF-8";
  if (dialect.encoding == Encoding::kUtf8Bom) encoding = "UTF-8 met BOM";
  if (dialect.encoding == Encoding::kWindows1252) encoding = "Windows-1252";
  std::string_view separator = ",";
  if (dialect.separator == ';') separator = ";";
  if (dialect.separator == '\t') separator = "tab";
  std::string text = fmt::format("gelezen als {}, scheidingsteken {}, decimaalteken {}", encoding,
                                 separator, dialect.decimal_mark());
  if (dialect.line_end == LineEnd::kCr) text += ", regeleinde CR";
  if (dialect.has_invalid_utf8) text += ", met ongeldige bytes in sommige regels";
  return text;
}

bool check_row_utf8(std::string_view row, uint64_t row_offset, std::string& reason) {
  size_t bad = 0;
  if (is_valid_utf8(row, &bad)) return true;
  reason = fmt::format(
      "ongeldige UTF-8: byte 0x{:02X} op byte-positie {} van het bestand; sla het bestand op als "
      "UTF-8",
      static_cast<unsigned char>(row[bad]), row_offset + bad);
  return false;
}

}  // namespace rk::ingest
