// POST /api/v1/key-results/{id}/check-ins against the real server and its
// demo organisation: the new progress comes back at once; bad values,
// future instants, closed objectives and unknown ids are refused.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <tuple>

#include "api_fixture.h"
#include "app/demo_organization.h"
#include "core/model.h"

namespace cairn::api {
namespace {

using http::testing::Reply;

core::Instant now() {
  return core::Instant{std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count()};
}

// The demo is the same shape whenever it is built, so its ids can be found
// in a copy built here.
struct DemoKeyResults {
  std::uint32_t open_metric = 0;  // a metric of an active objective, checked in by hand
  double start = 0, target = 0;
  std::uint32_t closed = 0;  // a key result of last quarter's closed objectives
};

DemoKeyResults find_key_results() {
  core::Model model;
  EXPECT_TRUE(app::build_demo_organization(model, now()));
  DemoKeyResults out;
  bool found_open = false, found_closed = false;
  for (std::uint32_t i = 0; i < model.key_result_count(); ++i) {
    const core::KeyResult& kr = *model.key_result(core::KeyResultId{i});
    const core::Objective& o = *model.objective(kr.objective);
    if (!found_open && o.state == core::ObjectiveState::kActive &&
        kr.kind == core::KeyResultKind::kMetric && kr.source == core::ProgressSource::kCheckIns &&
        o.visibility == core::Visibility::kPublic) {
      out.open_metric = i;
      out.start = kr.start;
      out.target = *kr.target;
      found_open = true;
    }
    if (!found_closed && o.state == core::ObjectiveState::kClosed) {
      out.closed = i;
      found_closed = true;
    }
  }
  EXPECT_TRUE(found_open && found_closed);
  return out;
}

class CheckInApi : public testing::ApiTest {
 protected:
  void SetUp() override {
    start({"--demo"});
    token_ = demo_token();
    ASSERT_FALSE(token_.empty()) << server_->printed();
    demo_ = find_key_results();
  }
  Reply post(const std::string& target, const std::string& body, bool signed_in = true) {
    std::string headers(testing::kJson);
    if (signed_in) headers += testing::bearer(token_);
    return call("POST", target, headers, body);
  }
  std::string check_ins(std::uint32_t kr) {
    return "/api/v1/key-results/kr_" + std::to_string(kr) + "/check-ins";
  }

  std::string token_;
  DemoKeyResults demo_;
};

TEST_F(CheckInApi, ACheckInAnswersWithTheNewProgressOfTheKeyResultAndItsObjective) {
  const double value = demo_.start + 0.6 * (demo_.target - demo_.start);
  const Reply reply = post(check_ins(demo_.open_metric), R"({"value":)" + std::to_string(value) +
                                                             R"(,"confidence":7,"note":"steady"})");
  ASSERT_EQ(reply.status, 201) << reply.body;
  EXPECT_NE(reply.body.find(R"("confidence":7)"), std::string::npos);
  EXPECT_NE(reply.body.find(R"("note":"steady")"), std::string::npos);
  EXPECT_NE(reply.body.find(R"("author_id":"per_0")"), std::string::npos);
  // DOMAIN.md: p = (c − s) / (t − s).
  const std::string key =
      R"("key_result":{"id":"kr_)" + std::to_string(demo_.open_metric) + R"(","current":)";
  const std::size_t at = reply.body.find(key);
  ASSERT_NE(at, std::string::npos) << reply.body;
  const std::size_t progress_at = reply.body.find(R"("progress":)", at);
  const double progress = std::stod(reply.body.substr(progress_at + 11));
  EXPECT_NEAR(progress, 0.6, 1e-9);
  EXPECT_NE(reply.body.find(R"("objective":{"id":"obj_)"), std::string::npos);
}

TEST_F(CheckInApi, ABackdatedCheckInKeepsItsInstantButTheFutureIsRefused) {
  const std::string yesterday = core::to_rfc3339(now() - core::kSecondsPerDay);
  const Reply backdated =
      post(check_ins(demo_.open_metric), R"({"value":1,"at":")" + yesterday + R"("})");
  ASSERT_EQ(backdated.status, 201) << backdated.body;
  EXPECT_NE(backdated.body.find(R"("at":")" + yesterday + "\""), std::string::npos);
  const std::string tomorrow = core::to_rfc3339(now() + core::kSecondsPerDay);
  const Reply future =
      post(check_ins(demo_.open_metric), R"({"value":1,"at":")" + tomorrow + R"("})");
  EXPECT_EQ(future.status, 422);
  EXPECT_NE(future.body.find(R"("field":"at")"), std::string::npos) << future.body;
  EXPECT_EQ(post(check_ins(demo_.open_metric), R"({"value":1,"at":"yesterday"})").status, 422);
}

TEST_F(CheckInApi, BadValuesAreRefusedNamingTheField) {
  const Reply no_value = post(check_ins(demo_.open_metric), R"({"confidence":5})");
  EXPECT_EQ(no_value.status, 422);
  EXPECT_NE(no_value.body.find(R"("field":"value")"), std::string::npos);
  const Reply confidence = post(check_ins(demo_.open_metric), R"({"value":1,"confidence":11})");
  EXPECT_EQ(confidence.status, 422);
  EXPECT_NE(confidence.body.find(R"("field":"confidence")"), std::string::npos);
  EXPECT_EQ(post(check_ins(demo_.open_metric), R"({"value":1,"confidence":"high"})").status, 422);
  EXPECT_EQ(post(check_ins(demo_.open_metric), R"({"value":"12"})").status, 422);
  EXPECT_EQ(post(check_ins(demo_.open_metric), "{").status, 400);
}

TEST_F(CheckInApi, UnknownClosedAndUnauthenticatedAreRefused) {
  EXPECT_EQ(post("/api/v1/key-results/kr_999999/check-ins", R"({"value":1})").status, 404);
  EXPECT_EQ(post("/api/v1/key-results/obj_1/check-ins", R"({"value":1})").status, 404);
  EXPECT_EQ(post(check_ins(demo_.open_metric), R"({"value":1})", false).status, 401);
  const Reply closed =
      post(check_ins(demo_.closed), R"({"value":1,"done":true,"milestones_done":[]})");
  EXPECT_EQ(closed.status, 409) << closed.body;
}

// The writer, not the request's thread, confirms who checks in (the person
// is active, in which role): what it refuses is refused as before, and
// nothing is written.
TEST_F(CheckInApi, TheWriterConfirmsWhoChecksInAndRefusesAsBefore) {
  namespace json = boost::json;
  const std::string admin = testing::bearer(token_);
  auto person = [&](const std::string& email, const std::string& role) {
    const Reply made = call("POST", "/api/v1/people", std::string(testing::kJson) + admin,
                            R"({"name":"P","email":")" + email + R"(","role":")" + role +
                                R"(","password":"a long enough passphrase"})");
    EXPECT_EQ(made.status, 201) << made.body;
    const Reply login =
        call("POST", "/api/v1/auth/login", testing::kJson,
             R"({"email":")" + email + R"(","password":"a long enough passphrase"})");
    EXPECT_EQ(login.status, 200) << login.body;
    const std::string* cookie = login.header("set-cookie");
    const std::string session =
        cookie ? "Cookie: " + cookie->substr(0, cookie->find(';')) + "\r\n" : "";
    const Reply token = call("POST", "/api/v1/tokens",
                             std::string(testing::kJson) + session + "X-CSRF-Token: " +
                                 testing::member(login.body, "csrf_token") + "\r\n",
                             R"({"name":"checks in"})");
    EXPECT_EQ(token.status, 201) << token.body;
    return std::make_tuple(testing::member(made.body, "id"), testing::member(token.body, "token"),
                           session);
  };
  auto check_in_as = [&](const std::string& headers) {
    return call("POST", check_ins(demo_.open_metric), std::string(testing::kJson) + headers,
                R"({"value":1})");
  };
  auto count = [&] {
    const Reply listed = call("GET", check_ins(demo_.open_metric), admin);
    EXPECT_EQ(listed.status, 200) << listed.body;
    return json::parse(listed.body).at("items").as_array().size();
  };
  const std::size_t before = count();

  // A viewer may see the key result, not check in on it: 403, recorded.
  const auto [viewer_id, viewer_token, viewer_session] = person("vi@acme.example", "viewer");
  const Reply viewer = check_in_as(testing::bearer(viewer_token));
  EXPECT_EQ(viewer.status, 403) << viewer.body;
  // The session cookie without its CSRF token is refused before anything else.
  EXPECT_EQ(check_in_as(viewer_session).status, 403);

  // An admin checks in anywhere, until deactivated: then the token is refused.
  const auto [admin_id, admin_token, admin_session] = person("al@acme.example", "admin");
  EXPECT_EQ(check_in_as(testing::bearer(admin_token)).status, 201);
  EXPECT_EQ(call("DELETE", "/api/v1/people/" + admin_id, admin).status, 204);
  const Reply deactivated = check_in_as(testing::bearer(admin_token));
  EXPECT_EQ(deactivated.status, 401) << deactivated.body;
  EXPECT_EQ(count(), before + 1) << "only the active admin's check-in is written";

  const Reply log = call("GET", "/api/v1/audit/security?kind=access_denied", admin);
  ASSERT_EQ(log.status, 200) << log.body;
  const json::array denied = json::parse(log.body).at("items").as_array();
  ASSERT_EQ(denied.size(), 1u) << log.body;
  EXPECT_EQ(denied[0].at("actor_id").as_string(), viewer_id);
  EXPECT_EQ(denied[0].at("subject").as_string(), "key_result:" + std::to_string(demo_.open_metric));
  EXPECT_EQ(denied[0].at("detail").as_string(), "add_check_in");
  EXPECT_EQ(denied[0].at("address").as_string(), "127.0.0.1");
}

}  // namespace
}  // namespace cairn::api
