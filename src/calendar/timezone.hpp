// Europe/Amsterdam local time to UTC, for real elapsed time (spec "Elapsed hours").
// CET (UTC+1) in winter, CEST (UTC+2) from the last Sunday of March 01:00 UTC to the last Sunday
// of October 01:00 UTC: the EU rules in force since 1996, applied to every year.
#pragma once

#include <cstdint>

#include "calendar/date.hpp"

namespace rk {

// Returns the UTC offset in seconds (3600 or 7200) that applies to the local wall-clock time.
// Wall-clock times that do not exist or occur twice are resolved as in to_utc_seconds.
int32_t utc_offset_seconds(Timestamp local);

// Returns seconds since 1970-01-01T00:00Z for a Europe/Amsterdam wall-clock time.
// Nonexistent hour (spring forward, 02:00..02:59 on the last Sunday of March): read as standard
// time, as if the clock had not yet jumped, so 02:30 local is 01:30Z (the same instant as 03:30).
// Repeated hour (fall back, 02:00..02:59 on the last Sunday of October): the first occurrence,
// summer time, so 02:30 local is 00:30Z.
int64_t to_utc_seconds(Timestamp local);

// Returns the Europe/Amsterdam wall-clock time of a UTC instant (seconds since the epoch, UTC).
// In the repeated hour both instants map to the same local time.
Timestamp from_utc_seconds(int64_t utc_seconds);

// Returns the real elapsed seconds from `a` to `b`: to_utc_seconds(b) - to_utc_seconds(a);
// negative when b is before a. A night with a DST change is 23 or 25 hours long.
int64_t elapsed_seconds(Timestamp a, Timestamp b);

}  // namespace rk
