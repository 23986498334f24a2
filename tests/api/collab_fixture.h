// What the collaboration API tests share: a fresh store with the demo, a
// private objective of the Platform team (one key result, one check-in, one
// initiative and one comment on it), and tokens for four callers, then the
// real `cairn serve` on that store — a new one for each test, so writes in
// one test never leak into another.
//
//   admin   Maya, admin of the organisation
//   insider Lucía, lead of the Platform team: sees the private objective
//   outsider Kenji, a member in Sales: may not see it
//   viewer  Ava, a viewer: reads, never writes
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <ctime>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include "../http/test_client.h"
#include "api_fixture.h"
#include "app/service.h"
#include "cairn_process.h"

namespace cairn::api::testing {

namespace json = boost::json;

struct CollabOrg {
  std::string admin, insider, outsider, viewer;  // tokens
  std::string secret_objective, secret_kr, secret_check_in, secret_initiative, secret_comment;
  std::string public_objective, public_kr, public_kr_owner;
  std::string platform_unit, period;
  std::string kenji, lucia, maya, ava;  // person ids
};

inline std::string id(std::string_view prefix, std::uint32_t index) {
  return std::string(prefix) + std::to_string(index);
}

inline CollabOrg prepare_collab_org(const std::string& database) {
  auto service = app::Service::open(database);
  if (!service) throw std::runtime_error(service.error().message);
  const core::Instant now{static_cast<std::int64_t>(std::time(nullptr))};
  auto demo = (*service)->ensure_demo(now);
  if (!demo) throw std::runtime_error(demo.error().message);
  const std::int64_t org = demo->organization;
  const app::Principal admin{org, demo->admin, core::Role::kAdmin, 0};

  CollabOrg out;
  core::Objective secret;
  core::PersonId lucia, kenji, ava;
  (*service)->read(org, [&](const core::Model& model) {
    lucia = model.person_by_email("lucia@larkspur.example");
    kenji = model.person_by_email("kenji@larkspur.example");
    ava = model.person_by_email("ava@larkspur.example");
    for (std::uint32_t i = 0; i < model.objective_count(); ++i) {
      const core::Objective& o = *model.objective(core::ObjectiveId{i});
      if (!o.title.starts_with("Delight our customers") || o.archived()) continue;
      secret.period = o.period;
      out.public_objective = id("obj_", i);
      for (core::KeyResultId kr : model.key_results_of(o.id)) {
        if (model.key_result(kr)->archived || !out.public_kr.empty()) continue;
        out.public_kr = id("kr_", kr.value());
        out.public_kr_owner = id("per_", model.key_result(kr)->owner.value());
      }
    }
    for (std::uint32_t i = 0; i < model.unit_count(); ++i) {
      if (model.unit(core::UnitId{i})->name == "Platform team") {
        secret.owner = core::Owner::of_unit(core::UnitId{i});
        out.platform_unit = id("unit_", i);
      }
    }
  });
  auto run = [&](const app::Command& command) {
    auto done = (*service)->execute(admin, command, now);
    if (!done) throw std::runtime_error(done.error().message);
    return done->applied.created.value_or(0);
  };
  secret.title = "Migrate to the new data centre quietly";
  secret.visibility = core::Visibility::kPrivate;
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
  const std::uint32_t check_in_id = run(app::AddCheckIn{check_in});
  core::Initiative initiative;
  initiative.title = "Quietly book the movers";
  initiative.target = core::NodeRef::of(kr_id);
  initiative.owner = lucia;
  const std::uint32_t initiative_id = run(app::AddInitiative{initiative});
  core::Comment comment;
  comment.target = core::NodeRef::of(secret_id);
  comment.author = demo->admin;
  comment.body = "Nobody outside the team should read this";
  const std::uint32_t comment_id = run(app::AddComment{comment});

  auto token = [&](core::PersonId person, core::Role role) {
    auto created = (*service)->create_token(app::Principal{org, person, role, 0}, "test", now);
    if (!created) throw std::runtime_error(created.error().message);
    return created->token;
  };
  out.admin = demo->token;
  out.insider = token(lucia, core::Role::kMember);
  out.outsider = token(kenji, core::Role::kMember);
  out.viewer = token(ava, core::Role::kViewer);
  out.secret_objective = id("obj_", secret_id.value());
  out.period = id("prd_", secret.period.value());
  out.secret_kr = id("kr_", kr_id.value());
  out.secret_check_in = id("ci_", check_in_id);
  out.secret_initiative = id("ini_", initiative_id);
  out.secret_comment = id("cmt_", comment_id);
  out.kenji = id("per_", kenji.value());
  out.lucia = id("per_", lucia.value());
  out.maya = id("per_", demo->admin.value());
  out.ava = id("per_", ava.value());
  return out;
}

class CollabApiTest : public ApiTest {
 protected:
  void SetUp() override {
    folder_ =
        std::filesystem::temp_directory_path() /
        ("cairn-collab-api-" + std::to_string(::getpid()) + "-" + std::to_string(std::rand()));
    std::filesystem::create_directories(folder_);
    database_ = (folder_ / "cairn.db").string();
    org_ = prepare_collab_org(database_);
    server_ = std::make_unique<CairnProcess>(database_);
  }

  http::testing::Reply request(std::string_view method, const std::string& target,
                               const std::string& token, const std::string& body = "",
                               const std::string& extra_headers = "") {
    std::string headers = extra_headers;
    if (!token.empty()) headers += bearer(token);
    if (!body.empty()) headers += kJson;
    return call(method, "/api/v1" + target, headers, body);
  }
  http::testing::Reply get(const std::string& target, const std::string& token) {
    return request("GET", target, token);
  }
  http::testing::Reply post(const std::string& target, const std::string& token,
                            const std::string& body, const std::string& extra_headers = "") {
    return request("POST", target, token, body, extra_headers);
  }
  // The JSON of an answer with the expected status; fails the test otherwise.
  json::value expect(const http::testing::Reply& reply, int status) {
    EXPECT_EQ(reply.status, status) << reply.body;
    if (reply.status != status || reply.body.empty()) return json::value();
    return json::parse(reply.body);
  }
  // The field names of a 422 answer's `errors`.
  static std::string error_fields(const http::testing::Reply& reply) {
    std::string out;
    const json::value body = json::parse(reply.body);
    if (const json::value* errors = body.as_object().if_contains("errors")) {
      for (const json::value& e : errors->as_array()) {
        out += (out.empty() ? "" : ",") + std::string(e.at("field").as_string());
      }
    }
    return out;
  }
  static std::size_t item_count(const json::value& list) {
    return list.is_object() ? list.at("items").as_array().size() : 0;
  }

  CollabOrg org_;
};

}  // namespace cairn::api::testing
