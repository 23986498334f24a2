// In-app notifications, channel preferences, webhooks and the outbox over
// HTTP: a mention notifies whoever may see the comment and nobody else; a
// key result that turned at risk notifies its owner; a private objective
// never reaches an outsider's notifications or a webhook; webhooks and the
// outbox are for admins, and a webhook's secret is shown once.
#include <chrono>
#include <thread>

#include "../app/loopback_receivers.h"
#include "collab_fixture.h"

namespace cairn::api {
namespace {

using testing::CollabApiTest;
namespace json = boost::json;

class NotificationApi : public CollabApiTest {
 protected:
  json::array notifications(const std::string& token, const std::string& query = "") {
    const json::value list = expect(get("/notifications" + query, token), 200);
    return list.is_object() ? list.at("items").as_array() : json::array();
  }
  void comment(const std::string& objective, const std::string& body) {
    expect(post("/comments", org_.admin,
                R"({"target":{"objective_id":")" + objective + R"("},"body":")" + body + "\"}"),
           201);
  }
  void check_in(const std::string& kr, const std::string& body) {
    expect(post("/key-results/" + kr + "/check-ins", org_.admin, body), 201);
  }
};

TEST_F(NotificationApi, AMentionNotifiesWhoMaySeeItAndIsMarkedRead) {
  EXPECT_TRUE(notifications(org_.outsider).empty());
  comment(org_.public_objective, "Over to you @kenji@larkspur.example");
  const json::array mine = notifications(org_.outsider);
  ASSERT_EQ(mine.size(), 1u);
  const json::object& n = mine[0].as_object();
  EXPECT_EQ(n.at("kind"), "mention");
  EXPECT_EQ(n.at("subject_id"), org_.public_objective.c_str());
  EXPECT_NE(std::string(n.at("text").as_string()).find("Over to you"), std::string::npos);
  // The variable parts, for the app to say it in the reader's language.
  const json::object& params = n.at("params").as_object();
  EXPECT_EQ(params.at("subject"), "objective");
  EXPECT_TRUE(params.at("title").as_string().starts_with("Delight our customers"));
  EXPECT_EQ(params.at("author"), "Maya Chen");
  EXPECT_EQ(params.at("excerpt"), "Over to you @kenji@larkspur.example");
  EXPECT_TRUE(n.at("read_at").is_null());
  EXPECT_TRUE(notifications(org_.insider).empty()) << "nobody else is told";

  const std::string id(n.at("id").as_string());
  EXPECT_EQ(post("/notifications/" + id + "/read", org_.insider, "").status, 404)
      << "someone else's";
  EXPECT_EQ(post("/notifications/ntf_999/read", org_.outsider, "").status, 404);
  EXPECT_EQ(post("/notifications/" + id + "/read", org_.outsider, "").status, 204);
  EXPECT_FALSE(notifications(org_.outsider)[0].at("read_at").is_null());
  EXPECT_TRUE(notifications(org_.outsider, "?unread=true").empty());
  EXPECT_EQ(get("/notifications?unread=maybe", org_.outsider).status, 422);
  EXPECT_EQ(get("/notifications", "").status, 401);
}

TEST_F(NotificationApi, APrivateObjectiveNeverReachesAnOutsider) {
  comment(org_.secret_objective,
          "Ping @kenji@larkspur.example and @lucia@larkspur.example about the move");
  EXPECT_TRUE(notifications(org_.outsider).empty());
  const json::array lucia = notifications(org_.insider);
  ASSERT_EQ(lucia.size(), 1u);
  EXPECT_EQ(lucia[0].at("subject_id"), org_.secret_objective.c_str());
}

TEST_F(NotificationApi, AKeyResultThatTurnedAtRiskNotifiesItsOwner) {
  check_in(org_.secret_kr, R"({"value":40,"confidence":9})");  // done
  EXPECT_TRUE(notifications(org_.insider).empty());
  check_in(org_.secret_kr, R"({"value":12,"confidence":2})");  // at risk
  const json::array lucia = notifications(org_.insider);
  ASSERT_GE(lucia.size(), 1u);
  bool kr_alert = false;
  for (const json::value& n : lucia) {
    EXPECT_EQ(n.at("kind"), "status_changed");
    if (n.at("subject_id") == org_.secret_kr.c_str()) {
      kr_alert = true;
      EXPECT_NE(std::string(n.at("text").as_string()).find("at_risk"), std::string::npos);
      const json::object& params = n.at("params").as_object();
      EXPECT_EQ(params.at("subject"), "key_result");
      EXPECT_EQ(params.at("status"), "at_risk");
      EXPECT_EQ(params.at("previous_status"), "done");
      EXPECT_EQ(params.at("objective_id"), org_.secret_objective.c_str()) << "for a link";
      EXPECT_GE(params.at("progress").to_number<double>(), 0.0);
      EXPECT_LE(params.at("expected").to_number<double>(), 1.0);
    }
  }
  EXPECT_TRUE(kr_alert);
  EXPECT_TRUE(notifications(org_.outsider).empty());
  check_in(org_.secret_kr, R"({"value":13,"confidence":2})");  // still at risk: no news
  EXPECT_EQ(notifications(org_.insider).size(), lucia.size());
}

TEST_F(NotificationApi, AllUnreadNotificationsAreMarkedReadAtOnce) {
  comment(org_.public_objective, "One for @kenji@larkspur.example and @lucia@larkspur.example");
  comment(org_.public_objective, "Two for @kenji@larkspur.example");
  ASSERT_EQ(notifications(org_.outsider, "?unread=true").size(), 2u);
  const std::string first(notifications(org_.outsider)[1].at("id").as_string());
  EXPECT_EQ(post("/notifications/" + first + "/read", org_.outsider, "").status, 204);

  const json::value marked = expect(post("/notifications/read-all", org_.outsider, ""), 200);
  EXPECT_EQ(json::serialize(marked), R"({"marked":1})") << "the one still unread";
  EXPECT_TRUE(notifications(org_.outsider, "?unread=true").empty());
  EXPECT_EQ(json::serialize(expect(post("/notifications/read-all", org_.outsider, ""), 200)),
            R"({"marked":0})");
  EXPECT_EQ(notifications(org_.insider, "?unread=true").size(), 1u) << "Lucía's stays unread";
  EXPECT_EQ(post("/notifications/read-all", "", "").status, 401);
}

TEST_F(NotificationApi, PreferencesChooseTheChannelsOfEachAlert) {
  const json::value prefs = expect(get("/notifications/preferences", org_.outsider), 200);
  ASSERT_TRUE(prefs.is_object());
  EXPECT_EQ(json::serialize(prefs.at("available_channels")), R"(["in_app"])")
      << "no SMTP configured: email cannot be chosen";
  bool mention = false;
  for (const json::value& p : prefs.at("items").as_array()) {
    if (p.at("kind") == "mention") {
      mention = true;
      EXPECT_EQ(json::serialize(p.at("channels")), R"(["in_app"])") << "no SMTP configured";
    }
  }
  EXPECT_TRUE(mention);
  expect(request("PUT", "/notifications/preferences", org_.outsider,
                 R"({"kind":"mention","channels":[]})"),
         200);
  comment(org_.public_objective, "Silence @kenji@larkspur.example");
  EXPECT_TRUE(notifications(org_.outsider).empty()) << "mentions switched off";
  EXPECT_EQ(request("PUT", "/notifications/preferences", org_.outsider,
                    R"({"kind":"gossip","channels":["in_app"]})")
                .status,
            422);
  EXPECT_EQ(request("PUT", "/notifications/preferences", org_.outsider,
                    R"({"kind":"mention","channels":["pigeon"]})")
                .status,
            422);
}

TEST_F(NotificationApi, WebhooksAreForAdminsAndOnlyPublicEventsReachTheOutbox) {
  const std::string hook_body =
      R"({"url":"http://127.0.0.1:9/hook","events":["*"],"secret":"s3cret"})";
  EXPECT_EQ(post("/webhooks", org_.outsider, hook_body).status, 403);
  EXPECT_EQ(get("/webhooks", org_.outsider).status, 403);
  EXPECT_EQ(get("/outbox", org_.outsider).status, 403);
  const json::value made = expect(post("/webhooks", org_.admin, hook_body), 201);
  ASSERT_TRUE(made.is_object());
  EXPECT_EQ(made.at("secret"), "s3cret");
  EXPECT_EQ(made.at("format"), "generic");
  const json::value list = expect(get("/webhooks", org_.admin), 200);
  ASSERT_EQ(item_count(list), 1u);
  EXPECT_FALSE(list.at("items").as_array()[0].as_object().contains("secret"));
  EXPECT_EQ(
      post("/webhooks", org_.admin, R"({"url":"ftp://x","events":["nope"],"format":"fax"})").status,
      422);
  EXPECT_EQ(error_fields(post("/webhooks", org_.admin,
                              R"({"url":"ftp://x","events":["nope"],"format":"fax"})")),
            "url,format,events");

  check_in(org_.secret_kr, R"({"value":11})");
  check_in(org_.public_kr, R"({"value":1})");
  const json::value outbox = expect(get("/outbox", org_.admin), 200);
  ASSERT_TRUE(outbox.is_object());
  const std::string text = json::serialize(outbox);
  EXPECT_NE(text.find("check_in.created"), std::string::npos);
  std::size_t check_ins = 0;
  for (const json::value& d : outbox.at("items").as_array()) {
    if (d.at("event") == "check_in.created") ++check_ins;
    EXPECT_EQ(d.at("target"), made.at("id"));
  }
  EXPECT_EQ(check_ins, 1u) << "the private objective's check-in is not sent: " << text;

  const std::string hook(made.at("id").as_string());
  EXPECT_EQ(request("DELETE", "/webhooks/" + hook, org_.outsider).status, 403);
  EXPECT_EQ(request("DELETE", "/webhooks/" + hook, org_.admin).status, 204);
  EXPECT_EQ(request("DELETE", "/webhooks/" + hook, org_.admin).status, 404);
  EXPECT_EQ(item_count(expect(get("/webhooks", org_.admin), 200)), 0u);
}

// The real server with SMTP configured and a webhook: its outbox thread sends
// the email and the signed webhook call within a second of the change, and a
// restart sends neither again.
TEST_F(NotificationApi, TheServerSendsEmailAndWebhooksOnceAcrossARestart) {
  cairn::testing::SmtpReceiver smtp;
  cairn::testing::HttpReceiver hooks;
  const std::vector<std::string> smtp_options{
      "--smtp-url", smtp.url(), "--smtp-tls", "none", "--smtp-from", "cairn@larkspur.example"};
  server_.reset();  // one server at a time on the store
  server_ = std::make_unique<testing::CairnProcess>(database_, smtp_options);
  expect(post("/webhooks", org_.admin,
              R"({"url":")" + hooks.url() + R"(","events":["comment.created"],"secret":"k"})"),
         201);
  comment(org_.public_objective, "Over to you @kenji@larkspur.example");
  auto wait_for = [](auto&& done) {
    for (int i = 0; i < 100 && !done(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return done();
  };
  ASSERT_TRUE(wait_for([&] { return smtp.mails().size() == 1 && hooks.requests().size() == 1; }))
      << smtp.mails().size() << " mails, " << hooks.requests().size() << " webhook calls";
  const auto mail = smtp.mails()[0];
  EXPECT_NE(mail.to[0].find("kenji@larkspur.example"), std::string::npos);
  EXPECT_NE(mail.data.find("Over to you"), std::string::npos);
  const auto call = hooks.requests()[0];
  EXPECT_EQ(call.headers.at("x-cairn-event"), "comment.created");
  EXPECT_TRUE(call.headers.at("x-cairn-signature").starts_with("sha256="));
  const json::value outbox = expect(get("/outbox?state=delivered", org_.admin), 200);
  EXPECT_EQ(item_count(outbox), 2u);

  server_.reset();
  server_ = std::make_unique<testing::CairnProcess>(database_, smtp_options);
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // a few outbox rounds
  EXPECT_EQ(smtp.mails().size(), 1u);
  EXPECT_EQ(hooks.requests().size(), 1u);
}

}  // namespace
}  // namespace cairn::api
