// Integration settings in the security log over HTTP: who created or deleted
// a webhook and which URL (its host and a fingerprint), format and events; who
// set or removed a KPI's pull (URL, pointer, interval, header names) or made
// or revoked its push token; and rejected push tokens. Never a secret: no
// webhook secret, header value, token, or URL path or query.
#include "app/security_log.h"
#include "collab_fixture.h"

namespace cairn::api {
namespace {

using testing::CollabApiTest;
namespace json = boost::json;

class IntegrationSettingsLog : public CollabApiTest {
 protected:
  // The admin's view of the log's events of `kind`, newest first.
  std::vector<json::object> events(const std::string& kind) {
    const auto reply = get("/audit/security?limit=1000&kind=" + kind, org_.admin);
    log_text_ += reply.body;
    const json::value page = expect(reply, 200);
    std::vector<json::object> out;
    for (const json::value& e : page.at("items").as_array()) out.push_back(e.as_object());
    return out;
  }
  std::string log_text_;
};

TEST_F(IntegrationSettingsLog, WebhooksAreRecordedWithoutTheirSecretOrPath) {
  const std::string url = "https://hooks.example.com/services/T0/B0/slack-path-token?q=query-token";
  const json::value made =
      expect(post("/webhooks", org_.admin,
                  R"({"url":")" + url + R"(","events":["*"],"secret":"whsec-never-logged"})"),
             201);
  const std::string id(made.at("id").as_string());
  EXPECT_EQ(request("DELETE", "/webhooks/" + id, org_.admin).status, 204);
  EXPECT_EQ(
      post("/webhooks", org_.outsider, R"({"url":"https://x.example/h","events":["*"]})").status,
      403);

  const auto created = events("webhook_created");
  ASSERT_EQ(created.size(), 1u) << "the refused one is not";
  EXPECT_EQ(created[0].at("actor_id"), org_.maya.c_str());
  EXPECT_EQ(created[0].at("subject").as_string(), "webhook:" + id.substr(id.find('_') + 1));
  EXPECT_EQ(created[0].at("detail").as_string(),
            "url=" + app::url_in_log(url) + " format=generic events=*");
  EXPECT_TRUE(app::url_in_log(url).starts_with("https://hooks.example.com #"));
  const auto deleted = events("webhook_deleted");
  ASSERT_EQ(deleted.size(), 1u);
  EXPECT_EQ(deleted[0].at("subject"), created[0].at("subject"));
  for (const char* secret : {"whsec-never-logged", "slack-path-token", "query-token"}) {
    EXPECT_EQ(log_text_.find(secret), std::string::npos) << secret;
  }
}

TEST_F(IntegrationSettingsLog, KpiSourceChangesAreRecordedWithHeaderNamesOnly) {
  const json::value kpi =
      expect(post("/kpis", org_.admin, R"({"name":"Weekly active users"})"), 201);
  const std::string id(kpi.at("id").as_string());
  const std::string subject = "kpi:" + id.substr(id.find('_') + 1);
  const std::string url = "http://127.0.0.1:9/metrics?api_key=query-secret";
  expect(request("PUT", "/kpis/" + id + "/pull", org_.admin,
                 R"({"url":")" + url +
                     R"(","pointer":"/data/wau","interval_minutes":15,)"
                     R"("headers":[{"name":"Authorization","value":"Bearer header-secret"},)"
                     R"({"name":"X-Team","env":"ANALYTICS_TEAM"}]})"),
         200);
  EXPECT_EQ(request("DELETE", "/kpis/" + id + "/pull", org_.admin).status, 204);
  expect(post("/kpis/" + id + "/token", org_.admin, "{}"), 201);
  EXPECT_EQ(request("DELETE", "/kpis/" + id + "/token", org_.admin).status, 204);

  const auto changed = events("kpi_source_changed");
  ASSERT_EQ(changed.size(), 4u);
  const std::string expected[] = {
      "push token revoked", "push token created", "pull removed",
      "pull url=" + app::url_in_log(url) +
          " pointer=/data/wau interval_minutes=15 headers=Authorization,X-Team"};
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(changed[i].at("detail").as_string(), expected[i]) << i;
    EXPECT_EQ(changed[i].at("subject").as_string(), subject) << i;
    EXPECT_EQ(changed[i].at("actor_id"), org_.maya.c_str()) << i;
  }
  for (const char* secret : {"header-secret", "query-secret", "cairnkpi_"}) {
    EXPECT_EQ(log_text_.find(secret), std::string::npos) << secret;
  }
}

TEST_F(IntegrationSettingsLog, RejectedPushTokensAreRecordedOnceAMinutePerAddress) {
  const json::value wau =
      expect(post("/kpis", org_.admin, R"({"name":"Weekly active users"})"), 201);
  const json::value other = expect(post("/kpis", org_.admin, R"({"name":"Revenue"})"), 201);
  const std::string wau_id(wau.at("id").as_string()), other_id(other.at("id").as_string());
  const std::string token(
      expect(post("/kpis/" + wau_id + "/token", org_.admin, "{}"), 201).at("token").as_string());
  const std::string forged = "cairnkpi_" + std::string(43, 'A');
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(call("POST", "/api/v1/kpis/" + wau_id + "/values",
                   testing::bearer(forged) + std::string(testing::kJson), R"({"value":1})")
                  .status,
              401);
  }
  EXPECT_EQ(call("POST", "/api/v1/kpis/" + other_id + "/values",
                 testing::bearer(token) + std::string(testing::kJson), R"({"value":1})")
                .status,
            403);

  // The forged ones belong to no organisation: the server admin reads them.
  const auto rejected = events("kpi_token_rejected");
  ASSERT_EQ(rejected.size(), 2u) << "three forged within a minute: one; and the misused one";
  EXPECT_EQ(rejected[0].at("subject").as_string(),
            "kpi:" + other_id.substr(other_id.find('_') + 1));
  EXPECT_EQ(rejected[0].at("detail"), "the token of another KPI");
  EXPECT_EQ(rejected[0].at("address"), "127.0.0.1");
  EXPECT_TRUE(rejected[1].at("subject").is_null());
  EXPECT_EQ(rejected[1].at("address"), "127.0.0.1");
  EXPECT_EQ(log_text_.find(forged), std::string::npos);
  EXPECT_EQ(log_text_.find(token), std::string::npos);
}

}  // namespace
}  // namespace cairn::api
