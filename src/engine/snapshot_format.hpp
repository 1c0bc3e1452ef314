// The snapshot file layout: a header, a table directory, and per column a fixed-width array (and
// for string columns a dictionary as offsets + blob), every part aligned to 8 bytes. Readers map
// the file and point into it; nothing is parsed per row.
#pragma once

#include <cstdint>

namespace rk::engine::format {

inline constexpr char kMagic[8] = {'R', 'K', 'S', 'N', 'A', 'P', '0', '1'};
// 2: the activities table (activities.csv) after the 18 tables of version 1.
inline constexpr uint32_t kFormatVersion = 2;

struct FileHeader {
  char magic[8];
  uint32_t format_version;
  uint32_t table_count;
  int64_t data_version;
  uint64_t tables;  // offset of table_count TableHeaders
  uint64_t total_size;
};

struct TableHeader {
  uint32_t kind;
  uint32_t rows;
  uint32_t column_count;
  uint32_t reserved;
  uint64_t columns;  // offset of column_count ColumnHeaders
};

struct ColumnHeader {
  char name[40];
  uint8_t type;
  int8_t references;
  uint8_t has_dictionary;
  uint8_t reserved[5];
  uint64_t length;
  uint64_t data;
  uint64_t dictionary_size;
  uint64_t dictionary_offsets;  // dictionary_size + 1 uint64 offsets into the blob
  uint64_t dictionary_blob;
};

}  // namespace rk::engine::format
