// The calendar of an organisation's cadence in its own time zone (F16, F17):
// when check-in days, digests and daily runs fall, daylight saving included,
// and the rollout dates of a period. Used by the scheduler and the calendar
// feed.
#pragma once

#include <string_view>
#include <vector>

#include "app/time_zone.h"
#include "core/period.h"
#include "core/result.h"
#include "core/settings.h"
#include "core/time.h"

namespace cairn::app {

// Whether `day` is a check-in day of the cadence: its weekday, every week
// (weekly), every other ISO week counted from 1970-01-05 (bi-weekly), or the
// first such weekday of each month (monthly).
bool is_check_in_day(const core::CheckInCadence& cadence, core::Date day);

// The first instant strictly after `after` that is the cadence's hour on a
// check-in day, in `zone`.
core::Result<core::Instant> next_check_in(const core::CheckInCadence& cadence,
                                          std::string_view zone, core::Instant after);
// The first instant strictly after `after` at `hour` on ISO `weekday` (1–7),
// or on any day when weekday is 0.
core::Result<core::Instant> next_local(int weekday, int hour, std::string_view zone,
                                       core::Instant after);

// F16's rollout timeline: drafts due, cross-team review and commit, 14, 7
// and 2 days before the period starts.
struct RolloutDates {
  core::Date drafts_due, review, commit;
};
RolloutDates rollout_dates(const core::Period& period);

}  // namespace cairn::app
