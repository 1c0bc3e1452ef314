// Internal to the report model: the Builder that chapters use to look up results of both periods,
// format cells and make comparison tables and charts. Not part of the public API.
#pragma once

#include <set>
#include <string>
#include <string_view>

#include "report/model.hpp"

namespace rk::report {

// Series colours of the two periods in every comparison chart.
inline constexpr Color kPreviousColor{0x9d, 0xb7, 0xd5};
inline constexpr Color kCurrentColor{0x0b, 0x4f, 0x8a};

// The units' decimals, words and norm texts are the engine's (render.hpp), shared with the
// insights' sentences.
using engine::display_decimals;
using engine::norm_text;
using engine::unit_word;
// A status as a table cell: its Dutch word (engine::status_nl) coloured, or "–" without a status.
Cell status_cell(NormStatus status);

class Builder {
 public:
  explicit Builder(const ReportInput& input);

  // The result of `id` for the period (nullptr when the scope leaves it out); marks it placed.
  const engine::IndicatorResult* cur(std::string_view id);
  const engine::IndicatorResult* prev(std::string_view id) const;
  [[nodiscard]] const ReportInput& input() const { return in_; }
  [[nodiscard]] const std::set<std::string>& placed() const { return placed_; }
  [[nodiscard]] const std::string& label() const { return label_; }  // this period
  [[nodiscard]] const std::string& previous_label() const { return previous_label_; }

  // The Dutch name of `code` in `dimension` (engine::Vocabulary::code): a municipality's,
  // area's, provider's or project's name, or an enum value's word.
  [[nodiscard]] std::string name(std::string_view dimension, std::string_view code) const;

  // A number as a cell: "<5" / "–" when suppressed, "n.b." when there is no value.
  static Cell number_cell(const std::optional<engine::Number>& n, engine::Unit unit,
                          int decimals = -1);
  // A figure's value, or its named part (`values`) when `part` is given.
  static Cell figure_cell(const engine::Figure* f, engine::Unit unit, std::string_view part = {},
                          int decimals = -1);
  static const engine::Figure* cell_of(const engine::IndicatorResult* r, std::string_view dim,
                                       std::string_view key);

  // A two-column comparison table: label | this period | previous period.
  [[nodiscard]] Table compare_table(std::string id, std::string caption,
                                    std::string first_column = "") const;
  // Adds "title | current | previous" for the total of `id` (or its part); nothing when absent.
  void total_row(Table& t, std::string_view id, std::string label = "", std::string_view part = {});
  // One comparison row per key of the breakdown `dim` of `id` (keys of both periods).
  Table breakdown_table(std::string_view id, std::string_view dim, std::string caption,
                        std::string first_column, bool with_total = true);
  // Series of `id` over the previous and the current period as one chart.
  Chart series_chart(std::string_view id, ChartKind kind, std::string title,
                     std::string_view part = {});

 private:
  const ReportInput& in_;
  std::string label_;
  std::string previous_label_;
  std::set<std::string> placed_;
};

// Chapters, in report order (chapters_*.cpp).
Chapter chapter_summary(Builder& b);
Chapter chapter_clients(Builder& b);
Chapter chapter_requests(Builder& b);
Chapter chapter_lead_times(Builder& b);
Chapter chapter_waitlist(Builder& b);
Chapter chapter_care(Builder& b);
Chapter chapter_family_plans(Builder& b);
Chapter chapter_satisfaction(Builder& b);
Chapter chapter_complaints(Builder& b);
Chapter chapter_money(Builder& b);
Chapter chapter_staffing(Builder& b);
Chapter chapter_manual(Builder& b);
Chapter chapter_projects(Builder& b);
Chapter chapter_other(Builder& b);

// Block constructors.
Block paragraph(std::string text);
Block table_block(Table t);
Block chart_block(Chart c);
Block tiles_block(std::vector<Chart> tiles);
Block list_block(std::vector<std::string> items);

}  // namespace rk::report
