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

bool is_time_zone(std::string_view name) { return name == "UTC" || find_zone(name) != nullptr; }

core::Result<core::Instant> start_of_day(core::Date day, std::string_view name) {
  if (name == "UTC") return core::start_of_day_utc(day);
  const date::time_zone* zone = find_zone(name);
  if (!zone) return core::invalid("timezone", "is not a time zone name such as Europe/Paris");
  const date::local_seconds midnight{std::chrono::seconds(core::start_of_day_utc(day).seconds)};
  const date::local_info info = zone->get_info(midnight);
  std::chrono::seconds utc{};
  switch (info.result) {
    case date::local_info::unique:
    case date::local_info::ambiguous:  // midnight twice: the first one
      utc = midnight.time_since_epoch() - info.first.offset;
      break;
    case date::local_info::nonexistent:  // skipped: the day starts when the clock jumps
      utc = std::chrono::duration_cast<std::chrono::seconds>(info.second.begin.time_since_epoch());
      break;
  }
  return core::Instant{utc.count()};
}

}  // namespace cairn::app
