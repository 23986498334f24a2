// GET /alignment over HTTP on the demo: the quarter's objectives with their
// links and dependencies, and a private objective kept to a shape without a
// name for those who may not see it.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "api_fixture.h"

namespace cairn::api {
namespace {

namespace json = boost::json;
using http::testing::Reply;
using testing::bearer;
using testing::kJson;
using testing::member;

class AlignmentApi : public testing::ApiTest {
 protected:
  void SetUp() override { start({"--demo"}); }
  json::value map(const std::string& credentials, const std::string& query = "") {
    const Reply reply = call("GET", "/api/v1/alignment" + query, credentials);
    EXPECT_EQ(reply.status, 200) << reply.body;
    return json::parse(reply.body);
  }
};

TEST_F(AlignmentApi, TheQuarterWithItsLinksAndDependencies) {
  const json::value answer = map(bearer(demo_token()), "?period_id=prd_2");
  EXPECT_EQ(answer.at("period_id"), "prd_2");
  EXPECT_EQ(answer.at("objectives").as_array().size(), 11u);
  EXPECT_EQ(answer.at("links").as_array().size(), 9u);
  EXPECT_EQ(answer.at("dependencies").as_array().size(), 1u);
  // Onboarding aligns to the NPS objective through its activation key result.
  bool found = false;
  for (const json::value& link : answer.at("links").as_array()) {
    if (link.at("child_id") == "obj_4") {
      EXPECT_EQ(link.at("parent_id"), "obj_2");
      EXPECT_EQ(link.at("via_key_result_id"), "kr_7");
      found = true;
    }
  }
  EXPECT_TRUE(found);
  const json::value& first = answer.at("objectives").at(0);
  EXPECT_EQ(first.at("owner").at("kind"), "company");
  EXPECT_TRUE(first.at("progress").is_number());
  // Without a period, the one running now.
  EXPECT_EQ(map(bearer(demo_token())).at("period_id"), "prd_2");
  EXPECT_EQ(call("GET", "/api/v1/alignment?period_id=prd_99", bearer(demo_token())).status, 404);
  EXPECT_EQ(call("GET", "/api/v1/alignment?period_id=obj_1", bearer(demo_token())).status, 422);
  EXPECT_EQ(call("GET", "/api/v1/alignment").status, 401);
}

TEST_F(AlignmentApi, APrivateParentIsAShapeWithoutAName) {
  const std::string admin = bearer(demo_token());
  const Reply secret = call("POST", "/api/v1/objectives", admin + std::string(kJson),
                            R"({"title":"Secret acquisition","period_id":"prd_2",)"
                            R"("owner":{"unit_id":"unit_0"},"visibility":"private"})");
  ASSERT_EQ(secret.status, 201) << secret.body;
  const std::string secret_id = member(secret.body, "id");
  const Reply child = call("POST", "/api/v1/objectives", admin + std::string(kJson),
                           R"({"title":"Prepare the integration","period_id":"prd_2",)"
                           R"("owner":{"unit_id":"unit_2"},"parents":[{"objective_id":")" +
                               secret_id + R"("}]})");
  ASSERT_EQ(child.status, 201) << child.body;
  const std::string child_id = member(child.body, "id");
  ASSERT_EQ(call("POST", "/api/v1/people", admin + std::string(kJson),
                 R"({"name":"Vic","email":"vic@larkspur.example","role":"viewer",)"
                 R"("password":"viewer passphrase"})")
                .status,
            201);
  const Reply login = call("POST", "/api/v1/auth/login", kJson,
                           R"({"email":"vic@larkspur.example","password":"viewer passphrase"})");
  ASSERT_EQ(login.status, 200);
  const std::string viewer =
      "Cookie: " + login.header("set-cookie")->substr(0, login.header("set-cookie")->find(';')) +
      "\r\n";

  const json::value seen = map(viewer, "?period_id=prd_2");
  const std::string text = json::serialize(seen);
  EXPECT_EQ(text.find("Secret acquisition"), std::string::npos);
  EXPECT_EQ(text.find("\"" + secret_id + "\""), std::string::npos) << "not even its id";
  std::string hidden;
  for (const json::value& o : seen.at("objectives").as_array()) {
    if (o.as_object().contains("private")) {
      hidden = std::string(o.at("id").as_string());
      EXPECT_FALSE(o.as_object().contains("title"));
    }
  }
  ASSERT_TRUE(hidden.starts_with("private_")) << text;
  bool linked = false;
  for (const json::value& link : seen.at("links").as_array()) {
    if (link.at("child_id").as_string() == child_id) {
      EXPECT_EQ(link.at("parent_id").as_string(), hidden);
      linked = true;
    }
  }
  EXPECT_TRUE(linked) << "the public child still shows where it aligns";

  // The admin sees it by name.
  EXPECT_NE(json::serialize(map(admin, "?period_id=prd_2")).find("Secret acquisition"),
            std::string::npos);
}

}  // namespace
}  // namespace cairn::api
