#include "calendar/period.hpp"

#include <array>

#include <fmt/format.h>

namespace rk {
namespace {

constexpr std::array<std::string_view, 12> kMonthNames = {
    "januari", "februari", "maart",     "april",   "mei",      "juni",
    "juli",    "augustus", "september", "oktober", "november", "december"};
constexpr std::array<std::string_view, 12> kMonthAbbreviations = {
    "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"};

constexpr int kMinYear = 1900;  // as parse_date

// Reads `n` ASCII digits at `pos`; false when they are not all there.
bool read_number(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

bool is_letter(char c, char upper) { return c == upper || c == upper - 'A' + 'a'; }

unsigned quarter_of(unsigned month) { return (month - 1) / 3 + 1; }

Period year_period(int year) {
  return {Date::from_civil(year, 1, 1), Date::from_civil(year, 12, 31)};
}

Period half_period(int year, unsigned half) {
  return half == 1 ? Period{Date::from_civil(year, 1, 1), Date::from_civil(year, 6, 30)}
                   : Period{Date::from_civil(year, 7, 1), Date::from_civil(year, 12, 31)};
}

Period quarter_period(int year, unsigned quarter) {
  const Date first = Date::from_civil(year, quarter * 3 - 2, 1);
  return {first, last_day_of_quarter(first)};
}

Period month_period(Date first) { return {first, last_day_of_month(first)}; }

Period week_period(int year, unsigned week) {
  const Date monday = iso_week_monday(year, week);
  return {monday, monday + 6};
}

// `YYYY` followed by a letter and a number of `digits` digits in [1, max], e.g. 2020Q3.
std::optional<std::pair<int, unsigned>> read_year_letter_number(std::string_view text, size_t at,
                                                                char letter, unsigned max) {
  int year = 0;
  int number = 0;
  const size_t digits = max >= 10 ? 2 : 1;
  if (text.size() != at + 1 + digits || !is_letter(text[at], letter)) return std::nullopt;
  if (!read_number(text, 0, 4, year) || !read_number(text, at + 1, digits, number))
    return std::nullopt;
  if (year < kMinYear || number < 1 || static_cast<unsigned>(number) > max) return std::nullopt;
  return std::make_pair(year, static_cast<unsigned>(number));
}

std::optional<Period> parse_week(std::string_view text) {
  const size_t at = text.size() == 8 ? 5 : 4;  // 2020-W05 or 2020W05
  if (at == 5 && text[4] != '-') return std::nullopt;
  const auto yw = read_year_letter_number(text, at, 'W', 53);
  if (!yw || yw->second > iso_weeks_in_year(yw->first)) return std::nullopt;
  return week_period(yw->first, yw->second);
}

std::optional<Period> parse_range(std::string_view text, size_t dots) {
  const auto from = parse_date(text.substr(0, dots));
  const auto to = parse_date(text.substr(dots + 2));
  if (!from || !to || *to < *from) return std::nullopt;
  return Period{*from, *to};
}

std::string short_date_nl(Date d) {
  const CivilDate c = d.civil();
  return fmt::format("{} {} {}", c.day, kMonthAbbreviations[c.month - 1], c.year);
}

}  // namespace

std::optional<Period> parse_period(std::string_view text) {
  if (const size_t dots = text.find(".."); dots != std::string_view::npos)
    return parse_range(text, dots);
  int year = 0;
  if (text.size() == 4) {
    if (!read_number(text, 0, 4, year) || year < kMinYear) return std::nullopt;
    return year_period(year);
  }
  if (text.size() == 7 && text[4] == '-' && !is_letter(text[5], 'W')) {
    const auto first = parse_month(text);
    if (!first) return std::nullopt;
    return month_period(*first);
  }
  if (text.size() == 6 && is_letter(text[4], 'H')) {
    const auto yh = read_year_letter_number(text, 4, 'H', 2);
    if (!yh) return std::nullopt;
    return half_period(yh->first, yh->second);
  }
  if (text.size() == 6 && is_letter(text[4], 'Q')) {
    const auto yq = read_year_letter_number(text, 4, 'Q', 4);
    if (!yq) return std::nullopt;
    return quarter_period(yq->first, yq->second);
  }
  if (text.size() == 7 || text.size() == 8) return parse_week(text);
  return std::nullopt;
}

std::string period_key(Period p) {
  const CivilDate c = p.from.civil();
  if (p == year_period(c.year)) return fmt::format("{:04d}", c.year);
  if (p == half_period(c.year, c.month <= 6 ? 1 : 2)) return half_key(p.from);
  if (p == quarter_period(c.year, quarter_of(c.month))) return quarter_key(p.from);
  if (p == month_period(first_day_of_month(p.from))) return month_key(p.from);
  const IsoWeek w = iso_week(p.from);
  if (p == week_period(w.year, w.week)) return iso_week_key(p.from);
  return fmt::format("{}..{}", p.from.to_string(), p.to.to_string());
}

std::string month_key(Date d) {
  const CivilDate c = d.civil();
  return fmt::format("{:04d}-{:02d}", c.year, c.month);
}

std::string quarter_key(Date d) {
  const CivilDate c = d.civil();
  return fmt::format("{:04d}Q{}", c.year, quarter_of(c.month));
}

std::string half_key(Date d) {
  const CivilDate c = d.civil();
  return fmt::format("{:04d}H{}", c.year, c.month <= 6 ? 1 : 2);
}

std::string iso_week_key(Date d) {
  const IsoWeek w = iso_week(d);
  return fmt::format("{:04d}-W{:02d}", w.year, w.week);
}

IsoWeek iso_week(Date d) {
  // The week belongs to the year of its Thursday.
  const Date thursday = d + (4 - static_cast<int32_t>(d.iso_weekday()));
  const int year = thursday.civil().year;
  const auto week = static_cast<unsigned>((thursday - Date::from_civil(year, 1, 1)) / 7 + 1);
  return {year, week};
}

Date iso_week_monday(int year, unsigned week) {
  // Week 1 is the week containing 4 January.
  const Date jan4 = Date::from_civil(year, 1, 4);
  const Date week1 = jan4 - static_cast<int32_t>(jan4.iso_weekday() - 1);
  return week1 + static_cast<int32_t>(7 * (week - 1));
}

unsigned iso_weeks_in_year(int year) {
  // 28 December is always in the last week of its week-year.
  return iso_week(Date::from_civil(year, 12, 28)).week;
}

Date first_day_of_month(Date d) {
  const CivilDate c = d.civil();
  return Date::from_civil(c.year, c.month, 1);
}

Date last_day_of_month(Date d) {
  const CivilDate c = d.civil();
  return Date::from_civil(c.year, c.month, days_in_month(c.year, c.month));
}

Date first_day_of_quarter(Date d) {
  const CivilDate c = d.civil();
  return Date::from_civil(c.year, quarter_of(c.month) * 3 - 2, 1);
}

Date last_day_of_quarter(Date d) {
  const CivilDate c = d.civil();
  const unsigned month = quarter_of(c.month) * 3;
  return Date::from_civil(c.year, month, days_in_month(c.year, month));
}

namespace {

// The calendar units (months, quarters) that overlap a period, each with its key: `first` gives the
// first day of the unit holding a date, `last` its last day, `key` its key.
std::vector<KeyedPeriod> units_overlapping(Period period, Date (*first_of)(Date),
                                           Date (*last_of)(Date), std::string (*key)(Date)) {
  std::vector<KeyedPeriod> result;
  if (period.to < period.from) return result;
  for (Date first = first_of(period.from); first <= period.to;) {
    const Date last = last_of(first);
    result.push_back({{first, last}, key(first)});
    first = last + 1;
  }
  return result;
}

}  // namespace

std::vector<KeyedPeriod> months_overlapping(Period period) {
  return units_overlapping(period, first_day_of_month, last_day_of_month, month_key);
}

std::vector<KeyedPeriod> quarters_overlapping(Period period) {
  return units_overlapping(period, first_day_of_quarter, last_day_of_quarter, quarter_key);
}

std::vector<KeyedPeriod> iso_weeks_overlapping(Period period) {
  std::vector<KeyedPeriod> result;
  if (period.to < period.from) return result;
  const Date first_monday = period.from - static_cast<int32_t>(period.from.iso_weekday() - 1);
  for (Date monday = first_monday; monday <= period.to; monday = monday + 7)
    result.push_back({{monday, monday + 6}, iso_week_key(monday)});
  return result;
}

std::string period_label_nl(Period p) {
  const CivilDate c = p.from.civil();
  if (p == year_period(c.year)) return fmt::format("{}", c.year);
  if (p == half_period(c.year, 1)) return fmt::format("1e halfjaar {}", c.year);
  if (p == half_period(c.year, 2)) return fmt::format("2e halfjaar {}", c.year);
  if (p == month_period(first_day_of_month(p.from)))
    return fmt::format("{} {}", kMonthNames[c.month - 1], c.year);
  const unsigned quarter = (c.month - 1) / 3 + 1;
  if (p == quarter_period(c.year, quarter)) return fmt::format("{}e kwartaal {}", quarter, c.year);
  const IsoWeek w = iso_week(p.from);
  if (p == week_period(w.year, w.week)) return fmt::format("week {} {}", w.week, w.year);
  if (p.from == p.to) return short_date_nl(p.from);
  return fmt::format("{} t/m {}", short_date_nl(p.from), short_date_nl(p.to));
}

}  // namespace rk
