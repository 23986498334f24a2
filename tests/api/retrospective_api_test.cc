// GET and POST /retrospectives over HTTP (F24): everyone in the organisation
// reads a unit's review of a period with its seven guiding questions; a unit's
// leads and admins record it, again if they like (the newest one counts, the
// earlier one stays in the audit log); bad input changes nothing.
#include "collab_fixture.h"

namespace cairn::api {
namespace {

using testing::CollabApiTest;
namespace json = boost::json;

class RetrospectiveApi : public CollabApiTest {
 protected:
  std::string body(const std::string& unit, const std::string& period, const std::string& answers) {
    return R"({"unit_id":")" + unit + R"(","period_id":")" + period + R"(","answers":)" + answers +
           "}";
  }
  const json::array& items(const json::value& list) { return list.at("items").as_array(); }
  std::size_t count(const std::string& query, const std::string& token) {
    return items(expect(get("/retrospectives" + query, token), 200)).size();
  }
};

TEST_F(RetrospectiveApi, EveryoneReadsTheDemosReviewWithAllItsAnswers) {
  const json::value list = expect(get("/retrospectives", org_.viewer), 200);
  ASSERT_EQ(items(list).size(), 1u) << "the demo reviews its previous quarter";
  const json::object& r = items(list)[0].as_object();
  EXPECT_TRUE(r.at("id").as_string().starts_with("rtr_"));
  EXPECT_EQ(r.at("author_id"), org_.maya.c_str());
  EXPECT_EQ(r.at("revision"), 1);
  EXPECT_NE(r.at("period_id"), org_.period.c_str()) << "the previous quarter, not this one";
  const json::object& answers = r.at("answers").as_object();
  for (const char* question : {"first_okrs", "aligned", "went_well", "improve", "company_changes",
                               "changed_dependencies", "lessons"}) {
    ASSERT_TRUE(answers.contains(question)) << question;
    EXPECT_FALSE(answers.at(question).as_string().empty()) << question;
  }
  EXPECT_EQ(answers.at("lessons"), "Set the metric's baseline before the quarter starts.");
  EXPECT_FALSE(list.as_object().contains("writable_unit_ids")) << "only with period_id";
}

TEST_F(RetrospectiveApi, AUnitsLeadRecordsItAndRecordingAgainReplacesIt) {
  const std::string for_platform = "?period_id=" + org_.period + "&unit_id=" + org_.platform_unit;
  const json::value before = expect(get("/retrospectives" + for_platform, org_.insider), 200);
  EXPECT_TRUE(items(before).empty());

  // Lucía leads the Platform team, which owns objectives this quarter: she
  // may write its review; Kenji (a member of Sales) may not.
  auto writable = [&](const std::string& token) {
    std::vector<std::string> ids;
    const json::value list = expect(get("/retrospectives?period_id=" + org_.period, token), 200);
    for (const json::value& id : list.at("writable_unit_ids").as_array()) {
      ids.emplace_back(id.as_string());
    }
    return ids;
  };
  const auto lucia_writes = writable(org_.insider);
  EXPECT_NE(std::find(lucia_writes.begin(), lucia_writes.end(), org_.platform_unit),
            lucia_writes.end());
  EXPECT_TRUE(writable(org_.outsider).empty());
  EXPECT_TRUE(writable(org_.viewer).empty());
  EXPECT_GT(writable(org_.admin).size(), lucia_writes.size()) << "admins write for every unit";

  const json::value first =
      expect(post("/retrospectives", org_.insider,
                  body(org_.platform_unit, org_.period,
                       R"({"went_well":"The migration plan","lessons":"Book movers early"})")),
             201);
  EXPECT_EQ(first.at("unit_id"), org_.platform_unit.c_str());
  EXPECT_EQ(first.at("author_id"), org_.lucia.c_str());
  EXPECT_EQ(first.at("revision"), 1);
  EXPECT_EQ(first.at("answers").at("first_okrs"), "") << "unanswered questions are empty";
  EXPECT_EQ(first.at("answers").at("lessons"), "Book movers early");

  const std::string recorded_at(first.at("recorded_at").as_string());
  ::sleep(1);  // so the second one is recorded at a later second
  const json::value second = expect(
      post("/retrospectives", org_.insider,
           body(org_.platform_unit, org_.period, R"({"lessons":"Book movers a month early"})")),
      201);
  EXPECT_EQ(second.at("revision"), 2);
  const json::value now = expect(get("/retrospectives" + for_platform, org_.outsider), 200);
  ASSERT_EQ(items(now).size(), 1u) << "one review per unit and period";
  EXPECT_EQ(items(now)[0].at("answers").at("lessons"), "Book movers a month early");
  EXPECT_EQ(items(now)[0].at("answers").at("went_well"), "") << "the newest one is whole";

  // As it stood when the first one was recorded.
  const json::value then =
      expect(get("/retrospectives" + for_platform + "&as_of=" + recorded_at, org_.viewer), 200);
  ASSERT_EQ(items(then).size(), 1u);
  EXPECT_EQ(items(then)[0].at("answers").at("lessons"), "Book movers early");
  EXPECT_EQ(items(then)[0].at("revision"), 1);

  // The replaced one stays in the audit log.
  const std::string first_id(first.at("id").as_string());
  const json::value audit = expect(get("/audit?target_id=" + first_id, org_.viewer), 200);
  ASSERT_EQ(audit.at("items").as_array().size(), 1u);
  EXPECT_NE(json::serialize(audit).find("The migration plan"), std::string::npos);
  EXPECT_EQ(count("", org_.viewer), 2u) << "the demo's and the Platform team's";
}

TEST_F(RetrospectiveApi, OnlyLeadsAndAdminsRecordAndBadInputChangesNothing) {
  const std::string good = body(org_.platform_unit, org_.period, R"({"lessons":"x"})");
  EXPECT_EQ(post("/retrospectives", org_.outsider, good).status, 403);
  EXPECT_EQ(post("/retrospectives", org_.viewer, good).status, 403);
  EXPECT_EQ(post("/retrospectives", "", good).status, 401);

  auto field_of = [&](const std::string& json) {
    const auto reply = post("/retrospectives", org_.admin, json);
    EXPECT_EQ(reply.status, 422) << json << " → " << reply.body;
    const json::value problem = json::parse(reply.body);
    return std::string(problem.at("errors").at(0).at("field").as_string());
  };
  EXPECT_EQ(field_of(body(org_.platform_unit, org_.period, "{}")), "answers");
  EXPECT_EQ(field_of(body(org_.platform_unit, org_.period, R"({"lessons":"","improve":null})")),
            "answers");
  EXPECT_EQ(field_of(body(org_.platform_unit, org_.period, R"({"went_well":5})")),
            "answers.went_well");
  EXPECT_EQ(field_of(body(org_.platform_unit, org_.period, R"("lessons")")), "answers");
  EXPECT_EQ(field_of(body("per_1", org_.period, R"({"lessons":"x"})")), "unit_id");
  EXPECT_EQ(field_of(body("unit_9999", org_.period, R"({"lessons":"x"})")), "unit_id");
  EXPECT_EQ(field_of(body(org_.platform_unit, "prd_9999", R"({"lessons":"x"})")), "period_id");
  EXPECT_EQ(field_of(body(org_.platform_unit, org_.period,
                          R"({"lessons":")" + std::string(20000, 'x') + R"("})")),
            "answers");
  EXPECT_EQ(post("/retrospectives", org_.admin, "{not json").status, 400);

  // A period that has not started is planned, not reviewed.
  const json::value next = expect(post("/periods", org_.admin,
                                       R"({"name":"Far future","kind":"custom",)"
                                       R"("start_date":"2099-01-01","end_date":"2099-03-31"})"),
                                  201);
  EXPECT_EQ(field_of(body(org_.platform_unit, std::string(next.at("id").as_string()),
                          R"({"lessons":"x"})")),
            "period_id");

  EXPECT_EQ(count("", org_.admin), 1u) << "nothing was written";
  EXPECT_EQ(get("/retrospectives?period_id=prd_9999", org_.admin).status, 404);
  EXPECT_EQ(get("/retrospectives?unit_id=nope", org_.admin).status, 422);
  EXPECT_EQ(get("/retrospectives?as_of=yesterday", org_.admin).status, 422);
}

}  // namespace
}  // namespace cairn::api
