// KPIs over HTTP (docs/kpis.md): who may create and change them, a key result
// fed by a KPI, pushes with the KPI's own token (a wrong, revoked or other
// KPI's token is refused and writes nothing), CSV histories, pull settings
// whose secrets never come back, and private key results a KPI feeds that
// stay hidden from those who may not see them.
#include <ctime>

#include "collab_fixture.h"
#include "core/time.h"

namespace cairn::api {
namespace {

using testing::CollabApiTest;
namespace json = boost::json;

class KpiApi : public CollabApiTest {
 protected:
  // POST /kpis/{id}/values with a push token (not an API token).
  http::testing::Reply push(const std::string& kpi, const std::string& token,
                            const std::string& body) {
    return call("POST", "/api/v1/kpis/" + kpi + "/values",
                testing::bearer(token) + std::string(testing::kJson), body);
  }
  std::size_t values(const std::string& kpi) {
    return item_count(expect(get("/kpis/" + kpi + "/values", org_.admin), 200));
  }
  static std::string ago(std::int64_t seconds) {
    return core::to_rfc3339(core::Instant{static_cast<std::int64_t>(std::time(nullptr)) - seconds});
  }
  std::string create_kpi(const std::string& token, const std::string& body) {
    const json::value made = expect(post("/kpis", token, body), 201);
    return made.is_object() ? std::string(made.at("id").as_string()) : "";
  }
  // A key result of the public objective fed by `kpi`.
  std::string fed_key_result(const std::string& kpi) {
    const json::value kr =
        expect(post("/key-results", org_.admin,
                    R"({"objective_id":")" + org_.public_objective +
                        R"(","title":"Reach 1,000 weekly active users","start":0,"target":1000,)"
                        R"("progress_source":"kpi","kpi_id":")" +
                        kpi + R"("})"),
               201);
    return kr.is_object() ? std::string(kr.at("id").as_string()) : "";
  }
};

TEST_F(KpiApi, MembersCreateTheirOwnKpisAndOnlyKeepersChangeThem) {
  // The demo has KPIs of its own (its uptime).
  const std::size_t demo = item_count(expect(get("/kpis", org_.admin), 200));
  const std::string wau = create_kpi(
      org_.admin, R"({"name":"Weekly active users","unit":"users","low":800,"high":null})");
  const json::value read = expect(get("/kpis/" + wau, org_.outsider), 200);
  EXPECT_EQ(read.at("name"), "Weekly active users");
  EXPECT_EQ(read.at("owner_id"), org_.maya.c_str());
  EXPECT_EQ(read.at("low"), 800);
  EXPECT_TRUE(read.at("high").is_null());
  EXPECT_TRUE(read.at("latest").is_null());
  EXPECT_EQ(read.at("can").at("edit"), false);
  EXPECT_EQ(item_count(expect(get("/kpis", org_.viewer), 200)), demo + 1);

  // A member makes one in their own name; not in someone else's.
  const std::string kenjis = create_kpi(org_.outsider, R"({"name":"Deals closed"})");
  EXPECT_EQ(expect(get("/kpis/" + kenjis, org_.outsider), 200).at("owner_id"), org_.kenji.c_str());
  EXPECT_EQ(
      post("/kpis", org_.outsider, R"({"name":"Churn","owner_id":")" + org_.maya + "\"}").status,
      403);
  EXPECT_EQ(post("/kpis", org_.viewer, R"({"name":"Churn"})").status, 403);
  EXPECT_EQ(post("/kpis/" + wau, org_.outsider, R"({"name":"Mine now"})").status, 403);
  EXPECT_EQ(post("/kpis/" + wau, org_.outsider, R"({"value":1})").status, 403);

  // Bad input is a 422 naming each field, and changes nothing.
  const auto bad = post("/kpis", org_.admin, R"({"low":5,"high":2,"unit":7})");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(error_fields(bad), "name,unit");
  EXPECT_EQ(error_fields(post("/kpis", org_.admin, R"({"name":"Churn","low":5,"high":2})")),
            "high");
  EXPECT_EQ(item_count(expect(get("/kpis", org_.admin), 200)), demo + 2);

  // The owner archives it; archived ones are listed on request.
  const json::value archived = expect(request("PATCH", "/kpis/" + kenjis, org_.outsider,
                                              R"({"archived":true})", "If-Match: \"1\"\r\n"),
                                      200);
  EXPECT_EQ(archived.at("archived"), true);
  EXPECT_EQ(archived.at("version"), 2);
  EXPECT_EQ(item_count(expect(get("/kpis?archived=true", org_.admin), 200)), 1u);
  EXPECT_EQ(get("/kpis/kpi_999", org_.admin).status, 404);
}

TEST_F(KpiApi, APushWithTheKpisTokenMovesTheKeyResultAndABadTokenWritesNothing) {
  const std::string wau = create_kpi(org_.admin, R"({"name":"Weekly active users"})");
  const std::string other = create_kpi(org_.admin, R"({"name":"Revenue"})");
  const std::string kr = fed_key_result(wau);
  EXPECT_EQ(expect(get("/key-results/" + kr, org_.admin), 200).at("kpi_id"), wau.c_str());

  EXPECT_EQ(post("/kpis/" + wau + "/token", org_.outsider, "{}").status, 403);
  const json::value made = expect(post("/kpis/" + wau + "/token", org_.admin, "{}"), 201);
  const std::string token(made.at("token").as_string());
  EXPECT_TRUE(token.starts_with("cairnkpi_"));

  const json::value pushed = expect(push(wau, token, R"({"value":420})"), 201);
  EXPECT_EQ(pushed.at("recorded"), 1);
  EXPECT_EQ(pushed.at("latest").at("value"), 420);
  EXPECT_EQ(pushed.at("latest").at("origin"), "push");
  const json::value fed = expect(get("/key-results/" + kr, org_.admin), 200);
  EXPECT_EQ(fed.at("current"), 420);
  EXPECT_EQ(fed.at("progress"), 0.42);
  const json::value check_ins = expect(get("/key-results/" + kr + "/check-ins", org_.admin), 200);
  ASSERT_EQ(item_count(check_ins), 1u);
  EXPECT_EQ(check_ins.at("items").at(0).at("kpi_id"), wau.c_str());
  EXPECT_EQ(check_ins.at("items").at(0).at("author_id"), org_.maya.c_str());
  // A key result fed by a KPI takes no values typed by hand.
  EXPECT_EQ(post("/key-results/" + kr + "/check-ins", org_.admin, R"({"value":5})").status, 422);

  // Wrong, malformed, another KPI's, and (later) revoked tokens.
  EXPECT_EQ(push(wau, "cairnkpi_" + std::string(43, 'A'), R"({"value":1})").status, 401);
  EXPECT_EQ(push(wau, "cairnkpi_", R"({"value":1})").status, 401);
  EXPECT_EQ(push(other, token, R"({"value":1})").status, 403);
  EXPECT_EQ(push(wau, token, R"({"value":"high"})").status, 422);
  EXPECT_EQ(push(wau, token, R"({"value":1,"at":")" + ago(-86400) + "\"}").status, 422);
  const json::value replaced = expect(post("/kpis/" + wau + "/token", org_.admin, "{}"), 201);
  EXPECT_EQ(push(wau, token, R"({"value":1})").status, 401);  // replaced
  const std::string second(replaced.at("token").as_string());
  EXPECT_EQ(request("DELETE", "/kpis/" + wau + "/token", org_.admin).status, 204);
  EXPECT_EQ(push(wau, second, R"({"value":1})").status, 401);  // revoked
  EXPECT_EQ(values(wau), 1u);
  EXPECT_EQ(values(other), 0u);
  EXPECT_EQ(expect(get("/key-results/" + kr, org_.admin), 200).at("current"), 420);
}

TEST_F(KpiApi, AKeeperUploadsACsvHistoryAllOrNothing) {
  const std::string wau = create_kpi(org_.admin, R"({"name":"Weekly active users"})");
  const std::string csv = "at,value\n" + ago(3 * 86400) + ",310\n" + ago(2 * 86400) + ",325.5\n" +
                          ago(86400) + ",340\n";
  const auto upload = [&](const std::string& token, const std::string& body) {
    return call("POST", "/api/v1/kpis/" + wau + "/values",
                testing::bearer(token) + "Content-Type: text/csv\r\n", body);
  };
  const auto broken =
      upload(org_.admin, "at,value\n" + ago(86400) + ",1\nyesterday,2\n" + ago(3600) + ",many\n");
  EXPECT_EQ(broken.status, 422);
  EXPECT_NE(broken.body.find("line 3"), std::string::npos) << broken.body;
  EXPECT_NE(broken.body.find("line 4"), std::string::npos) << broken.body;
  EXPECT_EQ(values(wau), 0u);
  EXPECT_EQ(upload(org_.outsider, csv).status, 403);

  const json::value done = expect(upload(org_.admin, csv), 201);
  EXPECT_EQ(done.at("recorded"), 3);
  EXPECT_EQ(done.at("latest").at("value"), 340);
  const json::value listed = expect(get("/kpis/" + wau + "/values", org_.viewer), 200);
  ASSERT_EQ(item_count(listed), 3u);
  EXPECT_EQ(listed.at("items").at(1).at("value"), 325.5);
  EXPECT_EQ(listed.at("items").at(1).at("origin"), "csv");
  // A window of it.
  EXPECT_EQ(item_count(expect(
                get("/kpis/" + wau + "/values?from=" + ago(int(1.5 * 86400)), org_.viewer), 200)),
            1u);
}

TEST_F(KpiApi, PullSettingsAreForAdminsAndSecretsNeverComeBack) {
  const std::string wau = create_kpi(org_.admin, R"({"name":"Weekly active users"})");
  const auto set = request(
      "PUT", "/kpis/" + wau + "/pull", org_.admin,
      R"({"url":"http://127.0.0.1:9/metrics?x=1","pointer":"/data/wau","interval_minutes":15,)"
      R"("headers":[{"name":"Authorization","value":"Bearer very-secret"},)"
      R"({"name":"X-Team","env":"ANALYTICS_TEAM"}]})");
  const json::value kept = expect(set, 200);
  EXPECT_EQ(set.body.find("very-secret"), std::string::npos);
  const json::value& pull = kept.at("source").at("pull");
  EXPECT_EQ(pull.at("url"), "http://127.0.0.1:9/metrics?x=1");
  EXPECT_EQ(pull.at("interval_minutes"), 15);
  EXPECT_EQ(pull.at("headers").at(0).at("sealed"), true);
  EXPECT_EQ(pull.at("headers").at(1).at("env"), "ANALYTICS_TEAM");

  const auto seen = get("/kpis/" + wau, org_.outsider);
  EXPECT_EQ(seen.body.find("127.0.0.1"), std::string::npos);
  EXPECT_EQ(expect(seen, 200).at("source").at("pulled"), true);
  EXPECT_EQ(
      request("PUT", "/kpis/" + wau + "/pull", org_.outsider, R"({"url":"http://example.com/x"})")
          .status,
      403);
  EXPECT_EQ(kept.at("can").at("pull"), true);
  // Its owner, a member, keeps it but may not point the server at a URL: the
  // server would fetch it from inside its network.
  const std::string kenjis = create_kpi(org_.outsider, R"({"name":"Deals closed"})");
  const json::value own = expect(get("/kpis/" + kenjis, org_.outsider), 200);
  EXPECT_EQ(own.at("can").at("edit"), true);
  EXPECT_EQ(own.at("can").at("pull"), false);
  EXPECT_EQ(request("PUT", "/kpis/" + kenjis + "/pull", org_.outsider,
                    R"({"url":"http://169.254.169.254/latest/meta-data","pointer":""})")
                .status,
            403);
  EXPECT_TRUE(expect(get("/kpis/" + kenjis, org_.outsider), 200).at("source").at("pull").is_null());
  EXPECT_EQ(error_fields(request("PUT", "/kpis/" + wau + "/pull", org_.admin,
                                 R"({"url":"file:///etc/passwd","interval_minutes":0})")),
            "interval_minutes");
  EXPECT_EQ(error_fields(request("PUT", "/kpis/" + wau + "/pull", org_.admin,
                                 R"({"url":"file:///etc/passwd"})")),
            "url");
  EXPECT_EQ(request("DELETE", "/kpis/" + wau + "/pull", org_.admin).status, 204);
  EXPECT_TRUE(expect(get("/kpis/" + wau, org_.admin), 200).at("source").at("pull").is_null());
}

TEST_F(KpiApi, AKpiListsOnlyTheKeyResultsTheCallerMaySee) {
  const std::string wau = create_kpi(org_.admin, R"({"name":"Weekly active users"})");
  fed_key_result(wau);
  const json::value secret =
      expect(post("/key-results", org_.admin,
                  R"({"objective_id":")" + org_.secret_objective +
                      R"(","title":"Quiet users","start":0,"target":10,"progress_source":"kpi",)"
                      R"("kpi_id":")" +
                      wau + R"("})"),
             201);
  EXPECT_EQ(expect(get("/kpis/" + wau, org_.insider), 200).at("key_results").as_array().size(), 2u);
  const auto outsider = get("/kpis/" + wau, org_.outsider);
  EXPECT_EQ(expect(outsider, 200).at("key_results").as_array().size(), 1u);
  EXPECT_EQ(outsider.body.find("Quiet users"), std::string::npos);
}

}  // namespace
}  // namespace cairn::api
