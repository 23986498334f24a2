// What the web app needs from the real server: the app itself at every
// non-API path (with the right types, caching and CSP), whether setup is
// still open, the CSRF token again after a reload, and the key results a
// person checks in on (GET /key-results).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>

#include "api_fixture.h"

namespace cairn::api {
namespace {

namespace json = boost::json;
using http::testing::Reply;
using testing::bearer;
using testing::kJson;
using testing::member;

class WebAppApi : public testing::ApiTest {
 protected:
  void SetUp() override { start(); }
  void set_up() {
    ASSERT_EQ(call("POST", "/api/v1/setup", kJson,
                   R"({"organization":{"name":"Acme"},"admin":{"name":"Ada",)"
                   R"("email":"ada@acme.example","password":"a long passphrase"}})")
                  .status,
              201);
  }
};

TEST_F(WebAppApi, EveryPathOutsideTheApiServesTheApp) {
  const Reply index = call("GET", "/");
  ASSERT_EQ(index.status, 200);
  ASSERT_NE(index.header("content-type"), nullptr);
  EXPECT_EQ(*index.header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(*index.header("cache-control"), "no-cache");
  EXPECT_NE(index.body.find(R"(<div id="app">)"), std::string::npos);
  // No inline script: every <script> names its file, and the CSP allows only 'self'.
  EXPECT_EQ(index.body.find("<script>"), std::string::npos);
  EXPECT_EQ(*index.header("content-security-policy"), "default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'");

  // The app's own routes survive a reload.
  for (const char* route : {"/company", "/objectives/obj_3", "/units/unit_1/"}) {
    const Reply page = call("GET", route);
    EXPECT_EQ(page.status, 200) << route;
    EXPECT_EQ(page.body, index.body) << route;
  }

  // Its script, named by content hash, is cached for good and gzipped once.
  const std::size_t src = index.body.find("/assets/");
  ASSERT_NE(src, std::string::npos);
  const std::string script = index.body.substr(src, index.body.find('"', src) - src);
  const Reply js = call("GET", script, "Accept-Encoding: gzip\r\n");
  ASSERT_EQ(js.status, 200) << script;
  EXPECT_EQ(*js.header("content-type"), "application/javascript; charset=utf-8");
  EXPECT_EQ(*js.header("cache-control"), "public, max-age=31536000, immutable");
  ASSERT_NE(js.header("content-encoding"), nullptr);
  EXPECT_EQ(*js.header("content-encoding"), "gzip");
  EXPECT_EQ(call("GET", script).header("content-encoding"), nullptr) << "only when accepted";
}

TEST_F(WebAppApi, WhatIsNotTheAppStaysA404) {
  EXPECT_EQ(call("GET", "/assets/index-gone.js").status, 404) << "never HTML for a script";
  const Reply api = call("GET", "/api/v1/no-such-thing");
  EXPECT_EQ(api.status, 404);
  EXPECT_EQ(*api.header("content-type"), "application/problem+json");
  EXPECT_EQ(call("GET", "/api").status, 404);
  EXPECT_EQ(call("POST", "/company", kJson, "{}").status, 404) << "the app answers reads only";
}

TEST_F(WebAppApi, SetupSaysWhetherItIsStillOpen) {
  EXPECT_EQ(call("GET", "/api/v1/setup").body, R"({"setup_needed":true})");
  set_up();
  EXPECT_EQ(call("GET", "/api/v1/setup").body, R"({"setup_needed":false})");
}

TEST_F(WebAppApi, MeGivesACookieSessionItsCsrfTokenAgain) {
  set_up();
  const Reply login = call("POST", "/api/v1/auth/login", kJson,
                           R"({"email":"ada@acme.example","password":"a long passphrase"})");
  ASSERT_EQ(login.status, 200);
  const std::string cookie =
      "Cookie: " + login.header("set-cookie")->substr(0, login.header("set-cookie")->find(';')) +
      "\r\n";
  const Reply me = call("GET", "/api/v1/me", cookie);
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(member(me.body, "csrf_token"), member(login.body, "csrf_token"));

  const std::string token =
      member(call("POST", "/api/v1/tokens",
                  cookie + "X-CSRF-Token: " + member(login.body, "csrf_token") + "\r\n" +
                      std::string(kJson),
                  R"({"name":"script"})")
                 .body,
             "token");
  ASSERT_FALSE(token.empty());
  EXPECT_EQ(call("GET", "/api/v1/me", bearer(token)).body.find("csrf_token"), std::string::npos)
      << "a token has no CSRF token";
}

class KeyResultListApi : public testing::ApiTest {
 protected:
  void SetUp() override { start({"--demo"}); }
  std::set<std::string> ids(const std::string& query) {
    const Reply reply = call("GET", "/api/v1/key-results" + query, bearer(demo_token()));
    EXPECT_EQ(reply.status, 200) << query << reply.body;
    std::set<std::string> found;
    const json::value body = json::parse(reply.body);
    for (const json::value& kr : body.at("items").as_array()) {
      found.insert(std::string(kr.at("id").as_string()));
    }
    return found;
  }
};

TEST_F(KeyResultListApi, FiltersByOwnerObjectiveAndPeriod) {
  // The demo: Maya (per_0) owns NPS and gross margin in Q4 (prd_2).
  EXPECT_EQ(ids("?owner_id=per_0&period_id=prd_2"), (std::set<std::string>{"kr_6", "kr_10"}));
  EXPECT_EQ(ids("?objective_id=obj_4"), (std::set<std::string>{"kr_12", "kr_13", "kr_14"}));
  EXPECT_TRUE(ids("?delegate_id=per_0").empty());
  const Reply reply =
      call("GET", "/api/v1/key-results?owner_id=per_0&limit=1", bearer(demo_token()));
  const json::value page = json::parse(reply.body);
  EXPECT_EQ(page.at("items").as_array().size(), 1u);
  EXPECT_FALSE(page.at("next_cursor").is_null());
  EXPECT_TRUE(page.at("items").at(0).at("can").at("check_in").as_bool());

  const Reply bad = call("GET", "/api/v1/key-results?owner_id=obj_1", bearer(demo_token()));
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("owner_id"), std::string::npos);
  EXPECT_EQ(call("GET", "/api/v1/key-results").status, 401);
}

TEST_F(KeyResultListApi, HistoryGivesTheChartItsPointsAndPace) {
  // The demo's activation rate, 35 % → 60 %, checked in weekly since the quarter began.
  const Reply reply = call("GET", "/api/v1/key-results/kr_12/history", bearer(demo_token()));
  ASSERT_EQ(reply.status, 200) << reply.body;
  const json::value history = json::parse(reply.body);
  const json::array& points = history.at("points").as_array();
  ASSERT_GE(points.size(), 2u);
  for (const json::value& p : points) {
    // Each point's progress is the metric formula applied to its check-in's value.
    const double value = p.at("check_in").at("value").to_number<double>();
    EXPECT_NEAR(p.at("progress").to_number<double>(), (value - 35) / 25, 1e-12);
  }
  const json::array& pace = history.at("pace").as_array();
  ASSERT_EQ(pace.size(), 2u) << "no plan: a straight line from start to due";
  EXPECT_EQ(pace.at(0).at("expected").to_number<double>(), 0);
  EXPECT_EQ(pace.at(1).at("expected").to_number<double>(), 1);
  const json::value quarter =
      json::parse(call("GET", "/api/v1/periods/prd_2", bearer(demo_token())).body);
  EXPECT_EQ(pace.at(0).at("at"), quarter.at("starts_at")) << "the quarter's start";
  EXPECT_EQ(pace.at(1).at("at"), quarter.at("ends_at")) << "and its end";

  // As of the first check-in, only it.
  const std::string first = std::string(points.at(0).at("at").as_string());
  const json::value then = json::parse(
      call("GET", "/api/v1/key-results/kr_12/history?as_of=" + first, bearer(demo_token())).body);
  EXPECT_EQ(then.at("points").as_array().size(), 1u);
  EXPECT_EQ(call("GET", "/api/v1/key-results/kr_999/history", bearer(demo_token())).status, 404);
}

TEST_F(KeyResultListApi, ACheckInPreviewIsTheCheckInsAnswerAndWritesNothing) {
  const std::string admin = bearer(demo_token()) + std::string(kJson);
  const auto count = [&] {
    return json::parse(call("GET", "/api/v1/key-results/kr_6/check-ins?limit=1000", admin).body)
        .at("items")
        .as_array()
        .size();
  };
  const std::size_t before = count();
  const Reply preview = call("POST", "/api/v1/key-results/kr_6/check-ins/preview", admin,
                             R"({"value":45,"confidence":9})");
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_EQ(count(), before) << "a preview writes nothing";
  const json::value previewed = json::parse(preview.body);
  // NPS 30 → 50 at 45: three quarters of the way.
  EXPECT_EQ(previewed.at("key_result").at("progress").to_number<double>(), 0.75);

  const Reply done =
      call("POST", "/api/v1/key-results/kr_6/check-ins", admin, R"({"value":45,"confidence":9})");
  ASSERT_EQ(done.status, 201) << done.body;
  const json::value real = json::parse(done.body);
  for (const char* key : {"progress", "status", "confidence"}) {
    EXPECT_EQ(previewed.at("key_result").at(key), real.at("key_result").at(key)) << key;
  }
  for (const char* key : {"progress", "status"}) {
    EXPECT_EQ(previewed.at("objective").at(key), real.at("objective").at(key)) << key;
  }

  EXPECT_EQ(call("POST", "/api/v1/key-results/kr_6/check-ins/preview", admin,
                 R"({"value":45,"confidence":11})")
                .status,
            422);
  EXPECT_EQ(
      call("POST", "/api/v1/key-results/kr_6/check-ins/preview", admin, R"({"done":true})").status,
      422);
  EXPECT_EQ(
      call("POST", "/api/v1/key-results/kr_999/check-ins/preview", admin, R"({"value":1})").status,
      404);
  EXPECT_EQ(
      call("POST", "/api/v1/key-results/kr_6/check-ins/preview", kJson, R"({"value":1})").status,
      401);
}

TEST_F(KeyResultListApi, PreviewsGiveTheWarningsOfWhatIsNotMadeYet) {
  const std::string admin = bearer(demo_token()) + std::string(kJson);
  const auto objectives = [&] {
    return json::parse(call("GET", "/api/v1/objectives?limit=1000", admin).body)
        .at("items")
        .as_array()
        .size();
  };
  const std::size_t before = objectives();
  // The Product team already owns three objectives this quarter.
  const Reply objective = call("POST", "/api/v1/objectives/preview", admin,
                               R"({"title":"Win the enterprise segment","period_id":"prd_2",)"
                               R"("owner":{"unit_id":"unit_2"}})");
  ASSERT_EQ(objective.status, 200) << objective.body;
  EXPECT_NE(objective.body.find(R"("rule":"max_objectives_per_owner")"), std::string::npos);
  EXPECT_NE(objective.body.find(R"("rule":"key_results_per_objective")"), std::string::npos);
  EXPECT_EQ(objectives(), before) << "a preview creates nothing";

  const Reply task = call("POST", "/api/v1/key-results/preview", admin,
                          R"({"objective_id":"obj_4","title":"Launch the new onboarding wizard",)"
                          R"("kind":"metric","start":0,"target":10,"unit":"teams"})");
  ASSERT_EQ(task.status, 200) << task.body;
  EXPECT_NE(task.body.find(R"("rule":"output_not_outcome")"), std::string::npos);
  const Reply outcome = call("POST", "/api/v1/key-results/preview", admin,
                             R"({"objective_id":"obj_4","title":"Get 40 teams set up in a day",)"
                             R"("kind":"metric","start":0,"target":40,"unit":"teams"})");
  EXPECT_EQ(outcome.body, R"({"warnings":[]})");

  EXPECT_EQ(call("POST", "/api/v1/objectives/preview", admin, R"({"period_id":"prd_2"})").status,
            422);
  EXPECT_EQ(call("POST", "/api/v1/key-results/preview", admin,
                 R"({"objective_id":"obj_999","title":"x","kind":"boolean"})")
                .status,
            422);
}

}  // namespace
}  // namespace cairn::api
