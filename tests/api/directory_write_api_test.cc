// The directory's writes over HTTP on an organisation set up from scratch:
// units and members, people, periods in the organisation's time zone, closing
// a period, the organisation's settings; who may (admins), If-Match, and that
// a refused request changes nothing.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "api_fixture.h"

namespace cairn::api {
namespace {

namespace json = boost::json;
using http::testing::Reply;
using testing::kJson;

class DirectoryWrites : public testing::ApiTest {
 protected:
  void SetUp() override {
    start();
    const Reply setup = call("POST", "/api/v1/setup", kJson, R"({
      "organization": {"name": "Acme", "timezone": "Europe/Paris"},
      "admin": {"name": "Ada", "email": "ada@acme.example", "password": "correct horse battery"}})");
    ASSERT_EQ(setup.status, 201) << setup.body;
    admin_ = testing::bearer(std::string(json::parse(setup.body).at("token").as_string()));
  }
  Reply as(const std::string& who, std::string_view method, const std::string& target,
           const std::string& body = "", const std::string& extra = "") {
    std::string headers = who + extra;
    if (!body.empty()) headers += kJson;
    return call(method, target, headers, body);
  }
  static json::object object(const Reply& reply) { return json::parse(reply.body).as_object(); }
  static std::string id(const Reply& reply) {
    return std::string(object(reply).at("id").as_string());
  }
  // A member with a password, signed in with a token of their own.
  std::string member(const std::string& email, const std::string& role = "member") {
    const Reply made = as(admin_, "POST", "/api/v1/people",
                          R"({"name":"M","email":")" + email + R"(","role":")" + role +
                              R"(","password":"a long enough passphrase"})");
    EXPECT_EQ(made.status, 201) << made.body;
    const Reply login =
        call("POST", "/api/v1/auth/login", kJson,
             R"({"email":")" + email + R"(","password":"a long enough passphrase"})");
    EXPECT_EQ(login.status, 200) << login.body;
    const std::string* cookie = login.header("set-cookie");
    if (!cookie) return "";
    return "Cookie: " + cookie->substr(0, cookie->find(';')) +
           "\r\nX-CSRF-Token: " + testing::member(login.body, "csrf_token") + "\r\n";
  }
  std::string company() {
    const Reply units = as(admin_, "GET", "/api/v1/units");
    return std::string(object(units).at("items").as_array()[0].at("id").as_string());
  }

  std::string admin_;
};

TEST_F(DirectoryWrites, UnitsAreCreatedChangedStaffedAndArchived) {
  const Reply team = as(admin_, "POST", "/api/v1/units",
                        R"({"name":"Support","kind":"team","parent_id":")" + company() + R"("})");
  ASSERT_EQ(team.status, 201) << team.body;
  const std::string unit = "/api/v1/units/" + id(team);
  const Reply bo = as(admin_, "POST", "/api/v1/people",
                      R"({"name":"Bo","email":"bo@acme.example","role":"member"})");
  ASSERT_EQ(bo.status, 201) << bo.body;
  EXPECT_EQ(object(bo).at("role").as_string(), "member");

  const Reply joined =
      as(admin_, "POST", unit + "/members", R"({"person_id":")" + id(bo) + R"("})");
  ASSERT_EQ(joined.status, 200) << joined.body;
  EXPECT_EQ(object(joined).at("member_ids").as_array().size(), 1u);
  const Reply led = as(admin_, "PATCH", unit, R"({"lead_id":")" + id(bo) + R"(","name":"Care"})");
  ASSERT_EQ(led.status, 200) << led.body;
  EXPECT_EQ(object(led).at("name").as_string(), "Care");
  EXPECT_EQ(object(led).at("member_ids").as_array().size(), 1u);  // untouched fields stay
  EXPECT_EQ(as(admin_, "DELETE", unit + "/members/" + id(bo)).status, 204);
  EXPECT_EQ(as(admin_, "DELETE", unit + "/members/" + id(bo)).status, 404);
  EXPECT_EQ(as(admin_, "DELETE", unit).status, 204);
  EXPECT_TRUE(object(as(admin_, "GET", unit)).at("archived").as_bool());

  // One company; the company stays; unknown parents and cycles are refused.
  EXPECT_EQ(as(admin_, "POST", "/api/v1/units", R"({"name":"Two","kind":"company"})").status, 409);
  EXPECT_EQ(as(admin_, "DELETE", "/api/v1/units/" + company()).status, 409);
  const Reply orphan =
      as(admin_, "POST", "/api/v1/units", R"({"name":"X","kind":"team","parent_id":"unit_99"})");
  EXPECT_EQ(orphan.status, 422);
  EXPECT_NE(orphan.body.find(R"("field":"parent_id")"), std::string::npos) << orphan.body;
  EXPECT_EQ(as(admin_, "PATCH", unit, R"({"parent_id":")" + id(team) + R"("})").status, 422);
  EXPECT_EQ(as(admin_, "PATCH", "/api/v1/units/unit_99", R"({"name":"X"})").status, 404);
  EXPECT_EQ(as(admin_, "POST", "/api/v1/units", R"({"name":"X","kind":"squad"})").status, 422);
  EXPECT_EQ(as(admin_, "POST", "/api/v1/units", R"({"name":)").status, 400);
}

TEST_F(DirectoryWrites, IfMatchRefusesAStaleVersionAndAcceptsTheCurrentOne) {
  const Reply team = as(admin_, "POST", "/api/v1/units",
                        R"({"name":"Support","kind":"team","parent_id":")" + company() + R"("})");
  const std::string unit = "/api/v1/units/" + id(team);
  const Reply read = as(admin_, "GET", unit);
  const std::string* etag = read.header("etag");
  ASSERT_NE(etag, nullptr);
  ASSERT_EQ(as(admin_, "PATCH", unit, R"({"name":"One"})", "If-Match: " + *etag + "\r\n").status,
            200);
  // The same version again is stale now, and changes nothing.
  EXPECT_EQ(as(admin_, "PATCH", unit, R"({"name":"Two"})", "If-Match: " + *etag + "\r\n").status,
            412);
  EXPECT_EQ(object(as(admin_, "GET", unit)).at("name").as_string(), "One");
  EXPECT_EQ(as(admin_, "PATCH", unit, R"({"name":"Two"})", "If-Match: 3\r\n").status, 400);
}

TEST_F(DirectoryWrites, PeoplePasswordsAndDeactivation) {
  const std::string bo = member("bo@acme.example");
  ASSERT_FALSE(bo.empty());
  // A member may not configure, and a refused request changes nothing.
  const Reply refused = as(bo, "POST", "/api/v1/units",
                           R"({"name":"Mine","kind":"team","parent_id":")" + company() + R"("})");
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(object(as(admin_, "GET", "/api/v1/units")).at("items").as_array().size(), 1u);
  // The answers say so in advance: admins configure, members do not.
  const json::object as_member = object(as(bo, "GET", "/api/v1/units"));
  EXPECT_FALSE(as_member.at("items").as_array()[0].at("can").at("edit").as_bool());
  const json::object as_admin = object(as(admin_, "GET", "/api/v1/units"));
  EXPECT_TRUE(as_admin.at("items").as_array()[0].at("can").at("edit").as_bool());
  EXPECT_EQ(as(bo, "POST", "/api/v1/people", R"({"name":"Y","email":"y@acme.example"})").status,
            403);

  const json::object people = object(as(admin_, "GET", "/api/v1/people"));
  std::string bo_id;
  for (const json::value& p : people.at("items").as_array()) {
    if (p.at("email").as_string() == "bo@acme.example") bo_id = p.at("id").as_string().c_str();
  }
  ASSERT_FALSE(bo_id.empty());
  // Common passwords, duplicate emails and bad roles are refused naming the field.
  const Reply weak = as(admin_, "POST", "/api/v1/people",
                        R"({"name":"W","email":"w@acme.example","password":"iloveyou"})");
  EXPECT_EQ(weak.status, 422);
  EXPECT_NE(weak.body.find(R"("field":"password")"), std::string::npos) << weak.body;
  EXPECT_EQ(
      as(admin_, "POST", "/api/v1/people", R"({"name":"B","email":"bo@acme.example"})").status,
      409);
  EXPECT_EQ(as(admin_, "PATCH", "/api/v1/people/" + bo_id, R"({"role":"owner"})").status, 422);
  EXPECT_EQ(object(as(admin_, "GET", "/api/v1/people")).at("items").as_array().size(), 2u);

  // People change their own password, giving the current one; it ends their sessions.
  EXPECT_EQ(as(bo, "PATCH", "/api/v1/people/" + bo_id,
               R"({"password":"another long passphrase",)"
               R"("current_password":"a long enough passphrase"})")
                .status,
            200);
  EXPECT_EQ(as(bo, "GET", "/api/v1/me").status, 401);
  const Reply login = call("POST", "/api/v1/auth/login", kJson,
                           R"({"email":"bo@acme.example","password":"another long passphrase"})");
  EXPECT_EQ(login.status, 200);

  // Deactivating signs out and refuses the next sign-in; nothing is erased.
  const std::string bo_again = member("bo2@acme.example");
  std::string bo2_id;
  const json::object everyone = object(as(admin_, "GET", "/api/v1/people"));
  for (const json::value& p : everyone.at("items").as_array()) {
    if (p.at("email").as_string() == "bo2@acme.example") bo2_id = p.at("id").as_string().c_str();
  }
  EXPECT_EQ(as(admin_, "DELETE", "/api/v1/people/" + bo2_id).status, 204);
  EXPECT_EQ(as(bo_again, "GET", "/api/v1/me").status, 401);
  EXPECT_FALSE(object(as(admin_, "GET", "/api/v1/people/" + bo2_id)).at("active").as_bool());
}

TEST_F(DirectoryWrites, PeriodsRunInTheOrganisationsTimeZoneAndCloseWithScores) {
  const Reply q2 = as(admin_, "POST", "/api/v1/periods",
                      R"({"name":"Q2","kind":"quarter","start_date":"2026-04-01",
                          "end_date":"2026-06-30"})");
  ASSERT_EQ(q2.status, 201) << q2.body;
  EXPECT_EQ(object(q2).at("start_date").as_string(), "2026-04-01");
  const std::string period = "/api/v1/periods/" + id(q2);
  // Paris is two hours ahead in summer: 1 April begins on 31 March 22:00 UTC,
  // and the quarter ends as 1 July begins there.
  EXPECT_EQ(object(q2).at("starts_at").as_string(), "2026-03-31T22:00:00Z");
  EXPECT_EQ(object(q2).at("ends_at").as_string(), "2026-06-30T22:00:00Z");
  // Winter time: one hour ahead.
  const Reply q1 = as(admin_, "POST", "/api/v1/periods",
                      R"({"name":"Q1","kind":"quarter","start_date":"2026-01-01",
                          "end_date":"2026-03-31"})");
  EXPECT_EQ(object(q1).at("starts_at").as_string(), "2025-12-31T23:00:00Z");

  const Reply renamed = as(admin_, "PATCH", period, R"({"name":"Q2 2026"})");
  EXPECT_EQ(renamed.status, 200) << renamed.body;
  const Reply backwards = as(admin_, "PATCH", period, R"({"end_date":"2026-03-01"})");
  EXPECT_EQ(backwards.status, 422);
  EXPECT_NE(backwards.body.find(R"("field":"end_date")"), std::string::npos);
  EXPECT_EQ(as(admin_, "POST", "/api/v1/periods", R"({"name":"Bad","start_date":"2026-02-30",
                "end_date":"2026-03-01"})")
                .status,
            422);

  const Reply closed = as(admin_, "POST", period + "/close");
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_TRUE(object(closed).at("objectives").as_array().empty());
  EXPECT_EQ(object(as(admin_, "GET", period)).at("state").as_string(), "closed");
  EXPECT_EQ(as(admin_, "POST", period + "/close").status, 409);
  EXPECT_EQ(as(admin_, "PATCH", period, R"({"name":"Again"})").status, 409);
}

TEST_F(DirectoryWrites, APeriodShowsItsRolloutTimeline) {
  // F16: drafts due, cross-team review and commit, 14, 7 and 2 days before
  // the start; across a month's end and a year's.
  const Reply q1 = as(admin_, "POST", "/api/v1/periods",
                      R"({"name":"Q1","kind":"quarter","start_date":"2027-01-01",
                          "end_date":"2027-03-31"})");
  ASSERT_EQ(q1.status, 201) << q1.body;
  const json::object expected{
      {"drafts_due", "2026-12-18"}, {"review", "2026-12-25"}, {"commit", "2026-12-30"}};
  EXPECT_EQ(object(q1).at("rollout").as_object(), expected);
  const std::string period = "/api/v1/periods/" + id(q1);
  EXPECT_EQ(object(as(admin_, "GET", period)).at("rollout").as_object(), expected);
  bool listed = false;
  const json::object list = object(as(admin_, "GET", "/api/v1/periods"));
  for (const json::value& p : list.at("items").as_array()) {
    if (p.at("id") != id(q1).c_str()) continue;
    listed = true;
    EXPECT_EQ(p.at("rollout").as_object(), expected);
  }
  EXPECT_TRUE(listed);
  // The timeline moves with the start date.
  const Reply moved = as(admin_, "PATCH", period, R"({"start_date":"2027-01-15"})");
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(object(moved).at("rollout").at("drafts_due"), "2027-01-01");
  EXPECT_EQ(object(moved).at("rollout").at("commit"), "2027-01-13");
}

TEST_F(DirectoryWrites, TheOrganisationsMissionAndSettings) {
  const Reply changed = as(admin_, "PATCH", "/api/v1/organization",
                           R"({"mission":"Make support delightful","values":["Candour","Care"],
                               "settings":{"max_objectives_per_owner":4,
                                           "check_in":{"cadence":"biweekly","weekday":5,"hour":10},
                                           "status":{"behind_gap":0.15},
                                           "enforce_rules":["key_results_per_objective"]}})");
  ASSERT_EQ(changed.status, 200) << changed.body;
  const json::object org = object(as(admin_, "GET", "/api/v1/organization"));
  EXPECT_EQ(org.at("mission").as_string(), "Make support delightful");
  EXPECT_EQ(org.at("values").as_array().size(), 2u);
  EXPECT_EQ(org.at("settings").at("max_objectives_per_owner").as_int64(), 4);
  EXPECT_EQ(org.at("settings").at("check_in").at("cadence").as_string(), "biweekly");
  EXPECT_DOUBLE_EQ(org.at("settings").at("status").at("behind_gap").to_number<double>(), 0.15);
  EXPECT_EQ(org.at("timezone").as_string(), "Europe/Paris");

  // Every problem is named, and none of the body is applied.
  const Reply bad = as(admin_, "PATCH", "/api/v1/organization",
                       R"({"mission":"Changed","timezone":"Mars/Base",
                           "settings":{"check_in":{"hour":24},"enforce_rules":["nope"]}})");
  EXPECT_EQ(bad.status, 422);
  for (const char* field : {"timezone", "settings.hour", "settings.enforce_rules"}) {
    EXPECT_NE(bad.body.find(std::string(R"("field":")") + field + "\""), std::string::npos)
        << field << " in " << bad.body;
  }
  EXPECT_EQ(object(as(admin_, "GET", "/api/v1/organization")).at("mission").as_string(),
            "Make support delightful");
  const std::string viewer = member("vi@acme.example", "viewer");
  EXPECT_EQ(as(viewer, "PATCH", "/api/v1/organization", R"({"mission":"Mine"})").status, 403);
  EXPECT_EQ(call("PATCH", "/api/v1/organization", kJson, R"({"mission":"Anon"})").status, 401);
}

}  // namespace
}  // namespace cairn::api
