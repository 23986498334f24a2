// Forecasts over HTTP (F40, DOMAIN.md "Forecast"), with exact numbers: a
// 60-day period in early 2025 (no daylight-saving change in it), two key
// results checked in at known instants, the objective's forecast rolled up
// from theirs, and the unit's "heading for" on its dashboard.
#include "collab_fixture.h"

namespace cairn::api {
namespace {

using testing::CollabApiTest;
namespace json = boost::json;

class ForecastApi : public CollabApiTest {
 protected:
  std::string made(const std::string& path, const std::string& body) {
    return std::string(expect(post(path, org_.admin, body), 201).at("id").as_string());
  }
  double number(const json::value& v) { return v.to_number<double>(); }
};

TEST_F(ForecastApi, KeyResultsObjectivesAndUnitsHeadWhereTheirCheckInsPoint) {
  // 2025-01-01 to 2025-03-01: its instants come from the organisation's zone.
  const json::value period = expect(post("/periods", org_.admin,
                                         R"({"name":"Early 2025","kind":"custom",)"
                                         R"("start_date":"2025-01-01","end_date":"2025-03-01"})"),
                                    201);
  const std::string period_id(period.at("id").as_string());
  const auto start = core::parse_rfc3339(period.at("starts_at").as_string());
  const auto end = core::parse_rfc3339(period.at("ends_at").as_string());
  ASSERT_TRUE(start && end);
  ASSERT_EQ(*end - *start, 60 * core::kSecondsPerDay);
  auto day = [&](int n) { return core::to_rfc3339(*start + n * core::kSecondsPerDay); };

  const std::string objective =
      made("/objectives", R"({"title":"Make deploys boring","period_id":")" + period_id +
                              R"(","owner":{"unit_id":")" + org_.platform_unit + R"("}})");
  auto key_result = [&](const std::string& title) {
    return made("/key-results", R"({"objective_id":")" + objective + R"(","title":")" + title +
                                    R"(","owner_id":")" + org_.lucia +
                                    R"(","kind":"metric","start":0,"target":100,"unit":"points"})");
  };
  const std::string one = key_result("Automate 100 checks");
  const std::string two = key_result("Remove 100 manual steps");
  auto check_in = [&](const std::string& kr, int value, int on_day) {
    expect(post("/key-results/" + kr + "/check-ins", org_.admin,
                R"({"value":)" + std::to_string(value) + R"(,"at":")" + day(on_day) + R"("})"),
           201);
  };
  // One check-in at the middle: 0.3 / 0.5 = 0.6.
  check_in(one, 30, 30);
  // Two: the line through (day 12, 0.1) and (day 30, 0.4) reaches 0.9 on day 60.
  check_in(two, 10, 12);
  check_in(two, 40, 30);

  EXPECT_DOUBLE_EQ(number(expect(get("/key-results/" + one, org_.viewer), 200).at("forecast")),
                   0.6);
  EXPECT_NEAR(number(expect(get("/key-results/" + two, org_.viewer), 200).at("forecast")), 0.9,
              1e-12);
  // The objective: the mean of its key results' forecasts, (0.6 + 0.9) / 2.
  EXPECT_NEAR(number(expect(get("/objectives/" + objective, org_.viewer), 200).at("forecast")),
              0.75, 1e-12);
  // The unit owns nothing else in the period: it is heading for the same.
  const json::value dashboard = expect(
      get("/dashboard?period_id=" + period_id + "&unit_id=" + org_.platform_unit, org_.viewer),
      200);
  EXPECT_NEAR(number(dashboard.at("heading_for")), 0.75, 1e-12);

  // A key result without check-ins has none and is left out, not counted as 0.
  const std::string three = key_result("Write the runbook index");
  EXPECT_TRUE(expect(get("/key-results/" + three, org_.viewer), 200).at("forecast").is_null());
  EXPECT_NEAR(number(expect(get("/objectives/" + objective, org_.viewer), 200).at("forecast")),
              0.75, 1e-12);

  // Once the period is closed, objectives are scored and forecast nothing.
  expect(post("/periods/" + period_id + "/close", org_.admin, "{}"), 200);
  EXPECT_TRUE(expect(get("/objectives/" + objective, org_.viewer), 200).at("forecast").is_null());
  EXPECT_TRUE(expect(get("/dashboard?period_id=" + period_id + "&unit_id=" + org_.platform_unit,
                         org_.viewer),
                     200)
                  .at("heading_for")
                  .is_null());
}

}  // namespace
}  // namespace cairn::api
