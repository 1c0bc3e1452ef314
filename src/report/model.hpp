// The report model: chapters of paragraphs, tables, charts and KPI tiles, built from the engine's
// results for a period and the previous period of equal kind. The HTML and PDF renderers read only
// this model, so both documents always show the same figures.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "calendar/period.hpp"
#include "engine/insights.hpp"
#include "engine/labels.hpp"
#include "engine/query.hpp"
#include "engine/render.hpp"
#include "engine/result.hpp"
#include "report/chart.hpp"

namespace rk::report {

struct Cell {
  std::string text;
  bool numeric = false;     // right-aligned
  bool suppressed = false;  // "<5" or "–" under the privacy rule
  bool emphasis = false;    // a total row
  NormStatus status = NormStatus::kNone;
};

struct Table {
  std::string id;  // e.g. "clients.cbs": lets tests and readers find a table
  std::string caption;
  std::vector<std::string> header;
  std::vector<std::vector<Cell>> rows;
  std::string note;  // a line under the table (explanation, not the privacy footnote)
  [[nodiscard]] bool has_suppressed() const;
};

struct Block {
  enum class Kind : uint8_t { kParagraph, kTable, kChart, kTiles, kList };
  Kind kind = Kind::kParagraph;
  std::string text;                // paragraph (plain text)
  std::vector<std::string> items;  // list (plain text, one item each)
  Table table;                     // table
  std::vector<Chart> charts;       // chart (one) or tiles (several)
};

struct Chapter {
  std::string id;         // also the name of its text file: <id>.md
  std::string title;      // "Cliënten"
  std::string narrative;  // Markdown from the texts directory; empty when none
  std::vector<Block> blocks;
};

// Frozen figures of a closed period (filled by the period-closing feature; rendered when set).
struct Closing {
  struct Difference {
    std::string indicator;
    std::string figure;
    std::string frozen;
    std::string current;
  };
  std::string closed_at;
  std::string content_hash;
  std::vector<Difference> differences;
};

struct Report {
  std::string title;     // "Halfjaarrapportage jeugdhulp"
  std::string subtitle;  // period and scope in words
  std::string period_label;
  std::string previous_label;
  std::string scope_label;  // "Heerlen, Landgraaf en Voerendaal" or one municipality
  std::string role_label;
  std::string generated_on;  // YYYY-MM-DD
  std::string introduction;  // Markdown (inleiding.md); empty when none
  std::vector<Chapter> chapters;
  std::optional<Closing> closing;
  [[nodiscard]] bool has_suppressed() const;
};

// Everything the model is built from. Results have passed the disclosure layer for `role`.
struct ReportInput {
  Period period;
  Period previous;
  std::vector<engine::IndicatorResult> current;
  std::vector<engine::IndicatorResult> previous_results;
  engine::Role role = engine::Role::kAnalyst;
  engine::ScopeText scope;
  engine::Vocabulary vocabulary;             // the names of codes (engine/labels.hpp)
  std::map<std::string, std::string> texts;  // chapter id or "inleiding" -> Markdown
  // The insights of the period for `role` (engine/insights.hpp), most important first: the same
  // sentences as GET /api/insights; shown in the summary.
  std::vector<engine::Insight> insights;
  std::optional<Closing> closing;
  std::string generated_on;
};

// The previous period of equal kind: H2 -> H1, year -> previous year, quarter -> previous
// quarter, month -> previous month, ISO week -> previous week, any other range -> the equally long
// range just before it.
Period previous_period(Period period);

// Builds the report model. Indicators missing from the results (left out for the scope) leave
// their rows and charts out; an indicator no chapter places goes to "Overige indicatoren".
Report build_report(const ReportInput& input);

// The privacy footnote shown under a table with suppressed cells.
std::string privacy_footnote();

}  // namespace rk::report
