// The outsider walk (QUALITY.md "Access control"): every /api/v1 route, taken
// from the router itself so a route added later cannot be forgotten, driven
// with no credentials, another organisation's token, a viewer and a member
// outside the unit of a private objective. Nothing private may show in any
// body or header, ids of private things are 404, and nothing they send
// changes the private objective.
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <map>

#include "api_fixture.h"
#include "app/service.h"
#include "core/time.h"
#include "http/api_routes.h"

namespace cairn::api {
namespace {

namespace json = boost::json;
using http::testing::Reply;
using testing::kJson;

constexpr std::string_view kSecret = "Quietly acquire Initech";

// Every (method, pattern) under /api/v1, as `cairn serve` registers them.
std::vector<std::pair<std::string, std::string>> api_routes() {
  const auto folder =
      std::filesystem::temp_directory_path() / ("cairn-walk-routes-" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  std::vector<std::pair<std::string, std::string>> routes;
  {
    auto service = app::Service::open((folder / "cairn.db").string());
    if (!service) throw std::runtime_error(service.error().message);
    http::Router router;
    http::ApiContext context{**service, [] { return core::Instant{0}; }};
    http::add_api_routes(router, context);
    for (const auto& route : router.routes()) {
      if (route.second.starts_with("/api/v1/")) routes.push_back(route);
    }
  }
  std::filesystem::remove_all(folder);
  return routes;
}

class OutsiderWalk : public testing::ApiTest {
 protected:
  void SetUp() override {
    folder_ = std::filesystem::temp_directory_path() /
              ("cairn-walk-" + std::to_string(::getpid()) + "-" + std::to_string(std::rand()));
    std::filesystem::create_directories(folder_);
    database_ = (folder_ / "cairn.db").string();
    // Acme is set up first; the demo organisation (Larkspur) is the other one.
    {
      auto service = app::Service::open(database_);
      ASSERT_TRUE(service) << service.error().message;
      auto setup = (*service)->setup(
          app::SetupRequest{"Acme", "UTC", "Ada", "ada@acme.example", "correct horse battery"},
          core::Instant{std::time(nullptr)});
      ASSERT_TRUE(setup) << setup.error().message;
      admin_ = testing::bearer(setup->token);
    }
    server_ =
        std::make_unique<testing::CairnProcess>(database_, std::vector<std::string>{"--demo"});
    other_org_ = testing::bearer(demo_token());
    prepare();
  }

  Reply send(const std::string& who, std::string_view method, const std::string& target,
             const std::string& body = "") {
    return call(method, target, who + (body.empty() ? "" : std::string(kJson)), body);
  }
  std::string create(const std::string& target, const std::string& body) {
    const Reply r = send(admin_, "POST", target, body);
    EXPECT_EQ(r.status, 201) << target << " " << r.body;
    return r.status == 201 ? std::string(json::parse(r.body).at("id").as_string()) : "";
  }
  // A person of Acme with an API token.
  std::string person(const std::string& email, const std::string& role) {
    EXPECT_EQ(send(admin_, "POST", "/api/v1/people",
                   R"({"name":"P","email":")" + email + R"(","role":")" + role +
                       R"(","password":"a long enough passphrase"})")
                  .status,
              201);
    const Reply login =
        call("POST", "/api/v1/auth/login", kJson,
             R"({"email":")" + email + R"(","password":"a long enough passphrase"})");
    EXPECT_EQ(login.status, 200);
    const std::string* cookie = login.header("set-cookie");
    const std::string session = "Cookie: " + cookie->substr(0, cookie->find(';')) +
                                "\r\nX-CSRF-Token: " + testing::member(login.body, "csrf_token") +
                                "\r\n";
    // A token of their own: the walk signs sessions out (POST /auth/logout).
    const Reply token = send(session, "POST", "/api/v1/tokens", R"({"name":"walk"})");
    EXPECT_EQ(token.status, 201) << token.body;
    return testing::bearer(testing::member(token.body, "token"));
  }

  // Acme: a team with a private objective (a key result, a check-in, a
  // comment, an initiative), a public company objective, a viewer and a
  // member who are not in the team.
  void prepare() {
    const std::int64_t today = std::time(nullptr) / 86400 * 86400;
    auto date = [](std::int64_t s) { return core::to_rfc3339(core::Instant{s}).substr(0, 10); };
    const json::value units = json::parse(send(admin_, "GET", "/api/v1/units").body);
    ids_["company"] = std::string(units.at("items").as_array()[0].at("id").as_string());
    ids_["unit"] = create("/api/v1/units", R"({"name":"Deals","kind":"team","parent_id":")" +
                                               ids_["company"] + R"("})");
    ids_["period"] = create("/api/v1/periods", R"({"name":"Now","kind":"quarter","start_date":")" +
                                                   date(today - 30 * 86400) + R"(","end_date":")" +
                                                   date(today + 60 * 86400) + R"("})");
    ids_["public"] =
        create("/api/v1/objectives", R"({"title":"Public goal","period_id":")" + ids_["period"] +
                                         R"(","owner":{"unit_id":")" + ids_["company"] + R"("}})");
    ids_["objective"] =
        create("/api/v1/objectives", R"({"title":")" + std::string(kSecret) + R"(","period_id":")" +
                                         ids_["period"] + R"(","owner":{"unit_id":")" +
                                         ids_["unit"] + R"("},"visibility":"private"})");
    ids_["key_result"] =
        create("/api/v1/key-results", R"({"objective_id":")" + ids_["objective"] +
                                          R"(","title":")" + std::string(kSecret) +
                                          R"( KR","start":0,"target":3,"unit":"deals"})");
    ids_["check_in"] = std::string(
        json::parse(send(admin_, "POST", "/api/v1/key-results/" + ids_["key_result"] + "/check-ins",
                         R"({"value":1})")
                        .body)
            .at("check_in")
            .at("id")
            .as_string());
    ids_["comment"] =
        create("/api/v1/comments", R"({"target":{"objective_id":")" + ids_["objective"] +
                                       R"("},"body":")" + std::string(kSecret) + R"( comment"})");
    ids_["initiative"] =
        create("/api/v1/initiatives", R"({"objective_id":")" + ids_["objective"] +
                                          R"(","title":")" + std::string(kSecret) + R"( plan"})");
    const json::value people = json::parse(send(admin_, "GET", "/api/v1/people").body);
    ids_["person"] = std::string(people.at("items").as_array()[0].at("id").as_string());
    viewer_ = person("vera@acme.example", "viewer");
    member_ = person("max@acme.example", "member");
    const json::value tokens = json::parse(send(admin_, "GET", "/api/v1/tokens").body);
    ids_["token"] = std::string(tokens.at("items").as_array()[0].at("id").as_string());
  }

  // The target for a route: each path parameter names a private thing of
  // Acme where one fits, else another of Acme's ids.
  std::string target(const std::string& pattern) {
    std::string path = pattern;
    auto replace = [&](const std::string& name, const std::string& value) {
      const std::size_t at = path.find("{" + name + "}");
      if (at != std::string::npos) path.replace(at, name.size() + 2, value);
    };
    auto resource = [&]() -> std::string {
      for (const auto& [segment, key] :
           std::vector<std::pair<std::string, std::string>>{{"/objectives/", "objective"},
                                                            {"/key-results/", "key_result"},
                                                            {"/units/", "unit"},
                                                            {"/people/", "person"},
                                                            {"/periods/", "period"},
                                                            {"/tokens/", "token"},
                                                            {"/comments/", "comment"},
                                                            {"/initiatives/", "initiative"},
                                                            {"/kpis/", "kpi"},
                                                            {"/notifications/", "notification"},
                                                            {"/webhooks/", "webhook"}}) {
        if (pattern.starts_with("/api/v1" + segment)) return ids_.contains(key) ? ids_[key] : "x_1";
      }
      return "";
    };
    const std::string id = resource();
    if (pattern.find("{id}") != std::string::npos) {
      EXPECT_FALSE(id.empty()) << pattern << ": add its {id} to the walk's table";
      replace("id", id);
    }
    replace("parent_id", ids_["public"]);
    replace("dep_id", ids_["public"]);
    replace("person_id", ids_["person"]);
    EXPECT_EQ(path.find('{'), std::string::npos)
        << pattern << ": a parameter the walk does not know; add it to the table";
    return path;
  }
  // Whether the target names one of the private objective's things.
  bool private_target(const std::string& path) const {
    for (const char* key : {"objective", "key_result", "comment", "initiative"}) {
      const std::string& id = ids_.at(key);
      const std::size_t at = path.find("/" + id);
      if (at != std::string::npos &&
          (at + id.size() + 1 == path.size() || path[at + id.size() + 1] == '/')) {
        return true;
      }
    }
    return false;
  }
  // As of a fixed instant, so the expected pace does not move while the walk
  // runs: only a change can make two snapshots differ.
  std::string snapshot() {
    const Reply objective = send(
        admin_, "GET", "/api/v1/objectives/" + ids_["objective"] + "?as_of=2099-01-01T00:00:00Z");
    const Reply audit = send(admin_, "GET", "/api/v1/audit?target_id=" + ids_["objective"]);
    return objective.body + audit.body;
  }

  std::string admin_, other_org_, viewer_, member_;
  std::map<std::string, std::string> ids_;
};

TEST_F(OutsiderWalk, NothingPrivateLeaksToAnyoneWhoMayNotSeeIt) {
  const auto routes = api_routes();
  ASSERT_GT(routes.size(), 40u);
  const std::string before = snapshot();
  ASSERT_NE(before.find(kSecret), std::string::npos);  // the admin sees it

  const std::vector<std::pair<std::string, std::string>> identities{
      {"nobody", ""},
      {"another organisation", other_org_},
      {"viewer", viewer_},
      {"member outside the unit", member_}};
  int requests = 0;
  for (const auto& [method, pattern] : routes) {
    // The event stream never ends; events_api_test.cc walks it.
    if (pattern == "/api/v1/events") continue;
    const std::string path = target(pattern);
    const bool open_route = pattern == "/api/v1/setup" || pattern == "/api/v1/auth/login" ||
                            pattern == "/api/v1/openapi.json" || pattern == "/api/v1/calendar.ics";
    for (const auto& [who, headers] : identities) {
      const std::string body = method == "GET" || method == "DELETE" ? "" : "{}";
      const Reply reply = send(headers, method, path, body);
      ++requests;
      const std::string context = who + ": " + method + " " + path + " → " +
                                  std::to_string(reply.status) + " " + reply.body.substr(0, 200);
      EXPECT_EQ(reply.body.find(kSecret), std::string::npos) << context;
      for (const auto& [name, value] : reply.headers) {
        EXPECT_EQ(value.find(kSecret), std::string::npos) << context << " header " << name;
      }
      if (who == "nobody" && !open_route) {
        EXPECT_EQ(reply.status, 401) << context;
      }
      // The security log is for admins, of their own organisation only:
      // Acme's sign-ins name acme.example emails.
      if (pattern == "/api/v1/audit/security") {
        if (who == "viewer" || who == "member outside the unit") {
          EXPECT_EQ(reply.status, 403) << context;
        }
        EXPECT_EQ(reply.body.find("acme.example"), std::string::npos) << context;
      }
      // Ids are not unique across organisations (the other one has an
      // obj_1 of its own), so for it the title and the snapshot are the test.
      if (private_target(path) && (who == "viewer" || who == "member outside the unit")) {
        EXPECT_EQ(reply.status, 404) << context;
      }
    }
  }
  EXPECT_EQ(snapshot(), before) << "someone who may not see it changed the private objective";
  std::cout << "[ outsider walk ] " << routes.size() << " routes × " << identities.size()
            << " identities: " << requests << " requests, nothing private leaked\n";
}

}  // namespace
}  // namespace cairn::api
