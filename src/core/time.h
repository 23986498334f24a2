// Instants and calendar dates.
//
// The core never reads a clock: every function that depends on "now" takes an
// Instant. Instants are UTC seconds since the Unix epoch. Dates are calendar
// days; turning a date into an instant needs the organisation's time zone, so
// that happens at the edges (app, CLI) and the core receives instants.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cairn::core {

inline constexpr std::int64_t kSecondsPerDay = 86'400;

// A point in time, UTC seconds since 1970-01-01T00:00:00Z.
struct Instant {
  std::int64_t seconds = 0;

  static constexpr Instant min() { return Instant{INT64_MIN / 2}; }
  static constexpr Instant max() { return Instant{INT64_MAX / 2}; }

  friend constexpr auto operator<=>(Instant, Instant) = default;
};

constexpr Instant operator+(Instant t, std::int64_t seconds) {
  return Instant{t.seconds + seconds};
}
constexpr Instant operator-(Instant t, std::int64_t seconds) {
  return Instant{t.seconds - seconds};
}
constexpr std::int64_t operator-(Instant a, Instant b) {
  return a.seconds - b.seconds;
}

// A calendar date, counted in days since 1970-01-01.
struct Date {
  std::int32_t days = 0;

  static Date from_ymd(int year, unsigned month, unsigned day);
  // Parses "YYYY-MM-DD"; nullopt unless it is a real calendar date.
  static std::optional<Date> parse(std::string_view text);

  int year() const;
  unsigned month() const;
  unsigned day() const;
  // ISO weekday: 1 = Monday ... 7 = Sunday.
  unsigned iso_weekday() const;

  std::string to_string() const;

  friend constexpr auto operator<=>(Date, Date) = default;
};

constexpr Date operator+(Date d, int days) {
  return Date{d.days + days};
}
constexpr Date operator-(Date d, int days) {
  return Date{d.days - days};
}
constexpr int operator-(Date a, Date b) {
  return a.days - b.days;
}

// Midnight at the start of `date` in UTC (the organisation's zone offset is
// applied by the caller when the zone is not UTC).
constexpr Instant start_of_day_utc(Date date) {
  return Instant{date.days * kSecondsPerDay};
}

// The civil instant y-m-d h:mi:s in UTC.
Instant instant_utc(int year, unsigned month, unsigned day, int hour = 0, int minute = 0,
                    int second = 0);

// RFC 3339 in UTC, e.g. "2026-05-15T12:00:00Z".
std::string to_rfc3339(Instant t);
// Parses RFC 3339 with "Z" or a numeric offset; nullopt when malformed.
std::optional<Instant> parse_rfc3339(std::string_view text);

}  // namespace cairn::core
