// GET /api/v1/events over HTTP: a check-in reaches a subscribed stream within
// a second, with the new numbers; a private objective's check-in reaches only
// those who may see it; a new in-app notification reaches only its person;
// the stream needs credentials.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>

#include "api_fixture.h"
#include "core/time.h"

namespace cairn::api {
namespace {

namespace json = boost::json;
using http::testing::Reply;
using http::testing::TestClient;
using testing::kJson;

class EventsApi : public testing::ApiTest {
 protected:
  void SetUp() override {
    start();
    const Reply setup = call("POST", "/api/v1/setup", kJson, R"({
      "organization": {"name": "Acme", "timezone": "UTC"},
      "admin": {"name": "Ada", "email": "ada@acme.example", "password": "correct horse battery"}})");
    ASSERT_EQ(setup.status, 201) << setup.body;
    admin_ = testing::bearer(std::string(json::parse(setup.body).at("token").as_string()));
    const std::int64_t today = std::chrono::duration_cast<std::chrono::seconds>(
                                   std::chrono::system_clock::now().time_since_epoch())
                                   .count() /
                               86400 * 86400;
    auto date = [](std::int64_t s) { return core::to_rfc3339(core::Instant{s}).substr(0, 10); };
    const std::string company = first_id("/api/v1/units");
    const std::string team = create("/api/v1/units", R"({"name":"Team","kind":"team",
        "parent_id":")" + company + R"("})");
    const std::string period =
        create("/api/v1/periods", R"({"name":"Now","kind":"quarter","start_date":")" +
                                      date(today - 30 * 86400) + R"(","end_date":")" +
                                      date(today + 60 * 86400) + R"("})");
    open_ = create("/api/v1/objectives", R"({"title":"Open","period_id":")" + period +
                                             R"(","owner":{"unit_id":")" + company + R"("}})");
    open_kr_ = create("/api/v1/key-results", R"({"objective_id":")" + open_ +
                                                 R"(","title":"Users","start":0,"target":100,
        "unit":"users"})");
    const std::string secret =
        create("/api/v1/objectives", R"({"title":"Secret plan","period_id":")" + period +
                                         R"(","owner":{"unit_id":")" + team +
                                         R"("},"visibility":"private"})");
    secret_kr_ = create("/api/v1/key-results", R"({"objective_id":")" + secret +
                                                   R"(","title":"Hidden","start":0,"target":10,
        "unit":"deals"})");
    // Eve is a member outside the team: she may not see the secret objective.
    EXPECT_EQ(call("POST", "/api/v1/people", admin_ + std::string(kJson),
                   R"({"name":"Eve","email":"eve@acme.example","role":"member",
                       "password":"a long enough passphrase"})")
                  .status,
              201);
    const Reply login =
        call("POST", "/api/v1/auth/login", kJson,
             R"({"email":"eve@acme.example","password":"a long enough passphrase"})");
    ASSERT_EQ(login.status, 200);
    eve_ =
        "Cookie: " + login.header("set-cookie")->substr(0, login.header("set-cookie")->find(';')) +
        "\r\n";
  }
  std::string create(const std::string& target, const std::string& body) {
    const Reply r = call("POST", target, admin_ + std::string(kJson), body);
    EXPECT_EQ(r.status, 201) << target << " " << r.body;
    return r.status == 201 ? std::string(json::parse(r.body).at("id").as_string()) : "";
  }
  std::string first_id(const std::string& target) {
    const json::value list = json::parse(call("GET", target, admin_).body);
    return std::string(list.at("items").as_array()[0].at("id").as_string());
  }
  // A client subscribed to /events with `headers`, after the stream's "ready".
  std::unique_ptr<TestClient> subscribe(const std::string& headers) {
    auto client = std::make_unique<TestClient>(server_->port());
    EXPECT_TRUE(client->send(http::testing::request_text("GET", "/api/v1/events", headers)));
    EXPECT_TRUE(client->wait_for("event: ready")) << client->received();
    EXPECT_NE(client->received().find("text/event-stream"), std::string::npos);
    return client;
  }
  void check_in(const std::string& kr, int value) {
    const Reply r = call("POST", "/api/v1/key-results/" + kr + "/check-ins",
                         admin_ + std::string(kJson), R"({"value":)" + std::to_string(value) + "}");
    EXPECT_EQ(r.status, 201) << r.body;
  }

  std::string admin_, eve_, open_, open_kr_, secret_kr_;
};

TEST_F(EventsApi, ACheckInReachesEveryoneWhoMaySeeItWithinASecond) {
  auto admin = subscribe(admin_);
  auto eve = subscribe(eve_);
  const auto start = std::chrono::steady_clock::now();
  check_in(open_kr_, 40);
  ASSERT_TRUE(admin->wait_for("event: check_in", std::chrono::seconds(1))) << admin->received();
  ASSERT_TRUE(eve->wait_for("event: check_in", std::chrono::seconds(1))) << eve->received();
  const auto elapsed = std::chrono::steady_clock::now() - start;
  std::cout << "[ events ] a check-in reached two streams in "
            << std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count() << " ms\n";
  // The event carries the new numbers: 40 of 0 → 100 is 0.4.
  EXPECT_NE(eve->received().find(R"("progress":0.4)"), std::string::npos) << eve->received();
  EXPECT_NE(eve->received().find(open_kr_), std::string::npos);
}

TEST_F(EventsApi, APrivateObjectivesCheckInReachesOnlyThoseWhoMaySeeIt) {
  auto admin = subscribe(admin_);
  auto eve = subscribe(eve_);
  check_in(secret_kr_, 3);
  ASSERT_TRUE(admin->wait_for(secret_kr_, std::chrono::seconds(1))) << admin->received();
  // A public check-in after it: when Eve has that one, the private one would
  // have come before it.
  check_in(open_kr_, 50);
  ASSERT_TRUE(eve->wait_for(open_kr_, std::chrono::seconds(1)));
  EXPECT_EQ(eve->received().find(secret_kr_), std::string::npos) << eve->received();
  EXPECT_EQ(eve->received().find("Secret"), std::string::npos);
}

TEST_F(EventsApi, ANewNotificationReachesOnlyItsPerson) {
  auto admin = subscribe(admin_);
  auto eve = subscribe(eve_);
  const Reply r = call("POST", "/api/v1/comments", admin_ + std::string(kJson),
                       R"({"target":{"objective_id":")" + open_ +
                           R"("},"body":"Could you look, @eve@acme.example?"})");
  ASSERT_EQ(r.status, 201) << r.body;
  ASSERT_TRUE(eve->wait_for("event: notification", std::chrono::seconds(1))) << eve->received();
  EXPECT_NE(eve->received().find(R"(data: {"new":1})"), std::string::npos) << eve->received();
  // The author is not notified: once the admin has a later event, a
  // notification event for them would have come before it.
  check_in(open_kr_, 20);
  ASSERT_TRUE(admin->wait_for("event: check_in", std::chrono::seconds(1)));
  EXPECT_EQ(admin->received().find("event: notification"), std::string::npos) << admin->received();
}

TEST_F(EventsApi, TheStreamNeedsCredentials) {
  EXPECT_EQ(call("GET", "/api/v1/events").status, 401);
  EXPECT_EQ(call("GET", "/api/v1/events", "Authorization: Bearer cairn_nope\r\n").status, 401);
}

}  // namespace
}  // namespace cairn::api
