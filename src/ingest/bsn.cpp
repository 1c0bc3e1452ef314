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

std::string mask_digit_runs(std::string_view text) {
  // A group is a run of digits, possibly joined by single '.' or ' ' separators ("123456782",
  // "1234.56.782", "123 456 782"); a group of exactly 9 digits is masked, separators kept.
  std::string out(text);
  const auto digit = [&](size_t k) { return k < out.size() && out[k] >= '0' && out[k] <= '9'; };
  size_t i = 0;
  while (i < out.size()) {
    if (!digit(i)) {
      ++i;
      continue;
    }
    size_t j = i;
    int digits = 0;
    while (true) {
      while (digit(j)) {
        ++j;
        ++digits;
      }
      if (j + 1 < out.size() && (out[j] == '.' || out[j] == ' ') && digit(j + 1)) {
        ++j;
        continue;
      }
      break;
    }
    if (digits == 9) {
      for (size_t k = i; k < j; ++k)
        if (digit(k)) out[k] = '*';
    }
    i = j;
  }
  return out;
}

Result<Pseudonymizer> Pseudonymizer::from_key_file(const std::string& key_path) {
  if (sodium_init() < 0) return Status::error(ErrorKind::kInternal, "libsodium init failed");
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
