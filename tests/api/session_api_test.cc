// Password sign-in for the web app over HTTP: the cookie's flags, CSRF on
// cookie-authenticated writes, sign-out ending the session on the server.
#include <gtest/gtest.h>

#include <filesystem>

#include "api_fixture.h"

namespace cairn::api {
namespace {

using http::testing::Reply;
using testing::kJson;
using testing::member;

class SessionApi : public testing::ApiTest {
 protected:
  void SetUp() override {
    start();
    const Reply setup = call("POST", "/api/v1/setup", kJson,
                             R"({"organization":{"name":"Acme"},"admin":{"name":"Ada",)"
                             R"("email":"ada@acme.example","password":"a long passphrase"}})");
    ASSERT_EQ(setup.status, 201);
  }
  // Signs in; returns the cookie header line and the CSRF token.
  std::pair<std::string, std::string> sign_in() {
    const Reply reply = call("POST", "/api/v1/auth/login", kJson,
                             R"({"email":"ada@acme.example","password":"a long passphrase"})");
    EXPECT_EQ(reply.status, 200) << reply.body;
    const std::string* set_cookie = reply.header("set-cookie");
    if (!set_cookie) return {};
    const std::string pair = set_cookie->substr(0, set_cookie->find(';'));
    return {"Cookie: " + pair + "\r\n", member(reply.body, "csrf_token")};
  }
};

TEST_F(SessionApi, SigningInSetsAnHttpOnlyLaxCookie) {
  const Reply reply = call("POST", "/api/v1/auth/login", kJson,
                           R"({"email":"ada@acme.example","password":"a long passphrase"})");
  ASSERT_EQ(reply.status, 200) << reply.body;
  const std::string* set_cookie = reply.header("set-cookie");
  ASSERT_NE(set_cookie, nullptr);
  EXPECT_TRUE(set_cookie->starts_with("cairn_session="));
  EXPECT_EQ(set_cookie->find("Secure"), std::string::npos) << "plain HTTP without --secure-cookies";
  EXPECT_NE(set_cookie->find("HttpOnly"), std::string::npos);
  EXPECT_NE(set_cookie->find("SameSite=Lax"), std::string::npos);
  EXPECT_NE(set_cookie->find("Path=/"), std::string::npos);
  EXPECT_FALSE(member(reply.body, "csrf_token").empty());
  EXPECT_NE(reply.body.find(R"("email":"ada@acme.example")"), std::string::npos);
  EXPECT_EQ(reply.body.find("password"), std::string::npos);
}

TEST_F(SessionApi, WithSecureCookiesTheCookieIsHostPrefixedAndSecure) {
  server_ = std::make_unique<testing::CairnProcess>(database_,
                                                    std::vector<std::string>{"--secure-cookies"});
  const Reply reply = call("POST", "/api/v1/auth/login", kJson,
                           R"({"email":"ada@acme.example","password":"a long passphrase"})");
  ASSERT_EQ(reply.status, 200) << reply.body;
  const std::string* set_cookie = reply.header("set-cookie");
  ASSERT_NE(set_cookie, nullptr);
  // __Host- cookies must be Secure, Path=/ and without Domain (RFC 6265bis).
  EXPECT_TRUE(set_cookie->starts_with("__Host-cairn_session=")) << *set_cookie;
  EXPECT_NE(set_cookie->find("; Secure"), std::string::npos) << *set_cookie;
  EXPECT_NE(set_cookie->find("Path=/"), std::string::npos);
  EXPECT_NE(set_cookie->find("HttpOnly"), std::string::npos);
  EXPECT_NE(set_cookie->find("SameSite=Lax"), std::string::npos);
  EXPECT_EQ(set_cookie->find("Domain"), std::string::npos);
  const std::string pair = set_cookie->substr(0, set_cookie->find(';'));
  EXPECT_EQ(call("GET", "/api/v1/me", "Cookie: " + pair + "\r\n").status, 200);
  // The plain name is not read: a cookie set by a sibling domain over HTTP
  // cannot stand in for the secure one.
  const std::string plain = "cairn_session=" + pair.substr(pair.find('=') + 1);
  EXPECT_EQ(call("GET", "/api/v1/me", "Cookie: " + plain + "\r\n").status, 401);
}

TEST_F(SessionApi, WrongPasswordAndUnknownEmailGetTheSameAnswer) {
  const Reply wrong = call("POST", "/api/v1/auth/login", kJson,
                           R"({"email":"ada@acme.example","password":"not the passphrase"})");
  const Reply unknown = call("POST", "/api/v1/auth/login", kJson,
                             R"({"email":"eve@acme.example","password":"not the passphrase"})");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.body, unknown.body);
  EXPECT_EQ(wrong.header("set-cookie"), nullptr);
  EXPECT_EQ(call("POST", "/api/v1/auth/login", kJson, R"({"email":"ada@acme.example"})").status,
            422);
}

TEST_F(SessionApi, TheCookieReadsButWritesNeedTheCsrfToken) {
  const auto [cookie, csrf] = sign_in();
  EXPECT_EQ(call("GET", "/api/v1/me", cookie).status, 200);
  const std::string headers = std::string(kJson) + cookie;
  EXPECT_EQ(call("POST", "/api/v1/tokens", headers, R"({"name":"x"})").status, 403);
  EXPECT_EQ(
      call("POST", "/api/v1/tokens", headers + "X-CSRF-Token: wrong\r\n", R"({"name":"x"})").status,
      403);
  EXPECT_EQ(
      call("POST", "/api/v1/tokens", headers + "X-CSRF-Token: " + csrf + "\r\n", R"({"name":"x"})")
          .status,
      201);
}

TEST_F(SessionApi, EachSignInIsANewSessionAndSignOutEndsIt) {
  const auto first = sign_in();
  const auto second = sign_in();
  EXPECT_NE(first.first, second.first);
  EXPECT_EQ(call("POST", "/api/v1/auth/logout", first.first).status, 403) << "CSRF first";
  EXPECT_EQ(
      call("POST", "/api/v1/auth/logout", first.first + "X-CSRF-Token: " + first.second + "\r\n")
          .status,
      204);
  EXPECT_EQ(call("GET", "/api/v1/me", first.first).status, 401) << "ended on the server";
  EXPECT_EQ(call("GET", "/api/v1/me", second.first).status, 200) << "the other one lives";
}

TEST_F(SessionApi, ASessionSurvivesARestartOfTheServer) {
  const auto [cookie, csrf] = sign_in();
  ASSERT_EQ(call("GET", "/api/v1/me", cookie).status, 200);
  EXPECT_EQ(server_->stop(), 0);
  server_ = std::make_unique<testing::CairnProcess>(database_);
  EXPECT_EQ(call("GET", "/api/v1/me", cookie).status, 200) << "still signed in";
  EXPECT_EQ(call("POST", "/api/v1/auth/logout", cookie + "X-CSRF-Token: " + csrf + "\r\n").status,
            204)
      << "the CSRF token came through the restart too";
  EXPECT_EQ(call("GET", "/api/v1/me", cookie).status, 401);
  server_ = std::make_unique<testing::CairnProcess>(database_);
  EXPECT_EQ(call("GET", "/api/v1/me", cookie).status, 401) << "and stays ended";
}

}  // namespace
}  // namespace cairn::api
