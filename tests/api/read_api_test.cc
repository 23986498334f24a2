// Drives the read side of the API over HTTP against the demo organisation:
// the directory, objectives with filters and pages, key results and their
// check-ins, `as_of`, and what a viewer may not see.
//
// The store is prepared through the service (the demo, one private objective
// aligned to a company objective, and a token for Ava, a viewer outside the
// owning unit) before the real `cairn serve` opens it: the server itself has
// no way in without a token.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <ctime>
#include <filesystem>
#include <set>

#include "../http/test_client.h"
#include "app/service.h"
#include "cairn_process.h"
#include "core/time.h"

namespace cairn::api {
namespace {

namespace json = boost::json;
using http::testing::fetch;
using http::testing::Reply;

constexpr std::string_view kSecretTitle = "Migrate to the new data centre quietly";

struct Prepared {
  std::string admin_token;
  std::string viewer_token;
};

// The demo, plus a private platform objective with one key result and a
// check-in, aligned to the company objective "Delight our customers…".
Prepared prepare(const std::string& database) {
  auto service = app::Service::open(database);
  if (!service) throw std::runtime_error(service.error().message);
  const core::Instant now{static_cast<std::int64_t>(std::time(nullptr))};
  auto demo = (*service)->ensure_demo(now);
  if (!demo) throw std::runtime_error(demo.error().message);
  const app::Principal admin{demo->organization, demo->admin, core::Role::kAdmin, 0};

  core::Objective secret;
  core::ObjectiveId delight;
  core::PersonId ava, lucia;
  (*service)->read(demo->organization, [&](const core::Model& model) {
    ava = model.person_by_email("ava@larkspur.example");
    lucia = model.person_by_email("lucia@larkspur.example");
    for (std::uint32_t i = 0; i < model.objective_count(); ++i) {
      const core::Objective& o = *model.objective(core::ObjectiveId{i});
      if (o.title.starts_with("Delight our customers")) delight = o.id, secret.period = o.period;
    }
    for (std::uint32_t i = 0; i < model.unit_count(); ++i) {
      if (model.unit(core::UnitId{i})->name == "Platform team") {
        secret.owner = core::Owner::of_unit(core::UnitId{i});
      }
    }
  });
  secret.title = kSecretTitle;
  secret.visibility = core::Visibility::kPrivate;
  auto run = [&](const app::Command& command) {
    auto done = (*service)->execute(admin, command, now);
    if (!done) throw std::runtime_error(done.error().message);
    return done->applied.created.value_or(0);
  };
  const core::ObjectiveId secret_id{run(app::AddObjective{secret})};
  core::KeyResult kr;
  kr.objective = secret_id;
  kr.title = "Move 40 services";
  kr.owner = lucia;
  kr.target = 40;
  kr.unit = "services";
  const core::KeyResultId kr_id{run(app::AddKeyResult{kr})};
  core::CheckIn check_in;
  check_in.key_result = kr_id;
  check_in.author = lucia;
  check_in.measurement.value = 10;
  check_in.at = now;
  run(app::AddCheckIn{check_in});
  core::AlignmentLink link;
  link.child = core::NodeRef::of(secret_id);
  link.parent = core::NodeRef::of(delight);
  run(app::AddLink{link});

  auto viewer = (*service)->create_token(
      app::Principal{demo->organization, ava, core::Role::kViewer, 0}, "viewer", now);
  if (!viewer) throw std::runtime_error(viewer.error().message);
  return Prepared{demo->token, viewer->token};
}

class ReadApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    folder_ = new std::filesystem::path(
        std::filesystem::temp_directory_path() /
        ("cairn-read-api-" + std::to_string(::getpid()) + "-" + std::to_string(std::rand())));
    std::filesystem::create_directories(*folder_);
    const std::string database = (*folder_ / "cairn.db").string();
    prepared_ = new Prepared(prepare(database));
    server_ = new testing::CairnProcess(database);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete prepared_;
    std::filesystem::remove_all(*folder_);
    delete folder_;
  }

  static Reply call(const std::string& target, const std::string& token) {
    const std::string headers = token.empty() ? "" : "Authorization: Bearer " + token + "\r\n";
    auto reply = fetch(server_->port(), "GET", target, headers);
    if (!reply) throw std::runtime_error("no answer to " + target);
    return *reply;
  }
  // The JSON of a 200 answer; fails the test otherwise.
  static json::value get(const std::string& target, const std::string& token = admin()) {
    const Reply reply = call(target, token);
    EXPECT_EQ(reply.status, 200) << target << ": " << reply.body;
    return reply.status == 200 ? json::parse(reply.body) : json::value();
  }
  static int status(const std::string& target, const std::string& token = admin()) {
    return call(target, token).status;
  }
  static const std::string& admin() { return prepared_->admin_token; }
  static const std::string& viewer() { return prepared_->viewer_token; }

  // Every item of a list, following next_cursor with `limit`.
  static std::vector<json::object> walk(const std::string& path, int limit,
                                        const std::string& token = admin()) {
    std::vector<json::object> items;
    std::string cursor;
    const char* sep = path.find('?') == std::string::npos ? "?" : "&";
    for (int pages = 0; pages < 1000; ++pages) {
      std::string target = path + sep + "limit=" + std::to_string(limit);
      if (!cursor.empty()) target += "&cursor=" + cursor;
      const json::value page = get(target, token);
      if (!page.is_object()) break;
      for (const json::value& item : page.at("items").as_array()) items.push_back(item.as_object());
      if (page.at("next_cursor").is_null()) break;
      cursor = json::value_to<std::string>(page.at("next_cursor"));
    }
    return items;
  }
  static std::string text(const json::object& o, std::string_view key) {
    return json::value_to<std::string>(o.at(key));
  }
  // The objective whose title starts with `title`, from the admin's list.
  static json::object objective(std::string_view title) {
    for (const json::object& o : walk("/api/v1/objectives", 1000)) {
      if (text(o, "title").starts_with(title)) return o;
    }
    ADD_FAILURE() << "no objective " << title;
    return {};
  }

  static std::filesystem::path* folder_;
  static Prepared* prepared_;
  static testing::CairnProcess* server_;
};

std::filesystem::path* ReadApi::folder_ = nullptr;
Prepared* ReadApi::prepared_ = nullptr;
testing::CairnProcess* ReadApi::server_ = nullptr;

TEST_F(ReadApi, EveryReadNeedsATokenAndUnknownIdsAre404) {
  for (const char* path : {"/api/v1/units", "/api/v1/units/unit_0", "/api/v1/people",
                           "/api/v1/people/per_0", "/api/v1/periods", "/api/v1/periods/prd_0",
                           "/api/v1/objectives", "/api/v1/objectives/obj_0",
                           "/api/v1/key-results/kr_0", "/api/v1/key-results/kr_0/check-ins"}) {
    EXPECT_EQ(status(path, ""), 401) << path;
    EXPECT_EQ(status(path, "cairn_not_a_token"), 401) << path;
    EXPECT_EQ(status(path), 200) << path;
  }
  for (const char* path :
       {"/api/v1/units/unit_999", "/api/v1/units/per_0", "/api/v1/people/per_999",
        "/api/v1/people/nonsense", "/api/v1/periods/prd_999", "/api/v1/objectives/obj_999",
        "/api/v1/objectives/kr_0", "/api/v1/objectives/obj_01", "/api/v1/key-results/kr_99999",
        "/api/v1/key-results/obj_0/check-ins", "/api/v1/objectives/obj_4294967295"}) {
    const Reply reply = call(path, admin());
    EXPECT_EQ(reply.status, 404) << path;
    ASSERT_NE(reply.header("content-type"), nullptr);
    EXPECT_EQ(*reply.header("content-type"), "application/problem+json");
  }
}

TEST_F(ReadApi, TheDirectoryListsUnitsPeopleAndPeriodsWithTheirState) {
  const auto units = walk("/api/v1/units", 100);
  ASSERT_EQ(units.size(), 7u);
  EXPECT_EQ(text(units[0], "kind"), "company");
  EXPECT_TRUE(units[0].at("parent_id").is_null());
  const json::value one = get("/api/v1/units/" + text(units[1], "id"));
  EXPECT_EQ(one.as_object(), units[1]);

  const auto people = walk("/api/v1/people", 100);
  ASSERT_EQ(people.size(), 11u);
  EXPECT_EQ(text(people[0], "email"), "maya@larkspur.example");
  EXPECT_EQ(people[0].find("password"), people[0].end());

  std::set<std::string> states;
  for (const json::object& p : walk("/api/v1/periods", 100)) {
    if (text(p, "kind") == "quarter") states.insert(text(p, "state"));
  }
  EXPECT_EQ(states, (std::set<std::string>{"active", "closed"}));
  // Before the demo began, nothing of the directory existed yet.
  EXPECT_EQ(get("/api/v1/units?as_of=2000-01-01T00:00:00Z").at("items").as_array().size(), 0u);
  EXPECT_EQ(status("/api/v1/people/per_0?as_of=2000-01-01T00:00:00Z"), 404);
}

TEST_F(ReadApi, ListAndDetailAgreeAndNumbersAreInRange) {
  // One instant for every request: the expected pace moves with the clock,
  // so a list and a detail read a moment apart would differ in it.
  const std::string at = "?as_of=" + core::to_rfc3339(core::Instant{std::time(nullptr)});
  const auto all = walk("/api/v1/objectives" + at, 1000);
  ASSERT_GE(all.size(), 10u);
  for (const json::object& item : all) {
    const json::object detail = get("/api/v1/objectives/" + text(item, "id") + at).as_object();
    for (const char* key : {"title", "progress", "expected", "status", "confidence", "score",
                            "state", "owner", "period_id", "version"}) {
      EXPECT_EQ(detail.at(key), item.at(key)) << key << " of " << text(item, "title");
    }
    const double progress = detail.at("progress").to_number<double>();
    EXPECT_GE(progress, 0);
    EXPECT_LE(progress, 1);
    for (const json::value& kr : detail.at("key_results").as_array()) {
      const json::object one =
          get("/api/v1/key-results/" + text(kr.as_object(), "id") + at).as_object();
      EXPECT_EQ(one, kr.as_object());
      EXPECT_GE(one.at("progress").to_number<double>(), 0);
      EXPECT_LE(one.at("progress").to_number<double>(), 1);
    }
  }
}

TEST_F(ReadApi, LimitOneWalksEveryObjectiveOnce) {
  const auto all = walk("/api/v1/objectives", 1000);
  const auto paged = walk("/api/v1/objectives", 1);
  ASSERT_EQ(paged.size(), all.size());
  for (std::size_t i = 0; i < all.size(); ++i) EXPECT_EQ(paged[i].at("id"), all[i].at("id"));
  for (const char* bad : {"limit=0", "limit=1001", "limit=x", "cursor=abc", "cursor=cur_-1"}) {
    const Reply reply = call(std::string("/api/v1/objectives?") + bad, admin());
    EXPECT_EQ(reply.status, 422) << bad;
  }
}

TEST_F(ReadApi, FiltersNarrowTheList) {
  const json::object fast = objective("Make Larkspur fast");
  const auto by_q = walk("/api/v1/objectives?q=LARKSPUR%20FAST", 100);
  ASSERT_EQ(by_q.size(), 1u);
  EXPECT_EQ(by_q[0].at("id"), fast.at("id"));

  const std::string period = text(fast, "period_id");
  const auto in_period = walk("/api/v1/objectives?period_id=" + period, 100);
  EXPECT_FALSE(in_period.empty());
  for (const auto& o : in_period) EXPECT_EQ(text(o, "period_id"), period);
  EXPECT_LT(in_period.size(), walk("/api/v1/objectives", 1000).size());

  const std::string unit = text(fast.at("owner").as_object(), "unit_id");
  for (const char* key : {"unit_id", "owner_id"}) {
    const auto owned = walk("/api/v1/objectives?" + std::string(key) + "=" + unit, 100);
    EXPECT_FALSE(owned.empty());
    for (const auto& o : owned) EXPECT_EQ(text(o.at("owner").as_object(), "unit_id"), unit);
  }
  // The community draft, and the rollover copy, which starts as a draft.
  std::set<std::string> drafts;
  for (const auto& o : walk("/api/v1/objectives?state=draft", 100)) {
    EXPECT_EQ(text(o, "state"), "draft");
    drafts.insert(text(o, "title"));
  }
  EXPECT_TRUE(drafts.contains("Start the Larkspur community"));
  EXPECT_FALSE(drafts.contains("Make Larkspur fast everywhere"));
  for (const char* s : {"on_track", "behind", "at_risk", "closed"}) {
    for (const auto& o : walk(std::string("/api/v1/objectives?status=") + s, 100)) {
      EXPECT_EQ(text(o, "status"), s);
    }
  }
  for (const char* bad : {"state=open", "status=fine", "period_id=unit_1", "owner_id=x"}) {
    const Reply reply = call(std::string("/api/v1/objectives?") + bad, admin());
    EXPECT_EQ(reply.status, 422) << bad;
  }
}

TEST_F(ReadApi, TheCompanyObjectiveShowsItsAlignedChildren) {
  const json::object delight = objective("Delight our customers");
  const json::object detail = get("/api/v1/objectives/" + text(delight, "id")).as_object();
  std::set<std::string> titles;
  bool via_key_result = false;
  for (const json::value& child : detail.at("children").as_array()) {
    const json::object& c = child.as_object();
    if (c.contains("title")) titles.insert(text(c, "title"));
    if (c.contains("via_key_result_id") && !c.at("via_key_result_id").is_null()) {
      via_key_result = true;
    }
  }
  EXPECT_TRUE(titles.contains("Make Larkspur fast everywhere"));
  EXPECT_TRUE(titles.contains("Make onboarding effortless")) << "aligned to its key result";
  EXPECT_TRUE(titles.contains(std::string(kSecretTitle))) << "the admin sees the private child";
  EXPECT_TRUE(via_key_result);
  const json::object fast =
      get("/api/v1/objectives/" + text(objective("Make Larkspur fast"), "id")).as_object();
  ASSERT_EQ(fast.at("parents").as_array().size(), 1u);
  EXPECT_EQ(fast.at("parents").as_array()[0].at("objective_id"), delight.at("id"));
  const json::object engine =
      get("/api/v1/objectives/" + text(objective("Build a repeatable"), "id")).as_object();
  ASSERT_EQ(engine.at("dependencies").as_array().size(), 1u);
  EXPECT_EQ(text(engine.at("dependencies").as_array()[0].as_object(), "title"),
            "Make onboarding effortless");
}

TEST_F(ReadApi, AsOfEvaluatesThePastAndRefusesWhatDidNotExist) {
  const json::object fast = objective("Make Larkspur fast");
  const std::string path = "/api/v1/objectives/" + text(fast, "id");
  EXPECT_EQ(status(path + "?as_of=2000-01-01T00:00:00Z"), 404);
  const Reply bad = call(path + "?as_of=yesterday", admin());
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find(R"("field":"as_of")"), std::string::npos) << bad.body;
  EXPECT_EQ(call("/api/v1/objectives?as_of=2026-13-01T00:00:00Z", admin()).status, 422);

  // At the first check-in of its first key result, its check-ins stop there.
  const json::object detail = get(path).as_object();
  const std::string kr = text(detail.at("key_results").as_array()[0].as_object(), "id");
  const auto check_ins = walk("/api/v1/key-results/" + kr + "/check-ins", 1000);
  ASSERT_GE(check_ins.size(), 2u);
  const std::string first = text(check_ins.back(), "at");
  const auto then = walk("/api/v1/key-results/" + kr + "/check-ins?as_of=" + first, 1000);
  ASSERT_EQ(then.size(), 1u);
  EXPECT_EQ(then[0].at("id"), check_ins.back().at("id"));
  const json::object past = get(path + "?as_of=" + first).as_object();
  EXPECT_LE(past.at("expected").to_number<double>(), detail.at("expected").to_number<double>());
}

TEST_F(ReadApi, CheckInsComeNewestFirstAndPage) {
  const json::object onboarding = objective("Make onboarding effortless");
  const json::object detail = get("/api/v1/objectives/" + text(onboarding, "id")).as_object();
  const std::string kr = text(detail.at("key_results").as_array()[0].as_object(), "id");
  const auto all = walk("/api/v1/key-results/" + kr + "/check-ins", 1000);
  ASSERT_GE(all.size(), 2u);
  for (std::size_t i = 1; i < all.size(); ++i)
    EXPECT_GE(text(all[i - 1], "at"), text(all[i], "at"));
  const auto paged = walk("/api/v1/key-results/" + kr + "/check-ins", 1);
  ASSERT_EQ(paged.size(), all.size());
  for (std::size_t i = 0; i < all.size(); ++i) EXPECT_EQ(paged[i], all[i]);
  const json::object key_result = get("/api/v1/key-results/" + kr).as_object();
  EXPECT_EQ(key_result.at("current"), all[0].at("value")) << "the latest check-in sets current";
}

TEST_F(ReadApi, APrivateObjectiveDoesNotExistForAViewerOutsideItsUnit) {
  const json::object secret = objective(kSecretTitle);
  const std::string id = text(secret, "id");
  const json::object detail = get("/api/v1/objectives/" + id).as_object();
  const std::string kr = text(detail.at("key_results").as_array()[0].as_object(), "id");

  EXPECT_EQ(status("/api/v1/objectives/" + id, viewer()), 404);
  EXPECT_EQ(status("/api/v1/key-results/" + kr, viewer()), 404);
  EXPECT_EQ(status("/api/v1/key-results/" + kr + "/check-ins", viewer()), 404);
  for (const char* list : {"/api/v1/objectives", "/api/v1/objectives?q=quietly",
                           "/api/v1/objectives?unit_id=unit_3"}) {
    for (const auto& o : walk(list, 1000, viewer())) EXPECT_NE(text(o, "id"), id) << list;
  }
  EXPECT_EQ(walk("/api/v1/objectives", 1000, viewer()).size() + 1,
            walk("/api/v1/objectives", 1000).size());

  // Its public parent links to it without a title.
  const json::object delight =
      get("/api/v1/objectives/" + text(objective("Delight our"), "id"), viewer()).as_object();
  int hidden = 0;
  for (const json::value& child : delight.at("children").as_array()) {
    const json::object& c = child.as_object();
    if (c.contains("private")) {
      ++hidden;
      EXPECT_EQ(c.size(), 1u) << json::serialize(c);
    }
  }
  EXPECT_EQ(hidden, 1);
  EXPECT_EQ(json::serialize(delight).find("quietly"), std::string::npos);
  // A viewer still reads everything public.
  EXPECT_EQ(status("/api/v1/objectives/" + text(objective("Make Larkspur fast"), "id"), viewer()),
            200);
}

}  // namespace
}  // namespace cairn::api
