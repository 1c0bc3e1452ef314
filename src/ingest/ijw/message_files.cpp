#include "ingest/ijw/message_files.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace rk::ingest::ijw {

Status read_file(const std::string& path, FileBuffer& buffer) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return Status::error(ErrorKind::kIo,
                         fmt::format("kan bestand niet openen: {}", std::strerror(errno)));
  constexpr size_t kCapacity = kMaxMessageBytes + 1;
  buffer.size = 0;
  bool ok = true;
  while (buffer.size < kCapacity) {
    const size_t want = kCapacity - buffer.size;
    const ssize_t n = ::read(fd, buffer.data.get() + buffer.size, want);
    if (n < 0 && errno == EINTR) continue;
    ok = n >= 0;
    if (n <= 0) break;
    buffer.size += static_cast<size_t>(n);
    // A short read is the end of a regular file (message files are regular files).
    if (static_cast<size_t>(n) < want) break;
  }
  const int read_errno = errno;
  ::close(fd);
  if (!ok)
    return Status::error(ErrorKind::kIo,
                         fmt::format("kan bestand niet lezen: {}", std::strerror(read_errno)));
  if (buffer.size > kMaxMessageBytes)
    return Status::error(ErrorKind::kIo,
                         fmt::format("bericht te groot (meer dan {} bytes)", kMaxMessageBytes));
  return Status::ok();
}

void parse_file(const std::string& path, const Pseudonymizer& pseudonymizer, FileBuffer& buffer,
                Parsed& out) {
  const Status read = read_file(path, buffer);
  out.file_ok = read.is_ok();
  if (!out.file_ok) {
    out.problem = read.message();
    return;
  }
  out.outcome = read_message(buffer.text(), out.message, out.error);
  // The BSN goes no further than this point: from here on the message carries the pseudonym.
  if (out.outcome == ReadOutcome::kMessage)
    out.message.bsn = pseudonymizer.pseudonym(out.message.bsn);
}

}  // namespace rk::ingest::ijw
