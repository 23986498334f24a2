// A client that knows only API.md: it sets up an organisation on an empty
// server, builds a quarter of OKRs from the examples people learn with
// (the quarter began 45 days ago), checks in with backdated `at` values, and
// reads back exactly the numbers DOMAIN.md prescribes as of a chosen
// instant, then closes, scores and rolls over. Every request here follows
// API.md's field names; nothing is taken from the code. (`as_of` shows things
// as they stood, so the instants read are after the objectives were created.)
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>

#include "api_fixture.h"
#include "core/time.h"

namespace cairn::api {
namespace {

namespace json = boost::json;
using http::testing::Reply;

constexpr std::int64_t kDay = 86400;
constexpr double kQuarterDays = 91;

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}
std::string date_of(std::int64_t seconds) {
  return core::to_rfc3339(core::Instant{seconds}).substr(0, 10);
}
std::string instant_of(std::int64_t seconds) {
  return core::to_rfc3339(core::Instant{seconds});
}

class Walkthrough : public testing::ApiTest {
 protected:
  void SetUp() override {
    start();
    const Reply setup = send("POST", "/api/v1/setup", R"({
      "organization": {"name": "Acme Rockets", "timezone": "UTC"},
      "admin": {"name": "Ada Lovelace", "email": "ada@acme.example",
                "password": "correct horse battery staple"}})");
    ASSERT_EQ(setup.status, 201) << setup.body;
    token_ = std::string(json::parse(setup.body).at("token").as_string());
  }

  Reply send(std::string_view method, const std::string& target, const std::string& body = "") {
    std::string headers;
    if (!token_.empty()) headers += testing::bearer(token_);
    if (!body.empty()) headers += testing::kJson;
    return call(method, target, headers, body);
  }
  // The answer's JSON, after checking its status.
  json::object expect(std::string_view method, const std::string& target, int status,
                      const std::string& body = "") {
    const Reply reply = send(method, target, body);
    EXPECT_EQ(reply.status, status) << method << " " << target << " " << body << "\n" << reply.body;
    if (reply.body.empty()) return {};
    json::value parsed = json::parse(reply.body);
    return parsed.is_object() ? parsed.as_object() : json::object{};
  }
  std::string create(const std::string& target, const std::string& body) {
    const json::object made = expect("POST", target, 201, body);
    return made.contains("id") ? std::string(made.at("id").as_string()) : "";
  }
  static double number(const json::object& o, std::string_view key) {
    return o.at(key).to_number<double>();
  }
  static std::string text(const json::object& o, std::string_view key) {
    return std::string(o.at(key).as_string());
  }
  // The key result with `id` among an objective's `key_results`.
  static json::object key_result_in(const json::object& objective, const std::string& id) {
    for (const json::value& kr : objective.at("key_results").as_array()) {
      if (kr.at("id").as_string() == id) return kr.as_object();
    }
    ADD_FAILURE() << "no key result " << id << " in " << json::serialize(objective);
    return {};
  }

  std::string token_;
};

TEST_F(Walkthrough, AQuarterOfOkrsReadsExactlyWhatTheDomainRulesSay) {
  // The company unit exists from setup.
  std::string company;
  const json::object units = expect("GET", "/api/v1/units", 200);
  for (const json::value& unit : units.at("items").as_array()) {
    if (unit.at("kind").as_string() == "company") company = std::string(unit.at("id").as_string());
  }
  ASSERT_FALSE(company.empty());
  const std::string support = create("/api/v1/units", R"({"name":"Support","kind":"team",
      "parent_id":")" + company + R"("})");
  // A 91-day quarter that began 45 days ago (UTC midnights), and a later one.
  const std::int64_t today = unix_now() / kDay * kDay;
  const std::int64_t begin = today - 45 * kDay;
  const std::string quarter =
      create("/api/v1/periods", R"({"name":"This quarter","kind":"quarter","start_date":")" +
                                    date_of(begin) + R"(","end_date":")" +
                                    date_of(begin + 90 * kDay) + R"("})");
  ASSERT_FALSE(quarter.empty());

  const std::string delight = create("/api/v1/objectives", R"({"title":"Delight our customers",
      "period_id":")" + quarter + R"(","owner":{"unit_id":")" + company +
                                                               R"("},"type":"committed"})");
  ASSERT_FALSE(delight.empty());
  // A decreasing metric, a boolean and weighted milestones.
  const std::string hours =
      create("/api/v1/key-results", R"({"objective_id":")" + delight +
                                        R"(","title":"Cut first-response time from 20 to 10 hours",
      "kind":"metric","start":20,"target":10,"unit":"hours"})");
  const std::string portal =
      create("/api/v1/key-results", R"({"objective_id":")" + delight +
                                        R"(","title":"Self-service portal live",
      "kind":"boolean"})");
  const std::string survey = create("/api/v1/key-results", R"({"objective_id":")" + delight +
                                                               R"(","title":"Customer survey",
      "kind":"milestones","milestones":[{"title":"Questions","weight":1},
      {"title":"Sent","weight":1},{"title":"Analysed","weight":2}]})");
  ASSERT_FALSE(hours.empty() || portal.empty() || survey.empty());

  // Check-ins as they happened in the last weeks, recorded now.
  create("/api/v1/key-results/" + hours + "/check-ins",
         R"({"value":15,"confidence":3,"note":"hiring","at":")" + instant_of(today - 20 * kDay) +
             R"("})");
  create("/api/v1/key-results/" + portal + "/check-ins",
         R"({"done":true,"confidence":8,"at":")" + instant_of(today - 19 * kDay) + R"("})");
  create("/api/v1/key-results/" + survey + "/check-ins",
         R"({"milestones_done":[0,2],"confidence":7,"at":")" + instant_of(today - 18 * kDay) +
             R"("})");
  // The first check-in, a day too early for the quarter, is refused.
  expect("POST", "/api/v1/key-results/" + hours + "/check-ins", 422,
         R"({"value":18,"at":")" + instant_of(begin - kDay) + R"("})");

  // As of tomorrow at midnight: 46 of 91 days gone.
  const std::string as_of = instant_of(today + kDay);
  const json::object later =
      expect("GET", "/api/v1/objectives/" + delight + "?as_of=" + as_of, 200);
  const double e = 46 / kQuarterDays;
  const json::object hours_later = key_result_in(later, hours);
  EXPECT_DOUBLE_EQ(number(hours_later, "progress"), 0.5);  // (15 − 20) / (10 − 20)
  EXPECT_NEAR(number(hours_later, "expected"), e, 1e-12);
  EXPECT_EQ(text(hours_later, "status"), "at_risk");  // on pace, but confidence 3
  EXPECT_DOUBLE_EQ(number(key_result_in(later, portal), "progress"), 1);
  EXPECT_EQ(text(key_result_in(later, portal), "status"), "done");
  EXPECT_DOUBLE_EQ(number(key_result_in(later, survey), "progress"), 0.75);  // (1 + 2) / 4
  EXPECT_DOUBLE_EQ(number(later, "progress"), 0.75);                         // (0.5 + 1 + 0.75) / 3
  EXPECT_NEAR(number(later, "expected"), e, 1e-12);
  EXPECT_DOUBLE_EQ(number(later, "confidence"), 6);  // (3 + 8 + 7) / 3
  EXPECT_EQ(text(later, "status"), "behind");        // ahead of pace; confidence 4–6

  // A quarter that began 9 days ago: a key result with no check-in is not started.
  const std::string fresh_quarter =
      create("/api/v1/periods", R"({"name":"Fresh","kind":"quarter","start_date":")" +
                                    date_of(today - 9 * kDay) + R"(","end_date":")" +
                                    date_of(today + 81 * kDay) + R"("})");
  const std::string fresh = create("/api/v1/objectives", R"({"title":"Start well",
      "period_id":")" + fresh_quarter + R"(","owner":{"unit_id":")" +
                                                             company + R"("}})");
  const std::string untouched = create("/api/v1/key-results", R"({"objective_id":")" + fresh +
                                                                  R"(","title":"Ship the FAQ",
      "kind":"boolean"})");
  const json::object start_well =
      expect("GET", "/api/v1/key-results/" + untouched + "?as_of=" + as_of, 200);
  EXPECT_DOUBLE_EQ(number(start_well, "progress"), 0);
  EXPECT_NEAR(number(start_well, "expected"), 10 / kQuarterDays, 1e-12);
  EXPECT_EQ(text(start_well, "status"), "not_started");

  // A team objective aligns to the company's; the reverse would be a cycle.
  const std::string faster =
      create("/api/v1/objectives", R"({"title":"Answer faster",
      "period_id":")" + quarter + R"(","owner":{"unit_id":")" +
                                       support + R"("},"parents":[{"objective_id":")" + delight +
                                       R"("}]})");
  ASSERT_FALSE(faster.empty());
  const json::object cycle = expect("POST", "/api/v1/objectives/" + delight + "/parents", 409,
                                    R"({"objective_id":")" + faster + R"("})");
  EXPECT_FALSE(cycle.at("path").as_array().empty()) << json::serialize(cycle);

  // Closing scores each key result at its progress: 0.75, a committed miss.
  const Reply closed = send("POST", "/api/v1/objectives/" + delight + "/close");
  EXPECT_EQ(closed.status / 100, 2) << closed.body;
  const json::object scored = expect("GET", "/api/v1/objectives/" + delight, 200);
  EXPECT_DOUBLE_EQ(number(scored, "score"), 0.75);
  EXPECT_EQ(text(scored, "status"), "closed");
  // An override replaces the score everywhere and needs a reason.
  expect("PUT", "/api/v1/objectives/" + delight + "/score", 422, R"({"score":0.8})");
  const Reply overridden = send("PUT", "/api/v1/objectives/" + delight + "/score",
                                R"({"score":0.8,"reason":"the survey tool was late"})");
  EXPECT_EQ(overridden.status / 100, 2) << overridden.body;
  EXPECT_DOUBLE_EQ(number(expect("GET", "/api/v1/objectives/" + delight, 200), "score"), 0.8);

  // Rolling over copies the key results that are not done; the metric starts
  // where the original ended.
  const std::string q3 =
      create("/api/v1/periods", R"({"name":"Next quarter","kind":"quarter","start_date":")" +
                                    date_of(begin + 91 * kDay) + R"(","end_date":")" +
                                    date_of(begin + 181 * kDay) + R"("})");
  const json::object copy = expect("POST", "/api/v1/objectives/" + delight + "/rollover", 201,
                                   R"({"period_id":")" + q3 + R"("})");
  const json::object copied = expect("GET", "/api/v1/objectives/" + text(copy, "id"), 200);
  const json::array& key_results = copied.at("key_results").as_array();
  ASSERT_EQ(key_results.size(), 2u) << json::serialize(copied);
  bool metric_found = false;
  for (const json::value& kr : key_results) {
    if (kr.at("kind").as_string() != "metric") continue;
    metric_found = true;
    EXPECT_DOUBLE_EQ(number(kr.as_object(), "start"), 15);
    EXPECT_DOUBLE_EQ(number(kr.as_object(), "target"), 10);
  }
  EXPECT_TRUE(metric_found);
}

}  // namespace
}  // namespace cairn::api
