// The flat rows of GET /api/rows: the figures of flatten() with their Dutch names, for Power BI
// and Excel ("get data from web").
#include <array>
#include <cmath>

#include "calendar/period.hpp"
#include "engine/labels.hpp"
#include "util/csv.hpp"

namespace rk::engine {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 10> kColumns = {
    "indicator", "title", "unit", "part", "dimension", "key", "label", "value", "status", "period"};

// One row's cells: text, or a number, or "<5", or nothing (suppressed or empty).
struct RowCells {
  std::array<std::string, 10> text;  // by kColumns; the value column is text for "<5" and texts
  std::optional<double> number;      // the value when it is a number
  bool has_status = false;
};

RowCells cells(const FlatRow& r, const std::string& title, const std::string& period,
               const Vocabulary& vocabulary) {
  RowCells c;
  c.text = {r.indicator,
            title,
            std::string(to_string(r.unit)),
            r.part,
            r.dimension,
            r.key,
            vocabulary.key(r),
            "",
            "",
            period};
  // A textual cell in Dutch, or "<5"; otherwise the number unless suppressed.
  if (!r.text.empty() || r.value.below_five) {
    c.text[7] = r.text.empty() ? std::string("<5") : text_nl(r.text).value_or(r.text);
  } else if (r.value.value && !r.value.suppressed) {
    c.number = *r.value.value;
  }
  if (r.status) {
    c.text[8] = std::string(status_nl(*r.status));
    c.has_status = true;
  }
  return c;
}

template <typename Emit>
void each_row(const DocumentHeader& header, const std::vector<IndicatorResult>& results,
              const Vocabulary& vocabulary, Emit&& emit) {
  const std::string period = period_key(Period{header.from, header.to});
  std::string title;
  std::string id;
  for (const FlatRow& r : flatten(results)) {
    if (r.indicator != id) {
      id = r.indicator;
      for (const IndicatorResult& result : results)
        if (result.id == id) title = result.title_nl;
    }
    emit(cells(r, title, period, vocabulary));
  }
}

}  // namespace

json rows_json(const DocumentHeader& header, const std::vector<IndicatorResult>& results,
               const Vocabulary& vocabulary) {
  json rows = json::array();
  each_row(header, results, vocabulary, [&rows](const RowCells& c) {
    json row = json::object();
    for (size_t i = 0; i < kColumns.size(); ++i) row[std::string(kColumns[i])] = c.text[i];
    if (c.number) {
      const double v = *c.number;
      row["value"] = std::isfinite(v) && v == std::trunc(v) && std::fabs(v) < 9.0e15
                         ? json(static_cast<int64_t>(v))
                         : json(v);
    } else if (c.text[7].empty()) {
      row["value"] = nullptr;
    }
    if (!c.has_status) row["status"] = nullptr;
    rows.push_back(std::move(row));
  });
  return rows;
}

std::string rows_csv(const DocumentHeader& header, const std::vector<IndicatorResult>& results,
                     const Vocabulary& vocabulary) {
  std::string out;
  for (size_t i = 0; i < kColumns.size(); ++i)
    out += (i == 0 ? "" : ",") + std::string(kColumns[i]);
  out += '\n';
  each_row(header, results, vocabulary, [&out](const RowCells& c) {
    for (size_t i = 0; i < kColumns.size(); ++i) {
      if (i > 0) out += ',';
      // Figures are numbers the program formats; every other cell is text and is neutralised.
      out += i == 7 && c.number ? plain_number(*c.number) : util::csv_text(c.text[i]);
    }
    out += '\n';
  });
  return out;
}

}  // namespace rk::engine
