// Compact hash sets and maps over 64-bit key hashes, for reference and duplicate checks on
// millions of ids without a string per id. A 64-bit hash collision among 10^7 keys has a
// probability of about 3·10^-6.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace rk::ingest {

// Allocates large blocks on 2 MiB boundaries and asks for transparent huge pages: the key tables
// are probed at random, and with 4 KiB pages nearly every probe of a table of tens of megabytes
// also misses the TLB.
void* allocate_table(size_t bytes);
void free_table(void* p);

template <typename T>
struct TableAllocator {
  using value_type = T;
  TableAllocator() = default;
  template <typename U>
  explicit TableAllocator(const TableAllocator<U>& /*other*/) {}
  T* allocate(size_t n) { return static_cast<T*>(allocate_table(n * sizeof(T))); }
  void deallocate(T* p, size_t /*n*/) { free_table(p); }
  bool operator==(const TableAllocator& /*other*/) const { return true; }
};

uint64_t hash_key(std::string_view text);

// Open-addressing map from a non-zero 64-bit hash to a 64-bit value (0 is the empty slot).
class KeyMap {
 public:
  KeyMap() { rehash(1024); }
  // Inserts or overwrites; returns the previous value or 0 when new.
  uint64_t put(uint64_t hash, uint64_t value);
  // Returns the stored value or 0.
  [[nodiscard]] uint64_t get(uint64_t hash) const;
  [[nodiscard]] bool contains(uint64_t hash) const { return get(hash) != 0; }
  [[nodiscard]] size_t size() const { return size_; }
  // Drops every entry (and the memory of a grown table).
  void clear();
  // Grows the table so that `entries` fit without rehashing.
  void reserve(size_t entries);

 private:
  struct Slot {
    uint64_t hash;
    uint64_t value;
  };
  void rehash(size_t capacity);
  std::vector<Slot, TableAllocator<Slot>> slots_;
  size_t size_ = 0;
};

}  // namespace rk::ingest
