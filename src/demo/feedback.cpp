#include "demo/feedback.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <string_view>

#include "demo/calendar_util.hpp"
#include "demo/care.hpp"
#include "model/contract.hpp"

namespace rk::demo {
namespace {

// A half-year or quarter of the window: its name ("2020H2", "2020Q4") and first and last day.
struct Period {
  std::string name;
  int year;
  int32_t first;
  int32_t last;
};

// The periods of `months_per_period` months (3 or 6) overlapping the window; with `whole_only`
// only those that end on or before the window's last day.
std::vector<Period> periods(const DatasetParams& p, unsigned months_per_period, bool whole_only) {
  std::vector<Period> out;
  for (int y = p.first_day.civil().year; y <= p.last_day.civil().year; ++y) {
    for (unsigned start = 1; start <= 12; start += months_per_period) {
      const unsigned end_month = start + months_per_period - 1;
      const int32_t first = Date::from_civil(y, start, 1).days;
      const int32_t last = Date::from_civil(y, end_month, days_in_month(y, end_month)).days;
      if (last < p.first_day.days || first > p.last_day.days) continue;
      if (whole_only && last > p.last_day.days) continue;
      const unsigned n = (start - 1) / months_per_period + 1;
      out.push_back({std::to_string(y) + (months_per_period == 6 ? "H" : "Q") + std::to_string(n),
                     y, std::max(first, p.first_day.days), std::min(last, p.last_day.days)});
    }
  }
  return out;
}

// Scales a per-4,000-clients figure (the demo's size) to the dataset's clients; at least 1.
uint64_t scaled(const DatasetParams& p, uint64_t per_demo) {
  return std::max<uint64_t>(1, p.clients * per_demo / 4000);
}

int32_t working_day(int32_t day) {
  const unsigned wd = weekday(day);
  return wd >= 6 ? day + static_cast<int32_t>(8 - wd) : day;
}

void period_id(CsvFile& f, std::string_view prefix, const Period& period, uint64_t n) {
  f.text(prefix).more(period.name).more("-").more_number(n, 4);
}

}  // namespace

void write_surveys(const World& world, const DatasetParams& p, CsvFile& surveys) {
  static constexpr std::array<std::string_view, 3> kDecided = {"yes", "partly", "no"};
  for (const Period& h : periods(p, 6, false)) {
    Rng rng(p.seed, Stream::kSurvey, static_cast<uint64_t>(h.first));
    // Seed §4.4: 203 opened the questionnaire, 129 completed it.
    const uint64_t count = scaled(p, 200) * static_cast<uint64_t>(rng.between(900, 1100)) / 1000;
    for (uint64_t n = 1; n <= count; ++n) {
      // The questionnaire goes out in the last six weeks of the half-year.
      const int32_t day = std::max(h.first, h.last - rng.between(0, 44));
      period_id(surveys, "S", h, n);
      surveys.date(day);
      if (rng.per_mille(900)) {
        surveys.text(world.municipalities[rng.pick(world.municipality_weights)].code);
      } else {
        surveys.empty();
      }
      const bool complete = rng.per_mille(640);
      surveys.boolean(complete);
      int answered = 8;
      if (complete) {
        surveys.integer(static_cast<int64_t>(rng.pick({5, 3, 5, 8, 15, 30, 100, 250, 330, 254})) +
                        1);
        surveys.integer(5 - static_cast<int64_t>(rng.pick({38, 42, 29, 8, 12})));
        surveys.text(kDecided[rng.pick({775, 140, 85})]);
      } else {
        surveys.empty().empty().empty();
        answered = rng.between(0, 5);
      }
      for (int s = 0; s < 8; ++s) {
        if (s < answered) {
          surveys.integer(static_cast<int64_t>(rng.pick({20, 40, 120, 400, 420})) + 1);
        } else {
          surveys.empty();
        }
      }
      surveys.end_row();
    }
  }
}

void write_staff_surveys(const DatasetParams& p, CsvFile& staff_surveys) {
  struct Item {
    std::string_view id;
    int mean_tenths;   // 2020 mean (seed §4.6)
    int trend_tenths;  // change per year
  };
  static constexpr std::array<Item, 7> kItems = {{{"interesting_work", 82, -1},
                                                  {"development", 73, 0},
                                                  {"information", 69, 3},
                                                  {"feel_at_home", 74, 1},
                                                  {"implementing_plans", 66, 0},
                                                  {"management_vision", 79, 2},
                                                  {"admin_burden", 58, 2}}};
  const uint64_t respondents = scaled(p, 100);
  for (int y = p.first_day.civil().year; y <= p.last_day.civil().year; ++y) {
    // The survey runs in December; a year whose December lies outside the window has none.
    if (Date::from_civil(y, 12, 1) > p.last_day) continue;
    Rng rng(p.seed, Stream::kStaffSurvey, static_cast<uint64_t>(y));
    for (uint64_t r = 1; r <= respondents; ++r) {
      if (!rng.per_mille(850)) continue;  // not everyone takes part every year
      for (const Item& item : kItems) {
        const int mean = std::clamp(item.mean_tenths + item.trend_tenths * (y - 2020), 10, 100);
        int score = mean / 10 + (rng.below(10) < static_cast<uint32_t>(mean % 10) ? 1 : 0);
        score += static_cast<int>(rng.pick({5, 10, 20, 30, 20, 10, 5})) - 3;
        staff_surveys.integer(y).text(item.id).text("E").more_number(r, 5);
        staff_surveys.integer(std::clamp(score, 1, 10)).end_row();
      }
    }
  }
}

void write_complaints(const DatasetParams& p, CsvFile& complaints) {
  for (const Period& h : periods(p, 6, false)) {
    Rng rng(p.seed, Stream::kComplaint, static_cast<uint64_t>(h.first));
    // Seed §5.5: 25 complaints in 2020-H2, 10 about referral, 7 about care.
    const uint64_t count = scaled(p, 22) * static_cast<uint64_t>(rng.between(800, 1200)) / 1000;
    for (uint64_t n = 1; n <= count; ++n) {
      const int32_t received = std::min(h.last, working_day(rng.between(h.first, h.last)));
      const int32_t response =
          add_workdays(received, rng.per_mille(920) ? rng.between(1, 5) : rng.between(6, 10));
      const int32_t closed = response + rng.between(3, 55);
      period_id(complaints, "K", h, n);
      complaints.date(received).text(
          model::kComplaintCategories[rng.pick({100, 70, 20, 30, 30, 10})]);
      complaints.date(response <= p.last_day.days ? response : kNoDay);
      complaints.boolean(rng.per_mille(30));
      complaints.date(closed <= p.last_day.days ? closed : kNoDay).end_row();
    }
  }
}

void write_family_audits(const DatasetParams& p, CsvFile& audits) {
  const int width = client_id_width(p.clients);
  for (const Period& q : periods(p, 3, false)) {
    Rng rng(p.seed, Stream::kAudit, static_cast<uint64_t>(q.first));
    const uint64_t count = scaled(p, 60);
    // Seed KPI 4: 28 % of dossiers without family plan in 2020, 41 % of multi-problem cases;
    // the share falls as family workers are added.
    const int factor = q.year <= 2019 ? 1200 : q.year == 2020 ? 1000 : q.year == 2021 ? 700 : 500;
    // The audit round takes place in the middle month of the quarter.
    const int32_t from = std::min(q.last, q.first + 31);
    const int32_t to = std::min(q.last, q.first + 58);
    for (uint64_t n = 1; n <= count; ++n) {
      const size_t case_type = rng.pick({450, 350, 200});
      const size_t director =
          case_type == 0 ? (rng.per_mille(850) ? 2 : 0) : rng.pick({750, 200, 50});
      static constexpr std::array<int, 3> kMissing = {230, 250, 410};
      const bool plan = !rng.per_mille(static_cast<uint32_t>(kMissing[case_type] * factor / 1000));
      const uint64_t client = 1 + rng.below(static_cast<uint32_t>(p.clients));
      period_id(audits, "A", q, n);
      audits.date(std::min(q.last, working_day(rng.between(from, to))));
      audits.id("F", family_of(p.seed, client), width);
      audits.text(model::kCaseTypes[case_type])
          .text(model::kDirectors[director])
          .boolean(plan)
          .end_row();
    }
  }
}

void write_measurements(const World& world, const DatasetParams& p, CsvFile& measurements) {
  int index = 0;
  for (const Period& h : periods(p, 6, true)) {
    Rng rng(p.seed, Stream::kMeasurement, static_cast<uint64_t>(h.first));
    // Seed §4.7: about 85 % trained in the reporting code by the end of 2020, rising.
    const int trained = std::min(980, 600 + 60 * index);
    const auto row = [&](std::string_view indicator, const Municipality* m, int64_t tenths) {
      measurements.text(indicator).text(h.name);
      if (m != nullptr) {
        measurements.text(m->code);
      } else {
        measurements.empty();
      }
      measurements.decimal1(std::clamp<int64_t>(tenths, 0, 1000));
      if (rng.per_mille(100)) {
        measurements.text(rng.per_mille(500) ? "steekproef" : "schatting");
      } else {
        measurements.empty();
      }
      measurements.end_row();
    };
    row("safety.reporting_code_trained", nullptr, trained + rng.between(-15, 15));
    for (const Municipality& m : world.municipalities) {
      row("safety.reporting_code_trained", &m, trained + rng.between(-40, 40));
      row("vision.recognised", &m, rng.between(700, 880));
      row("safety.veilig_thuis_taken_up", &m, rng.between(880, 1000));
    }
    ++index;
  }
}

void write_projects(const World& world, const DatasetParams& p, CsvFile& projects,
                    CsvFile& results) {
  struct Project {
    std::string_view id, name, target_group, goal;
    Date started, embedded;      // embedded: days == 0 when not (yet) embedded
    std::array<int, 4> heerlen;  // children_reached, staff, directly_involved, outflow_regular
  };
  static const std::array<Project, 6> kProjects = {{
      {"PSZ-PLUS",
       "Peuterspeelzaal Plus",
       "Kinderen van 2 tot 4 jaar die extra ondersteuning nodig hebben",
       "Naar de reguliere peuterspeelzaal in plaats van een speciale voorziening",
       Date::from_civil(2019, 3, 1),
       Date::from_civil(2020, 12, 31),
       {237, 23, 32, 5}},
      {"STARTKLAS",
       "Startklassen",
       "Kinderen van 4 tot 8 jaar met een onderwijsbehoefte",
       "Onderwijs en zorg samen in de eigen buurtschool",
       Date::from_civil(2019, 8, 19),
       Date{},
       {43, 4, 43, 6}},
      {"MBO-TEAMS",
       "MBO teams",
       "Studenten in het MBO met een hulpvraag",
       "Voortijdig schoolverlaten voorkomen met hulp op school",
       Date::from_civil(2019, 9, 2),
       Date::from_civil(2021, 7, 1),
       {129, 6, 82, 30}},
      {"ROOTZ",
       "ROOTZ",
       "Kinderen met complexe gedrags- en ontwikkelingsvragen",
       "Behandeling dichtbij huis in plaats van in een specialistische voorziening",
       Date::from_civil(2019, 5, 1),
       Date{},
       {13, 3, 13, 2}},
      {"GGZ-BUURT",
       "GGZ in de buurt",
       "Jeugdigen met lichte psychische klachten",
       "GGZ-hulp van K3 naar K2 en K1",
       Date::from_civil(2020, 1, 6),
       Date{},
       {60, 5, 25, 10}},
      {"FLOW",
       "FLOW",
       "Jeugdigen met vragen over hun ontwikkeling bij de instroom",
       "Verlengde instroom met vraagverheldering en testdiagnostiek in K2",
       Date::from_civil(2020, 2, 3),
       Date::from_civil(2021, 12, 1),
       {40, 4, 18, 12}},
  }};
  static constexpr std::array<std::string_view, 4> kMeasures = {
      "children_reached", "staff", "directly_involved", "outflow_regular"};
  const std::vector<Period> halves = periods(p, 6, true);
  for (size_t j = 0; j < kProjects.size(); ++j) {
    const Project& pr = kProjects[j];
    if (pr.started > p.last_day) continue;
    projects.text(pr.id).text(pr.name).text(pr.target_group).text(pr.goal).date(pr.started.days);
    projects.date(pr.embedded.days != 0 && pr.embedded <= p.last_day ? pr.embedded.days : kNoDay);
    projects.end_row();
    Rng rng(p.seed, Stream::kProject, j);
    for (const Period& h : halves) {
      if (h.last < pr.started.days) continue;
      const bool first_half = h.first <= pr.started.days;  // still starting up
      for (size_t m = 0; m < world.municipalities.size(); ++m) {
        // The JENS municipalities run every project; elsewhere about a third do.
        if (m >= 3 && !Rng(p.seed, Stream::kProject, 1000 * m + j).per_mille(330)) continue;
        const Municipality& mu = world.municipalities[m];
        for (size_t k = 0; k < kMeasures.size(); ++k) {
          const int64_t base = int64_t{pr.heerlen[k]} * mu.weight / 1473;
          int64_t value = base * rng.between(800, 1200) / 1000;
          if (first_half) value /= 2;
          results.text(pr.id).text(h.name).text(mu.code).text(kMeasures[k]).integer(value);
          results.end_row();
        }
      }
    }
  }
}

}  // namespace rk::demo
