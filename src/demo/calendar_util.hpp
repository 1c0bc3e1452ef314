// Day arithmetic the generator needs on plain day numbers (days since 1970-01-01): weekdays,
// working days, the seasonal pattern of care requests and the calendar months of the window.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "calendar/date.hpp"

namespace rk::demo {

// ISO weekday: 1 = Monday ... 7 = Sunday.
inline unsigned weekday(int32_t day) { return Date{day}.iso_weekday(); }

// The day `n` working days (Monday-Friday) after `day`; `day` itself when n = 0.
inline int32_t add_workdays(int32_t day, int n) {
  while (n > 0) {
    ++day;
    if (weekday(day) <= 5) --n;
  }
  return day;
}

// Relative number of care requests received per calendar month (per mille of an average month):
// fewer in the summer holidays and around Christmas, more in spring and autumn.
inline uint32_t season_per_mille(unsigned month) {
  static constexpr uint32_t kSeason[12] = {960, 1010, 1090, 1110, 1060, 1070,
                                           830, 560,  1000, 1090, 1110, 820};
  return kSeason[month - 1];
}

// Request activity over the calendar: each day weighs its month's season and its weekday (few
// requests arrive in the weekend). Moving along this clock instead of along plain days gives
// every generated request, also a client's third or fourth, the seasonal pattern.
class SeasonClock {
 public:
  // Covers the days [from, to]; days outside are clamped to it.
  SeasonClock(int32_t from, int32_t to) : from_(from) {
    cumulative_.reserve(static_cast<size_t>(to - from) + 2);
    cumulative_.push_back(0);
    for (int32_t d = from; d <= to; ++d) {
      const unsigned wd = weekday(d);
      const uint64_t day_weight = wd <= 5 ? 1000 : (wd == 6 ? 60 : 40);
      cumulative_.push_back(cumulative_.back() +
                            day_weight * season_per_mille(Date{d}.civil().month) / 1000);
    }
    average_ = cumulative_.back() / (cumulative_.size() - 1);
  }
  [[nodiscard]] int32_t from() const { return from_; }
  [[nodiscard]] int32_t to() const { return from_ + static_cast<int32_t>(cumulative_.size()) - 2; }
  // Activity before `day` (from the start of the clock).
  [[nodiscard]] uint64_t position(int32_t day) const {
    const int64_t i =
        std::clamp<int64_t>(int64_t{day} - from_, 0, static_cast<int64_t>(cumulative_.size()) - 1);
    return cumulative_[static_cast<size_t>(i)];
  }
  [[nodiscard]] uint64_t total() const { return cumulative_.back(); }
  // The day on which the activity `position` is reached; to() + 1 past the end.
  [[nodiscard]] int32_t day_at(uint64_t position) const {
    const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), position);
    return from_ + static_cast<int32_t>(it - cumulative_.begin()) - 1;
  }
  // The day `days` average days of activity after `day`.
  [[nodiscard]] int32_t advance(int32_t day, int32_t days) const {
    return day_at(position(day) + static_cast<uint64_t>(days) * average_);
  }

 private:
  int32_t from_;
  std::vector<uint64_t> cumulative_;
  uint64_t average_ = 1;
};

// The calendar months overlapping [first, last], with the day each one starts.
class Months {
 public:
  Months(int32_t first, int32_t last) {
    const CivilDate c = Date{first}.civil();
    int y = c.year;
    unsigned m = c.month;
    while (true) {
      const int32_t start = Date::from_civil(y, m, 1).days;
      if (start > last) break;
      starts_.push_back(start);
      if (++m > 12) {
        m = 1;
        ++y;
      }
    }
    starts_.push_back(Date::from_civil(y, m, 1).days);  // sentinel: start of the next month
  }
  [[nodiscard]] int count() const { return static_cast<int>(starts_.size()) - 1; }
  [[nodiscard]] int32_t start(int i) const { return starts_[static_cast<size_t>(i)]; }
  [[nodiscard]] int32_t end(int i) const { return starts_[static_cast<size_t>(i) + 1] - 1; }
  [[nodiscard]] int year(int i) const { return Date{start(i)}.civil().year; }
  // Index of the month holding `day`; -1 before the window, count() after it.
  [[nodiscard]] int index_of(int32_t day) const {
    if (day < starts_.front()) return -1;
    int lo = 0;
    int hi = count();
    while (lo < hi) {
      const int mid = (lo + hi) / 2;
      if (starts_[static_cast<size_t>(mid) + 1] <= day) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

 private:
  std::vector<int32_t> starts_;
};

}  // namespace rk::demo
