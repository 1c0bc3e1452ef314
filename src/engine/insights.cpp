// The sentences of the insights and their ranking (insights.hpp, docs/insights.md).
#include "engine/insights.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <utility>

#include "engine/render.hpp"
#include "engine/trend.hpp"

namespace rk::engine {
namespace {

// The weight classes of docs/insights.md; a sentence adds its strength (0 to 0.99) to its class.
constexpr double kNormRed = 3.0;
constexpr double kNormYellow = 2.0;
constexpr double kNormGreen = 1.0;
constexpr double kUnfavourable = 2.5;
constexpr double kFavourable = 1.5;
constexpr double kNeutral = 1.2;
constexpr double kDeficit = 2.8;
constexpr double kSurplus = 1.3;

double strength(double x) { return std::min(0.99, std::fabs(x)); }

const IndicatorResult* find(const std::vector<IndicatorResult>& results, std::string_view id) {
  for (const auto& r : results)
    if (r.id == id) return &r;
  return nullptr;
}

// A number the role may see: present, not suppressed, not "<5", finite.
std::optional<double> shown(const std::optional<Number>& n) {
  if (!n || !n->value || n->suppressed || n->below_five || !std::isfinite(*n->value))
    return std::nullopt;
  return n->value;
}

std::optional<double> shown_part(const Figure& f, std::string_view part) {
  for (const auto& [name, n] : f.values)
    if (name == part) return shown(n);
  return std::nullopt;
}

// The figure of a result that a sentence speaks of: its value, else its median, else the one
// point of its series (a one-month computation of a monthly series).
std::optional<double> headline(const IndicatorResult& r) {
  if (r.total.value) return shown(r.total.value);
  if (!r.total.values.empty()) return shown_part(r.total, "median");
  if (r.series.size() == 1) return shown(r.series.front().figure.value);
  return std::nullopt;
}

std::string figure_text(double v, Unit unit) {
  return format_with_unit(v, display_decimals(unit), unit_word(unit));
}

// A difference in the unit of a figure ("5,0 procentpunt" for percentages); empty when it shows
// as zero.
std::string difference_text(double d, Unit unit, int decimals) {
  const std::string digits = format_dutch(std::fabs(d), decimals);
  if (digits.find_first_not_of("0,") == std::string::npos) return "";
  if (unit == Unit::kPercent) return digits + " procentpunt";
  return format_with_unit(std::fabs(d), decimals, unit_word(unit));
}

Direction direction_of(double d) {
  return d > 0 ? Direction::kUp : (d < 0 ? Direction::kDown : Direction::kFlat);
}

// The weight class of a change in `direction` of an indicator with `better`.
double change_class(Better better, Direction direction) {
  if (better == Better::kNeither || direction == Direction::kFlat) return kNeutral;
  const bool good = (better == Better::kHigher) == (direction == Direction::kUp);
  return good ? kFavourable : kUnfavourable;
}

// " Dat is gunstig." / " Dat is ongunstig." when the indicator says which way is good.
std::string judgement(Better better, Direction direction) {
  if (better == Better::kNeither || direction == Direction::kFlat) return "";
  const bool good = (better == Better::kHigher) == (direction == Direction::kUp);
  return good ? " Dat is gunstig." : " Dat is ongunstig.";
}

std::optional<Insight> norm_insight(const IndicatorResult& r) {
  const std::optional<double> v = r.norm ? shown(r.total.value) : std::nullopt;
  if (!v || r.status == NormStatus::kNone) return std::nullopt;
  const Norm& norm = *r.norm;
  const double gap = *v - norm.target;  // > 0: above the target
  const std::string diff = difference_text(gap, r.unit, display_decimals(r.unit));
  const std::string side = gap > 0 ? "boven" : "onder";
  std::string text = fmt::format("{}: {}; de norm ({}) ", r.title_nl, figure_text(*v, r.unit),
                                 norm_text(norm, r.unit));
  double weight = kNormGreen;
  if (r.status == NormStatus::kGreen) {
    text += gap == 0 ? "is precies gehaald."
                     : (diff.empty() ? "is gehaald."
                                     : fmt::format("is gehaald, {} {} de "
                                                   "streefwaarde.",
                                                   diff, side));
  } else if (r.status == NormStatus::kYellow) {
    weight = kNormYellow;
    text += "is net niet gehaald";
    text += diff.empty() ? "" : fmt::format(": {} {} de streefwaarde", diff, side);
    text += fmt::format(", binnen de marge van {}.",
                        difference_text(norm.tolerance, r.unit, display_decimals(r.unit)));
  } else {
    weight = kNormRed;
    text += "is niet gehaald";
    text += diff.empty() ? "." : fmt::format(": {} {} de streefwaarde.", diff, side);
  }
  const double scale = std::max(std::fabs(norm.target), 1.0);
  return Insight{r.id, InsightKind::kNorm, std::move(text), direction_of(gap),
                 weight + strength(gap / scale)};
}

// " licht", "" or " sterk" for a change over the window of `relative` times its scale.
std::string_view size_word(double relative) {
  if (relative < 0.05) return "licht ";
  if (relative > 0.20) return "sterk ";
  return "";
}

std::optional<Insight> trend_insight(const InsightFigures& f, const IndicatorResult& last) {
  std::vector<double> values;
  for (const auto& month : f.monthly) {
    const IndicatorResult* r = find(month, last.id);
    const std::optional<double> v = r != nullptr ? headline(*r) : std::nullopt;
    if (!v) return std::nullopt;  // every month must be shown
    values.push_back(*v);
  }
  if (values.size() < static_cast<size_t>(kTrendMonths)) return std::nullopt;
  const MannKendall mk = mann_kendall(values);
  if (!mk.significant(kTrendAlpha)) return std::nullopt;
  const Direction dir = mk.s > 0 ? Direction::kUp : Direction::kDown;
  const double slope = sen_slope(values);
  double mean = 0;
  for (double v : values) mean += v / static_cast<double>(values.size());
  const double scale = last.unit == Unit::kPercent ? 100.0 : std::fabs(mean);
  const double relative =
      scale > 0 ? std::fabs(slope) * static_cast<double>(values.size() - 1) / scale : 1.0;
  std::string text =
      fmt::format("{}: een {}{} lijn over de 12 maanden {} t/m {}", last.title_nl,
                  size_word(relative), dir == Direction::kUp ? "stijgende" : "dalende",
                  period_label_nl(f.months.front()), period_label_nl(f.months.back()));
  const int decimals = std::max(1, display_decimals(last.unit));
  if (const std::string step = difference_text(slope, last.unit, decimals); !step.empty())
    text += fmt::format(", gemiddeld {}{} per maand", slope > 0 ? "+" : "-", step);
  text += "." + judgement(last.better, dir);
  return Insight{last.id, InsightKind::kTrend, std::move(text), dir,
                 change_class(last.better, dir) + strength(relative)};
}

// Waiting clients of a provider group ("true" = GGZ, "false" = the others) in a waitlist.count
// result: a group without a cell had nobody waiting (0); nullopt when the cell is hidden.
std::optional<double> group_count(const IndicatorResult& r, const std::string& group) {
  for (const auto& b : r.breakdowns)
    if (b.dimension == "ggz")
      for (const auto& [key, cell] : b.cells)
        if (key == group) return shown(cell.value);
  return 0.0;
}

std::string signed_count(double d) {
  return (d > 0 ? "+" : (d < 0 ? "-" : "")) + format_dutch(std::fabs(d), 0);
}

struct GroupChange {
  std::string name;
  double before = 0;
  double after = 0;
  [[nodiscard]] double change() const { return after - before; }
};

std::optional<Insight> movers_insight(const InsightFigures& f) {
  const IndicatorResult* now = find(f.current, "waitlist.count");
  const IndicatorResult* then = find(f.quarter_results, "waitlist.count");
  if (now == nullptr || then == nullptr) return std::nullopt;
  std::vector<GroupChange> groups;
  for (const auto& [key, name] : {std::pair<std::string, std::string>{"true", "de GGZ-aanbieders"},
                                  {"false", "de overige aanbieders"}}) {
    const std::optional<double> before = group_count(*then, key);
    const std::optional<double> after = group_count(*now, key);
    if (before && after) groups.push_back({name, *before, *after});
  }
  std::sort(groups.begin(), groups.end(), [](const GroupChange& a, const GroupChange& b) {
    return std::fabs(a.change()) > std::fabs(b.change());
  });
  if (groups.empty() || std::fabs(groups.front().change()) < kMoverMinimum) return std::nullopt;
  const GroupChange& big = groups.front();
  std::string text =
      fmt::format("{}: sinds het einde van het vorige kwartaal ({})", now->title_nl,
                  period_label_nl(Period{f.previous_quarter.to, f.previous_quarter.to}));
  Direction dir = direction_of(big.change());
  const std::optional<double> before = shown(then->total.value);
  const std::optional<double> after = shown(now->total.value);
  if (before && after) {
    dir = direction_of(*after - *before);
    text += fmt::format(" {} van {} naar {} wachtenden ({}),",
                        dir == Direction::kUp     ? "gestegen"
                        : dir == Direction::kDown ? "gedaald"
                                                  : "gelijk gebleven",
                        format_dutch(*before, 0), format_dutch(*after, 0),
                        signed_count(*after - *before));
  }
  text += fmt::format(" de grootste verandering bij {}: {} (van {} naar {})", big.name,
                      signed_count(big.change()), format_dutch(big.before, 0),
                      format_dutch(big.after, 0));
  if (groups.size() > 1)
    text += fmt::format("; bij {} {}", groups[1].name, signed_count(groups[1].change()));
  text += "." + judgement(now->better, dir);
  return Insight{
      now->id, InsightKind::kMovers, std::move(text), dir,
      change_class(now->better, dir) + strength(big.change() / std::max(big.before, 1.0))};
}

std::optional<Insight> forecast_insight(const InsightFigures& f) {
  const IndicatorResult* r = find(f.current, "finance.forecast");
  if (r == nullptr) return std::nullopt;
  const std::optional<double> costs = shown_part(r->total, "costs");
  const std::optional<double> income = shown_part(r->total, "income");
  const std::optional<double> result = shown_part(r->total, "result");
  if (!costs || !income || !result || (*costs == 0 && *income == 0)) return std::nullopt;
  const auto euro = [](double v) { return figure_text(v, Unit::kEuro); };
  const Direction dir = direction_of(*result);
  std::string outcome =
      dir == Direction::kFlat
          ? "kosten en inkomsten naar verwachting in evenwicht"
          : fmt::format("een verwacht {} van {}", dir == Direction::kDown ? "tekort" : "overschot",
                        euro(std::fabs(*result)));
  std::string text = fmt::format("{} {}: {} (verwachte kosten {}, inkomsten {}).", r->title_nl,
                                 f.period.to.civil().year, outcome, euro(*costs), euro(*income));
  const double weight = (dir == Direction::kDown ? kDeficit : kSurplus) +
                        strength(*result / std::max(std::fabs(*income), 1.0));
  return Insight{r->id, InsightKind::kForecast, std::move(text), dir, weight};
}

}  // namespace

std::string_view to_string(Direction direction) {
  switch (direction) {
    case Direction::kUp:
      return "up";
    case Direction::kDown:
      return "down";
    case Direction::kFlat:
      return "flat";
  }
  return "flat";
}

std::vector<Insight> make_insights(const InsightFigures& f) {
  std::vector<Insight> found;
  for (const IndicatorResult& r : f.current)
    if (auto i = norm_insight(r)) found.push_back(std::move(*i));
  for (const std::string& id : f.trend_indicators)
    if (const IndicatorResult* last = f.monthly.empty() ? nullptr : find(f.monthly.back(), id))
      if (auto i = trend_insight(f, *last)) found.push_back(std::move(*i));
  if (auto i = movers_insight(f)) found.push_back(std::move(*i));
  if (auto i = forecast_insight(f)) found.push_back(std::move(*i));
  // One sentence per indicator and kind: the weightiest.
  std::map<std::pair<std::string, InsightKind>, Insight> unique;
  for (Insight& i : found) {
    auto [it, added] = unique.try_emplace({i.indicator, i.kind}, i);
    if (!added && i.weight > it->second.weight) it->second = std::move(i);
  }
  std::vector<Insight> out;
  out.reserve(unique.size());
  for (auto& [key, i] : unique) out.push_back(std::move(i));
  std::stable_sort(out.begin(), out.end(),
                   [](const Insight& a, const Insight& b) { return a.weight > b.weight; });
  return out;
}

nlohmann::json insights_json(const std::vector<Insight>& insights) {
  nlohmann::json list = nlohmann::json::array();
  for (const Insight& i : insights)
    list.push_back({{"indicator", i.indicator},
                    {"text", i.text},
                    {"direction", std::string(to_string(i.direction))},
                    {"weight", std::round(i.weight * 1000) / 1000}});
  return list;
}

}  // namespace rk::engine
