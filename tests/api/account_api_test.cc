// Drives the real `cairn serve` over HTTP: setup, the caller, API tokens, the
// organisation, health and metrics, and the error classes on the way.
#include <gtest/gtest.h>

#include <filesystem>

#include "api_fixture.h"

namespace cairn::api {
namespace {

using http::testing::Reply;
using testing::bearer;
using testing::kJson;
using testing::member;

constexpr std::string_view kSetup =
    R"({"organization":{"name":"Acme Rockets","timezone":"Europe/Paris"},)"
    R"("admin":{"name":"Ada Lovelace","email":"ada@acme.example","password":"a long passphrase"}})";

class AccountApi : public testing::ApiTest {
 protected:
  void SetUp() override { start(); }
  std::string set_up() {
    const Reply reply = call("POST", "/api/v1/setup", kJson, kSetup);
    EXPECT_EQ(reply.status, 201) << reply.body;
    return member(reply.body, "token");
  }
};

TEST_F(AccountApi, AnEmptyStoreStaysEmptyUntilSetup) {
  EXPECT_NE(server_->printed().find("/api/v1/setup"), std::string::npos);
  const Reply health = call("GET", "/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.body, R"({"status":"ok"})");
  ASSERT_NE(health.header("content-security-policy"), nullptr);
  EXPECT_EQ(call("GET", "/api/v1/me").status, 401);
}

TEST_F(AccountApi, SetupCreatesTheOrganizationAndItsAdminOnce) {
  const Reply created = call("POST", "/api/v1/setup", kJson, kSetup);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_NE(created.body.find(R"("name":"Acme Rockets")"), std::string::npos);
  EXPECT_NE(created.body.find(R"("timezone":"Europe/Paris")"), std::string::npos);
  EXPECT_NE(created.body.find(R"("role":"admin")"), std::string::npos);
  EXPECT_NE(created.body.find(R"("behind_gap":0.1,)"), std::string::npos) << "plain numbers";
  EXPECT_EQ(created.body.find("password"), std::string::npos);
  const std::string token = member(created.body, "token");
  ASSERT_TRUE(token.starts_with("cairn_"));

  const Reply again = call("POST", "/api/v1/setup", kJson, kSetup);
  EXPECT_EQ(again.status, 409);
  ASSERT_NE(again.header("content-type"), nullptr);
  EXPECT_EQ(*again.header("content-type"), "application/problem+json");

  const Reply me = call("GET", "/api/v1/me", bearer(token));
  EXPECT_EQ(me.status, 200);
  EXPECT_NE(me.body.find(R"("email":"ada@acme.example")"), std::string::npos);
  const Reply org = call("GET", "/api/v1/organization", bearer(token));
  EXPECT_EQ(org.status, 200);
  EXPECT_NE(org.body.find(R"("name":"Acme Rockets")"), std::string::npos);
}

TEST_F(AccountApi, BadSetupsAreRefusedWithTheReasonAndChangeNothing) {
  const Reply weak = call("POST", "/api/v1/setup", kJson,
                          R"({"organization":{"name":"A"},"admin":{"name":"Ada",)"
                          R"("email":"ada@acme.example","password":"password"}})");
  EXPECT_EQ(weak.status, 422);
  EXPECT_NE(weak.body.find(R"("field":"admin.password")"), std::string::npos) << weak.body;

  const Reply missing = call("POST", "/api/v1/setup", kJson, R"({"organization":{},"admin":{}})");
  EXPECT_EQ(missing.status, 422);
  for (const char* field : {"organization.name", "admin.name", "admin.email", "admin.password"}) {
    EXPECT_NE(missing.body.find(std::string("\"field\":\"") + field + "\""), std::string::npos)
        << field << " in " << missing.body;
  }
  EXPECT_EQ(call("POST", "/api/v1/setup", kJson, "{not json").status, 400);
  EXPECT_EQ(call("POST", "/api/v1/setup", kJson, "[1,2]").status, 400);
  EXPECT_EQ(
      call("POST", "/api/v1/setup", kJson, R"({"organization":{"name":"A","name":"B"},"admin":{}})")
          .status,
      400)
      << "a repeated key";
  EXPECT_EQ(call("POST", "/api/v1/setup", "Content-Type: text/plain\r\n", kSetup).status, 400);
  EXPECT_EQ(call("POST", "/api/v1/setup", kJson, R"({"organization":"x","admin":{}})").status, 422);
  // None of it created anything: a good setup still works.
  set_up();
}

TEST_F(AccountApi, TokensAreShownOnceListedWithoutSecretsAndRevocable) {
  const std::string admin = set_up();
  const Reply created =
      call("POST", "/api/v1/tokens", std::string(kJson) + bearer(admin), R"({"name":"ci"})");
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string ci = member(created.body, "token");
  const std::string id = member(created.body, "id");
  EXPECT_TRUE(id.starts_with("tok_"));
  EXPECT_EQ(call("GET", "/api/v1/me", bearer(ci)).status, 200);

  const Reply listed = call("GET", "/api/v1/tokens", bearer(admin));
  EXPECT_EQ(listed.status, 200);
  EXPECT_NE(listed.body.find(R"("name":"ci")"), std::string::npos);
  EXPECT_EQ(listed.body.find(ci), std::string::npos) << "a token is shown once";
  EXPECT_EQ(listed.body.find("hash"), std::string::npos);
  EXPECT_NE(listed.body.find(R"("next_cursor":null)"), std::string::npos);

  EXPECT_EQ(call("DELETE", "/api/v1/tokens/" + id, bearer(admin)).status, 204);
  EXPECT_EQ(call("GET", "/api/v1/me", bearer(ci)).status, 401);
  EXPECT_EQ(call("DELETE", "/api/v1/tokens/" + id, bearer(admin)).status, 404);
  EXPECT_EQ(call("DELETE", "/api/v1/tokens/nonsense", bearer(admin)).status, 404);
  EXPECT_EQ(call("POST", "/api/v1/tokens", std::string(kJson) + bearer(admin), "{}").status, 422);
  EXPECT_EQ(call("POST", "/api/v1/tokens", kJson, R"({"name":"x"})").status, 401);
}

TEST_F(AccountApi, CredentialsOutsideTheHeaderAreNotAccepted) {
  const std::string admin = set_up();
  EXPECT_EQ(call("GET", "/api/v1/me?access_token=" + admin).status, 401) << "never in URLs";
  EXPECT_EQ(call("GET", "/api/v1/me", "Authorization: Bearer cairn_guess\r\n").status, 401);
  EXPECT_EQ(call("GET", "/api/v1/me", "Authorization: Basic YWRhOng=\r\n").status, 401);
}

TEST_F(AccountApi, UnknownPathsAndMethodsAreProblems) {
  EXPECT_EQ(call("GET", "/api/v1/nothing-here").status, 404);
  const Reply wrong_method = call("PUT", "/api/v1/me");
  EXPECT_EQ(wrong_method.status, 405);
  ASSERT_NE(wrong_method.header("allow"), nullptr);
}

TEST_F(AccountApi, MetricsCountRequestsAndTheModel) {
  set_up();
  const Reply metrics = call("GET", "/metrics");
  EXPECT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find("cairn_http_requests_total"), std::string::npos);
  EXPECT_NE(metrics.body.find("cairn_organizations 1"), std::string::npos);
  EXPECT_NE(metrics.body.find("cairn_people 1"), std::string::npos);
}

TEST_F(AccountApi, TheServerKeepsEverythingAcrossARestart) {
  const std::string admin = set_up();
  EXPECT_EQ(server_->stop(), 0) << "SIGTERM stops it cleanly";
  server_ = std::make_unique<testing::CairnProcess>(database_);
  EXPECT_EQ(call("GET", "/api/v1/me", bearer(admin)).status, 200);
  EXPECT_EQ(call("POST", "/api/v1/setup", kJson, kSetup).status, 409);
}

TEST_F(AccountApi, TheDemoPrintsASignInAndAWorkingToken) {
  server_.reset();
  server_ = std::make_unique<testing::CairnProcess>(database_, std::vector<std::string>{"--demo"});
  ASSERT_NE(server_->printed().find("maya@larkspur.example"), std::string::npos);
  const std::string token = demo_token();
  ASSERT_FALSE(token.empty()) << server_->printed();
  const Reply me = call("GET", "/api/v1/me", bearer(token));
  EXPECT_EQ(me.status, 200) << token;
  EXPECT_NE(me.body.find("maya@larkspur.example"), std::string::npos);
}

}  // namespace
}  // namespace cairn::api

namespace cairn::api {
namespace {

TEST_F(AccountApi, AServerAdminCreatesAnotherOrganisationThatStaysApart) {
  const std::string first = set_up();
  // A member of the first organisation may not.
  ASSERT_EQ(call("POST", "/api/v1/people", testing::bearer(first) + std::string(kJson),
                 R"({"name":"Mo","email":"mo@acme.example","role":"member"})")
                .status,
            201);
  const std::string second_body = R"({"organization":{"name":"Globex","timezone":"Europe/Paris"},
      "admin":{"name":"Hank","email":"hank@globex.example","password":"globex rules the world"}})";
  EXPECT_EQ(call("POST", "/api/v1/organizations", kJson, second_body).status, 401);
  const Reply made = call("POST", "/api/v1/organizations",
                          testing::bearer(first) + std::string(kJson), second_body);
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string second = member(made.body, "token");
  ASSERT_FALSE(second.empty());

  // Each token sees its own organisation only.
  EXPECT_NE(call("GET", "/api/v1/organization", testing::bearer(second)).body.find("Globex"),
            std::string::npos);
  const Reply people = call("GET", "/api/v1/people", testing::bearer(second));
  EXPECT_EQ(people.body.find("acme.example"), std::string::npos) << people.body;
  EXPECT_NE(people.body.find("hank@globex.example"), std::string::npos);
  // Its admin is not a server admin; a weak password is refused naming the field.
  EXPECT_EQ(call("POST", "/api/v1/organizations", testing::bearer(second) + std::string(kJson),
                 second_body)
                .status,
            403);
  const Reply weak =
      call("POST", "/api/v1/organizations", testing::bearer(first) + std::string(kJson),
           R"({"organization":{"name":"Weak"},
                              "admin":{"name":"W","email":"w@weak.example","password":"iloveyou"}})");
  EXPECT_EQ(weak.status, 422);
  EXPECT_NE(weak.body.find(R"("field":"admin.password")"), std::string::npos) << weak.body;
  // Hank signs in with his password.
  EXPECT_EQ(call("POST", "/api/v1/auth/login", kJson,
                 R"({"email":"hank@globex.example","password":"globex rules the world"})")
                .status,
            200);
}

}  // namespace
}  // namespace cairn::api

namespace cairn::api {
namespace {

TEST_F(AccountApi, ABodyOverOneMebibyteIs413AndChangesNothing) {
  const std::string token = set_up();
  const std::string huge = R"({"title":")" + std::string(1100 * 1024, 'x') + R"("})";
  const Reply reply =
      call("POST", "/api/v1/objectives", testing::bearer(token) + std::string(kJson), huge);
  EXPECT_EQ(reply.status, 413);
  ASSERT_NE(reply.header("content-type"), nullptr);
  EXPECT_EQ(*reply.header("content-type"), "application/problem+json");
  EXPECT_EQ(call("GET", "/api/v1/objectives", testing::bearer(token)).body,
            R"({"items":[],"next_cursor":null})");
}

}  // namespace
}  // namespace cairn::api
