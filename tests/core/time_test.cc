// Calendar dates and RFC 3339 instants (DOMAIN.md "Units of measure").
#include "core/time.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace cairn::core {
namespace {

TEST(DateParse, RealCalendarDates) {
  const struct {
    const char* text;
    int year;
    unsigned month;
    unsigned day;
    std::int32_t days;  // since 1970-01-01
  } cases[] = {
      {"1970-01-01", 1970, 1, 1, 0},       {"1969-12-31", 1969, 12, 31, -1},
      {"2000-01-01", 2000, 1, 1, 10957},   {"2000-02-29", 2000, 2, 29, 11016},
      {"2024-02-29", 2024, 2, 29, 19782},  {"2026-01-01", 2026, 1, 1, 20454},
      {"2026-03-31", 2026, 3, 31, 20543},  {"2026-05-17", 2026, 5, 17, 20590},
      {"2026-12-31", 2026, 12, 31, 20818},
  };
  for (const auto& c : cases) {
    const std::optional<Date> d = Date::parse(c.text);
    ASSERT_TRUE(d.has_value()) << c.text;
    EXPECT_EQ(d->days, c.days) << c.text;
    EXPECT_EQ(d->year(), c.year) << c.text;
    EXPECT_EQ(d->month(), c.month) << c.text;
    EXPECT_EQ(d->day(), c.day) << c.text;
    EXPECT_EQ(*d, Date::from_ymd(c.year, c.month, c.day)) << c.text;
    EXPECT_EQ(d->to_string(), c.text) << "round trip";
  }
}

TEST(DateParse, RefusesWhatIsNotARealDateInTheExactFormat) {
  const char* cases[] = {
      "2026-02-30",   // no 30 February
      "2026-02-29",   // 2026 is no leap year
      "1900-02-29",   // a century that is no leap year
      "2026-04-31",   // April has 30 days
      "2026-13-01",   // no 13th month
      "2026-00-10",   // no month 0
      "2026-01-00",   // no day 0
      "2026-01-32",   // no 32nd day
      "2026-1-01",    // month needs two digits
      "2026-01-1",    // day needs two digits
      "26-01-01",     // year needs four digits
      "02026-01-01",  // and no more
      "2026/01/01",   // wrong separators
      "2026-01-01T",  // trailing text
      " 2026-01-01",  // leading space
      "2026-01-01 ",  // trailing space
      "2026-0a-01",   // not a digit
      "+026-01-01",   // no sign
      "-026-01-01",  "", "yyyy-mm-dd",
  };
  for (const char* text : cases) EXPECT_FALSE(Date::parse(text).has_value()) << '"' << text << '"';
}

TEST(DateFormat, ToStringPadsToFourTwoTwo) {
  const struct {
    Date date;
    const char* text;
  } cases[] = {
      {Date{0}, "1970-01-01"},
      {Date{-1}, "1969-12-31"},
      {Date::from_ymd(2026, 4, 1), "2026-04-01"},
      {Date::from_ymd(2026, 11, 22), "2026-11-22"},
      {Date::from_ymd(999, 1, 2), "0999-01-02"},
      {Date::from_ymd(2024, 2, 29) + 1, "2024-03-01"},
      {Date::from_ymd(2026, 2, 28) + 1, "2026-03-01"},
      {Date::from_ymd(2026, 12, 31) + 1, "2027-01-01"},
      {Date::from_ymd(9999, 12, 31), "9999-12-31"},
      {Date::from_ymd(10000, 1, 1), "10000-01-01"},  // snprintf's, as before
      {Date::from_ymd(-1, 12, 31), "-001-12-31"},
  };
  for (const auto& c : cases) EXPECT_EQ(c.date.to_string(), c.text) << c.date.days;
}

TEST(IsoWeekday, MondayIsOneSundayIsSeven) {
  const struct {
    const char* date;
    unsigned weekday;
  } cases[] = {
      {"1970-01-01", 4},  // Thursday
      {"1969-12-31", 3},  // Wednesday
      {"2000-01-01", 6},  // Saturday
      {"2024-02-29", 4},  // Thursday
      {"2026-01-01", 4},  // Thursday
      {"2026-03-31", 2},  // Tuesday
      {"2026-05-17", 7},  // Sunday
      {"2026-05-18", 1},  // Monday
      {"2026-05-19", 2},  // Tuesday
      {"2026-05-22", 5},  // Friday
      {"2026-05-23", 6},  // Saturday
      {"2026-12-31", 4},  // Thursday
  };
  for (const auto& c : cases) {
    EXPECT_EQ(Date::parse(c.date)->iso_weekday(), c.weekday) << c.date;
  }
}

TEST(Rfc3339Parse, UtcOffsetsAndFractions) {
  const struct {
    const char* text;
    Instant expected;
  } cases[] = {
      {"2026-05-15T12:00:00Z", instant_utc(2026, 5, 15, 12)},
      {"2026-05-15t12:00:00z", instant_utc(2026, 5, 15, 12)},  // RFC 3339 allows lower case
      {"1970-01-01T00:00:00Z", Instant{0}},
      {"1969-12-31T23:59:59Z", Instant{-1}},
      {"2026-01-01T00:00:00Z", Instant{1767225600}},
      {"2026-05-15T23:59:59Z", instant_utc(2026, 5, 15, 23, 59, 59)},
      // offsets: the local time minus the offset is UTC
      {"2026-05-15T12:00:00+00:00", instant_utc(2026, 5, 15, 12)},
      {"2026-05-15T12:00:00-00:00", instant_utc(2026, 5, 15, 12)},
      {"2026-05-15T12:00:00+02:00", instant_utc(2026, 5, 15, 10)},
      {"2026-05-15T12:00:00-05:30", instant_utc(2026, 5, 15, 17, 30)},
      {"2026-05-15T12:00:00+05:45", instant_utc(2026, 5, 15, 6, 15)},
      {"2026-05-15T12:00:00+23:59", instant_utc(2026, 5, 14, 12, 1)},
      {"2026-01-01T01:00:00+02:00", instant_utc(2025, 12, 31, 23)},  // across the year
      {"2025-12-31T22:00:00-03:00", instant_utc(2026, 1, 1, 1)},
      // fractions are accepted and truncated to the second
      {"2026-05-15T12:00:00.5Z", instant_utc(2026, 5, 15, 12)},
      {"2026-05-15T12:00:00.999999999Z", instant_utc(2026, 5, 15, 12)},
      {"2026-05-15T12:00:07.123+01:00", instant_utc(2026, 5, 15, 11, 0, 7)},
      // a leap second is the next second in Unix time
      {"2026-06-30T23:59:60Z", instant_utc(2026, 7, 1)},
  };
  for (const auto& c : cases) {
    const std::optional<Instant> t = parse_rfc3339(c.text);
    ASSERT_TRUE(t.has_value()) << c.text;
    EXPECT_EQ(t->seconds, c.expected.seconds) << c.text;
  }
}

TEST(Rfc3339Parse, RefusesMalformedText) {
  const char* cases[] = {
      "",
      "2026-05-15",                    // a date is not an instant
      "2026-05-15T12:00:00",           // no zone
      "2026-05-15T12:00Z",             // no seconds
      "2026-05-15T12:00:0Z",           // one digit of seconds
      "2026-05-15 12:00:00Z",          // space instead of T
      "2026-05-15X12:00:00Z",          // wrong separator
      "2026-05-15T12-00-00Z",          // wrong time separators
      "2026-05-15T24:00:00Z",          // hour 24
      "2026-05-15T12:60:00Z",          // minute 60
      "2026-05-15T12:00:61Z",          // second 61
      "2026-05-15T1a:00:00Z",          // not a digit
      "2026-02-30T12:00:00Z",          // not a real date
      "2026-13-15T12:00:00Z",          // no month 13
      "2026-5-15T12:00:00Z",           // short month
      "2026-05-15T12:00:00.Z",         // a point without digits
      "2026-05-15T12:00:00,5Z",        // comma fraction
      "2026-05-15T12:00:00+0200",      // offset without colon
      "2026-05-15T12:00:00+02",        // offset without minutes
      "2026-05-15T12:00:00+2:00",      // one-digit offset hour
      "2026-05-15T12:00:00+24:00",     // offset hour 24
      "2026-05-15T12:00:00+02:60",     // offset minute 60
      "2026-05-15T12:00:00+02:00:00",  // offset with seconds
      "2026-05-15T12:00:00UTC",        // a zone name
      "2026-05-15T12:00:00Zjunk",      // trailing text
      "2026-05-15T12:00:00Z ",         // trailing space
      " 2026-05-15T12:00:00Z",         // leading space
      "2026-05-15T12:00:00 Z",         // space before the zone
      "2026-05-15T12:00:00.5",         // fraction, no zone
      "2026-05-15T12:00:00+",          // sign only
      "2026-05-15T12:00:00-",          // sign only
  };
  for (const char* text : cases) {
    EXPECT_FALSE(parse_rfc3339(text).has_value()) << '"' << text << '"';
  }
}

TEST(Rfc3339Format, UtcWithZ) {
  const struct {
    Instant t;
    const char* text;
  } cases[] = {
      {Instant{0}, "1970-01-01T00:00:00Z"},
      {Instant{-1}, "1969-12-31T23:59:59Z"},
      {Instant{-86400}, "1969-12-31T00:00:00Z"},
      {Instant{-86401}, "1969-12-30T23:59:59Z"},
      {Instant{1767225600}, "2026-01-01T00:00:00Z"},
      {instant_utc(2026, 5, 15, 12), "2026-05-15T12:00:00Z"},
      {instant_utc(2024, 2, 29, 23, 59, 59), "2024-02-29T23:59:59Z"},
      {instant_utc(2026, 12, 31, 9, 5, 7), "2026-12-31T09:05:07Z"},
      // Years of four digits are written by hand, the others by snprintf.
      {instant_utc(999, 3, 4, 5, 6, 7), "0999-03-04T05:06:07Z"},
      {instant_utc(0, 1, 1), "0000-01-01T00:00:00Z"},
      {Instant{253402300799}, "9999-12-31T23:59:59Z"},
      {Instant{253402300800}, "10000-01-01T00:00:00Z"},
      {instant_utc(-1, 12, 31, 23), "-001-12-31T23:00:00Z"},
  };
  for (const auto& c : cases) EXPECT_EQ(to_rfc3339(c.t), c.text) << c.t.seconds;
}

TEST(Rfc3339Format, RoundTripsThroughParse) {
  for (std::int64_t seconds :
       {std::int64_t{0}, std::int64_t{-1}, std::int64_t{1}, std::int64_t{-86399},
        std::int64_t{1767225600}, std::int64_t{1767225600 + 86399}, std::int64_t{1700000000},
        std::int64_t{951782400} /* 2000-02-29 */, std::int64_t{-2208988800} /* 1900-01-01 */,
        std::int64_t{253402300799} /* 9999-12-31T23:59:59 */}) {
    const std::string text = to_rfc3339(Instant{seconds});
    const std::optional<Instant> back = parse_rfc3339(text);
    ASSERT_TRUE(back.has_value()) << text;
    EXPECT_EQ(back->seconds, seconds) << text;
  }
  // Instants across a whole year, 7 hours and 13 seconds apart.
  for (Instant t = instant_utc(2026, 1, 1); t < instant_utc(2027, 1, 1); t = t + (7 * 3600 + 13)) {
    const std::optional<Instant> back = parse_rfc3339(to_rfc3339(t));
    ASSERT_TRUE(back.has_value()) << to_rfc3339(t);
    EXPECT_EQ(back->seconds, t.seconds) << to_rfc3339(t);
  }
}

TEST(Rfc3339Format, InstantUtcMatchesTheCivilTime) {
  EXPECT_EQ(instant_utc(1970, 1, 1).seconds, 0);
  EXPECT_EQ(instant_utc(2026, 1, 1).seconds, 1767225600);
  EXPECT_EQ(instant_utc(2026, 1, 1, 1, 2, 3).seconds, 1767225600 + 3723);
  EXPECT_EQ(start_of_day_utc(Date::from_ymd(2026, 1, 2)).seconds, 1767225600 + 86400);
}

}  // namespace
}  // namespace cairn::core
