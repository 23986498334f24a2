// Period boundaries in the organisation's time zone, daylight saving included.
#include "app/time_zone.h"

#include <gtest/gtest.h>

namespace cairn::app {
namespace {

using core::Date;

TEST(TimeZone, ADayStartsAtLocalMidnight) {
  const struct {
    const char* zone;
    Date day;
    const char* utc;
  } cases[] = {
      {"UTC", Date::from_ymd(2026, 4, 1), "2026-04-01T00:00:00Z"},
      {"Europe/Paris", Date::from_ymd(2026, 1, 1), "2025-12-31T23:00:00Z"},  // CET, +1
      {"Europe/Paris", Date::from_ymd(2026, 4, 1), "2026-03-31T22:00:00Z"},  // CEST, +2
      {"America/New_York", Date::from_ymd(2026, 7, 1), "2026-07-01T04:00:00Z"},  // EDT, −4
      {"Asia/Kolkata", Date::from_ymd(2026, 7, 1), "2026-06-30T18:30:00Z"},      // +5:30
      // Santiago skips from 00:00 to 01:00 on 6 September 2026: the day starts at 01:00 local.
      {"America/Santiago", Date::from_ymd(2026, 9, 6), "2026-09-06T04:00:00Z"},
  };
  for (const auto& c : cases) {
    auto start = start_of_day(c.day, c.zone);
    ASSERT_TRUE(start) << c.zone;
    EXPECT_EQ(core::to_rfc3339(*start), c.utc) << c.zone;
  }
}

TEST(TimeZone, UnknownNamesAreRefused) {
  EXPECT_TRUE(is_time_zone("UTC"));
  EXPECT_TRUE(is_time_zone("Europe/Paris"));
  EXPECT_FALSE(is_time_zone("Mars/Olympus_Mons"));
  EXPECT_FALSE(is_time_zone(""));
  auto refused = start_of_day(Date::from_ymd(2026, 1, 1), "Europe/Atlantis");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, core::ErrorCode::kInvalid);
}

}  // namespace
}  // namespace cairn::app
