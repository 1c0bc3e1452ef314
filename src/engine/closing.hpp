// Period closing: the figures of a period frozen in the store's metadata, with the time of closing
// and a SHA-256 content hash, so that a report of a closed period keeps showing what was
// published and can list which figures the records would now give differently.
// Frozen results are exact and carry their records' tallies: every role's view is derived from them
// by the disclosure layer (disclosure.hpp), exactly as from fresh results. They cover the combined
// scope and every municipality.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "calendar/period.hpp"
#include "calendar/workdays.hpp"
#include "engine/catalogue.hpp"
#include "engine/config.hpp"
#include "engine/result.hpp"
#include "engine/snapshot.hpp"
#include "model/status.hpp"
#include "store/store.hpp"

namespace rk::engine {

struct ClosedPeriod {
  std::string key;        // canonical period key, e.g. "2020H2" (period_key)
  Period period;          // the closed date range
  std::string closed_at;  // UTC, ISO 8601 ("2020-01-15T09:30:00Z")
  std::string hash;       // SHA-256 (hex) of the canonical serialization of the frozen figures
};

// Freezes every indicator of `period` for the combined scope and each municipality of the
// snapshot, stamped `closed_at`, with the record keys `keys` of the snapshot (so that the frozen
// figures can be disclosed later; null freezes figures that only analysts can read). Fails with
// kInvalidInput when the period is already closed, unless `force` (the earlier closing is then
// replaced); with kStore on a store error.
Result<ClosedPeriod> close_period(store::Store& store, const Snapshot& snapshot,
                                  const Catalogue& catalogue, const Config& config,
                                  const WorkingDays& working_days, const RecordKeys* keys,
                                  Period period, std::string_view closed_at, bool force);

// Every closed period, ordered by key.
Result<std::vector<ClosedPeriod>> closed_periods(store::Store& store);

// The closing of exactly `period`, or nullopt when it is not closed.
Result<std::optional<ClosedPeriod>> find_closed(store::Store& store, Period period);

// The frozen results of `period` for one municipality (code) or, with an empty code, the combined
// scope; nullopt when the period is not closed or the municipality was not in it. Fails when the
// stored figures do not match their hash.
Result<std::optional<std::vector<IndicatorResult>>> load_frozen(store::Store& store, Period period,
                                                                std::string_view municipality);

// One figure whose frozen and current values differ (compared as flattened rows, after the same
// suppression); a figure present on one side only has no value on the other.
struct FigureDifference {
  std::string indicator;
  std::string dimension;
  std::string key;
  std::string part;
  Unit unit = Unit::kCount;
  std::optional<Number> frozen;   // nullopt: the figure did not exist when closing
  std::optional<Number> current;  // nullopt: the figure no longer exists
  std::string frozen_text;        // textual cells (project status)
  std::string current_text;
};

// Figures of `frozen` and `current` (same role and scope) that differ, in the order of `current`
// followed by figures only `frozen` has.
std::vector<FigureDifference> differences(const std::vector<IndicatorResult>& frozen,
                                          const std::vector<IndicatorResult>& current);

// Display text of one side of a difference: "<5", "onderdrukt", a Dutch number, or "-".
std::string difference_text(const std::optional<Number>& value, const std::string& text, Unit unit);
// Both sides of `d` as text (frozen, current); when they would read the same at display precision
// ("74,6 %" against "74,6 %"), with as many more decimals (at most four) as it takes to differ.
std::pair<std::string, std::string> difference_texts(const FigureDifference& d);

// The "closed" object of `kpi --format json`: {"period", "from", "to", "closed_at", "hash",
// "differences": [{"indicator", "dimension", "key", "part", "frozen", "current"}]}, values as in
// the document (a number, "<5", or null).
nlohmann::json closing_json(const ClosedPeriod& closed,
                            const std::vector<FigureDifference>& differences);

}  // namespace rk::engine
