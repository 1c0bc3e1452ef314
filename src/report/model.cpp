#include "report/model.hpp"

#include <algorithm>

#include "engine/disclosure.hpp"
#include "report/builder.hpp"

namespace rk::report {

bool Table::has_suppressed() const {
  return std::any_of(rows.begin(), rows.end(), [](const std::vector<Cell>& row) {
    return std::any_of(row.begin(), row.end(), [](const Cell& c) { return c.suppressed; });
  });
}

bool Report::has_suppressed() const {
  for (const auto& c : chapters)
    for (const auto& b : c.blocks)
      if (b.kind == Block::Kind::kTable && b.table.has_suppressed()) return true;
  return false;
}

std::string privacy_footnote() {
  return "<5: een aantal van 1 tot en met 4, afgeschermd om cliënten niet herkenbaar te maken. "
         "–: afgeschermd, omdat het cijfer op minder dan 10 waarnemingen berust of een "
         "afgeschermd cijfer zou verraden (privacyregel).";
}

Period previous_period(Period period) {
  const std::string key = period_key(period);
  const Date last = period.from + -1;
  const CivilDate c = last.civil();
  auto range = [&](Date from) { return Period{from, last}; };
  if (key.size() == 4) return range(Date::from_civil(c.year, 1, 1));  // 2020
  if (key.size() == 6 && key[4] == 'H')                               // 2020H2
    return range(Date::from_civil(c.year, c.month <= 6 ? 1 : 7, 1));
  if (key.size() == 6 && key[4] == 'Q') return range(first_day_of_quarter(last));  // 2020Q3
  if (key.size() == 7 && key[4] == '-') return range(first_day_of_month(last));    // 2020-11
  // An ISO week and any other range: the equally long range just before.
  return Period{period.from + -period.days(), last};
}

Report build_report(const ReportInput& input) {
  Builder b(input);
  Report r;
  r.title = "Halfjaarrapportage jeugdhulp";
  const std::string key = period_key(input.period);
  if (key.size() == 4) r.title = "Jaarrapportage jeugdhulp";
  if (key.size() == 6 && key[4] == 'Q') r.title = "Kwartaalrapportage jeugdhulp";
  if (key.size() == 7 && key[4] == '-') r.title = "Maandrapportage jeugdhulp";
  if (key.find("..") != std::string::npos || key.find('W') != std::string::npos)
    r.title = "Rapportage jeugdhulp";
  r.period_label = b.label();
  r.previous_label = b.previous_label();
  if (input.scope.municipality) {
    r.scope_label = "gemeente " + b.name("municipality", *input.scope.municipality);
  } else {
    std::vector<std::string> names;
    for (const auto& res : input.current)
      if (res.id == "clients.total")
        for (const auto& d : res.breakdowns)
          if (d.dimension == "municipality")
            for (const auto& cell : d.cells) names.push_back(b.name("municipality", cell.first));
    std::sort(names.begin(), names.end());
    std::string joined;
    for (size_t i = 0; i < names.size(); ++i)
      joined += (i == 0 ? "" : i + 1 == names.size() ? " en " : ", ") + names[i];
    r.scope_label = names.empty() ? "alle gemeenten" : "gemeenten " + joined;
  }
  for (const auto& [dimension, extra] : {std::pair{"area", &input.scope.area},
                                         {"quadrant", &input.scope.quadrant},
                                         {"provider", &input.scope.provider}})
    if (*extra) r.scope_label += ", " + b.name(dimension, **extra);
  switch (input.role) {
    case engine::Role::kAnalyst:
      r.role_label = "analist (alle cijfers, niet voor publicatie)";
      break;
    case engine::Role::kMunicipality:
      r.role_label = "gemeente. " + std::string(engine::disclosure_note(input.role));
      break;
    case engine::Role::kPublic:
      r.role_label = "openbaar. " + std::string(engine::disclosure_note(input.role));
      break;
  }
  r.subtitle = r.period_label + " · " + r.scope_label;
  r.generated_on = input.generated_on;
  if (auto it = input.texts.find("inleiding"); it != input.texts.end()) r.introduction = it->second;
  for (Chapter (*make)(Builder&) :
       {chapter_summary, chapter_clients, chapter_requests, chapter_lead_times, chapter_waitlist,
        chapter_care, chapter_family_plans, chapter_satisfaction, chapter_complaints, chapter_money,
        chapter_staffing, chapter_manual, chapter_projects, chapter_other}) {
    Chapter c = make(b);
    if (auto it = input.texts.find(c.id); it != input.texts.end()) c.narrative = it->second;
    if (c.blocks.empty() && c.narrative.empty()) continue;
    r.chapters.push_back(std::move(c));
  }
  r.closing = input.closing;
  return r;
}

}  // namespace rk::report
