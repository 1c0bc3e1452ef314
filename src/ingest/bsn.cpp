#include "ingest/bsn.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace rk::ingest {

bool is_valid_bsn(std::string_view text) {
  if (text.size() != 9) return false;
  int sum = 0;
  bool all_zero = true;
  for (size_t i = 0; i < 9; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') return false;
    const int d = c - '0';
    if (d != 0) all_zero = false;
    sum += i < 8 ? d * static_cast<int>(9 - i) : -d;
  }
  return !all_zero && sum % 11 == 0;
}

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Calls visit(begin, end) for every number in `text` written like a BSN: [begin, end) spans its
// digits and the separators between them.
template <typename Visit>
void for_each_nine_digit_number(std::string_view text, Visit visit) {
  struct Run {
    size_t begin = 0;
    size_t end = 0;
  };
  // The last runs of the current joined number (a ring; 9 runs hold at least 9 digits).
  std::array<Run, 9> recent{};
  size_t runs = 0;  // runs of the current joined number so far
  size_t i = 0;
  while (i < text.size()) {
    if (!is_digit(text[i])) {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < text.size() && is_digit(text[end])) ++end;
    const bool joined = runs > 0 && recent[(runs - 1) % recent.size()].end + 1 == i &&
                        (text[i - 1] == '.' || text[i - 1] == ' ');
    if (!joined) runs = 0;
    recent[runs % recent.size()] = {i, end};
    ++runs;
    // The runs ending with this one that hold exactly 9 digits together.
    size_t digits = 0;
    for (size_t back = 0; back < std::min(runs, recent.size()) && digits < 9; ++back) {
      const Run& run = recent[(runs - 1 - back) % recent.size()];
      digits += run.end - run.begin;
      if (digits == 9) visit(run.begin, end);
    }
    i = end;
  }
}

// The digits of [begin, end), without separators, when they pass the 11-test.
bool passes_eleven_test(std::string_view text, size_t begin, size_t end) {
  std::array<char, 9> digits{};
  size_t n = 0;
  for (size_t k = begin; k < end; ++k) {
    if (!is_digit(text[k])) continue;
    if (n == digits.size()) return false;
    digits[n++] = text[k];
  }
  return n == 9 && is_valid_bsn(std::string_view(digits.data(), n));
}

}  // namespace

std::string mask_digit_runs(std::string_view text) {
  std::string out(text);
  for_each_nine_digit_number(text, [&](size_t begin, size_t end) {
    for (size_t k = begin; k < end; ++k)
      if (is_digit(out[k])) out[k] = '*';
  });
  return out;
}

bool holds_bsn_shaped(std::string_view text, BsnContext context) {
  bool found = false;
  for_each_nine_digit_number(text, [&](size_t begin, size_t end) {
    if (found || !passes_eleven_test(text, begin, end)) return;
    if (context == BsnContext::kIdentifier &&
        ((begin > 0 && is_letter(text[begin - 1])) || (end < text.size() && is_letter(text[end]))))
      return;
    found = true;
  });
  return found;
}

Result<Pseudonymizer> Pseudonymizer::from_key_file(const std::string& key_path) {
  if (sodium_init() < 0)
    return Status::error(ErrorKind::kInternal,
                         "de cryptobibliotheek libsodium start niet (pseudonimiseren onmogelijk)");
  Pseudonymizer p;
  int fd = ::open(key_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) {
    randombytes_buf(p.key_.data(), p.key_.size());
    const bool ok =
        ::write(fd, p.key_.data(), p.key_.size()) == static_cast<ssize_t>(p.key_.size()) &&
        ::fsync(fd) == 0;
    ::close(fd);
    if (!ok) {
      ::unlink(key_path.c_str());
      return Status::error(ErrorKind::kIo,
                           fmt::format("kan sleutelbestand {} niet schrijven", key_path));
    }
    return p;
  }
  if (errno != EEXIST) {
    return Status::error(ErrorKind::kIo, fmt::format("kan sleutelbestand {} niet aanmaken: {}",
                                                     key_path, std::strerror(errno)));
  }
  fd = ::open(key_path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return Status::error(ErrorKind::kIo, fmt::format("kan sleutelbestand {} niet lezen: {}",
                                                     key_path, std::strerror(errno)));
  }
  struct stat st {};
  const bool ok = ::fstat(fd, &st) == 0 && st.st_size == static_cast<off_t>(p.key_.size()) &&
                  ::read(fd, p.key_.data(), p.key_.size()) == static_cast<ssize_t>(p.key_.size());
  ::close(fd);
  if (!ok) {
    return Status::error(
        ErrorKind::kIo, fmt::format("sleutelbestand {} is ongeldig (verwacht 32 bytes)", key_path));
  }
  return p;
}

std::string Pseudonymizer::pseudonym(std::string_view bsn) const {
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  std::array<unsigned char, 4 + 9> msg{};
  std::copy_n("bsn:", 4, msg.begin());
  std::copy_n(bsn.data(), 9, msg.begin() + 4);
  crypto_auth_hmacsha256(mac, msg.data(), msg.size(), key_.data());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(32, '0');
  for (size_t i = 0; i < 16; ++i) {
    out[2 * i] = kHex[mac[i] >> 4];
    out[2 * i + 1] = kHex[mac[i] & 15];
  }
  return out;
}

}  // namespace rk::ingest
