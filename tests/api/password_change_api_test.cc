// Changing a password over HTTP (PATCH /people/{id} with `password`): your
// own needs `current_password`, and a wrong one is refused naming the field,
// changes nothing and counts with the sign-in limiter; an admin sets someone
// else's without theirs.
#include <gtest/gtest.h>

#include <boost/json.hpp>

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
constexpr std::string_view kMaxPassword = "another long passphrase";
constexpr std::string_view kNewPassword = "a brand new passphrase";

class PasswordChangeApi : public testing::ApiTest {
 protected:
  void SetUp() override {
    // A stopped clock, so the limiter's counts are exact.
    ::setenv("CAIRN_FIXED_NOW", "2026-05-15T09:00:00Z", 1);
    start();
    ::unsetenv("CAIRN_FIXED_NOW");
    const Reply setup = call("POST", "/api/v1/setup", kJson,
                             R"({"organization":{"name":"Acme"},"admin":{"name":"Ada",)"
                             R"("email":"ada@acme.example","password":"a long passphrase"}})");
    ASSERT_EQ(setup.status, 201) << setup.body;
    admin_ = bearer(member(setup.body, "token"));
    ada_id_ = member(call("GET", "/api/v1/me", admin_).body, "id");
    const Reply added = call("POST", "/api/v1/people", std::string(kJson) + admin_,
                             R"({"name":"Max","email":"max@acme.example","role":"member",)"
                             R"("password":"another long passphrase"})");
    ASSERT_EQ(added.status, 201) << added.body;
    max_id_ = member(added.body, "id");
    max_ = session("max@acme.example", kMaxPassword);
  }
  // A signed-in session's headers (cookie and CSRF token), or "" when refused.
  std::string session(std::string_view email, std::string_view password) {
    const Reply login = call("POST", "/api/v1/auth/login", kJson,
                             R"({"email":")" + std::string(email) + R"(","password":")" +
                                 std::string(password) + R"("})");
    const std::string* cookie = login.header("set-cookie");
    if (login.status != 200 || !cookie) return "";
    return "Cookie: " + cookie->substr(0, cookie->find(';')) +
           "\r\nX-CSRF-Token: " + member(login.body, "csrf_token") + "\r\n";
  }
  Reply change(const std::string& who, const std::string& id, const std::string& body) {
    return call("PATCH", "/api/v1/people/" + id, std::string(kJson) + who, body);
  }
  static std::string new_password(std::string_view current) {
    return R"({"password":")" + std::string(kNewPassword) + R"(","current_password":")" +
           std::string(current) + R"("})";
  }
  std::string admin_, ada_id_, max_id_, max_;
};

TEST_F(PasswordChangeApi, YourOwnNeedsTheCurrentPassword) {
  const Reply missing = change(max_, max_id_, R"({"password":"a brand new passphrase"})");
  EXPECT_EQ(missing.status, 422) << missing.body;
  EXPECT_NE(missing.body.find(R"("field":"current_password")"), std::string::npos) << missing.body;
  const Reply wrong = change(max_, max_id_, new_password("not my passphrase"));
  EXPECT_EQ(wrong.status, 403) << wrong.body;
  EXPECT_NE(wrong.body.find(R"("field":"current_password")"), std::string::npos) << wrong.body;
  const Reply not_text =
      change(max_, max_id_, R"({"password":"a brand new passphrase","current_password":7})");
  EXPECT_EQ(not_text.status, 422) << not_text.body;
  // Nothing changed: the old password still signs in, the session lives.
  EXPECT_EQ(call("GET", "/api/v1/me", max_).status, 200);
  EXPECT_NE(session("max@acme.example", kMaxPassword), "");
  EXPECT_EQ(session("max@acme.example", kNewPassword), "");

  EXPECT_EQ(change(max_, max_id_, new_password(kMaxPassword)).status, 200);
  EXPECT_EQ(call("GET", "/api/v1/me", max_).status, 401) << "the change ended the session";
  EXPECT_NE(session("max@acme.example", kNewPassword), "");
}

TEST_F(PasswordChangeApi, AdminsNeedTheirOwnCurrentPasswordButNotOtherPeoples) {
  EXPECT_EQ(change(admin_, ada_id_, R"({"password":"a brand new passphrase"})").status, 422);
  EXPECT_EQ(
      change(admin_, ada_id_, R"({"password":"a brand new passphrase","role":"admin"})").status,
      422)
      << "with other fields too";
  EXPECT_EQ(change(admin_, max_id_, R"({"password":"a brand new passphrase"})").status, 200);
  EXPECT_NE(session("max@acme.example", kNewPassword), "");
  EXPECT_EQ(change(admin_, ada_id_, new_password(kAdminPassword)).status, 200);
}

TEST_F(PasswordChangeApi, WrongCurrentPasswordsCountWithTheSignInLimiter) {
  // The account's free failures, spent on the password form...
  for (int i = 0; i < app::SignInLimiter::kFreeAccountFailures + 1; ++i) {
    ASSERT_EQ(change(max_, max_id_, new_password("guess " + std::to_string(i))).status, 403) << i;
  }
  // ...hold the next check on the form, even from Max's own address...
  const Reply held = change(max_, max_id_, new_password(kMaxPassword));
  EXPECT_EQ(held.status, 429) << held.body;
  EXPECT_EQ(*held.header("retry-after"), "1");
  EXPECT_NE(held.body.find(R"("field":"current_password")"), std::string::npos);
  // ...but Max, signing in from where he signed in before, is not locked out.
  EXPECT_NE(session("max@acme.example", kMaxPassword), "");

  const Reply events = call("GET", "/api/v1/audit/security?limit=1000&kind=sign_in_failed", admin_);
  const json::array failed = json::parse(events.body).at("items").as_array();
  ASSERT_EQ(failed.size(), static_cast<std::size_t>(app::SignInLimiter::kFreeAccountFailures + 1));
  EXPECT_EQ(failed[0].at("detail").as_string(), "current_password");
  EXPECT_EQ(failed[0].at("subject").as_string(), "max@acme.example");
  EXPECT_EQ(events.body.find("guess "), std::string::npos) << "no password in the log";
}

}  // namespace
}  // namespace cairn::api
