// Comments and reactions over HTTP: comment on an objective, a key result or
// a check-in; @email mentions; newest first with pages; reactions counted,
// the same twice is one; every error class changes nothing; a private
// objective's comments do not exist for outsiders.
#include "collab_fixture.h"

namespace cairn::api {
namespace {

using testing::CollabApiTest;
namespace json = boost::json;

class CommentApi : public CollabApiTest {
 protected:
  json::value comment(const std::string& target, const std::string& body,
                      const std::string& token) {
    return expect(
        post("/comments", token, R"({"target":{)" + target + R"(},"body":")" + body + "\"}"), 201);
  }
  std::string all(const std::string& token, const std::string& query = "") {
    return json::serialize(expect(get("/comments" + query, token), 200));
  }
};

TEST_F(CommentApi, CommentsMentionPeopleAndComeNewestFirst) {
  const std::string on_objective = R"("objective_id":")" + org_.public_objective + "\"";
  const json::value first = comment(
      on_objective, "Great start @kenji@larkspur.example and @nobody@example.com", org_.outsider);
  ASSERT_TRUE(first.is_object());
  EXPECT_EQ(first.at("author_id"), org_.kenji.c_str());
  EXPECT_EQ(first.at("target").at("objective_id"), org_.public_objective.c_str());
  ASSERT_EQ(first.at("mentions").as_array().size(), 1u);
  EXPECT_EQ(first.at("mentions").as_array()[0], org_.kenji.c_str());
  EXPECT_EQ(first.at("can").at("comment"), true);
  const json::value second = comment(on_objective, "Second", org_.admin);
  const json::value on_kr =
      comment(R"("key_result_id":")" + org_.public_kr + "\"", "On the key result", org_.admin);
  EXPECT_EQ(on_kr.at("target").at("objective_id"), org_.public_objective.c_str());

  const json::value list =
      expect(get("/comments?objective_id=" + org_.public_objective + "&limit=1", org_.viewer), 200);
  ASSERT_EQ(item_count(list), 1u);
  EXPECT_EQ(list.at("items").as_array()[0].at("id"), second.at("id"));
  EXPECT_EQ(list.at("items").as_array()[0].at("can").at("comment"), false);  // a viewer
  const std::string cursor(list.at("next_cursor").as_string());
  const json::value next =
      expect(get("/comments?objective_id=" + org_.public_objective + "&limit=1&cursor=" + cursor,
                 org_.viewer),
             200);
  EXPECT_EQ(next.at("items").as_array()[0].at("id"), first.at("id"));
  EXPECT_NE(all(org_.admin, "?key_result_id=" + org_.public_kr).find("On the key result"),
            std::string::npos);
}

TEST_F(CommentApi, ACheckInTakesComments) {
  const json::value c =
      comment(R"("check_in_id":")" + org_.secret_check_in + "\"", "Nice pace", org_.insider);
  EXPECT_EQ(c.at("target").at("check_in_id"), org_.secret_check_in.c_str());
  EXPECT_EQ(c.at("target").at("key_result_id"), org_.secret_kr.c_str());
  EXPECT_NE(all(org_.insider, "?check_in_id=" + org_.secret_check_in).find("Nice pace"),
            std::string::npos);
}

TEST_F(CommentApi, ReactionsAreCountedAndTheSameTwiceIsOne) {
  const json::value c =
      comment(R"("objective_id":")" + org_.public_objective + "\"", "Ship it", org_.admin);
  const std::string path = "/comments/" + std::string(c.at("id").as_string()) + "/reactions";
  expect(post(path, org_.outsider, R"({"emoji":"+1"})"), 200);
  const json::value twice = expect(post(path, org_.outsider, R"({"emoji":"+1"})"), 200);
  const json::value more = expect(post(path, org_.insider, R"({"emoji":"+1"})"), 200);
  const json::value tada = expect(post(path, org_.insider, R"({"emoji":"tada"})"), 200);
  EXPECT_EQ(json::serialize(twice.at("reactions")), R"([{"emoji":"+1","count":1,"mine":true}])");
  EXPECT_EQ(json::serialize(tada.at("reactions")),
            R"([{"emoji":"+1","count":2,"mine":true},{"emoji":"tada","count":1,"mine":true}])");
  EXPECT_EQ(more.at("version"), 3);
  EXPECT_EQ(tada.at("version"), 4);
}

TEST_F(CommentApi, EveryErrorClassAndNothingChanges) {
  const std::string before = all(org_.admin);
  const std::string target = R"({"objective_id":")" + org_.public_objective + "\"}";
  EXPECT_EQ(post("/comments", "", R"({"target":)" + target + R"(,"body":"x"})").status, 401);
  EXPECT_EQ(post("/comments", org_.admin, "nope").status, 400);
  const struct {
    std::string body;
    std::string fields;
  } invalid[] = {
      {R"({"target":)" + target + "}", "body"},
      {R"({"target":)" + target + R"(,"body":"   "})", "body"},
      {R"({"target":)" + target + R"(,"body":")" + std::string(10'001, 'a') + "\"}", "body"},
      {R"({"body":"x"})", "target"},
      {R"({"target":{},"body":"x"})", "target"},
      {R"({"target":{"objective_id":"obj_99999"},"body":"x"})", "target.objective_id"},
      {R"({"target":{"key_result_id":"obj_1"},"body":"x"})", "target.key_result_id"},
      {R"({"target":{"check_in_id":"ci_99999"},"body":"x"})", "target.check_in_id"},
      {R"({"target":{"objective_id":")" + org_.public_objective + R"(","key_result_id":")" +
           org_.public_kr + R"("},"body":"x"})",
       "target"},
  };
  for (const auto& c : invalid) {
    const auto reply = post("/comments", org_.admin, c.body);
    EXPECT_EQ(reply.status, 422) << c.body.substr(0, 80) << " " << reply.body;
    EXPECT_EQ(error_fields(reply), c.fields) << c.body.substr(0, 80);
  }
  const auto longest =
      post("/comments", org_.admin,
           R"({"target":)" + target + R"(,"body":")" + std::string(10'000, 'a') + "\"}");
  ASSERT_EQ(longest.status, 201);
  EXPECT_EQ(post("/comments", org_.viewer, R"({"target":)" + target + R"(,"body":"x"})").status,
            403);
  EXPECT_EQ(get("/comments?objective_id=kr_1", org_.admin).status, 422);
  EXPECT_EQ(get("/comments?objective_id=obj_99999", org_.admin).status, 404);
  EXPECT_EQ(get("/comments?cursor=zz", org_.admin).status, 422);

  // Reactions: 401, 404, 400, 422, 403.
  const json::value c = json::parse(longest.body);
  const std::string path = "/comments/" + std::string(c.at("id").as_string()) + "/reactions";
  EXPECT_EQ(post(path, "", R"({"emoji":"+1"})").status, 401);
  EXPECT_EQ(post("/comments/cmt_9999/reactions", org_.admin, R"({"emoji":"+1"})").status, 404);
  EXPECT_EQ(post(path, org_.admin, R"(["+1"])").status, 400);
  for (const char* bad : {R"({"emoji":"party"})", R"({"emoji":""})", R"({})", R"({"emoji":1})",
                          "{\"emoji\":\"\xF0\x9F\x8E\x89\"}"}) {
    const auto reply = post(path, org_.admin, bad);
    EXPECT_EQ(reply.status, 422) << bad << " " << reply.body;
    EXPECT_EQ(error_fields(reply), "emoji") << bad;
  }
  EXPECT_EQ(post(path, org_.viewer, R"({"emoji":"+1"})").status, 403);
  const std::string after = all(org_.admin);
  // Only the one comment that was accepted is new.
  EXPECT_EQ(json::parse(after).at("items").as_array().size(),
            json::parse(before).at("items").as_array().size() + 1);
  EXPECT_EQ(after.find("\"emoji\""), std::string::npos);
}

TEST_F(CommentApi, APrivateObjectivesCommentsDoNotExistForOutsiders) {
  const std::string secret = org_.secret_comment;
  EXPECT_EQ(all(org_.outsider).find("Nobody outside"), std::string::npos);
  EXPECT_EQ(all(org_.viewer).find("Nobody outside"), std::string::npos);
  EXPECT_NE(all(org_.insider).find("Nobody outside"), std::string::npos);
  EXPECT_EQ(get("/comments?objective_id=" + org_.secret_objective, org_.outsider).status, 404);
  EXPECT_EQ(get("/comments?check_in_id=" + org_.secret_check_in, org_.outsider).status, 404);
  EXPECT_EQ(post("/comments/" + secret + "/reactions", org_.outsider, R"({"emoji":"+1"})").status,
            404);
  const auto reply =
      post("/comments", org_.outsider,
           R"({"target":{"objective_id":")" + org_.secret_objective + R"("},"body":"x"})");
  EXPECT_EQ(reply.status, 422);
  EXPECT_EQ(error_fields(reply), "target.objective_id");
  EXPECT_EQ(post("/comments/" + secret + "/reactions", org_.insider, R"({"emoji":"eyes"})").status,
            200);
}

}  // namespace
}  // namespace cairn::api
