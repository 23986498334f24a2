// Initiatives over HTTP: create, read, list with filters, update by POST and
// PATCH with If-Match, as_of; every error class; a refused request changes
// nothing; a private objective's initiatives do not exist for outsiders.
#include "collab_fixture.h"

namespace cairn::api {
namespace {

using testing::CollabApiTest;
namespace json = boost::json;

class InitiativeApi : public CollabApiTest {
 protected:
  std::string list(const std::string& token, const std::string& query = "") {
    return json::serialize(expect(get("/initiatives" + query, token), 200));
  }
};

TEST_F(InitiativeApi, AnInitiativeIsCreatedReadListedAndUpdated) {
  const json::value created = expect(
      post("/initiatives", org_.admin,
           R"({"title":"Run the survey","key_result_id":")" + org_.public_kr + R"(","owner_id":")" +
               org_.kenji + R"(","due_date":"2026-12-01","url":"https://example.com/survey"})"),
      201);
  ASSERT_TRUE(created.is_object());
  const std::string id(created.at("id").as_string());
  EXPECT_EQ(created.at("title"), "Run the survey");
  EXPECT_EQ(created.at("key_result_id"), org_.public_kr.c_str());
  EXPECT_EQ(created.at("objective_id"), org_.public_objective.c_str());
  EXPECT_EQ(created.at("owner_id"), org_.kenji.c_str());
  EXPECT_EQ(created.at("state"), "todo");
  EXPECT_EQ(created.at("due_date"), "2026-12-01");
  EXPECT_EQ(created.at("version"), 1);
  EXPECT_EQ(created.at("can").at("edit"), true);

  const auto read = get("/initiatives/" + id, org_.viewer);
  const json::value got = expect(read, 200);
  EXPECT_EQ(got.at("can").at("edit"), false);  // viewers read
  ASSERT_NE(read.header("etag"), nullptr);
  EXPECT_EQ(*read.header("etag"), "\"1\"");

  // The owner (Kenji) moves it on, by POST; an admin by PATCH.
  const json::value doing =
      expect(post("/initiatives/" + id, org_.outsider, R"({"state":"doing"})"), 200);
  EXPECT_EQ(doing.at("state"), "doing");
  EXPECT_EQ(doing.at("version"), 2);
  EXPECT_EQ(doing.at("title"), "Run the survey");
  const json::value done =
      expect(request("PATCH", "/initiatives/" + id, org_.admin,
                     R"({"state":"done","url":null,"due_date":null,"owner_id":null})",
                     "If-Match: \"2\"\r\n"),
             200);
  EXPECT_EQ(done.at("state"), "done");
  EXPECT_EQ(done.at("url"), "");
  EXPECT_TRUE(done.at("due_date").is_null());
  EXPECT_TRUE(done.at("owner_id").is_null());
  EXPECT_EQ(done.at("version"), 3);

  // Filters: by key result, by objective (its key results' too), by owner.
  EXPECT_NE(list(org_.admin, "?key_result_id=" + org_.public_kr).find(id), std::string::npos);
  EXPECT_NE(list(org_.admin, "?objective_id=" + org_.public_objective).find(id), std::string::npos);
  EXPECT_EQ(list(org_.admin, "?owner_id=" + org_.kenji).find(id), std::string::npos);
  EXPECT_EQ(list(org_.admin, "?key_result_id=" + org_.secret_kr).find(id), std::string::npos);
}

TEST_F(InitiativeApi, AnObjectiveTakesInitiativesAndListsPage) {
  for (int n = 0; n < 3; ++n) {
    expect(post("/initiatives", org_.admin,
                R"({"title":"Step )" + std::to_string(n) + R"(","objective_id":")" +
                    org_.public_objective + R"("})"),
           201);
  }
  const json::value first = expect(
      get("/initiatives?objective_id=" + org_.public_objective + "&limit=2", org_.admin), 200);
  ASSERT_EQ(item_count(first), 2u);
  EXPECT_TRUE(first.at("items").as_array()[0].at("key_result_id").is_null());
  const std::string cursor(first.at("next_cursor").as_string());
  const json::value second =
      expect(get("/initiatives?objective_id=" + org_.public_objective + "&limit=2&cursor=" + cursor,
                 org_.admin),
             200);
  EXPECT_EQ(item_count(second), 1u);
  EXPECT_TRUE(second.at("next_cursor").is_null());
}

TEST_F(InitiativeApi, AsOfShowsAnInitiativeAsItWas) {
  const json::value created =
      expect(post("/initiatives", org_.admin,
                  R"({"title":"Old","objective_id":")" + org_.public_objective + R"("})"),
             201);
  const std::string id(created.at("id").as_string());
  const std::string created_at(created.at("created_at").as_string());
  ::sleep(1);
  expect(post("/initiatives/" + id, org_.admin, R"({"title":"New"})"), 200);
  const json::value then =
      expect(get("/initiatives/" + id + "?as_of=" + created_at, org_.admin), 200);
  EXPECT_EQ(then.at("title"), "Old");
  EXPECT_EQ(then.at("version"), 1);
  EXPECT_EQ(get("/initiatives/" + id + "?as_of=2000-01-01T00:00:00Z", org_.admin).status, 404);
}

TEST_F(InitiativeApi, EveryErrorClassAndNothingChanges) {
  const std::string before = list(org_.admin);
  const std::string kr = org_.public_kr;
  // 401, 400, 422, 403, 404.
  EXPECT_EQ(post("/initiatives", "", R"({"title":"x","key_result_id":")" + kr + "\"}").status, 401);
  EXPECT_EQ(post("/initiatives", org_.admin, "{not json").status, 400);
  EXPECT_EQ(post("/initiatives", org_.admin, R"({"title":"x","title":"y"})").status, 400);
  const struct {
    std::string body;
    std::string fields;
  } invalid[] = {
      {R"({"key_result_id":")" + kr + "\"}", "title"},
      {R"({"title":""})", "key_result_id"},
      {R"({"title":"x","key_result_id":")" + kr + R"(","objective_id":")" + org_.public_objective +
           "\"}",
       "objective_id"},
      {R"({"title":"x","key_result_id":"obj_1"})", "key_result_id"},
      {R"({"title":"x","key_result_id":"kr_99999"})", "key_result_id"},
      {R"({"title":")" + std::string(201, 'a') + R"(","key_result_id":")" + kr + "\"}", "title"},
      {R"({"title":"x","key_result_id":")" + kr + R"(","state":"started"})", "state"},
      {R"({"title":"x","key_result_id":")" + kr + R"(","due_date":"2026-02-30"})", "due_date"},
      {R"({"title":"x","key_result_id":")" + kr + R"(","url":"javascript:alert"})", "url"},
      {R"({"title":"x","key_result_id":")" + kr + R"(","owner_id":"per_9999"})", "owner_id"},
      {R"({"title":7,"key_result_id":")" + kr + "\"}", "title"},
  };
  for (const auto& c : invalid) {
    const auto reply = post("/initiatives", org_.admin, c.body);
    EXPECT_EQ(reply.status, 422) << c.body << " " << reply.body;
    EXPECT_EQ(error_fields(reply), c.fields) << c.body;
  }
  // A viewer, and a member who neither owns nor leads it.
  const std::string body = R"({"title":"x","key_result_id":")" + kr + "\"}";
  EXPECT_EQ(post("/initiatives", org_.viewer, body).status, 403);
  ASSERT_NE(org_.public_kr_owner, org_.kenji);
  EXPECT_EQ(post("/initiatives", org_.outsider, body).status, 403);
  EXPECT_EQ(get("/initiatives/ini_9999", org_.admin).status, 404);
  EXPECT_EQ(get("/initiatives/kr_1", org_.admin).status, 404);
  EXPECT_EQ(get("/initiatives?owner_id=unit_1", org_.admin).status, 422);
  EXPECT_EQ(get("/initiatives?limit=0", org_.admin).status, 422);
  EXPECT_EQ(get("/initiatives?as_of=yesterday", org_.admin).status, 422);
  EXPECT_EQ(list(org_.admin), before);

  // Updates: 404, 400 (If-Match), 412, 422, 403 — and nothing changed.
  const std::string ini = org_.secret_initiative;
  const std::string original = json::serialize(expect(get("/initiatives/" + ini, org_.admin), 200));
  EXPECT_EQ(post("/initiatives/ini_9999", org_.admin, R"({"state":"done"})").status, 404);
  EXPECT_EQ(
      post("/initiatives/" + ini, org_.admin, R"({"state":"done"})", "If-Match: 1\r\n").status,
      400);
  EXPECT_EQ(
      post("/initiatives/" + ini, org_.admin, R"({"state":"done"})", "If-Match: \"7\"\r\n").status,
      412);
  EXPECT_EQ(post("/initiatives/" + ini, org_.admin, R"({"state":"finished"})").status, 422);
  EXPECT_EQ(post("/initiatives/" + ini, org_.admin,
                 R"({"objective_id":")" + org_.public_objective + "\"}")
                .status,
            422);
  EXPECT_EQ(post("/initiatives/" + ini, org_.admin, R"({"title":null})").status, 422);
  EXPECT_EQ(post("/initiatives/" + ini, org_.admin, "[]").status, 400);
  EXPECT_EQ(json::serialize(expect(get("/initiatives/" + ini, org_.admin), 200)), original);
  // The matching version goes through.
  EXPECT_EQ(
      post("/initiatives/" + ini, org_.admin, R"({"state":"done"})", "If-Match: \"1\"\r\n").status,
      200);
}

TEST_F(InitiativeApi, APrivateObjectivesInitiativesDoNotExistForOutsiders) {
  const std::string ini = org_.secret_initiative;
  EXPECT_EQ(get("/initiatives/" + ini, org_.outsider).status, 404);
  EXPECT_EQ(get("/initiatives/" + ini, org_.viewer).status, 404);
  EXPECT_EQ(post("/initiatives/" + ini, org_.outsider, R"({"state":"done"})").status, 404);
  EXPECT_EQ(list(org_.outsider).find(ini + "\""), std::string::npos);
  EXPECT_EQ(list(org_.outsider).find("movers"), std::string::npos);
  EXPECT_EQ(list(org_.outsider, "?key_result_id=" + org_.secret_kr),
            R"({"items":[],"next_cursor":null})");
  // Attaching one to it is as if it did not exist: the same 422 as an unknown id.
  const auto reply = post("/initiatives", org_.outsider,
                          R"({"title":"x","key_result_id":")" + org_.secret_kr + "\"}");
  EXPECT_EQ(reply.status, 422);
  EXPECT_EQ(error_fields(reply), "key_result_id");
  EXPECT_EQ(reply.body.find("Move 40"), std::string::npos);
  // Those who see it read and change it.
  EXPECT_EQ(get("/initiatives/" + ini, org_.insider).status, 200);
  EXPECT_NE(list(org_.insider).find("movers"), std::string::npos);
  const json::value changed =
      expect(post("/initiatives/" + ini, org_.insider, R"({"state":"doing"})"), 200);
  EXPECT_EQ(changed.at("can").at("edit"), true);
}

}  // namespace
}  // namespace cairn::api
