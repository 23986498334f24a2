#include "app/time_zone.h"

#include <date/tz.h>

#include <chrono>
#include <exception>
#include <string>

namespace cairn::app {
namespace {

const date::time_zone* find_zone(std::string_view name) {
  try {
    return date::locate_zone(std::string(name));
  } catch (const std::exception&) {
    return nullptr;  // unknown name, or no time zone database on this machine
  }
}

}  // namespace

bool is_time_zone(std::string_view name) {
  return name == "UTC" || find_zone(name) != nullptr;
}

core::Result<core::Instant> start_of_day(core::Date day, std::string_view name) {
  return local_time(day, 0, name);
}

core::Result<core::Instant> local_time(core::Date day, int hour, std::string_view name) {
  const std::int64_t wall = core::start_of_day_utc(day).seconds + hour * std::int64_t{3600};
  if (name == "UTC") return core::Instant{wall};
  const date::time_zone* zone = find_zone(name);
  if (!zone) return core::invalid("timezone", "is not a time zone name such as Europe/Paris");
  const date::local_seconds local{std::chrono::seconds(wall)};
  const date::local_info info = zone->get_info(local);
  std::chrono::seconds utc{};
  switch (info.result) {
    case date::local_info::unique:
    case date::local_info::ambiguous:  // the hour twice: the first one
      utc = local.time_since_epoch() - info.first.offset;
      break;
    case date::local_info::nonexistent:  // skipped: it comes when the clock jumps
      utc = std::chrono::duration_cast<std::chrono::seconds>(info.second.begin.time_since_epoch());
      break;
  }
  return core::Instant{utc.count()};
}

core::Result<core::Date> local_date(core::Instant t, std::string_view name) {
  std::int64_t local = t.seconds;
  if (name != "UTC") {
    const date::time_zone* zone = find_zone(name);
    if (!zone) return core::invalid("timezone", "is not a time zone name such as Europe/Paris");
    local += zone->get_info(date::sys_seconds{std::chrono::seconds(t.seconds)}).offset.count();
  }
  // Floor division: instants before 1970 belong to the day they fall on.
  const std::int64_t days = local >= 0
                                ? local / core::kSecondsPerDay
                                : -((-local + core::kSecondsPerDay - 1) / core::kSecondsPerDay);
  return core::Date{static_cast<std::int32_t>(days)};
}

}  // namespace cairn::app
