#include "calendar/timezone.hpp"

namespace rk {
namespace {

constexpr int64_t kHour = 3600;
constexpr int64_t kDay = 86400;

// The last Sunday of `month` in `year`.
Date last_sunday(int year, unsigned month) {
  const Date last = Date::from_civil(year, month, days_in_month(year, month));
  return last - static_cast<int32_t>(last.iso_weekday() % 7);
}

// Both changes happen at 01:00 UTC: summer time runs over [start, end) in UTC seconds.
struct SummerTime {
  int64_t start_utc;
  int64_t end_utc;
};

SummerTime summer_time(int year) {
  return {int64_t{last_sunday(year, 3).days} * kDay + 1 * kHour,
          int64_t{last_sunday(year, 10).days} * kDay + 1 * kHour};
}

}  // namespace

int32_t utc_offset_seconds(Timestamp local) {
  // In local wall-clock terms both changes are at 03:00 on their Sunday: from 03:00 CEST in spring
  // (02:xx does not exist and is read as CET), until 03:00 CEST in autumn (02:xx is read as the
  // first, CEST, occurrence). So summer time is local [start_utc + 2h, end_utc + 2h).
  const SummerTime st = summer_time(local.date().civil().year);
  const bool summer =
      local.seconds >= st.start_utc + 2 * kHour && local.seconds < st.end_utc + 2 * kHour;
  return summer ? 7200 : 3600;
}

int64_t to_utc_seconds(Timestamp local) { return local.seconds - utc_offset_seconds(local); }

Timestamp from_utc_seconds(int64_t utc_seconds) {
  // The year of the UTC instant and of its local time differ only around New Year, in winter.
  const Timestamp utc_as_local{utc_seconds};
  const SummerTime st = summer_time(utc_as_local.date().civil().year);
  const bool summer = utc_seconds >= st.start_utc && utc_seconds < st.end_utc;
  return Timestamp{utc_seconds + (summer ? 2 : 1) * kHour};
}

int64_t elapsed_seconds(Timestamp a, Timestamp b) { return to_utc_seconds(b) - to_utc_seconds(a); }

}  // namespace rk
