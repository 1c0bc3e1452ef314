// Dialect detection and conversion of a file's bytes; the value readings are in
// dialect_values.cpp.
#include <iconv.h>

#include <algorithm>
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
constexpr uint64_t kHighBits = 0x8080808080808080ULL;

uint64_t load_word(const unsigned char* p) {
  uint64_t word;
  std::memcpy(&word, p, sizeof word);
  return word;
}

// The length a UTF-8 lead byte announces (2..4), or 0 for a byte that cannot lead a sequence.
size_t announced_length(unsigned char lead) {
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

// True when `bytes` holds at least one well-formed UTF-8 multi-byte sequence.
bool holds_utf8_sequence(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  for (size_t i = 0; i < bytes.size(); ++i) {
    while (bytes.size() - i >= 8 && (load_word(p + i) & kHighBits) == 0) i += 8;
    if (i >= bytes.size()) break;
    const size_t length = announced_length(p[i]);
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

// The UTF-8 text of each Windows-1252 byte 0x80..0xFF, as iconv decodes it. A byte iconv refuses
// (0x81, 0x8D, 0x8F, 0x90, 0x9D are unassigned) becomes the C1 control character of the same
// number, as the WHATWG encoding standard decodes it.
struct HighBytes {
  std::array<std::array<char, 4>, 128> utf8{};  // up to 3 bytes, then the length
  bool ok = false;
};

HighBytes decode_table() {
  HighBytes table;
  const Iconv cd("UTF-8", "WINDOWS-1252");
  if (!cd.ok()) return table;
  for (int b = 0x80; b <= 0xFF; ++b) {
    char in = static_cast<char>(b);
    char* src = &in;
    size_t src_left = 1;
    std::array<char, 8> out{};
    char* dst = out.data();
    size_t dst_left = out.size();
    auto& entry = table.utf8[static_cast<size_t>(b - 0x80)];
    if (iconv(cd.get(), &src, &src_left, &dst, &dst_left) == static_cast<size_t>(-1) ||
        out.size() - dst_left > 3) {
      iconv(cd.get(), nullptr, nullptr, nullptr, nullptr);  // reset the state after a refusal
      entry = {static_cast<char>(0xC0 | (b >> 6)), static_cast<char>(0x80 | (b & 0x3F)), 0, 2};
    } else {
      const size_t n = out.size() - dst_left;
      std::copy_n(out.data(), n, entry.data());
      entry[3] = static_cast<char>(n);
    }
  }
  table.ok = true;
  return table;
}

// Decodes Windows-1252 into `out` (appending): ASCII runs are copied as they are, every other
// byte through the table iconv made (built once), so the cost is one pass over the bytes.
Status decode_windows_1252(std::string_view in, std::string& out) {
  static const HighBytes table = decode_table();
  if (!table.ok) {
    return Status::error(ErrorKind::kInternal, "iconv kent de tekenset Windows-1252 niet");
  }
  out.reserve(out.size() + in.size() + in.size() / 8);
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  const size_t n = in.size();
  size_t i = 0;
  while (i < n) {
    size_t ascii = i;
    while (n - ascii >= 8 && (load_word(p + ascii) & kHighBits) == 0) ascii += 8;
    while (ascii < n && p[ascii] < 0x80) ++ascii;
    out.append(in.data() + i, ascii - i);
    i = ascii;
    while (i < n && p[i] >= 0x80) {
      const auto& entry = table.utf8[p[i] - 0x80];
      out.append(entry.data(), static_cast<size_t>(entry[3]));
      ++i;
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
