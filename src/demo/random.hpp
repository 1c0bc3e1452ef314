// Pseudo-random numbers for the dataset generator. The standard distributions differ between
// library versions, so everything here is plain integer arithmetic on xoshiro256** seeded
// through splitmix64: one seed gives the same dataset everywhere.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>

namespace rk::demo {

// Record families that draw from independent streams (see Rng).
enum class Stream : uint64_t {
  kWorld = 1,
  kFamily,
  kHome,
  kClient,
  kLedger,
  kStaffing,
  kSurvey,
  kStaffSurvey,
  kComplaint,
  kAudit,
  kMeasurement,
  kProject,
  kBsn,
  kActivity,  // the social map (activities.csv): its own stream, so no other record changes
};

constexpr uint64_t mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// A generator for one (seed, stream, index): the records of client 17 depend only on the seed and
// the number 17, never on the order in which clients are generated.
class Rng {
 public:
  Rng(uint64_t seed, Stream stream, uint64_t index) {
    uint64_t h = mix64(seed + 0x9e3779b97f4a7c15ULL);
    h = mix64(h ^ mix64(static_cast<uint64_t>(stream) * 0xd1b54a32d192ed03ULL));
    h = mix64(h ^ mix64(index + 0x632be59bd9b4e019ULL));
    for (uint64_t& s : s_) {
      h += 0x9e3779b97f4a7c15ULL;
      s = mix64(h);
    }
  }

  uint64_t next() {
    const uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, n). REQUIRES: 0 < n < 2^32.
  uint32_t below(uint32_t n) { return static_cast<uint32_t>(((next() >> 32) * n) >> 32); }
  // Uniform in [0, n), for large n (the modulo bias is far below 2^-20). REQUIRES: n > 0.
  uint64_t below64(uint64_t n) { return next() % n; }
  // Uniform in [lo, hi]. REQUIRES: lo <= hi.
  int32_t between(int32_t lo, int32_t hi) {
    return lo + static_cast<int32_t>(below(static_cast<uint32_t>(hi - lo + 1)));
  }
  // Uniform in [0, 1).
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return unit() < p; }
  // True with probability per_mille / 1000.
  bool per_mille(uint32_t per_mille) { return below(1000) < per_mille; }

  // Index drawn with probability proportional to its weight. REQUIRES: some weight > 0.
  size_t pick(std::span<const uint32_t> weights) {
    uint64_t total = 0;
    for (uint32_t w : weights) total += w;
    uint64_t r = (next() >> 11) % total;
    for (size_t i = 0; i < weights.size(); ++i) {
      if (r < weights[i]) return i;
      r -= weights[i];
    }
    return weights.size() - 1;
  }
  size_t pick(std::initializer_list<uint32_t> weights) {
    return pick(std::span<const uint32_t>(weights.begin(), weights.size()));
  }

 private:
  static constexpr uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

// A piecewise-uniform distribution of whole numbers: a bucket [lo, hi] is chosen by weight, then
// a value uniformly inside it. Used for durations and delays, whose shapes are given as tables.
struct Bucket {
  int32_t lo;
  int32_t hi;
  uint32_t weight;
};

inline int32_t draw(Rng& rng, std::span<const Bucket> buckets) {
  uint64_t total = 0;
  for (const Bucket& b : buckets) total += b.weight;
  uint64_t r = (rng.next() >> 11) % total;
  for (const Bucket& b : buckets) {
    if (r < b.weight) return rng.between(b.lo, b.hi);
    r -= b.weight;
  }
  return buckets.back().hi;
}

}  // namespace rk::demo
