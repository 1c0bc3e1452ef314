// Working days: Monday to Friday except Dutch national holidays (spec "Working days").
// `workdays(a, b)` runs in constant time inside 1900..2200 from a prefix-count table that is built
// once per HolidayOptions and shared by every WorkingDays object; outside that range it computes.
#pragma once

#include <cstdint>

#include "calendar/date.hpp"
#include "calendar/holidays.hpp"

namespace rk {

class WorkingDays {
 public:
  // The table covers [kTableFirst, kTableLast]; any Date works, outside it is only slower.
  static constexpr Date kTableFirst{-25567};  // 1900-01-01
  static constexpr Date kTableLast{84370};    // 2200-12-31

  // Builds (on first use for these options, thread-safely) or reuses the shared table.
  explicit WorkingDays(HolidayOptions options = {});

  [[nodiscard]] HolidayOptions options() const { return options_; }

  // True when `date` is Monday..Friday and not a holiday.
  [[nodiscard]] bool is_working_day(Date date) const;

  // Returns the number of working days d with a < d <= b; 0 when b <= a (never negative).
  [[nodiscard]] int32_t workdays(Date a, Date b) const {
    if (b <= a) return 0;
    if (a >= kTableFirst && b <= kTableLast)
      return cumulative_[b.days - kTableFirst.days] - cumulative_[a.days - kTableFirst.days];
    return workdays_outside_table(a, b);
  }

  // Returns the working day that is the n-th after `date` (n > 0), i.e. the smallest e with
  // workdays(date, e) == n; the n-th working day before `date` (n < 0); `date` itself when n == 0.
  // The result is always a working day unless n == 0.
  [[nodiscard]] Date add_workdays(Date date, int n) const;

 private:
  [[nodiscard]] int32_t workdays_outside_table(Date a, Date b) const;

  HolidayOptions options_;
  const int32_t* cumulative_;  // non-owning view of the shared table; [i] = working days in
                               // [kTableFirst, kTableFirst + i]
};

// Reference implementation without the table: counts weekdays arithmetically and subtracts the
// holidays on weekdays in (a, b], year by year. Returns 0 when b <= a. Used outside the table's
// range and by tests.
int32_t count_workdays_uncached(Date a, Date b, HolidayOptions options = {});

}  // namespace rk
