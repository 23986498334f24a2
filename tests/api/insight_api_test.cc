// GET /dashboard and GET /audit over HTTP: a unit's or a person's OKRs at a
// glance, and who changed what; a private objective is left out of lists and
// counts for outsiders but still counts in the unit's progress; the audit log
// hides entries about what the caller may not see and never shows a secret.
#include <set>

#include "collab_fixture.h"

namespace cairn::api {
namespace {

using testing::CollabApiTest;
namespace json = boost::json;

class InsightApi : public CollabApiTest {};

std::int64_t count_sum(const json::value& dashboard) {
  std::int64_t sum = 0;
  for (const auto& [status, n] : dashboard.at("status_counts").as_object()) sum += n.as_int64();
  return sum;
}

bool lists_objective(const json::value& dashboard, const std::string& id) {
  for (const json::value& o : dashboard.at("objectives").as_array()) {
    if (o.at("id") == id.c_str()) return true;
  }
  return false;
}

TEST_F(InsightApi, TheDashboardShowsAUnitsOkrsAndHidesWhatTheCallerMayNotSee) {
  const json::value company = expect(get("/dashboard", org_.viewer), 200);
  ASSERT_TRUE(company.is_object());
  EXPECT_EQ(company.at("period_id"), org_.period.c_str());
  EXPECT_FALSE(company.at("objectives").as_array().empty());
  EXPECT_EQ(count_sum(company),
            static_cast<std::int64_t>(company.at("objectives").as_array().size()));
  const double progress = company.at("progress").to_number<double>();
  EXPECT_GE(progress, 0);
  EXPECT_LE(progress, 1);
  EXPECT_TRUE(company.at("behind").is_array() && company.at("at_risk").is_array() &&
              company.at("stale_key_results").is_array());
  // Where the company is heading (F40): the demo checks in weekly, so there are
  // forecasts; every objective carries its own, or null.
  const double heading_for = company.at("heading_for").to_number<double>();
  EXPECT_GE(heading_for, 0);
  EXPECT_LE(heading_for, 1);
  std::size_t forecasts = 0;
  for (const json::value& o : company.at("objectives").as_array()) {
    ASSERT_TRUE(o.as_object().contains("forecast"));
    if (!o.at("forecast").is_null()) ++forecasts;
  }
  EXPECT_GT(forecasts, 0u);

  const std::string platform = "/dashboard?unit_id=" + org_.platform_unit;
  const json::value inside = expect(get(platform, org_.insider), 200);
  const json::value outside = expect(get(platform, org_.outsider), 200);
  EXPECT_TRUE(lists_objective(inside, org_.secret_objective));
  EXPECT_FALSE(lists_objective(outside, org_.secret_objective));
  EXPECT_EQ(count_sum(inside), count_sum(outside) + 1);
  EXPECT_EQ(count_sum(outside),
            static_cast<std::int64_t>(outside.at("objectives").as_array().size()));
  // The roll-up counts it for everyone.
  EXPECT_EQ(inside.at("progress"), outside.at("progress"));
  const auto body = get(platform, org_.outsider).body;
  EXPECT_EQ(body.find("quietly"), std::string::npos);
  EXPECT_EQ(body.find("Move 40"), std::string::npos);
  EXPECT_EQ(body.find(org_.secret_kr + "\""), std::string::npos);

  // A person's dashboard.
  const json::value lucia = expect(get("/dashboard?person_id=" + org_.lucia, org_.admin), 200);
  EXPECT_EQ(lucia.at("owner").at("person_id"), org_.lucia.c_str());
}

TEST_F(InsightApi, TheDashboardRefusesWhatItCannotAnswer) {
  EXPECT_EQ(get("/dashboard", "").status, 401);
  EXPECT_EQ(get("/dashboard?period_id=obj_1", org_.admin).status, 422);
  EXPECT_EQ(get("/dashboard?unit_id=" + org_.platform_unit + "&person_id=" + org_.lucia, org_.admin)
                .status,
            422);
  EXPECT_EQ(get("/dashboard?as_of=soon", org_.admin).status, 422);
  EXPECT_EQ(get("/dashboard?as_of=1990-01-01T00:00:00Z", org_.admin).status, 422);  // no period
  EXPECT_EQ(get("/dashboard?unit_id=unit_9999", org_.admin).status, 404);
  EXPECT_EQ(get("/dashboard?person_id=per_9999", org_.admin).status, 404);
  EXPECT_EQ(get("/dashboard?period_id=prd_9999", org_.admin).status, 404);
}

TEST_F(InsightApi, TheAuditLogShowsWhoChangedWhatAndHidesPrivateEntries) {
  const json::value all = expect(get("/audit?limit=1000", org_.admin), 200);
  ASSERT_TRUE(all.is_object());
  const auto& items = all.at("items").as_array();
  ASSERT_FALSE(items.empty());
  bool secret_seen = false;
  for (const json::value& e : items) {
    secret_seen = secret_seen || e.at("entity_id") == org_.secret_objective.c_str();
  }
  EXPECT_TRUE(secret_seen);
  const json::value newest = items[0];
  EXPECT_EQ(newest.at("entity"), "comment");  // the last change the fixture made
  EXPECT_EQ(newest.at("entity_id"), org_.secret_comment.c_str());
  EXPECT_TRUE(newest.at("before").is_null());
  EXPECT_EQ(newest.at("after").at("body"), "Nobody outside the team should read this");
  EXPECT_EQ(newest.at("actor_id"), org_.maya.c_str());

  // An outsider reads the rest, but nothing about the private objective.
  const auto outsider = get("/audit?limit=1000", org_.outsider);
  EXPECT_EQ(outsider.status, 200);
  EXPECT_EQ(outsider.body.find("quietly"), std::string::npos);
  EXPECT_EQ(outsider.body.find("Nobody outside"), std::string::npos);
  EXPECT_EQ(outsider.body.find("movers"), std::string::npos);
  EXPECT_LT(item_count(json::parse(outsider.body)), items.size());
  EXPECT_GT(item_count(json::parse(outsider.body)), 0u);
  EXPECT_EQ(get("/audit?target_id=" + org_.secret_objective, org_.outsider).status, 404);
  EXPECT_EQ(get("/audit?target_id=" + org_.secret_comment, org_.viewer).status, 404);
  const json::value own =
      expect(get("/audit?target_id=" + org_.secret_objective, org_.insider), 200);
  ASSERT_EQ(item_count(own), 1u);
  EXPECT_EQ(own.at("items").as_array()[0].at("entity"), "objective");

  // No secret anywhere, for anyone.
  for (const std::string& token : {org_.admin, org_.outsider}) {
    const std::string body = get("/audit?limit=1000", token).body;
    EXPECT_EQ(body.find("argon2"), std::string::npos);
    EXPECT_EQ(body.find("password"), std::string::npos);
    EXPECT_EQ(body.find("token_hash"), std::string::npos);
    EXPECT_EQ(body.find("cairn_"), std::string::npos);
  }
}

TEST_F(InsightApi, TheAuditLogFiltersByActorAndTimeAndPages) {
  expect(post("/comments", org_.outsider,
              R"({"target":{"objective_id":")" + org_.public_objective + R"("},"body":"Hi"})"),
         201);
  const json::value kenjis = expect(get("/audit?actor_id=" + org_.kenji, org_.admin), 200);
  ASSERT_EQ(item_count(kenjis), 1u);
  EXPECT_EQ(kenjis.at("items").as_array()[0].at("after").at("body"), "Hi");
  EXPECT_EQ(item_count(expect(get("/audit?since=2999-01-01T00:00:00Z", org_.admin), 200)), 0u);
  EXPECT_EQ(
      item_count(expect(get("/audit?since=2000-01-01T00:00:00Z&limit=1000", org_.admin), 200)),
      item_count(expect(get("/audit?limit=1000", org_.admin), 200)));

  // Pages of 7 walk the whole log once, in the same order.
  const json::value whole = expect(get("/audit?limit=1000", org_.outsider), 200);
  std::vector<std::string> walked;
  std::string cursor;
  for (int guard = 0; guard < 1000; ++guard) {
    const json::value page = expect(
        get("/audit?limit=7" + (cursor.empty() ? "" : "&cursor=" + cursor), org_.outsider), 200);
    for (const json::value& e : page.at("items").as_array()) walked.push_back(json::serialize(e));
    if (page.at("next_cursor").is_null()) break;
    cursor = std::string(page.at("next_cursor").as_string());
  }
  ASSERT_EQ(walked.size(), item_count(whole));
  for (std::size_t n = 0; n < walked.size(); ++n) {
    EXPECT_EQ(walked[n], json::serialize(whole.at("items").as_array()[n])) << n;
  }
}

TEST_F(InsightApi, TheAuditLogRefusesBadParameters) {
  EXPECT_EQ(get("/audit", "").status, 401);
  for (const char* query : {"target_id=xyz_1", "actor_id=obj_1", "since=yesterday", "limit=0",
                            "limit=1001", "cursor=abc", "cursor=5", "cursor=-1.0"}) {
    EXPECT_EQ(get(std::string("/audit?") + query, org_.admin).status, 422) << query;
  }
  EXPECT_EQ(get("/audit?target_id=obj_99999", org_.admin).status, 404);
}

}  // namespace
}  // namespace cairn::api
