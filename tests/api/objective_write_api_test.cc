// Objective and key-result writes over HTTP, beyond the walkthrough's success
// path: who may (403 for a member who does not own it, 404 for a private
// objective), the `can` flags that say so in advance, If-Match (412), field
// errors (422) and that a refused request changes nothing.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>

#include "api_fixture.h"
#include "core/time.h"

namespace cairn::api {
namespace {

namespace json = boost::json;
using http::testing::Reply;
using testing::kJson;

class ObjectiveWrites : public testing::ApiTest {
 protected:
  void SetUp() override {
    start();
    const Reply setup = call("POST", "/api/v1/setup", kJson, R"({
      "organization": {"name": "Acme", "timezone": "UTC"},
      "admin": {"name": "Ada", "email": "ada@acme.example", "password": "correct horse battery"}})");
    ASSERT_EQ(setup.status, 201) << setup.body;
    admin_ = testing::bearer(std::string(json::parse(setup.body).at("token").as_string()));
    const std::int64_t today = std::chrono::duration_cast<std::chrono::seconds>(
                                   std::chrono::system_clock::now().time_since_epoch())
                                   .count() /
                               86400 * 86400;
    auto date = [](std::int64_t s) { return core::to_rfc3339(core::Instant{s}).substr(0, 10); };
    const json::value units = json::parse(call("GET", "/api/v1/units", admin_).body);
    company_ = std::string(units.at("items").as_array()[0].at("id").as_string());
    team_ = id_of(send(admin_, "POST", "/api/v1/units",
                       R"({"name":"Team","kind":"team","parent_id":")" + company_ + R"("})"));
    period_ =
        id_of(send(admin_, "POST", "/api/v1/periods",
                   R"({"name":"Now","kind":"quarter","start_date":")" + date(today - 30 * 86400) +
                       R"(","end_date":")" + date(today + 60 * 86400) + R"("})"));
    const Reply made = send(admin_, "POST", "/api/v1/people",
                            R"({"name":"Mo","email":"mo@acme.example","role":"member",
                                "password":"a long enough passphrase"})");
    mo_id_ = id_of(made);
    const Reply login =
        call("POST", "/api/v1/auth/login", kJson,
             R"({"email":"mo@acme.example","password":"a long enough passphrase"})");
    ASSERT_EQ(login.status, 200);
    const std::string* cookie = login.header("set-cookie");
    mo_ = "Cookie: " + cookie->substr(0, cookie->find(';')) +
          "\r\nX-CSRF-Token: " + testing::member(login.body, "csrf_token") + "\r\n";
  }
  Reply send(const std::string& who, std::string_view method, const std::string& target,
             const std::string& body = "", const std::string& extra = "") {
    return call(method, target, who + extra + (body.empty() ? "" : std::string(kJson)), body);
  }
  static std::string id_of(const Reply& r) {
    if (r.status != 201) return "";
    return std::string(json::parse(r.body).at("id").as_string());
  }
  std::string objective(const std::string& who, const std::string& owner_json,
                        const std::string& extra = "") {
    return id_of(send(
        who, "POST", "/api/v1/objectives",
        R"({"title":"Grow","period_id":")" + period_ + R"(","owner":)" + owner_json + extra + "}"));
  }
  static json::object object(const Reply& r) { return json::parse(r.body).as_object(); }
  std::size_t objective_count() {
    return object(send(admin_, "GET", "/api/v1/objectives")).at("items").as_array().size();
  }

  std::string admin_, mo_, mo_id_, company_, team_, period_;
};

TEST_F(ObjectiveWrites, MembersWriteTheirOwnObjectivesAndTheCanFlagsSaySo) {
  // Mo creates his own objective (the owner defaults to the caller) ...
  const Reply mine = send(mo_, "POST", "/api/v1/objectives",
                          R"({"title":"Learn the product","period_id":")" + period_ + R"("})");
  ASSERT_EQ(mine.status, 201) << mine.body;
  EXPECT_EQ(object(mine).at("owner").at("person_id").as_string(), mo_id_);
  EXPECT_TRUE(object(mine).at("can").at("edit").as_bool());
  // ... but not the team's, which he does not lead: 403, nothing created.
  const std::size_t before = objective_count();
  const Reply team = send(mo_, "POST", "/api/v1/objectives",
                          R"({"title":"Team goal","period_id":")" + period_ +
                              R"(","owner":{"unit_id":")" + team_ + R"("}})");
  EXPECT_EQ(team.status, 403) << team.body;
  EXPECT_EQ(objective_count(), before);

  const std::string company_goal = objective(admin_, R"({"unit_id":")" + company_ + R"("})");
  const json::object seen = object(send(mo_, "GET", "/api/v1/objectives/" + company_goal));
  EXPECT_FALSE(seen.at("can").at("edit").as_bool());
  EXPECT_TRUE(seen.at("can").at("comment").as_bool());
  EXPECT_EQ(
      send(mo_, "PATCH", "/api/v1/objectives/" + company_goal, R"({"title":"Mine now"})").status,
      403);
  EXPECT_EQ(send(mo_, "DELETE", "/api/v1/objectives/" + company_goal).status, 403);
  EXPECT_EQ(object(send(admin_, "GET", "/api/v1/objectives/" + company_goal)).at("title"), "Grow");

  // A key result on his objective, owned by him: he may check in.
  const Reply kr = send(mo_, "POST", "/api/v1/key-results",
                        R"({"objective_id":")" + id_of(mine) +
                            R"(","title":"Pass the product quiz","kind":"boolean"})");
  ASSERT_EQ(kr.status, 201) << kr.body;
  EXPECT_TRUE(object(kr).at("can").at("check_in").as_bool());
  EXPECT_EQ(send(mo_, "POST", "/api/v1/key-results/" + id_of(kr) + "/check-ins", R"({"done":true})")
                .status,
            201);
}

TEST_F(ObjectiveWrites, APrivateObjectiveIsNotFoundForOthersEvenToWrite) {
  const std::string secret =
      objective(admin_, R"({"unit_id":")" + team_ + R"("})", R"(,"visibility":"private")");
  ASSERT_FALSE(secret.empty());
  for (const auto& [method, target, body] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"GET", "/objectives/" + secret, ""},
           {"PATCH", "/objectives/" + secret, R"({"title":"x"})"},
           {"DELETE", "/objectives/" + secret, ""},
           {"POST", "/objectives/" + secret + "/close", ""},
           {"GET", "/objectives/" + secret + "/tree", ""},
           {"GET", "/objectives/" + secret + "/explain", ""},
       }) {
    const Reply r = send(mo_, method, "/api/v1" + target, body);
    EXPECT_EQ(r.status, 404) << method << " " << target << " " << r.body;
    EXPECT_EQ(r.body.find("Grow"), std::string::npos);
  }
  // Aligning his objective to it, or naming it for a key result, is as if it did not exist.
  const std::string mine = objective(mo_, R"({"person_id":")" + mo_id_ + R"("})");
  EXPECT_EQ(send(mo_, "POST", "/api/v1/objectives/" + mine + "/parents",
                 R"({"objective_id":")" + secret + R"("})")
                .status,
            404);
  const Reply named = send(mo_, "POST", "/api/v1/key-results",
                           R"({"objective_id":")" + secret + R"(","title":"x","kind":"boolean"})");
  EXPECT_EQ(named.status, 422) << named.body;
}

TEST_F(ObjectiveWrites, StaleVersionsAndBadFieldsChangeNothing) {
  const std::string goal = objective(admin_, R"({"unit_id":")" + company_ + R"("})");
  const Reply read = send(admin_, "GET", "/api/v1/objectives/" + goal);
  const std::string etag = *read.header("etag");
  ASSERT_EQ(send(admin_, "PATCH", "/api/v1/objectives/" + goal, R"({"title":"Grow faster"})",
                 "If-Match: " + etag + "\r\n")
                .status,
            200);
  EXPECT_EQ(send(admin_, "PATCH", "/api/v1/objectives/" + goal, R"({"title":"Stale"})",
                 "If-Match: " + etag + "\r\n")
                .status,
            412);
  const Reply bad = send(admin_, "PATCH", "/api/v1/objectives/" + goal,
                         R"({"title":"","type":"moonshot","weight":-1,"visibility":"secret"})");
  EXPECT_EQ(bad.status, 422);
  for (const char* field : {"type", "weight", "visibility"}) {
    EXPECT_NE(bad.body.find(std::string(R"("field":")") + field + "\""), std::string::npos)
        << field << " in " << bad.body;
  }
  EXPECT_EQ(object(send(admin_, "GET", "/api/v1/objectives/" + goal)).at("title"), "Grow faster");
  // A score override needs a score in [0, 1] and a reason.
  EXPECT_EQ(send(admin_, "PUT", "/api/v1/objectives/" + goal + "/score", R"({"score":1.5,
                 "reason":"x"})")
                .status,
            422);
  // Unknown ids, malformed bodies.
  EXPECT_EQ(send(admin_, "PATCH", "/api/v1/objectives/obj_999", R"({"title":"x"})").status, 404);
  EXPECT_EQ(send(admin_, "POST", "/api/v1/objectives", R"({"title":)").status, 400);
  EXPECT_EQ(send(admin_, "POST", "/api/v1/objectives", R"({"title":"No period"})").status, 422);
  const Reply metric =
      send(admin_, "POST", "/api/v1/key-results",
           R"({"objective_id":")" + goal + R"(","title":"Revenue","kind":"metric","start":1e999})");
  EXPECT_EQ(metric.status / 100, 4) << metric.body;
  // Archiving keeps it, readable, and out of the default list.
  EXPECT_EQ(send(admin_, "DELETE", "/api/v1/objectives/" + goal).status, 204);
  EXPECT_EQ(object(send(admin_, "GET", "/api/v1/objectives/" + goal)).at("state"), "archived");
}

// QUALITY.md's limits are characters: "titles ≤ 200 characters, notes ≤
// 10,000". Counting bytes refused a 200-character title in Cyrillic (400 bytes)
// and a 5,000-character description in Japanese (15,000 bytes).
TEST_F(ObjectiveWrites, TitlesAreLimitedInCharactersNotBytes) {
  auto repeat = [](std::string_view piece, int times) {
    std::string text;
    for (int i = 0; i < times; ++i) text += piece;
    return text;
  };
  const std::string goal = objective(admin_, R"({"unit_id":")" + company_ + R"("})");
  const Reply long_title = send(
      admin_, "PATCH", "/api/v1/objectives/" + goal,
      R"({"title":")" + repeat("Ж", 200) + R"(","description":")" + repeat("目", 5000) + R"("})");
  ASSERT_EQ(long_title.status, 200) << long_title.body;
  EXPECT_EQ(object(send(admin_, "GET", "/api/v1/objectives/" + goal)).at("title").as_string(),
            repeat("Ж", 200));
  const Reply too_long = send(admin_, "PATCH", "/api/v1/objectives/" + goal,
                              R"({"title":")" + repeat("Ж", 201) + R"("})");
  EXPECT_EQ(too_long.status, 422) << too_long.body;
  EXPECT_NE(too_long.body.find("at most 200 characters"), std::string::npos) << too_long.body;
  const Reply long_note = send(admin_, "PATCH", "/api/v1/objectives/" + goal,
                               R"({"description":")" + repeat("目", 10001) + R"("})");
  EXPECT_EQ(long_note.status, 422) << long_note.body;
  // A refused write changed nothing.
  EXPECT_EQ(object(send(admin_, "GET", "/api/v1/objectives/" + goal)).at("title").as_string(),
            repeat("Ж", 200));
}

TEST_F(ObjectiveWrites, DependenciesAndParentsComeAndGo) {
  const std::string top = objective(admin_, R"({"unit_id":")" + company_ + R"("})");
  const std::string team =
      objective(admin_, R"({"unit_id":")" + team_ + R"("})",
                R"(,"parents":[{"objective_id":")" + top + R"(","weight":2}])");
  ASSERT_FALSE(team.empty());
  json::object read = object(send(admin_, "GET", "/api/v1/objectives/" + team));
  ASSERT_EQ(read.at("parents").as_array().size(), 1u);
  EXPECT_EQ(read.at("parents").as_array()[0].at("weight").to_number<double>(), 2);
  const json::object tree = object(send(admin_, "GET", "/api/v1/objectives/" + top + "/tree"));
  EXPECT_EQ(tree.at("tree").at("children").as_array().size(), 1u);
  EXPECT_EQ(send(admin_, "DELETE", "/api/v1/objectives/" + team + "/parents/" + top).status, 204);
  EXPECT_EQ(send(admin_, "DELETE", "/api/v1/objectives/" + team + "/parents/" + top).status, 404);
  EXPECT_TRUE(
      object(send(admin_, "GET", "/api/v1/objectives/" + team)).at("parents").as_array().empty());

  EXPECT_EQ(send(admin_, "POST", "/api/v1/objectives/" + team + "/dependencies",
                 R"({"objective_id":")" + top + R"("})")
                .status,
            201);
  read = object(send(admin_, "GET", "/api/v1/objectives/" + team));
  ASSERT_EQ(read.at("dependencies").as_array().size(), 1u);
  EXPECT_EQ(send(admin_, "DELETE", "/api/v1/objectives/" + team + "/dependencies/" + top).status,
            204);
  EXPECT_EQ(send(admin_, "POST", "/api/v1/objectives/" + team + "/dependencies",
                 R"({"objective_id":"obj_1","key_result_id":"kr_1"})")
                .status,
            422);
}

// The answers of the alignment tree and of an objective are kept for the
// next request (http/kept_answers.h), but never given for another state of
// the organisation, nor to a caller who may see or do less.
TEST_F(ObjectiveWrites, AKeptAnswerIsNeverOfAnEarlierStateNorForAnotherCaller) {
  const std::string top = objective(admin_, R"({"unit_id":")" + company_ + R"("})");
  const std::string parent = R"(,"parents":[{"objective_id":")" + top + R"("}])";
  const std::string team = objective(admin_, R"({"unit_id":")" + team_ + R"("})", parent);
  const std::string secret =
      objective(admin_, R"({"unit_id":")" + team_ + R"("})", R"(,"visibility":"private")" + parent);
  ASSERT_FALSE(top.empty() || team.empty() || secret.empty());
  const std::string tree = "/api/v1/objectives/" + top + "/tree";
  auto children = [](const Reply& r) {
    return json::parse(r.body).at("tree").at("children").as_array().size();
  };

  const Reply first = send(admin_, "GET", tree);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(children(first), 2u);
  EXPECT_EQ(send(admin_, "GET", tree).body, first.body);
  // Mo may not see the private objective: Mo is not given the admin's answer.
  const Reply mos = send(mo_, "GET", tree);
  ASSERT_EQ(mos.status, 200) << mos.body;
  EXPECT_EQ(children(mos), 1u);

  ASSERT_EQ(send(admin_, "PATCH", "/api/v1/objectives/" + team, R"({"title":"Renamed"})").status,
            200);
  const Reply renamed = send(admin_, "GET", tree);
  EXPECT_NE(renamed.body.find("Renamed"), std::string::npos) << renamed.body;
  EXPECT_EQ(children(renamed), 2u);

  const std::string objective = "/api/v1/objectives/" + top;
  const Reply admins = send(admin_, "GET", objective);
  ASSERT_EQ(admins.status, 200) << admins.body;
  EXPECT_EQ(send(admin_, "GET", objective).body, admins.body);
  EXPECT_TRUE(object(admins).at("can").at("edit").as_bool());
  EXPECT_FALSE(object(send(mo_, "GET", objective)).at("can").at("edit").as_bool());
  ASSERT_EQ(send(admin_, "PATCH", objective, R"({"title":"Grow more"})").status, 200);
  const Reply changed = send(admin_, "GET", objective);
  EXPECT_EQ(object(changed).at("title"), "Grow more");
  EXPECT_NE(*changed.header("etag"), *admins.header("etag"));
}

}  // namespace
}  // namespace cairn::api
