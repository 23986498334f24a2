// Sign-in limits over HTTP behind a trusted proxy (`--trusted-proxy`): the
// client's address comes from X-Forwarded-For, so many addresses guessing
// one account get the account's ten free guesses and then wait, while the
// real user's known address still gets in; other peers' X-Forwarded-For is
// ignored; a restarted server still holds the account. On a stopped clock
// (CAIRN_FIXED_NOW), so the counts are exact.
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

constexpr std::string_view kPassword = "a long passphrase";

class SignInLimitsApi : public testing::ApiTest {
 protected:
  void start_server(std::vector<std::string> arguments) {
    ::setenv("CAIRN_FIXED_NOW", "2026-05-15T09:00:00Z", 1);
    start(std::move(arguments));
    ::unsetenv("CAIRN_FIXED_NOW");
    const Reply setup = call("POST", "/api/v1/setup", kJson,
                             R"({"organization":{"name":"Acme"},"admin":{"name":"Ada",)"
                             R"("email":"ada@acme.example","password":"a long passphrase"}})");
    ASSERT_EQ(setup.status, 201) << setup.body;
    admin_ = bearer(member(setup.body, "token"));
  }
  Reply sign_in(std::string_view password, const std::string& from) {
    return call("POST", "/api/v1/auth/login",
                std::string(kJson) + "X-Forwarded-For: " + from + "\r\n",
                R"({"email":"ada@acme.example","password":")" + std::string(password) + R"("})");
  }
  json::array events(const std::string& kind) {
    const Reply reply = call("GET", "/api/v1/audit/security?limit=1000&kind=" + kind, admin_);
    EXPECT_EQ(reply.status, 200) << reply.body;
    return json::parse(reply.body).at("items").as_array();
  }
  std::string admin_;
};

TEST_F(SignInLimitsApi, ManyAddressesGetTheAccountsFreeGuessesThenWaitButNotTheKnownAddress) {
  // Ranges, given in one option: the proxy is anywhere in 127.0.0.0/8.
  start_server({"--trusted-proxy", "10.0.0.0/8,127.0.0.0/8"});
  // Ada signs in from her office once: that address is known.
  ASSERT_EQ(sign_in(kPassword, "198.51.100.7").status, 200);
  const int free_guesses = app::SignInLimiter::kFreeAccountFailures + 1;
  for (int i = 0; i < free_guesses; ++i) {
    ASSERT_EQ(
        sign_in("wrong guess " + std::to_string(i), "203.0.113." + std::to_string(i + 1)).status,
        401)
        << i;
  }
  const Reply held = sign_in("wrong guess", "203.0.113.100");
  EXPECT_EQ(held.status, 429);
  EXPECT_EQ(*held.header("retry-after"), "1");
  EXPECT_EQ(sign_in(kPassword, "203.0.113.101").status, 429) << "not checked, even when right";
  EXPECT_EQ(sign_in(kPassword, "198.51.100.7").status, 200) << "the known address gets in";
  EXPECT_EQ(sign_in("wrong again", "203.0.113.102").status, 401) << "her success cleared them";

  const json::array failed = events("sign_in_failed");
  ASSERT_EQ(failed.size(), static_cast<std::size_t>(free_guesses + 1));
  EXPECT_EQ(failed[0].at("address").as_string(), "203.0.113.102");
  EXPECT_EQ(failed[free_guesses].at("address").as_string(), "203.0.113.1");
  const json::array throttled = events("sign_in_throttled");
  ASSERT_EQ(throttled.size(), 2u);
  EXPECT_EQ(throttled[0].at("address").as_string(), "203.0.113.101");
  EXPECT_EQ(events("sign_in")[0].at("address").as_string(), "198.51.100.7");
}

TEST_F(SignInLimitsApi, ARestartedServerStillHoldsTheAccount) {
  const std::vector<std::string> arguments{"--trusted-proxy", "127.0.0.0/8"};
  start_server(arguments);
  for (int i = 0; i <= app::SignInLimiter::kFreeAccountFailures; ++i) {
    ASSERT_EQ(sign_in("wrong guess", "203.0.113." + std::to_string(i + 1)).status, 401) << i;
  }
  ASSERT_EQ(sign_in("wrong guess", "203.0.113.100").status, 429);
  // The failures are in the store, not in the server's memory.
  server_.reset();
  ::setenv("CAIRN_FIXED_NOW", "2026-05-15T09:00:00Z", 1);
  server_ = std::make_unique<testing::CairnProcess>(database_, arguments);
  ::unsetenv("CAIRN_FIXED_NOW");
  const Reply held = sign_in("wrong guess", "203.0.113.101");
  EXPECT_EQ(held.status, 429);
  EXPECT_EQ(*held.header("retry-after"), "1");
}

TEST_F(SignInLimitsApi, WithoutATrustedProxyTheForwardedAddressIsIgnored) {
  start_server({});
  EXPECT_EQ(sign_in("wrong guess", "203.0.113.1").status, 401);
  const json::array failed = events("sign_in_failed");
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_EQ(failed[0].at("address").as_string(), "127.0.0.1");
}

}  // namespace
}  // namespace cairn::api
