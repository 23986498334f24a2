// The outbox worker against real receivers on loopback (loopback_receivers.h)
// and the real libcurl transport, with a clock the test moves: generic
// webhooks arrive signed (HMAC-SHA256 that verifies), Slack and Teams get
// their layouts, a failing endpoint is retried with exponential backoff and
// then succeeds, a dead endpoint fails on its own without holding the rest,
// email arrives over SMTP, and nothing is sent twice after a restart.
#include "app/outbox.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>

#include "app/curl_transport.h"
#include "app/service.h"
#include "app/webhook_layout.h"
#include "loopback_receivers.h"
#include "store_fixture.h"

namespace cairn::app {
namespace {

using testing::must;
namespace json = boost::json;

const core::Instant kNow = core::instant_utc(2026, 5, 15, 12);

class OutboxTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    folder_ = store::testing::fresh_folder("outbox");
    location_ = store::testing::location(GetParam(), folder_);
    service_ = must(Service::open(location_));
    const SetupResult made =
        must(service_->setup(SetupRequest{"Acme Rockets", "Europe/Paris", "Ada Lovelace",
                                          "ada@acme.example", "correct horse battery staple"},
                             kNow));
    admin_ = must(service_->authenticate_token(made.token));
  }
  void TearDown() override {
    service_.reset();
    std::filesystem::remove_all(folder_);
  }

  std::unique_ptr<Outbox> outbox(Transport& transport, OutboxOptions options = {}) {
    return std::make_unique<Outbox>(
        must(store::open_store(location_)), transport,
        [this](std::string_view sealed) { return service_->open_secret(sealed); },
        [this] { return clock_; }, options);
  }
  store::WebhookRecord webhook(const std::string& url, const std::string& format) {
    return must(service_->create_webhook(
        admin_, store::WebhookRecord{0, 0, url, format, "check_in.created", "s3cret", kNow, {}},
        kNow));
  }
  // Writes what a check-in event would, outside the change log.
  void event(const std::string& title) {
    Alerts alerts;
    alerts.webhooks.push_back(WebhookEvent{"check_in.created", title, "Progress 40%, on_track.",
                                           json::object{{"key_result", {{"id", "kr_1"}}}}});
    must(service_->write_outside_log(admin_.organization,
                                     [&](const LiveOrganization& live, store::Store& store,
                                         store::WriteTransaction& tx) -> core::Result<void> {
                                       auto written = service_->notifier().write(
                                           live.id, live.slug, *live.model, alerts, 0, store, tx,
                                           clock_);
                                       if (!written) return written.error();
                                       return {};
                                     }));
  }
  std::vector<store::DeliveryRecord> deliveries() { return must(service_->deliveries(admin_, {})); }

  std::filesystem::path folder_;
  std::string location_;
  std::unique_ptr<Service> service_;
  Principal admin_;
  core::Instant clock_ = kNow;
};

TEST(WebhookSignature, IsHmacSha256AsRfc4231Computes) {
  // RFC 4231, test case 2.
  EXPECT_EQ(webhook_signature("Jefe", "what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(WebhookLayouts, SlackAndTeamsGetTheirMessageShapes) {
  const WebhookEvent e{"key_result.status_changed",
                       "Key result “Ship” is now at_risk",
                       "Progress 20%, expected 60%.",
                       {}};
  const json::value slack = json::parse(webhook_body("slack", e, "acme", kNow));
  EXPECT_EQ(slack.at("text"), e.title.c_str());
  EXPECT_EQ(slack.at("blocks").at(0).at("type"), "header");
  EXPECT_EQ(slack.at("blocks").at(1).at("text").at("text"), e.text.c_str());
  const json::value teams = json::parse(webhook_body("teams", e, "acme", kNow));
  EXPECT_EQ(teams.at("type"), "message");
  const json::value& card = teams.at("attachments").at(0);
  EXPECT_EQ(card.at("contentType"), "application/vnd.microsoft.card.adaptive");
  EXPECT_EQ(card.at("content").at("type"), "AdaptiveCard");
  EXPECT_EQ(card.at("content").at("body").at(0).at("text"), e.title.c_str());
  const json::value generic = json::parse(webhook_body("generic", e, "acme", kNow));
  EXPECT_EQ(generic.at("event"), "key_result.status_changed");
  EXPECT_EQ(generic.at("organization"), "acme");
  EXPECT_EQ(generic.at("at"), "2026-05-15T12:00:00Z");
  EXPECT_TRUE(subscribes("check_in.created, key_result.status_changed", e.type));
  EXPECT_TRUE(subscribes("*", e.type));
  EXPECT_FALSE(subscribes("check_in.created", e.type));
}

TEST_P(OutboxTest, AWebhookArrivesSignedAndAFailingOneIsRetriedWithBackoffThenSucceeds) {
  cairn::testing::HttpReceiver receiver({503, 500});  // fails twice, then 200
  const auto hook = webhook(receiver.url(), "generic");
  event("Ada checked in on “Ship v2”");
  CurlTransport transport;
  OutboxOptions options;
  options.base_backoff_seconds = 10;
  auto worker = outbox(transport, options);

  EXPECT_EQ(must(worker->run_once()), 1);
  auto d = deliveries();
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].state, store::DeliveryState::kPending);
  EXPECT_EQ(d[0].attempts, 1);
  EXPECT_EQ(d[0].last_error, "HTTP 503");
  EXPECT_EQ(d[0].next_attempt_at, kNow + 10);

  clock_ = kNow + 9;
  EXPECT_EQ(must(worker->run_once()), 0) << "not due yet";
  clock_ = kNow + 10;
  EXPECT_EQ(must(worker->run_once()), 1);
  d = deliveries();
  EXPECT_EQ(d[0].attempts, 2);
  EXPECT_EQ(d[0].last_error, "HTTP 500");
  EXPECT_EQ(d[0].next_attempt_at, kNow + 10 + 20) << "the wait doubles";
  clock_ = kNow + 30;
  EXPECT_EQ(must(worker->run_once()), 1);
  d = deliveries();
  EXPECT_EQ(d[0].state, store::DeliveryState::kDelivered);
  EXPECT_EQ(d[0].attempts, 3);
  EXPECT_EQ(d[0].delivered_at, kNow + 30);
  EXPECT_EQ(d[0].last_error, "");

  const auto requests = receiver.requests();
  ASSERT_EQ(requests.size(), 3u);
  for (const auto& r : requests) {
    EXPECT_EQ(r.method, "POST");
    EXPECT_EQ(r.target, "/hook");
    EXPECT_EQ(r.headers.at("content-type"), "application/json");
    EXPECT_EQ(r.headers.at("x-cairn-event"), "check_in.created");
    EXPECT_EQ(r.body, requests[0].body) << "the same body every time";
    // The receiver's check: HMAC-SHA256 of the raw body with the shared secret.
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>("s3cret"), 6);
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(r.body.data()),
                                  r.body.size());
    crypto_auth_hmacsha256_final(&state, mac);
    char hex[2 * sizeof mac + 1];
    sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
    EXPECT_EQ(r.headers.at("x-cairn-signature"), "sha256=" + std::string(hex));
  }
  const json::value body = json::parse(requests[0].body);
  EXPECT_EQ(body.at("event"), "check_in.created");
  EXPECT_EQ(body.at("title"), "Ada checked in on “Ship v2”");
  EXPECT_EQ(body.at("data").at("key_result").at("id"), "kr_1");
  (void)hook;

  // A restart: a new worker on a new connection, much later, sends nothing again.
  worker.reset();
  clock_ = kNow + 86400;
  EXPECT_EQ(must(outbox(transport, options)->run_once()), 0);
  EXPECT_EQ(receiver.requests().size(), 3u);
}

// What the store's files hold, main database and write-ahead log.
std::string file_bytes(const std::filesystem::path& folder) {
  std::string bytes;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (entry.path().extension() == ".key") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    bytes.append(std::istreambuf_iterator<char>(in), {});
  }
  return bytes;
}

TEST_P(OutboxTest, AWebhookSecretIsSealedAtRestAndDeliveriesStillSignWithIt) {
  cairn::testing::HttpReceiver receiver;
  const auto hook = must(service_->create_webhook(
      admin_,
      store::WebhookRecord{0, 0, receiver.url(), "generic", "*", "sealed-s3cret-4711", kNow, {}},
      kNow));
  EXPECT_EQ(hook.secret, "sealed-s3cret-4711") << "shown once, as given";
  const auto stored = must(must(store::open_store(location_))->webhooks(admin_.organization));
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_TRUE(stored[0].secret_sealed);
  EXPECT_TRUE(stored[0].secret.starts_with("v1:"));
  EXPECT_EQ(stored[0].secret.find("sealed-s3cret-4711"), std::string::npos);
  EXPECT_EQ(file_bytes(folder_).find("sealed-s3cret-4711"), std::string::npos)
      << "not in the database's bytes";

  event("Ada checked in");
  CurlTransport transport;
  EXPECT_EQ(must(outbox(transport)->run_once()), 1);
  const auto requests = receiver.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].headers.at("x-cairn-signature"),
            webhook_signature("sealed-s3cret-4711", requests[0].body));
}

TEST_P(OutboxTest, ASecretStoredBeforeSealingIsSealedAtTheNextStartAndStillSigns) {
  cairn::testing::HttpReceiver receiver;
  // As a store before schema 7 held it: the secret as given.
  must(must(store::open_store(location_))
           ->create_webhook(store::WebhookRecord{0,
                                                 admin_.organization,
                                                 receiver.url(),
                                                 "generic",
                                                 "*",
                                                 "plain-s3cret-0815",
                                                 kNow,
                                                 {}}));
  service_.reset();
  service_ = must(Service::open(location_));
  const auto stored = must(must(store::open_store(location_))->webhooks(admin_.organization));
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_TRUE(stored[0].secret_sealed);
  EXPECT_EQ(stored[0].secret.find("plain-s3cret-0815"), std::string::npos);
  EXPECT_EQ(must(service_->seal_webhook_secrets()), 0) << "sealed once, not twice";

  event("Ada checked in");
  CurlTransport transport;
  EXPECT_EQ(must(outbox(transport)->run_once()), 1);
  const auto requests = receiver.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].headers.at("x-cairn-signature"),
            webhook_signature("plain-s3cret-0815", requests[0].body));
}

TEST_P(OutboxTest, ADeadEndpointFailsAloneAndGivesUpAfterMaxAttempts) {
  cairn::testing::HttpReceiver slack;
  int dead_port = 0;
  {
    cairn::testing::HttpReceiver closed;  // a port nobody listens on once it is gone
    dead_port = closed.port();
  }
  webhook("http://127.0.0.1:" + std::to_string(dead_port) + "/gone", "generic");
  webhook(slack.url("/slack"), "slack");
  event("Ada checked in");
  CurlTransport transport({}, std::chrono::milliseconds(2000));
  OutboxOptions options;
  options.base_backoff_seconds = 1;
  options.max_attempts = 3;
  auto worker = outbox(transport, options);
  EXPECT_EQ(must(worker->run_once()), 2);
  ASSERT_EQ(slack.requests().size(), 1u);
  EXPECT_EQ(json::parse(slack.requests()[0].body).at("text"), "Ada checked in");
  EXPECT_EQ(slack.requests()[0].headers.count("x-cairn-signature"), 0u);
  for (int i = 0; i < 5; ++i) {
    clock_ = clock_ + 10;
    (void)must(worker->run_once());
  }
  for (const store::DeliveryRecord& d : deliveries()) {
    if (d.target == "webhook:1") {
      EXPECT_EQ(d.state, store::DeliveryState::kFailed);
      EXPECT_EQ(d.attempts, 3);
      EXPECT_FALSE(d.last_error.empty());
    } else {
      EXPECT_EQ(d.state, store::DeliveryState::kDelivered);
      EXPECT_EQ(d.attempts, 1);
    }
  }
  EXPECT_EQ(slack.requests().size(), 1u);
}

TEST_P(OutboxTest, EmailArrivesOverSmtp) {
  cairn::testing::SmtpReceiver smtp;
  service_->notifier().set_email(true);
  Alerts alerts;
  alerts.people.push_back(PersonAlert{admin_.person, "mention", "",
                                      "Grace mentioned you on “Ship v2”",
                                      "Grace mentioned you on “Ship v2”:\n\n.Looks good"});
  must(service_->write_outside_log(admin_.organization,
                                   [&](const LiveOrganization& live, store::Store& store,
                                       store::WriteTransaction& tx) -> core::Result<void> {
                                     auto written =
                                         service_->notifier().write(live.id, live.slug, *live.model,
                                                                    alerts, 0, store, tx, kNow);
                                     if (!written) return written.error();
                                     return {};
                                   }));
  CurlTransport transport(SmtpOptions{smtp.url(), "none", "", "", "cairn@acme.example"});
  EXPECT_EQ(must(outbox(transport)->run_once()), 1);
  const auto mails = smtp.mails();
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].from, "<cairn@acme.example>");
  ASSERT_EQ(mails[0].to.size(), 1u);
  EXPECT_NE(mails[0].to[0].find("ada@acme.example"), std::string::npos);
  // The subject is an RFC 2047 encoded word that decodes to the title.
  const std::string& data = mails[0].data;
  const std::size_t word = data.find("Subject: =?UTF-8?B?");
  ASSERT_NE(word, std::string::npos) << data;
  const std::size_t from = word + 19, to = data.find("?=", from);
  const std::string b64 = data.substr(from, to - from);
  std::string subject(b64.size(), '\0');
  std::size_t length = 0;
  ASSERT_EQ(sodium_base642bin(reinterpret_cast<unsigned char*>(subject.data()), subject.size(),
                              b64.data(), b64.size(), nullptr, &length, nullptr,
                              sodium_base64_VARIANT_ORIGINAL),
            0);
  subject.resize(length);
  EXPECT_EQ(subject, "Grace mentioned you on “Ship v2”");
  EXPECT_NE(mails[0].data.find("Hello Ada Lovelace,\r\n\r\nGrace mentioned you"), std::string::npos)
      << mails[0].data;
  EXPECT_NE(mails[0].data.find("\r\n.Looks good"), std::string::npos) << "dot-stuffed and back";
  EXPECT_EQ(deliveries()[0].state, store::DeliveryState::kDelivered);
  // In-app too, by default.
  EXPECT_EQ(must(service_->notifications(admin_, {})).size(), 1u);
}

// On SQLite only, like ServiceTest: /setup needs an empty store, and the
// PostgreSQL test database is shared. The store suite runs the outbox's
// queries (claim with a lease, record an attempt) on both backends.
INSTANTIATE_TEST_SUITE_P(Backends, OutboxTest, ::testing::Values("sqlite"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace cairn::app
