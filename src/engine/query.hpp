// What an indicator is computed for: a period and a scope, resolved against a snapshot.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "calendar/date.hpp"
#include "calendar/workdays.hpp"

namespace rk::engine {

class Snapshot;
class RecordKeys;

// Scope in terms of snapshot row indexes; -1 = not restricted, kNoMatch = a code that is not in
// the data (the scope then selects nothing).
struct Scope {
  static constexpr int32_t kAny = -1;
  static constexpr int32_t kNoMatch = -2;
  int32_t municipality = kAny;  // row of municipalities
  int32_t area = kAny;          // row of areas
  int32_t provider = kAny;      // row of providers
  int32_t quadrant = kAny;      // 0 = K1, 1 = K2, 2 = K3

  [[nodiscard]] bool any() const {
    return municipality != kAny || area != kAny || provider != kAny || quadrant != kAny;
  }
  static bool matches(int32_t wanted, int32_t actual) { return wanted == kAny || wanted == actual; }
};

// The scope as the user wrote it (codes and ids).
struct ScopeText {
  std::optional<std::string> municipality, area, quadrant, provider;
};

// Resolves codes to snapshot rows. An unknown code resolves to Scope::kNoMatch.
Scope resolve_scope(const Snapshot& snapshot, const ScopeText& text);

struct Query {
  Date from;
  Date to;
  Scope scope;
  const WorkingDays* working_days = nullptr;  // REQUIRES: non-null when computing
  bool explain = false;                       // collect drill-through record ids
  // The record keys of the cell-key method (record_keys.hpp), for results that the disclosure
  // layer will perturb; null for exact results (every cell key then reads 0).
  const RecordKeys* record_keys = nullptr;
};

}  // namespace rk::engine
