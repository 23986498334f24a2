// Invalid UTF-8 over HTTP (QUALITY.md "Bad input"): in a JSON body (a value,
// a key, a lone surrogate escape) and in a query string or path. Each gets a
// 400 problem and nothing is written.
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

class InvalidUtf8Api : public testing::ApiTest {
 protected:
  void SetUp() override {
    start();
    const Reply setup = call("POST", "/api/v1/setup", kJson,
                             R"({"organization":{"name":"Acme"},"admin":{"name":"Ada",)"
                             R"("email":"ada@acme.example","password":"a long passphrase"}})");
    ASSERT_EQ(setup.status, 201) << setup.body;
    admin_ = bearer(member(setup.body, "token"));
  }
  // Every change the organisation has: the audit log's length.
  std::size_t changes() {
    const Reply audit = call("GET", "/api/v1/audit?limit=1000", admin_);
    EXPECT_EQ(audit.status, 200) << audit.body;
    return json::parse(audit.body).at("items").as_array().size();
  }
  static void expect_problem(const Reply& reply, int status, const std::string& what) {
    EXPECT_EQ(reply.status, status) << what << ": " << reply.body;
    ASSERT_NE(reply.header("content-type"), nullptr) << what;
    EXPECT_EQ(*reply.header("content-type"), "application/problem+json") << what;
  }
  std::string admin_;
};

TEST_F(InvalidUtf8Api, AJsonBodyThatIsNotUtf8Is400AndWritesNothing) {
  const std::size_t before = changes();
  ASSERT_GT(before, 0u);
  const std::string headers = std::string(kJson) + admin_;
  const std::string period_tail =
      R"(,"kind":"quarter","start_date":"2026-04-01","end_date":"2026-06-30"})";
  const std::pair<std::string, std::string> bodies[] = {
      {"a byte that starts nothing", "{\"name\":\"Q2 \xFF\"" + period_tail},
      {"a character cut short", "{\"name\":\"Q2 \xC3\"" + period_tail},
      {"Latin-1", "{\"name\":\"Q2 caf\xE9\"" + period_tail},
      {"an overlong slash", "{\"name\":\"Q2 \xC0\xAF\"" + period_tail},
      {"a surrogate's bytes", "{\"name\":\"Q2 \xED\xA0\x80\"" + period_tail},
      {"a lone surrogate escape", R"({"name":"Q2 \ud800")" + period_tail},
      {"in a key", "{\"name\":\"Q2\",\"\xFF\":1" + period_tail},
  };
  for (const auto& [what, body] : bodies) {
    expect_problem(call("POST", "/api/v1/periods", headers, body), 400, what);
  }
  const Reply me = call("GET", "/api/v1/me", admin_);
  const std::string ada = member(me.body, "id");
  expect_problem(call("PATCH", "/api/v1/people/" + ada, headers, "{\"name\":\"Ada \xFF\"}"), 400,
                 "a person's name");
  EXPECT_EQ(changes(), before);
  EXPECT_EQ(json::parse(call("GET", "/api/v1/periods", admin_).body).at("items").as_array().size(),
            0u);
  EXPECT_EQ(member(call("GET", "/api/v1/me", admin_).body, "name"), "Ada");
  // And the same body in UTF-8 is taken.
  EXPECT_EQ(
      call("POST", "/api/v1/periods", headers, "{\"name\":\"Q2 caf\xC3\xA9\"" + period_tail).status,
      201);
}

TEST_F(InvalidUtf8Api, AQueryStringOrPathThatIsNotUtf8Is400AndWritesNothing) {
  const std::size_t before = changes();
  for (const std::string target : {"/api/v1/objectives?owner_id=%FF", "/api/v1/audit?entity=%C3",
                                   "/api/v1/objectives/obj_%FF", "/api/v1/audit?%FF=1"}) {
    const Reply reply = call("GET", target, admin_);
    expect_problem(reply, 400, target);
    EXPECT_NE(reply.body.find("malformed_target"), std::string::npos) << reply.body;
  }
  // A write whose query is not UTF-8 does not reach its handler.
  expect_problem(call("POST", "/api/v1/periods?x=%E9", std::string(kJson) + admin_,
                      R"({"name":"Q2","kind":"quarter","start_date":"2026-04-01",)"
                      R"("end_date":"2026-06-30"})"),
                 400, "a write");
  EXPECT_EQ(changes(), before);
  EXPECT_EQ(call("GET", "/api/v1/objectives?q=caf%C3%A9", admin_).status, 200);
}

}  // namespace
}  // namespace cairn::api
