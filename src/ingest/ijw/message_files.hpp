// Message files read from disk and parsed (reader.hpp), with the BSN replaced by its pseudonym
// before the message goes anywhere else. Used by the message import, which parses files on two
// threads: each thread has its own FileBuffer.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "ingest/bsn.hpp"
#include "ingest/ijw/reader.hpp"
#include "model/status.hpp"

namespace rk::ingest::ijw {

// A reusable read buffer one byte larger than the largest message accepted, so that a file is
// read with one open, one read and one close, and an oversized file shows itself by filling it.
struct FileBuffer {
  std::unique_ptr<char[]> data = std::make_unique<char[]>(kMaxMessageBytes + 1);
  size_t size = 0;
  [[nodiscard]] std::string_view text() const { return {data.get(), size}; }
};

// Reads the file at `path` into `buffer`. Fails (kIo, a reason in Dutch) when it cannot be
// opened or read, or is larger than kMaxMessageBytes.
Status read_file(const std::string& path, FileBuffer& buffer);

// One file read and parsed; the BSN of a message is already replaced by its pseudonym.
struct Parsed {
  bool file_ok = false;
  std::string problem;  // why the file could not be read
  ReadOutcome outcome = ReadOutcome::kRejected;
  Message message;
  ReadError error;
};

// Reads and parses the file at `path` into `out`, using `buffer`.
void parse_file(const std::string& path, const Pseudonymizer& pseudonymizer, FileBuffer& buffer,
                Parsed& out);

}  // namespace rk::ingest::ijw
