#include "app/cadence.h"

#include <date/tz.h>

#include <chrono>
#include <string>

namespace cairn::app {
namespace {

const date::time_zone* find_zone(std::string_view name) {
  try {
    return date::locate_zone(std::string(name));
  } catch (const std::exception&) {
    return nullptr;
  }
}

core::Error unknown_zone() {
  return core::invalid("timezone", "is not a time zone name such as Europe/Paris");
}

}  // namespace

core::Result<core::Date> local_date(core::Instant t, std::string_view zone) {
  std::int64_t local = t.seconds;
  if (zone != "UTC") {
    const date::time_zone* z = find_zone(zone);
    if (!z) return unknown_zone();
    const date::sys_seconds at{std::chrono::seconds(t.seconds)};
    local += z->get_info(at).offset.count();
  }
  const std::int64_t days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
  return core::Date{static_cast<std::int32_t>(days)};
}

core::Result<core::Instant> local_time(core::Date day, int hour, std::string_view zone) {
  const std::int64_t wall = static_cast<std::int64_t>(day.days) * 86400 + hour * 3600;
  if (zone == "UTC") return core::Instant{wall};
  const date::time_zone* z = find_zone(zone);
  if (!z) return unknown_zone();
  const date::local_seconds local{std::chrono::seconds(wall)};
  const date::local_info info = z->get_info(local);
  switch (info.result) {
    case date::local_info::unique:
    case date::local_info::ambiguous:
      return core::Instant{(local.time_since_epoch() - info.first.offset).count()};
    case date::local_info::nonexistent:
      return core::Instant{
          std::chrono::duration_cast<std::chrono::seconds>(info.second.begin.time_since_epoch())
              .count()};
  }
  return core::Instant{wall};
}

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
