#include "ingest/key_set.hpp"

#include <sys/mman.h>

#include <cstdlib>
#include <new>

namespace rk::ingest {

namespace {
constexpr size_t kHugePage = size_t{2} << 20;
}  // namespace

void* allocate_table(size_t bytes) {
  if (bytes < 2 * kHugePage) {
    void* p = std::malloc(bytes == 0 ? 1 : bytes);
    if (p == nullptr) throw std::bad_alloc();
    return p;
  }
  const size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
  void* p = std::aligned_alloc(kHugePage, rounded);
  if (p == nullptr) throw std::bad_alloc();
  (void)::madvise(p, rounded, MADV_HUGEPAGE);  // a hint; without it the table works the same
  return p;
}

void free_table(void* p) { std::free(p); }

uint64_t hash_key(std::string_view text) {
  // FNV-1a followed by a 64-bit finalizer; never returns 0 (reserved for empty slots).
  uint64_t h = 1469598103934665603ULL;
  for (const char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h == 0 ? 1 : h;
}

void KeyMap::clear() {
  slots_.assign(1024, Slot{0, 0});
  slots_.shrink_to_fit();
  size_ = 0;
}

void KeyMap::reserve(size_t entries) {
  size_t capacity = slots_.size();
  while (entries * 4 > capacity * 3) capacity *= 2;
  if (capacity != slots_.size()) rehash(capacity);
}

// Moves every entry into a table of `capacity` slots. REQUIRES: capacity is a power of two and
// holds size_ entries below the load limit. Entries are placed directly (no put(), so no nested
// rehash): re-inserting a table in slot order into one that is smaller or being grown meanwhile
// clusters the keys and makes probing quadratic.
void KeyMap::rehash(size_t capacity) {
  auto old = std::move(slots_);
  slots_.assign(capacity, Slot{0, 0});
  const size_t mask = capacity - 1;
  for (const Slot& s : old) {
    if (s.hash == 0) continue;
    size_t i = s.hash & mask;
    while (slots_[i].hash != 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

uint64_t KeyMap::put(uint64_t hash, uint64_t value) {
  if ((size_ + 1) * 4 > slots_.size() * 3) rehash(slots_.size() * 2);
  const size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    Slot& s = slots_[i];
    if (s.hash == hash) {
      const uint64_t prev = s.value;
      s.value = value;
      return prev;
    }
    if (s.hash == 0) {
      s = Slot{hash, value};
      ++size_;
      return 0;
    }
  }
}

uint64_t KeyMap::get(uint64_t hash) const {
  const size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.hash == hash) return s.value;
    if (s.hash == 0) return 0;
  }
}

}  // namespace rk::ingest
