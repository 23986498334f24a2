// Organisation time zones (IANA names such as "Europe/Paris"), resolved with
// the system's time zone database through howardhinnant-date. The core keeps
// instants in UTC and takes period boundaries as instants; this is where a
// calendar date in the organisation's zone becomes one, daylight saving
// included.
#pragma once

#include <string_view>

#include "core/result.h"
#include "core/time.h"

namespace cairn::app {

// Whether `name` is a time zone of the database ("UTC" always is).
bool is_time_zone(std::string_view name);

// The instant `date` begins (00:00 local time) in the zone `name`; when a
// clock change skips midnight, the first instant of that day. kInvalid for an
// unknown zone.
core::Result<core::Instant> start_of_day(core::Date date, std::string_view name);

// The instant of `hour`:00 local time on `day` in the zone `name`. An hour the
// clock skips (spring forward) is the instant the clock jumps; an hour that
// occurs twice (fall back) is the first. start_of_day() is hour 0.
core::Result<core::Instant> local_time(core::Date day, int hour, std::string_view name);

// The calendar date `t` falls on in the zone `name`.
core::Result<core::Date> local_date(core::Instant t, std::string_view name);

}  // namespace cairn::app
