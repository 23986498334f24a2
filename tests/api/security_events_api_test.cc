// The security log over HTTP (QUALITY.md "Authentication and sessions"):
// failed, throttled and successful sign-ins, a denied write and a rejected
// token are read back by the admin from GET /audit/security with their kind,
// actor, subject and address; members get 403; and no password or token is
// in any event or in the server's log.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "api_fixture.h"
#include "app/sign_in_limiter.h"

namespace cairn::api {
namespace {

namespace json = boost::json;
using http::testing::Reply;
using testing::bearer;
using testing::kJson;
using testing::member;

constexpr std::string_view kAdminPassword = "a long passphrase";
constexpr std::string_view kMemberPassword = "another long passphrase";
constexpr std::string_view kWrongPassword = "not-the-passphrase-1234";
constexpr std::string_view kForgedToken = "cairn_forgedtokenforgedtokenforgedtoken1234";

class SecurityEventsApi : public testing::ApiTest {
 protected:
  void SetUp() override {
    folder_ = std::filesystem::temp_directory_path() /
              ("cairn-security-" + std::to_string(::getpid()) + "-" + std::to_string(std::rand()));
    std::filesystem::create_directories(folder_);
    database_ = (folder_ / "cairn.db").string();
    log_ = (folder_ / "server.log").string();
    server_ = std::make_unique<testing::CairnProcess>(database_, std::vector<std::string>{}, log_);
    const Reply setup = call("POST", "/api/v1/setup", kJson,
                             R"({"organization":{"name":"Acme"},"admin":{"name":"Ada",)"
                             R"("email":"ada@acme.example","password":")" +
                                 std::string(kAdminPassword) + R"("}})");
    ASSERT_EQ(setup.status, 201) << setup.body;
    admin_token_ = member(setup.body, "token");
    admin_ = bearer(admin_token_);
    const Reply added = call("POST", "/api/v1/people", std::string(kJson) + admin_,
                             R"({"name":"Max","email":"max@acme.example","role":"member",)"
                             R"("password":")" +
                                 std::string(kMemberPassword) + R"("})");
    ASSERT_EQ(added.status, 201) << added.body;
    max_id_ = member(added.body, "id");
  }

  Reply sign_in(std::string_view email, std::string_view password) {
    return call("POST", "/api/v1/auth/login", kJson,
                R"({"email":")" + std::string(email) + R"(","password":")" + std::string(password) +
                    R"("})");
  }
  // The events the admin reads, newest first.
  json::array events(const std::string& query = "") {
    const Reply reply = call("GET", "/api/v1/audit/security" + query, admin_);
    EXPECT_EQ(reply.status, 200) << reply.body;
    all_replies_ += reply.body;
    return json::parse(reply.body).at("items").as_array();
  }
  static std::vector<json::object> of_kind(const json::array& items, std::string_view kind) {
    std::vector<json::object> out;
    for (const json::value& item : items) {
      if (item.at("kind").as_string() == kind) out.push_back(item.as_object());
    }
    return out;
  }
  std::string server_log() const {
    std::ifstream in(log_);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  std::string log_, admin_token_, admin_, max_id_, all_replies_;
};

TEST_F(SecurityEventsApi, SignInsDenialsAndRejectedTokensAreReadBackByTheAdmin) {
  EXPECT_EQ(sign_in("ada@acme.example", kWrongPassword).status, 401);
  EXPECT_EQ(sign_in("nobody@elsewhere.example", kWrongPassword).status, 401);
  const Reply max_in = sign_in("max@acme.example", kMemberPassword);
  ASSERT_EQ(max_in.status, 200) << max_in.body;
  const std::string* cookie = max_in.header("set-cookie");
  ASSERT_NE(cookie, nullptr);
  const std::string max_session = "Cookie: " + cookie->substr(0, cookie->find(';')) +
                                  "\r\nX-CSRF-Token: " + member(max_in.body, "csrf_token") + "\r\n";

  // A member may see the company unit but not change it: 403, recorded.
  const json::value units = json::parse(call("GET", "/api/v1/units", admin_).body);
  const std::string company = std::string(units.at("items").as_array()[0].at("id").as_string());
  const Reply denied = call("PATCH", "/api/v1/units/" + company, std::string(kJson) + max_session,
                            R"({"name":"Max's company"})");
  EXPECT_EQ(denied.status, 403) << denied.body;

  // A forged token, twice: recorded once a minute per address.
  EXPECT_EQ(call("GET", "/api/v1/me", bearer(std::string(kForgedToken))).status, 401);
  EXPECT_EQ(call("GET", "/api/v1/me", bearer(std::string(kForgedToken))).status, 401);

  // Members and the unauthenticated do not read the security log.
  EXPECT_EQ(call("GET", "/api/v1/audit/security", max_session).status, 403);
  EXPECT_EQ(call("GET", "/api/v1/audit/security?kind=nonsense", max_session).status, 403);
  EXPECT_EQ(call("GET", "/api/v1/audit/security").status, 401);

  const json::array items = events();
  const auto failed = of_kind(items, "sign_in_failed");
  ASSERT_EQ(failed.size(), 2u);
  // Newest first: the unknown email (no organisation; Ada is the server's
  // admin, so she sees it), then Ada's own email.
  EXPECT_EQ(failed[0].at("subject").as_string(), "nobody@elsewhere.example");
  EXPECT_EQ(failed[1].at("subject").as_string(), "ada@acme.example");
  EXPECT_EQ(failed[1].at("address").as_string(), "127.0.0.1");
  EXPECT_TRUE(failed[1].at("actor_id").is_null());

  const auto signed_in = of_kind(items, "sign_in");
  ASSERT_EQ(signed_in.size(), 1u);
  EXPECT_EQ(signed_in[0].at("actor_id").as_string(), max_id_);
  EXPECT_EQ(signed_in[0].at("address").as_string(), "127.0.0.1");

  const auto access = of_kind(items, "access_denied");
  ASSERT_EQ(access.size(), 1u);
  EXPECT_EQ(access[0].at("actor_id").as_string(), max_id_);
  EXPECT_EQ(access[0].at("subject").as_string(), "unit:0");
  EXPECT_EQ(access[0].at("detail").as_string(), "update_unit");
  EXPECT_EQ(access[0].at("address").as_string(), "127.0.0.1");

  const auto rejected = of_kind(items, "token_rejected");
  ASSERT_EQ(rejected.size(), 1u) << "once a minute per address";
  EXPECT_TRUE(rejected[0].at("subject").is_null());
  EXPECT_EQ(of_kind(items, "token_created").size(), 0u) << "setup's own token is not a user's act";

  for (const json::value& item : items) {
    EXPECT_TRUE(item.at("id").as_string().starts_with("sev_"));
    EXPECT_EQ(item.at("at").as_string().size(), 20u) << item;  // RFC 3339, seconds, Z
  }

  // Filters and pages.
  EXPECT_EQ(events("?kind=sign_in_failed").size(), 2u);
  EXPECT_EQ(events("?since=2999-01-01T00:00:00Z").size(), 0u);
  const Reply first = call("GET", "/api/v1/audit/security?limit=2", admin_);
  ASSERT_EQ(first.status, 200);
  const json::value page = json::parse(first.body);
  ASSERT_EQ(page.at("items").as_array().size(), 2u);
  ASSERT_TRUE(page.at("next_cursor").is_string());
  const json::array rest =
      events("?limit=1000&cursor=" + std::string(page.at("next_cursor").as_string()));
  EXPECT_EQ(rest.size() + 2, items.size());
  EXPECT_EQ(call("GET", "/api/v1/audit/security?kind=nonsense", admin_).status, 422);
  EXPECT_EQ(call("GET", "/api/v1/audit/security?since=yesterday", admin_).status, 422);
  EXPECT_EQ(call("GET", "/api/v1/audit/security?cursor=x", admin_).status, 422);

  // No secret anywhere: not in the events, not in the server's log.
  const std::string log = server_log();
  for (std::string_view secret : {kAdminPassword, kMemberPassword, kWrongPassword, kForgedToken,
                                  std::string_view(admin_token_)}) {
    EXPECT_EQ(all_replies_.find(secret), std::string::npos) << secret;
    EXPECT_EQ(log.find(secret), std::string::npos) << secret;
  }
  EXPECT_NE(log.find("/api/v1/auth/login"), std::string::npos) << "the log is the server's stderr";
}

TEST_F(SecurityEventsApi, ThrottledSignInsAreRecorded) {
  // On a stopped clock, so the account's first delay (1 s) cannot run out
  // between two requests.
  server_.reset();
  ::setenv("CAIRN_FIXED_NOW", "2026-05-15T09:00:00Z", 1);
  server_ = std::make_unique<testing::CairnProcess>(database_, std::vector<std::string>{}, log_);
  ::unsetenv("CAIRN_FIXED_NOW");
  // An unknown email: every attempt fails, and each one counts.
  const int free_guesses = app::SignInLimiter::kFreeAccountFailures + 1;
  for (int i = 0; i < free_guesses; ++i) {
    ASSERT_EQ(sign_in("eve@elsewhere.example", kWrongPassword).status, 401) << i;
  }
  const Reply throttled_reply = sign_in("eve@elsewhere.example", kWrongPassword);
  EXPECT_EQ(throttled_reply.status, 429);
  EXPECT_EQ(*throttled_reply.header("retry-after"), "1");
  // Ada's email, from the same address, is still checked.
  EXPECT_EQ(sign_in("ada@acme.example", kAdminPassword).status, 200);

  const auto throttled = of_kind(events("?kind=sign_in_throttled"), "sign_in_throttled");
  ASSERT_EQ(throttled.size(), 1u);
  EXPECT_EQ(throttled[0].at("subject").as_string(), "eve@elsewhere.example");
  EXPECT_EQ(throttled[0].at("address").as_string(), "127.0.0.1");
  EXPECT_EQ(events("?kind=sign_in_failed&limit=1000").size(),
            static_cast<std::size_t>(free_guesses));
  EXPECT_EQ(all_replies_.find(kWrongPassword), std::string::npos);
}

TEST_F(SecurityEventsApi, ExportsAreRecordedWithWhatAndWhichFormat) {
  const Reply period = call("POST", "/api/v1/periods", std::string(kJson) + admin_,
                            R"({"name":"Q2","kind":"quarter","start_date":"2026-04-01",)"
                            R"("end_date":"2026-06-30"})");
  ASSERT_EQ(period.status, 201) << period.body;
  const std::string period_id = member(period.body, "id");
  const std::string period_subject = "period:" + period_id.substr(period_id.find('_') + 1);
  ASSERT_EQ(call("GET", "/api/v1/export?format=yaml", admin_).status, 200);
  ASSERT_EQ(call("GET", "/api/v1/export?period_id=" + period_id, admin_).status, 200);
  ASSERT_EQ(call("GET", "/api/v1/export?format=csv&period_id=" + period_id, admin_).status, 200);
  // Max, a member, may take a period's spreadsheet but not the whole document.
  const Reply max_in = sign_in("max@acme.example", kMemberPassword);
  ASSERT_EQ(max_in.status, 200);
  const std::string* cookie = max_in.header("set-cookie");
  ASSERT_NE(cookie, nullptr);
  const std::string max_session = "Cookie: " + cookie->substr(0, cookie->find(';')) + "\r\n";
  ASSERT_EQ(call("GET", "/api/v1/export?format=xlsx&period_id=" + period_id, max_session).status,
            200);
  EXPECT_EQ(call("GET", "/api/v1/export?format=json", max_session).status, 403);
  EXPECT_EQ(call("GET", "/api/v1/export?format=csv&period_id=prd_99", admin_).status, 404);

  const std::string ada_id = member(call("GET", "/api/v1/me", admin_).body, "id");
  const auto exports = of_kind(events("?kind=export"), "export");
  ASSERT_EQ(exports.size(), 4u) << "the refused and the failed export are not exports";
  struct Expected {
    std::string actor, subject, format;
  };
  const Expected expected[] = {
      // newest first
      {max_id_, period_subject, "xlsx"},
      {ada_id, period_subject, "csv"},
      {ada_id, period_subject, "json"},
      {ada_id, "", "yaml"},
  };
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(exports[i].at("detail").as_string(), expected[i].format) << i;
    EXPECT_EQ(exports[i].at("actor_id").as_string(), expected[i].actor) << i;
    if (!expected[i].subject.empty()) {
      EXPECT_EQ(exports[i].at("subject").as_string(), expected[i].subject) << i;
    } else {
      EXPECT_TRUE(exports[i].at("subject").as_string().starts_with("organization:")) << i;
    }
    EXPECT_EQ(exports[i].at("address").as_string(), "127.0.0.1");
  }
}

TEST_F(SecurityEventsApi, TokensPasswordsAndEndedSessionsAreRecorded) {
  const Reply max_in = sign_in("max@acme.example", kMemberPassword);
  ASSERT_EQ(max_in.status, 200);
  const Reply created =
      call("POST", "/api/v1/tokens", std::string(kJson) + admin_, R"({"name":"ci"})");
  ASSERT_EQ(created.status, 201);
  const std::string token_id = member(created.body, "id");
  EXPECT_EQ(call("DELETE", "/api/v1/tokens/" + token_id, admin_).status, 204);
  // A role change ends Max's session; a new password is recorded.
  EXPECT_EQ(call("PATCH", "/api/v1/people/" + max_id_, std::string(kJson) + admin_,
                 R"({"role":"viewer"})")
                .status,
            200);
  EXPECT_EQ(call("PATCH", "/api/v1/people/" + max_id_, std::string(kJson) + admin_,
                 R"({"password":"a brand new passphrase"})")
                .status,
            200);

  const Reply ada_in = sign_in("ada@acme.example", kAdminPassword);
  ASSERT_EQ(ada_in.status, 200);
  const std::string* cookie = ada_in.header("set-cookie");
  ASSERT_NE(cookie, nullptr);
  EXPECT_EQ(call("POST", "/api/v1/auth/logout",
                 "Cookie: " + cookie->substr(0, cookie->find(';')) +
                     "\r\nX-CSRF-Token: " + member(ada_in.body, "csrf_token") + "\r\n")
                .status,
            204);

  const json::array items = events();
  const auto out = of_kind(items, "sign_out");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_FALSE(out[0].at("actor_id").is_null());
  const auto made = of_kind(items, "token_created");
  ASSERT_EQ(made.size(), 1u);
  EXPECT_EQ(made[0].at("detail").as_string(), "ci");
  const auto revoked = of_kind(items, "token_revoked");
  ASSERT_EQ(revoked.size(), 1u);
  EXPECT_EQ(revoked[0].at("subject").as_string(), made[0].at("subject").as_string());
  const auto ended = of_kind(items, "sessions_ended");
  ASSERT_EQ(ended.size(), 1u);
  EXPECT_EQ(ended[0].at("subject").as_string(), "person:" + max_id_.substr(4));
  const auto password = of_kind(items, "password_changed");
  // One when Ada created Max with a password, one when she changed it.
  ASSERT_EQ(password.size(), 2u);
  EXPECT_EQ(password[0].at("subject").as_string(), "person:" + max_id_.substr(4));
  EXPECT_EQ(password[0].at("actor_id").as_string(),
            member(call("GET", "/api/v1/me", admin_).body, "id"));
  EXPECT_EQ(all_replies_.find("a brand new passphrase"), std::string::npos);
  EXPECT_EQ(all_replies_.find(member(created.body, "token")), std::string::npos);
}

}  // namespace
}  // namespace cairn::api
