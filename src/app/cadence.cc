#include "app/cadence.h"

namespace cairn::app {
bool is_check_in_day(const core::CheckInCadence& cadence, core::Date day) {
  if (static_cast<int>(day.iso_weekday()) != cadence.weekday) return false;
  switch (cadence.cadence) {
    case core::Cadence::kWeekly:
      return true;
    case core::Cadence::kBiweekly: {
      // Whole weeks since Monday 1970-01-05 (day 4 of the epoch).
      const std::int32_t weeks = (day.days - 4 + 7 * 100000) / 7;
      return weeks % 2 == 0;
    }
    case core::Cadence::kMonthly:
      return day.day() <= 7;
  }
  return false;
}

core::Result<core::Instant> next_check_in(const core::CheckInCadence& cadence,
                                          std::string_view zone, core::Instant after) {
  auto today = local_date(after, zone);
  if (!today) return today.error();
  // A monthly cadence finds its day within 6 weeks; a week's margin more.
  for (int i = 0; i < 50; ++i) {
    const core::Date day = *today + i;
    if (!is_check_in_day(cadence, day)) continue;
    auto at = local_time(day, cadence.hour, zone);
    if (!at) return at.error();
    if (*at > after) return *at;
  }
  return core::invalid("settings.check_in", "no check-in day found");
}

core::Result<core::Instant> next_local(int weekday, int hour, std::string_view zone,
                                       core::Instant after) {
  auto today = local_date(after, zone);
  if (!today) return today.error();
  for (int i = 0; i < 9; ++i) {
    const core::Date day = *today + i;
    if (weekday != 0 && static_cast<int>(day.iso_weekday()) != weekday) continue;
    auto at = local_time(day, hour, zone);
    if (!at) return at.error();
    if (*at > after) return *at;
  }
  return core::invalid("weekday", "1 to 7, or 0 for every day");
}

RolloutDates rollout_dates(const core::Period& period) {
  return RolloutDates{period.start_date - 14, period.start_date - 7, period.start_date - 2};
}

}  // namespace cairn::app
