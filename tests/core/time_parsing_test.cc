#include <gtest/gtest.h>

#include "core/time.h"

namespace cairn::core {
namespace {

TEST(Dates, ParseOnlyRealCalendarDates) {
  const struct {
    const char* text;
    bool valid;
  } cases[] = {{"2026-04-01", true},  {"2024-02-29", true},  {"2026-02-29", false},
               {"2026-02-30", false}, {"2026-13-01", false}, {"2026-00-10", false},
               {"2026-1-01", false},  {"2026-01-1", false},  {"26-01-01", false},
               {"2026/01/01", false}, {"", false},           {"2026-01-01T", false}};
  for (const auto& c : cases) EXPECT_EQ(Date::parse(c.text).has_value(), c.valid) << c.text;
  const Date d = *Date::parse("2026-11-22");
  EXPECT_EQ(d.year(), 2026);
  EXPECT_EQ(d.month(), 11u);
  EXPECT_EQ(d.day(), 22u);
  EXPECT_EQ(d.to_string(), "2026-11-22");
  EXPECT_EQ(d.iso_weekday(), 7u) << "22 November 2026 is a Sunday";
  EXPECT_EQ((d + 1).iso_weekday(), 1u);
  EXPECT_EQ(Date::from_ymd(1970, 1, 1).days, 0);
  EXPECT_EQ(*Date::parse("2026-03-01") - *Date::parse("2026-02-01"), 28);
}

TEST(Instants, Rfc3339) {
  const struct {
    const char* text;
    std::optional<std::int64_t> seconds;
  } cases[] = {
      {"1970-01-01T00:00:00Z", 0},
      {"2026-05-15T12:00:00Z", 1778846400},
      {"2026-05-15T14:00:00+02:00", 1778846400},
      {"2026-05-15T07:30:00-04:30", 1778846400},
      {"2026-05-15T12:00:00.123456Z", 1778846400},
      {"2026-05-15t12:00:00z", 1778846400},
      {"2026-05-15 12:00:00Z", std::nullopt},
      {"2026-05-15T12:00:00", std::nullopt},
      {"2026-05-15T24:00:00Z", std::nullopt},
      {"2026-05-15T12:60:00Z", std::nullopt},
      {"2026-02-30T12:00:00Z", std::nullopt},
      {"2026-05-15T12:00:00.Z", std::nullopt},
      {"2026-05-15T12:00:00+0200", std::nullopt},
      {"2026-05-15T12:00:00Zjunk", std::nullopt},
      {"", std::nullopt},
  };
  for (const auto& c : cases) {
    const auto parsed = parse_rfc3339(c.text);
    ASSERT_EQ(parsed.has_value(), c.seconds.has_value()) << c.text;
    if (parsed) {
      EXPECT_EQ(parsed->seconds, *c.seconds) << c.text;
    }
  }
  EXPECT_EQ(to_rfc3339(Instant{1778846400}), "2026-05-15T12:00:00Z");
  EXPECT_EQ(to_rfc3339(Instant{-1}), "1969-12-31T23:59:59Z");
  for (std::int64_t s : {0LL, 1LL, 86399LL, 1778846400LL, -86401LL, 4102444800LL}) {
    EXPECT_EQ(parse_rfc3339(to_rfc3339(Instant{s}))->seconds, s);
  }
  EXPECT_EQ(instant_utc(2026, 5, 15, 12).seconds, 1778846400);
}

}  // namespace
}  // namespace cairn::core
