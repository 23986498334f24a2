// OKRs as code over HTTP: GET /export and POST /import (docs/okrs-as-code.md).
// An admin exports the demo and imports it into another server, first as a
// dry run that keeps nothing; a document with mistakes is refused as a whole
// with every problem's line; members get 403; an import may be larger than
// other requests, up to the server's import limit.
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

constexpr std::string_view kPassword = "a long passphrase";

// A second server, set up from scratch, to import into.
class Target {
 public:
  Target() {
    folder_ = std::filesystem::temp_directory_path() /
              ("cairn-import-" + std::to_string(::getpid()) + "-" + std::to_string(std::rand()));
    std::filesystem::create_directories(folder_);
    server_ = std::make_unique<testing::CairnProcess>((folder_ / "cairn.db").string(),
                                                      std::vector<std::string>{});
    const Reply setup = call("POST", "/api/v1/setup", std::string(kJson),
                             R"({"organization":{"name":"Acme"},"admin":{"name":"Ada",)"
                             R"("email":"ada@acme.example","password":")" +
                                 std::string(kPassword) + R"("}})");
    EXPECT_EQ(setup.status, 201) << setup.body;
    admin_ = bearer(member(setup.body, "token"));
  }
  ~Target() {
    server_.reset();
    std::filesystem::remove_all(folder_);
  }
  Reply call(std::string_view method, std::string_view target, const std::string& headers,
             const std::string& body = "") {
    auto reply = http::testing::fetch(server_->port(), method, target, headers, body);
    if (!reply) throw std::runtime_error("no answer");
    return *reply;
  }
  // The number of objectives (or KPIs) in this server's own export.
  std::size_t objectives(std::string_view list = "objectives") {
    const Reply reply = call("GET", "/api/v1/export", admin_);
    EXPECT_EQ(reply.status, 200) << reply.body;
    return json::parse(reply.body).at(list).as_array().size();
  }
  const std::string& admin() const { return admin_; }

 private:
  std::filesystem::path folder_;
  std::unique_ptr<testing::CairnProcess> server_;
  std::string admin_;
};

class ExchangeApi : public testing::ApiTest {
 protected:
  void SetUp() override { start({"--demo"}); }
  std::string admin() const { return bearer(demo_token()); }
};

TEST_F(ExchangeApi, ExportsJsonAndYamlForAdmins) {
  const Reply json_export = call("GET", "/api/v1/export", admin());
  ASSERT_EQ(json_export.status, 200) << json_export.body;
  EXPECT_EQ(*json_export.header("content-type"), "application/json");
  EXPECT_NE(json_export.header("content-disposition")->find("okrs.json"), std::string::npos);
  const json::value document = json::parse(json_export.body);
  EXPECT_EQ(document.at("format").as_string(), "cairn-okrs/1");
  EXPECT_EQ(document.at("objectives").as_array().size(), 13u);

  const Reply yaml_export = call("GET", "/api/v1/export?format=yaml&period_id=prd_2", admin());
  ASSERT_EQ(yaml_export.status, 200) << yaml_export.body;
  EXPECT_NE(yaml_export.header("content-type")->find("yaml"), std::string::npos);
  EXPECT_EQ(yaml_export.body.rfind("format: cairn-okrs/1\n", 0), 0u);
  EXPECT_NE(yaml_export.body.find("name: Q4 2026"), std::string::npos);
  EXPECT_EQ(yaml_export.body.find("name: Q3 2026"), std::string::npos);

  EXPECT_EQ(call("GET", "/api/v1/export?format=toml", admin()).status, 422);
  EXPECT_EQ(call("GET", "/api/v1/export?period_id=prd_99", admin()).status, 404);
  EXPECT_EQ(call("GET", "/api/v1/export").status, 401);
}

TEST_F(ExchangeApi, ImportsIntoAnotherServerAfterADryRun) {
  const std::string document = call("GET", "/api/v1/export", admin()).body;
  Target target;
  const std::size_t before = target.objectives();

  const Reply dry = target.call("POST", "/api/v1/import?dry_run=true",
                                std::string(kJson) + target.admin(), document);
  ASSERT_EQ(dry.status, 200) << dry.body;
  const json::value dry_outcome = json::parse(dry.body);
  EXPECT_EQ(dry_outcome.at("dry_run").as_bool(), true);
  EXPECT_EQ(dry_outcome.at("committed").as_bool(), false);
  EXPECT_EQ(dry_outcome.at("counts").at("objectives").as_int64(), 13);
  EXPECT_EQ(dry_outcome.at("counts").at("kpis").as_int64(), 1);
  EXPECT_EQ(target.objectives(), before);  // a dry run keeps nothing
  EXPECT_EQ(target.objectives("kpis"), 0u);

  const Reply done =
      target.call("POST", "/api/v1/import", std::string(kJson) + target.admin(), document);
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(json::parse(done.body).at("committed").as_bool(), true);
  EXPECT_EQ(target.objectives(), before + 13);
  EXPECT_EQ(target.objectives("kpis"), 1u);
  // The imported objectives are there for the API's readers too.
  const Reply listed = target.call("GET", "/api/v1/objectives?q=product-market", target.admin());
  ASSERT_EQ(listed.status, 200);
  EXPECT_NE(listed.body.find("Find product-market fit with small teams"), std::string::npos);
}

TEST_F(ExchangeApi, RefusesADocumentWithMistakesAsAWhole) {
  Target target;
  const std::size_t before = target.objectives();
  const std::string yaml =
      "people:\n"
      "  - email: bo@acme.example\n"
      "    nmae: Bo\n"
      "periods:\n"
      "  - {id: q, name: Q2, start_date: \"2026-04-01\", end_date: \"2026-06-30\"}\n"
      "objectives:\n"
      "  - title: Grow\n"
      "    period: q\n"
      "    owner: {person: nobody@acme.example}\n";
  const Reply refused = target.call("POST", "/api/v1/import",
                                    "Content-Type: application/yaml\r\n" + target.admin(), yaml);
  ASSERT_EQ(refused.status, 422) << refused.body;
  const json::value problem = json::parse(refused.body);
  EXPECT_EQ(problem.at("type").as_string(), "urn:cairn:problem:import");
  const json::array& problems = problem.at("problems").as_array();
  ASSERT_EQ(problems.size(), 3u) << refused.body;  // nmae, the missing name, nobody
  EXPECT_EQ(problems[0].at("line").as_int64(), 2);
  EXPECT_EQ(problems[1].at("path").as_string(), "/people/0/nmae");
  EXPECT_EQ(problems[1].at("line").as_int64(), 3);
  EXPECT_EQ(problems[2].at("line").as_int64(), 9);
  EXPECT_EQ(target.objectives(), before);

  const Reply malformed =
      target.call("POST", "/api/v1/import", std::string(kJson) + target.admin(), "{\n  \"a\": [\n");
  ASSERT_EQ(malformed.status, 422);
  EXPECT_NE(malformed.body.find("line 3"), std::string::npos) << malformed.body;
}

TEST_F(ExchangeApi, MembersMayNeitherExportNorImport) {
  Target target;
  ASSERT_EQ(target
                .call("POST", "/api/v1/people", std::string(kJson) + target.admin(),
                      R"({"name":"Max","email":"max@acme.example","role":"member","password":")" +
                          std::string(kPassword) + R"("})")
                .status,
            201);
  const Reply login =
      target.call("POST", "/api/v1/auth/login", std::string(kJson),
                  R"({"email":"max@acme.example","password":")" + std::string(kPassword) + R"("})");
  ASSERT_EQ(login.status, 200);
  const std::string* cookie = login.header("set-cookie");
  ASSERT_NE(cookie, nullptr);
  const std::string session = "Cookie: " + cookie->substr(0, cookie->find(';')) + "\r\n";
  const std::string csrf = "X-CSRF-Token: " + member(login.body, "csrf_token") + "\r\n";
  EXPECT_EQ(target.call("GET", "/api/v1/export", session).status, 403);
  EXPECT_EQ(target.call("POST", "/api/v1/import", std::string(kJson) + session + csrf, "{}").status,
            403);
}

TEST_F(ExchangeApi, SpreadsheetsShowEveryoneWhatTheyMaySee) {
  Target target;
  // A running quarter with a public and a private objective of Ada's.
  const std::string yaml =
      "people:\n"
      "  - {email: ada@acme.example, name: Ada}\n"
      "  - {email: max@acme.example, name: Max}\n"
      "periods:\n"
      "  - {id: q, name: This quarter, start_date: \"2000-01-01\", end_date: \"2099-12-31\"}\n"
      "objectives:\n"
      "  - title: Open plans\n"
      "    period: q\n"
      "    owner: {person: ada@acme.example}\n"
      "    key_results:\n"
      "      - {title: Publish the roadmap, owner: ada@acme.example, target: 1}\n"
      "  - title: Secret acquisition\n"
      "    period: q\n"
      "    visibility: private\n"
      "    owner: {person: ada@acme.example}\n"
      "    key_results:\n"
      "      - {title: Buy the competitor, owner: ada@acme.example, target: 1}\n";
  ASSERT_EQ(target
                .call("POST", "/api/v1/import",
                      "Content-Type: application/yaml\r\n" + target.admin(), yaml)
                .status,
            200);
  ASSERT_EQ(target.call("PATCH", "/api/v1/people/per_1", std::string(kJson) + target.admin(),
                        R"({"password":")" + std::string(kPassword) + R"("})")
                    .status /
                100,
            2);
  const Reply admin_csv = target.call("GET", "/api/v1/export?format=csv", target.admin());
  ASSERT_EQ(admin_csv.status, 200) << admin_csv.body;
  EXPECT_EQ(admin_csv.header("content-type")->rfind("text/csv", 0), 0u);
  EXPECT_NE(admin_csv.body.find("\"Publish the roadmap\""), std::string::npos);
  EXPECT_NE(admin_csv.body.find("\"Buy the competitor\""), std::string::npos);

  const Reply login =
      target.call("POST", "/api/v1/auth/login", std::string(kJson),
                  R"({"email":"max@acme.example","password":")" + std::string(kPassword) + R"("})");
  ASSERT_EQ(login.status, 200) << login.body;
  const std::string* cookie = login.header("set-cookie");
  const std::string session = "Cookie: " + cookie->substr(0, cookie->find(';')) + "\r\n";
  const Reply member_csv = target.call("GET", "/api/v1/export?format=csv", session);
  ASSERT_EQ(member_csv.status, 200);
  EXPECT_NE(member_csv.body.find("\"Publish the roadmap\""), std::string::npos);
  EXPECT_EQ(member_csv.body.find("Secret"), std::string::npos);
  EXPECT_EQ(member_csv.body.find("competitor"), std::string::npos);

  const Reply xlsx = target.call("GET", "/api/v1/export?format=xlsx", session);
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  EXPECT_NE(xlsx.header("content-type")->find("spreadsheetml"), std::string::npos);
}

TEST_F(ExchangeApi, AnImportMayBeLargerThanOtherRequests) {
  Target target;
  // 3 MiB of YAML comments around an empty document: over the 1 MiB of other
  // requests, under the import limit.
  const std::string padding(3 << 20, '#');
  const std::string yaml = padding + "\npeople: []\n";
  const Reply big = target.call("POST", "/api/v1/import",
                                "Content-Type: application/yaml\r\n" + target.admin(), yaml);
  EXPECT_EQ(big.status, 200) << big.body.substr(0, 300);
  EXPECT_EQ(target.call("POST", "/api/v1/tokens", std::string(kJson) + target.admin(), yaml).status,
            413);
}

TEST_F(ExchangeApi, TheImportLimitIsConfigurable) {
  TearDown();
  start({"--max-import-mib", "1"});
  const std::string padding(2 << 20, '#');
  EXPECT_EQ(call("POST", "/api/v1/import", "Content-Type: application/yaml\r\n", padding).status,
            413);
}

}  // namespace
}  // namespace cairn::api
