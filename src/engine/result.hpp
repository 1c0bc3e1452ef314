// The plain-data result of one indicator. Every view (JSON, CSV, table, report, dashboard) reads
// this object; for the roles municipality and public the disclosure layer (disclosure.hpp) rewrites
// it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rk::engine {

enum class Unit : uint8_t { kCount, kPercent, kDays, kEuro, kGrade, kScore, kFte, kNumber };
std::string_view to_string(Unit unit);

// What a number is, for the privacy rule: counts 1-4 become "<5"; ratios and statistics with
// fewer than 10 observations are suppressed; amounts (money, fte, differences, maxima) never are.
enum class FigureKind : uint8_t { kCount, kRatio, kStatistic, kAmount };

// The records behind a count, for the cell-key method (engine/disclosure.hpp): how many, and the
// sum modulo 2^64 of their 64-bit record keys. Read as a fraction of 2^64, that sum is the
// fractional part of the sum of the records' keys in [0, 1): the cell key of indicators.md. The
// same set of records always gives the same tally, whatever the query that counted it.
struct Tally {
  int64_t n = 0;
  uint64_t key = 0;

  void add(uint64_t record_key) {
    ++n;
    key += record_key;  // wraps modulo 2^64 by definition
  }
  Tally& operator+=(const Tally& other) {
    n += other.n;
    key += other.key;
    return *this;
  }
  friend bool operator==(const Tally&, const Tally&) = default;
};

struct Number {
  std::optional<double> value;
  FigureKind kind = FigureKind::kCount;
  int64_t n = 0;            // denominator (ratio) or number of observations (statistic)
  bool suppressed = false;  // shown as null with "suppressed": true
  bool below_five = false;  // a count 1-4 shown as "<5"
  // An amount built from a count 1-4 (a cell of waitlist.change): hidden for the roles
  // municipality and public, since a neighbouring figure would give the count away.
  bool from_small_count = false;
  // The records behind the figure, for perturbation (engine/disclosure.hpp). A count: `counted`. A
  // ratio: numerator `counted` over denominator `base` (value = counted / base * 100). A
  // per-client amount (kStatistic): `base_amount` over the client count `base`. Empty for figures
  // that count no records (amounts, statistics of measured values) and for counts read from a file
  // without keys.
  std::optional<Tally> counted;
  std::optional<Tally> base;
  std::optional<double> base_amount;
  // An amount that is the difference of two counts (waitlist.change): counted - base, rebuilt from
  // the perturbed counts so that it never gives a true small count away.
  bool difference = false;

  static Number make(std::optional<double> v, FigureKind kind, int64_t n) {
    Number x;
    x.value = v;
    x.kind = kind;
    x.n = n;
    return x;
  }
  static Number count(double v) { return make(v, FigureKind::kCount, 0); }
  // A count of records, with their keys.
  static Number count(const Tally& t) {
    Number x = make(static_cast<double>(t.n), FigureKind::kCount, 0);
    x.counted = t;
    return x;
  }
  static Number amount(std::optional<double> v) { return make(v, FigureKind::kAmount, 0); }
  static Number statistic(std::optional<double> v, int64_t n) {
    return make(v, FigureKind::kStatistic, n);
  }
  // numerator / denominator * 100, null when the denominator is 0.
  static Number ratio(double numerator, double denominator);
  // The same from the records counted, so that the percentage can be rebuilt from perturbed parts.
  static Number ratio(const Tally& numerator, const Tally& denominator);
  // An amount per counted record (cost per client): amount / denominator.n, a statistic over
  // denominator.n observations; rebuilt from the perturbed count.
  static Number per_count(double amount, const Tally& denominator);
  // The difference of two counts (kAmount): minuend - subtrahend.
  static Number difference_of(const Tally& minuend, const Tally& subtrahend);
};

struct Breakdown;

// A figure: the indicator's total, one breakdown cell or one series point.
struct Figure {
  std::optional<Number> value;
  std::vector<std::pair<std::string, Number>> values;  // named parts: median/p90, yes/partly/no
  std::optional<double> numerator;
  std::optional<double> denominator;
  std::vector<Breakdown> nested;    // next dimension of tables of two or more dimensions
  std::optional<std::string> text;  // a textual cell (e.g. a project's status); never suppressed

  // Defined after Breakdown: constructing a Figure needs the complete type.
  static Figure of(Number n);
  static Figure ratio(double numerator, double denominator);
  static Figure ratio(const Tally& numerator, const Tally& denominator);
  [[nodiscard]] bool is_suppressed() const;
};

struct Breakdown {
  std::string dimension;
  std::vector<std::pair<std::string, Figure>> cells;  // ordered by key
};

inline Figure Figure::of(Number n) {
  Figure f;
  f.value = n;
  return f;
}

inline Figure Figure::ratio(double numerator, double denominator) {
  Figure f;
  f.value = Number::ratio(numerator, denominator);
  f.numerator = numerator;
  f.denominator = denominator;
  return f;
}

inline Figure Figure::ratio(const Tally& numerator, const Tally& denominator) {
  Figure f;
  f.value = Number::ratio(numerator, denominator);
  f.numerator = static_cast<double>(numerator.n);
  f.denominator = static_cast<double>(denominator.n);
  return f;
}

struct SeriesPoint {
  std::string key;
  Figure figure;
};

struct Norm {
  enum class Op : uint8_t { kAtLeast, kAtMost };
  Op op = Op::kAtLeast;
  double target = 0;
  double tolerance = 0;
};

// Which way a change of an indicator's figure is good (cli.md, "better"): a higher figure, a lower
// one, or neither (a count of clients, costs). Declared once per indicator in the catalogue.
enum class Better : uint8_t { kNeither, kHigher, kLower };
// "higher", "lower" or "neither", as the JSON writes it.
std::string_view to_string(Better better);
// The inverse of to_string; nullopt for any other text.
std::optional<Better> parse_better(std::string_view text);

enum class NormStatus : uint8_t { kNone, kGreen, kYellow, kRed };
std::string_view to_string(NormStatus status);
// The Dutch words every view shows for a status (the report, the kpi table, the xlsx, and the
// dashboard through the JSON document's `labels`): "op norm", "binnen marge", "onder norm", or
// "geen oordeel" for kNone.
std::string_view status_nl(NormStatus status);
// The spec's status rule; kNone for a null or suppressed value.
NormStatus norm_status(const Norm& norm, const Number& value);

struct IndicatorResult {
  std::string id;
  std::string title_nl;
  std::string title_en;
  Unit unit = Unit::kCount;
  Better better = Better::kNeither;
  Figure total;
  std::optional<Norm> norm;
  NormStatus status = NormStatus::kNone;
  std::vector<SeriesPoint> series;
  bool series_indicator = false;  // shows "series": [] when there are no points
  bool additive_series = false;   // the series points add up to the total (requests.new)
  std::vector<Breakdown> breakdowns;
  std::vector<std::pair<std::string, std::string>> texts;  // e.g. note, period of a manual value
  std::vector<std::string> records;  // drill-through ids, filled only when explaining
  // True when the counts carry the keys of their records (computed with Query::record_keys), so
  // that the disclosure layer can perturb them; results without keys are refused for the roles
  // municipality and public.
  bool keyed = false;
};

}  // namespace rk::engine
