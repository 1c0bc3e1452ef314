// The indicator catalogue: every indicator of indicators.md declared once (id, titles, unit, norm,
// scope dimensions it supports, breakdown dimensions, compute function), and the functions that
// run it. Families live in indicators/*.cpp; each registers its declarations here.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/config.hpp"
#include "engine/query.hpp"
#include "engine/record_keys.hpp"
#include "engine/result.hpp"
#include "engine/snapshot.hpp"

namespace rk::engine {

// Scope dimensions an indicator's records can be attributed to. When a query scopes on a
// dimension the indicator does not support, the indicator is left out of the result.
enum ScopeDimension : uint8_t {
  kScopeMunicipality = 1,
  kScopeArea = 2,
  kScopeQuadrant = 4,
  kScopeProvider = 8,
  kScopeAll = 15,
};

// Shared state of one computation: the snapshot, the query and the aggregates that several
// indicators of one family read (computed once, on first use).
class Context {
 public:
  Context(const Snapshot& snapshot, const Query& query, const Config& config)
      : snapshot_(snapshot), query_(query), config_(config) {}
  [[nodiscard]] const Snapshot& snapshot() const { return snapshot_; }
  [[nodiscard]] const Query& query() const { return query_; }
  [[nodiscard]] const Config& config() const { return config_; }
  [[nodiscard]] const WorkingDays& working_days() const { return *query_.working_days; }
  // The record keys of `kind` (all 0 when the query carries none): add them to a Tally with
  // every record counted.
  [[nodiscard]] KeySpan keys(model::Kind kind) const {
    return query_.record_keys == nullptr ? KeySpan() : query_.record_keys->of(kind);
  }

  // Returns the aggregate stored under `key`, building it with `build()` on first use.
  template <typename T, typename Build>
  const T& memo(const std::string& key, Build&& build) {
    auto it = memo_.find(key);
    if (it == memo_.end())
      it = memo_.emplace(key, std::shared_ptr<void>(std::make_shared<T>(build()))).first;
    return *static_cast<const T*>(it->second.get());
  }

 private:
  const Snapshot& snapshot_;
  const Query& query_;
  const Config& config_;
  std::map<std::string, std::shared_ptr<void>> memo_;
};

struct IndicatorDef;
using ComputeFn = std::function<void(Context&, const IndicatorDef&, IndicatorResult&)>;

// Declared with designated initializers, one named field per line; fields left out keep the
// defaults below (no norm, every scope, no breakdowns, not explainable, no trend). `better` is
// written out for every built-in indicator, also where it is "neither".
struct IndicatorDef {
  std::string id;
  std::string title_nl;
  std::string title_en;
  Unit unit = Unit::kCount;
  Better better = Better::kNeither;         // which way is good (docs/indicators.md, "Better")
  std::optional<Norm> norm = std::nullopt;  // default norm; configuration may override it per year
  uint8_t scopes = kScopeAll;
  std::vector<std::string> dimensions = {};  // breakdown dimensions, in output order
  bool explainable = false;                  // --explain lists the records behind its count
  // The insights (insights.hpp) test its figure of each of the last 12 months for a trend.
  bool trend = false;
  ComputeFn compute;
};

class Catalogue {
 public:
  // The built-in indicators plus the manual indicators declared in `config` (with the defaults
  // of the spec when the configuration declares none).
  static Catalogue create(const Config& config);

  [[nodiscard]] const std::vector<IndicatorDef>& indicators() const { return defs_; }
  [[nodiscard]] const IndicatorDef* find(std::string_view id) const;
  void add(IndicatorDef def) { defs_.push_back(std::move(def)); }

 private:
  std::vector<IndicatorDef> defs_;
};

// Computes every indicator applicable to the query's scope, in catalogue order, with norms and
// statuses (norm of the year of query.to). REQUIRES: query.working_days non-null.
std::vector<IndicatorResult> compute_all(const Catalogue& catalogue, const Snapshot& snapshot,
                                         const Query& query, const Config& config);
// Computes one indicator; nullopt when the id is unknown or does not apply to the scope.
std::optional<IndicatorResult> compute_one(const Catalogue& catalogue, std::string_view id,
                                           const Snapshot& snapshot, const Query& query,
                                           const Config& config);

// Family registration (indicators/*.cpp).
void register_clients(Catalogue& catalogue);
void register_requests(Catalogue& catalogue);
void register_waitlist(Catalogue& catalogue);
void register_outcome(Catalogue& catalogue);
void register_family_plans(Catalogue& catalogue);
void register_satisfaction(Catalogue& catalogue);
void register_complaints(Catalogue& catalogue);
void register_finance(Catalogue& catalogue);
void register_staffing(Catalogue& catalogue);
void register_manual(Catalogue& catalogue, const Config& config);

}  // namespace rk::engine
