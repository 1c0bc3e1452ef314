#include "calendar/workdays.hpp"

#include <algorithm>
#include <array>
#include <memory>
#include <mutex>
#include <vector>

namespace rk {
namespace {

// Number of Monday..Friday days d <= x, counted from the Monday 1969-12-29 (day -3); the
// difference of two values is exact for any pair, also before that Monday (floor division).
int64_t weekdays_through(Date x) {
  const int64_t k = int64_t{x.days} + 3;  // days since that Monday
  int64_t weeks = k / 7;
  int64_t rest = k % 7;
  if (rest < 0) {
    rest += 7;
    --weeks;
  }
  return weeks * 5 + std::min<int64_t>(rest + 1, 5);
}

bool is_weekend(Date d) { return d.iso_weekday() >= 6; }

class CumulativeTable {
 public:
  explicit CumulativeTable(HolidayOptions options) {
    const int32_t size = WorkingDays::kTableLast - WorkingDays::kTableFirst + 1;
    std::vector<uint8_t> working(static_cast<size_t>(size));
    for (int32_t i = 0; i < size; ++i)
      working[i] = is_weekend(WorkingDays::kTableFirst + i) ? 0 : 1;
    const int first_year = WorkingDays::kTableFirst.civil().year;
    const int last_year = WorkingDays::kTableLast.civil().year;
    for (int year = first_year; year <= last_year; ++year) {
      for (const Holiday& h : holidays_in_year(year, options))
        working[static_cast<size_t>(h.date - WorkingDays::kTableFirst)] = 0;
    }
    cumulative_.resize(static_cast<size_t>(size));
    int32_t running = 0;
    for (int32_t i = 0; i < size; ++i) {
      running += working[static_cast<size_t>(i)];
      cumulative_[static_cast<size_t>(i)] = running;
    }
  }
  const int32_t* data() const { return cumulative_.data(); }

 private:
  std::vector<int32_t> cumulative_;
};

const int32_t* shared_table(HolidayOptions options) {
  static std::array<std::once_flag, 4> built;
  static std::array<std::unique_ptr<const CumulativeTable>, 4> tables;
  const size_t slot = (options.good_friday ? 2 : 0) + (options.liberation_day ? 1 : 0);
  std::call_once(built[slot],
                 [&] { tables[slot] = std::make_unique<const CumulativeTable>(options); });
  return tables[slot]->data();
}

}  // namespace

int32_t count_workdays_uncached(Date a, Date b, HolidayOptions options) {
  if (b <= a) return 0;
  auto count = static_cast<int32_t>(weekdays_through(b) - weekdays_through(a));
  const int first_year = (a + 1).civil().year;
  const int last_year = b.civil().year;
  for (int year = first_year; year <= last_year; ++year) {
    const auto holidays = holidays_in_year(year, options);  // sorted by date
    for (size_t i = 0; i < holidays.size(); ++i) {
      const Date d = holidays[i].date;
      const bool repeated = i > 0 && holidays[i - 1].date == d;
      if (!repeated && a < d && d <= b && !is_weekend(d)) --count;
    }
  }
  return count;
}

WorkingDays::WorkingDays(HolidayOptions options)
    : options_(options), cumulative_(shared_table(options)) {}

bool WorkingDays::is_working_day(Date date) const {
  if (date >= kTableFirst && date <= kTableLast) {
    const int32_t i = date - kTableFirst;
    return cumulative_[i] - (i > 0 ? cumulative_[i - 1] : 0) == 1;
  }
  return !is_weekend(date) && !is_holiday(date, options_);
}

int32_t WorkingDays::workdays_outside_table(Date a, Date b) const {
  // (a, b] splits at the table's edges; the part inside uses the table.
  int32_t count = 0;
  if (a < kTableFirst) {
    const Date edge = std::min(b, kTableFirst);
    count += count_workdays_uncached(a, edge, options_);
    a = edge;
  }
  if (b > kTableLast) {
    const Date edge = std::max(a, kTableLast);
    count += count_workdays_uncached(edge, b, options_);
    b = edge;
  }
  if (a < b) count += workdays(a, b);
  return count;
}

Date WorkingDays::add_workdays(Date date, int n) const {
  // Steps day by day: n is small in practice (a handful of working days), and each step is O(1).
  const int32_t step = n > 0 ? 1 : -1;
  int remaining = n > 0 ? n : -n;
  while (remaining > 0) {
    date = date + step;
    if (is_working_day(date)) --remaining;
  }
  return date;
}

}  // namespace rk
