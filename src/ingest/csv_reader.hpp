// Streaming RFC 4180 CSV reader: the first stage of every import. It memory-maps a file and hands
// out one record at a time as string views into the file (or into a reused scratch buffer for
// quoted fields with "" escapes), so reading allocates nothing per field or per record.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/status.hpp"

namespace rk::ingest {

// One CSV record as read from the file.
struct CsvRecord {
  // The record's fields, unquoted and with "" unescaped. The views stay valid until the next call
  // to CsvReader::next() (they point into the file or into the reader's scratch buffer).
  std::vector<std::string_view> fields;
  // 1-based physical line where the record starts (a quoted field with line breaks makes a record
  // span several lines; the next record's line accounts for them).
  uint64_t line = 0;
  // The record's raw bytes as in the file, without its final line break (for the reject file).
  std::string_view raw;
  // Non-empty when the record is malformed: a reason in Dutch for the reject file (a quoted field
  // not closed, a quote inside an unquoted field, or text after a closing quote). The fields then
  // hold what could be read.
  std::string error;
  // 1-based number of the field where `error` was found; 0 when there is no error.
  size_t error_field = 0;
};

// Reads records from a memory-mapped file or an owned string. Not copyable or movable: records
// hold views into the reader.
class CsvReader {
 public:
  // Memory-maps the file at `path` for sequential reading.
  // Fails with ErrorKind::kIo when the file cannot be opened, is not a regular file or cannot be
  // mapped. An empty file opens fine (check_file() reports it).
  static Result<std::unique_ptr<CsvReader>> open(const std::string& path);

  // A reader over `data`, which it owns. For tests and fuzzing.
  static std::unique_ptr<CsvReader> from_string(std::string data);

  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // Whole-file checks; call before reading. Returns kInvalidInput when the file is empty (0 bytes,
  // only a UTF-8 BOM, or only line breaks) or is not valid UTF-8; the message then names the line
  // and the byte offset (0-based, from the start of the file) of the first bad sequence.
  [[nodiscard]] Status check_file() const;

  // Reads the next record into `out`, reusing its storage. Returns false at end of file (and then
  // leaves `out` empty). Handles CRLF and LF line breaks, quoted fields with embedded commas,
  // quotes ("") and line breaks, and a final record without line break; blank lines are skipped.
  // A malformed record is still returned, with `out.error` set; an unterminated quoted field ends
  // at the line break after its opening quote so that the records after it can still be read.
  bool next(CsvRecord& out);

  // Bytes consumed so far and the total size in bytes (including a BOM), for progress reports.
  [[nodiscard]] uint64_t bytes_read() const { return pos_; }
  [[nodiscard]] uint64_t size() const { return size_; }

  // The whole input, including a BOM. Record views point into this (or into scratch storage).
  [[nodiscard]] std::string_view data() const { return {data_, size_}; }

  // Fields are separated by `separator`: ',' (the default) or, in another dialect of the file
  // (dialect.hpp), ';' or '\t'. Call before reading.
  void set_separator(char separator) { separator_ = separator; }

 private:
  CsvReader() = default;
  void skip_bom();
  bool read_quoted_record(size_t start, CsvRecord& out);
  // REQUIRES: data_[p] is the opening quote. Reads the field, leaves p at the delimiter, line
  // break or end of file after it. Returns false for an unterminated field (p then at the line
  // break after the opening quote).
  bool read_quoted_field(size_t& p, CsvRecord& out);
  void read_unquoted_field(size_t& p, CsvRecord& out);
  // Advances p to the next separator or '\n' (or end of file); returns the end of the field text
  // there, without the CR of a CRLF.
  size_t field_end(size_t& p) const;
  // Keeps the first error of a record; field_number is 1-based.
  static void note_error(CsvRecord& out, const char* message, size_t field_number);

  // A field of a record on the slow (quoted) path: either a range of the input or of scratch_.
  struct Span {
    size_t offset;
    size_t length;
    bool in_scratch;
  };

  const char* data_ = nullptr;
  size_t size_ = 0;
  size_t pos_ = 0;
  uint64_t line_ = 1;  // physical line at pos_
  void* mapping_ = nullptr;
  std::string owned_;
  char separator_ = ',';
  std::string scratch_;      // unescaped quoted fields of the current record
  std::vector<Span> spans_;  // fields of the current record on the quoted path
};

// True when `s` is well-formed UTF-8 (no overlong forms, surrogates or code points above
// U+10FFFF). When it is not and `bad_offset` is given, stores the offset of the first byte of the
// first bad sequence there.
bool is_valid_utf8(std::string_view s, size_t* bad_offset = nullptr);

}  // namespace rk::ingest
