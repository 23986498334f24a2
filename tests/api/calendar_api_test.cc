// The calendar feed over HTTP, parsed back by libical (a real RFC 5545
// parser, as calendar apps use): its own read-only token, a new token
// replaces the old one, check-in days at the organisation's local hour, period
// and rollout dates, and nothing of a private objective.
#include <libical/ical.h>

#include <set>

#include "collab_fixture.h"

namespace cairn::api {
namespace {

using testing::CollabApiTest;
namespace json = boost::json;

class CalendarApi : public CollabApiTest {
 protected:
  std::string new_token(const std::string& api_token) {
    const json::value made = expect(post("/calendar/token", api_token, ""), 201);
    if (!made.is_object()) return "";
    EXPECT_EQ(made.at("url"),
              ("/api/v1/calendar.ics?token=" + std::string(made.at("token").as_string())).c_str());
    return std::string(made.at("token").as_string());
  }
};

TEST_F(CalendarApi, TheFeedParsesAsICalendarWithCheckInDaysPeriodsAndRolloutDates) {
  const std::string token = new_token(org_.outsider);
  ASSERT_TRUE(token.starts_with("cal_"));
  const auto reply = get("/calendar.ics?token=" + token, "");
  ASSERT_EQ(reply.status, 200) << reply.body;
  ASSERT_NE(reply.header("content-type"), nullptr);
  EXPECT_EQ(*reply.header("content-type"), "text/calendar; charset=utf-8");
  EXPECT_EQ(reply.body.find(org_.secret_objective), std::string::npos);
  EXPECT_EQ(reply.body.find("Migrate to the new data centre"), std::string::npos);
  EXPECT_EQ(reply.body.find("Move 40 services"), std::string::npos);
  for (std::size_t at = reply.body.find('\n'); at != std::string::npos;
       at = reply.body.find('\n', at + 1)) {
    ASSERT_TRUE(at > 0 && reply.body[at - 1] == '\r') << "every line ends in CRLF";
  }

  // The organisation's zone, as the feed names it.
  const std::size_t zone_at = reply.body.find("X-WR-TIMEZONE:");
  ASSERT_NE(zone_at, std::string::npos);
  const std::string zone_name =
      reply.body.substr(zone_at + 14, reply.body.find('\r', zone_at) - zone_at - 14);
  icaltimezone* zone = zone_name == "UTC" ? icaltimezone_get_utc_timezone()
                                          : icaltimezone_get_builtin_timezone(zone_name.c_str());
  ASSERT_NE(zone, nullptr) << zone_name;

  icalcomponent* calendar = icalparser_parse_string(reply.body.c_str());
  ASSERT_NE(calendar, nullptr);
  EXPECT_EQ(icalcomponent_isa(calendar), ICAL_VCALENDAR_COMPONENT);
  EXPECT_EQ(icalcomponent_count_errors(calendar), 0) << reply.body.substr(0, 2000);
  icalcomponent_strip_errors(calendar);
  int check_in_days = 0, period_events = 0;
  std::set<std::string> uids;
  for (icalcomponent* e = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT); e;
       e = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)) {
    const std::string summary = icalcomponent_get_summary(e);
    EXPECT_TRUE(uids.insert(icalcomponent_get_uid(e)).second) << "UIDs are unique";
    const icaltimetype start = icalcomponent_get_dtstart(e);
    EXPECT_FALSE(icaltime_is_null_time(start)) << summary;
    if (summary == "Check-in day") {
      ++check_in_days;
      EXPECT_TRUE(icaltime_is_utc(start));
      // The demo organisation checks in on Mondays at 09:00 in its own zone.
      const icaltimetype local = icaltime_convert_to_zone(start, zone);
      EXPECT_EQ(icaltime_day_of_week(local), 2) << "Monday (libical counts Sunday as 1)";
      EXPECT_EQ(local.hour, 9);
    } else {
      ++period_events;
      EXPECT_TRUE(start.is_date) << summary;
    }
  }
  EXPECT_GE(check_in_days, 15);
  EXPECT_GT(period_events, 0);
  icalcomponent_free(calendar);
}

TEST_F(CalendarApi, OnlyItsOwnTokenOpensItAndANewTokenReplacesTheOld) {
  EXPECT_EQ(get("/calendar.ics", "").status, 401);
  EXPECT_EQ(get("/calendar.ics?token=" + org_.outsider, "").status, 401) << "not an API token";
  EXPECT_EQ(get("/calendar.ics?token=cal_nonsense", "").status, 401);
  EXPECT_EQ(post("/calendar/token", "", "").status, 401);
  const std::string first = new_token(org_.viewer);
  EXPECT_EQ(get("/calendar.ics?token=" + first, "").status, 200);
  const std::string second = new_token(org_.viewer);
  EXPECT_EQ(get("/calendar.ics?token=" + first, "").status, 401);
  EXPECT_EQ(get("/calendar.ics?token=" + second, "").status, 200);
}

}  // namespace
}  // namespace cairn::api
