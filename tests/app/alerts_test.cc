// Smart alerts (alerts.h) as the notifier gets them from a committed change,
// without a store: what a comment tells the people it mentions.
#include "app/alerts.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <string>
#include <vector>

#include "../core/fixture.h"
#include "app/json_text.h"

namespace cairn::app {
namespace {

using core::testing::TestOrg;

const core::Instant kNow = core::testing::q1_at(0.5);

// The alerts of a comment by Ada, the admin, on a public objective.
Alerts alerts_of_comment(TestOrg& org, const std::string& body) {
  core::Comment c;
  c.target = core::NodeRef::of(org.objective("Ship the app"));
  c.author = org.ada;
  c.body = body;
  const AddComment command{c};
  org.model.clear_journal();
  EXPECT_TRUE(apply(org.model, command, kNow));
  const std::vector<core::Touched> touched(org.model.journal().begin(), org.model.journal().end());
  StatusMap statuses;
  return alerts_for_change(core::Evaluation(org.model, kNow), command, touched, org.ada, statuses);
}

// Found by the api_body fuzz target: the excerpt was cut at 277 bytes, into
// the middle of a character, and the mentioned person's notifications were
// no longer valid JSON (nor their email and the webhook call valid UTF-8).
TEST(Alerts, AMentionsExcerptIsCutBetweenCharacters) {
  TestOrg org;
  const std::string head = "@bob@example.com ";
  // "é" is two bytes, at 276 and 277: a cut after 277 bytes splits it.
  const std::string body = head + std::string(276 - head.size(), 'x') + "\u00e9 and more";
  const Alerts alerts = alerts_of_comment(org, body);
  ASSERT_EQ(alerts.people.size(), 1u);
  const PersonAlert& mention = alerts.people[0];
  EXPECT_EQ(mention.person, org.bob);
  EXPECT_EQ(mention.kind, "mention");
  EXPECT_EQ(mention.params.at("excerpt").as_string(), body.substr(0, 276) + "...");
  // The notifier stores them as JSON; they must read back.
  EXPECT_TRUE(parse_json(boost::json::serialize(mention.params)));
  EXPECT_TRUE(parse_json(boost::json::serialize(boost::json::value(mention.text))));
  for (const WebhookEvent& event : alerts.webhooks) {
    EXPECT_TRUE(parse_json(boost::json::serialize(boost::json::value(event.text))));
  }
}

TEST(Alerts, AShortCommentIsItsOwnExcerpt) {
  TestOrg org;
  const std::string body = "Over to you @bob@example.com \u2014 th\u00e9 numbers";
  const Alerts alerts = alerts_of_comment(org, body);
  ASSERT_EQ(alerts.people.size(), 1u);
  EXPECT_EQ(alerts.people[0].params.at("excerpt").as_string(), body);
}

// The alerts of a check-in of `value` with `confidence` on `kr` by Ada,
// against the statuses `statuses` holds (moved forward, as the notifier's are).
Alerts alerts_of_check_in(TestOrg& org, core::KeyResultId kr, double value, int confidence,
                          StatusMap& statuses, const WebhookWanted& wanted = {}) {
  core::CheckIn c;
  c.key_result = kr;
  c.author = org.ada;
  c.measurement.value = value;
  c.confidence = confidence;
  c.at = kNow;
  const AddCheckIn command{c};
  org.model.clear_journal();
  EXPECT_TRUE(apply(org.model, command, kNow));
  const std::vector<core::Touched> touched(org.model.journal().begin(), org.model.journal().end());
  return alerts_for_change(core::Evaluation(org.model, kNow), command, touched, org.ada, statuses,
                           wanted);
}

std::vector<core::PersonId> told(const Alerts& alerts, const std::string& kind) {
  std::vector<core::PersonId> people;
  for (const PersonAlert& a : alerts.people) {
    if (a.kind == kind) people.push_back(a.person);
  }
  return people;
}

// F13: an item that turns at risk is shown to the owners of what depends on
// it; not through a removed dependency, nor one on another item.
TEST(Alerts, AnItemAtRiskTellsTheOwnersOfWhatDependsOnIt) {
  TestOrg org;
  const core::ObjectiveId supplier = org.objective("Ship the API");
  const core::KeyResultId api = org.metric(supplier, 0, 100);
  const auto owned_by = [&](const std::string& title, core::PersonId person) {
    return org.objective(title, core::ProgressMode::kKeyResults, {},
                         core::Owner::of_person(person));
  };
  // Ada checks in and is told nothing of her own change: Cy and Dee own the
  // objectives whose dependencies must tell nobody.
  const auto person = [&](const std::string& name) {
    core::Person p;
    p.name = name;
    p.email = name + "@example.com";
    return core::testing::ok(org.model.add_person(p, org.setup));
  };
  const core::PersonId cy = person("cy");
  const core::PersonId dee = person("dee");
  const core::ObjectiveId app = owned_by("Launch the app", org.bob);
  const core::ObjectiveId training = owned_by("Train support", cy);
  const core::ObjectiveId hiring = owned_by("Hire two engineers", dee);
  const auto depend = [&](core::ObjectiveId from, core::NodeRef to) {
    core::Dependency d;
    d.from = core::NodeRef::of(from);
    d.to = to;
    auto made = org.model.add_dependency(d, org.setup);
    EXPECT_TRUE(made);
    return *made;
  };
  depend(app, core::NodeRef::of(api));
  core::testing::ok(
      org.model.remove_dependency(depend(training, core::NodeRef::of(api)), org.setup));
  depend(hiring, core::NodeRef::of(app));  // on another item

  StatusMap statuses = watched_statuses(core::Evaluation(org.model, kNow));
  // Halfway through the quarter: 50 of 100 with confidence 9 is on track.
  EXPECT_TRUE(told(alerts_of_check_in(org, api, 50, 9, statuses), "dependency_at_risk").empty());
  // Confidence 2 puts the key result at risk.
  const Alerts at_risk = alerts_of_check_in(org, api, 50, 2, statuses);
  EXPECT_EQ(told(at_risk, "dependency_at_risk"), std::vector<core::PersonId>{org.bob})
      << "not Cy (removed), nor Dee (on another item)";
  EXPECT_EQ(statuses.find(core::NodeRef::of(api)), core::Status::kAtRisk);
}

std::vector<std::string> webhook_types(const Alerts& alerts) {
  std::vector<std::string> types;
  for (const WebhookEvent& e : alerts.webhooks) types.push_back(e.type);
  return types;
}

// The webhook events nobody takes are not made (their payloads are most of
// what a check-in's alerts cost the writer); the people's alerts stay.
TEST(Alerts, OnlyTheWebhookEventsSomeWebhookTakesAreMade) {
  std::vector<std::vector<std::string>> types;
  std::vector<std::size_t> people;
  const WebhookWanted everything;
  const WebhookWanted statuses_only = [](std::string_view type) {
    return type == "key_result.status_changed";
  };
  const WebhookWanted nothing = [](std::string_view) { return false; };
  for (const WebhookWanted* wanted : {&everything, &statuses_only, &nothing}) {
    TestOrg org;
    const core::KeyResultId kr = org.metric(org.objective("Ship the API"), 0, 100);
    StatusMap statuses = watched_statuses(core::Evaluation(org.model, kNow));
    // On track halfway through the quarter; then confidence 2 puts it at risk.
    alerts_of_check_in(org, kr, 50, 9, statuses, *wanted);
    const Alerts alerts = alerts_of_check_in(org, kr, 50, 2, statuses, *wanted);
    types.push_back(webhook_types(alerts));
    people.push_back(alerts.people.size());
  }
  EXPECT_NE(std::ranges::find(types[0], "check_in.created"), types[0].end());
  EXPECT_NE(std::ranges::find(types[0], "key_result.status_changed"), types[0].end());
  EXPECT_EQ(types[1], std::vector<std::string>{"key_result.status_changed"});
  EXPECT_TRUE(types[2].empty());
  EXPECT_EQ(people[1], people[0]);
  EXPECT_EQ(people[2], people[0]);
}

TEST(Alerts, StatusMapKnowsWhatWasSetUntilItIsErased) {
  StatusMap statuses;
  const core::NodeRef objective = core::NodeRef::of(core::ObjectiveId{7});
  const core::NodeRef key_result = core::NodeRef::of(core::KeyResultId{7});
  EXPECT_EQ(statuses.find(objective), std::nullopt);
  statuses.set(objective, core::Status::kNotStarted);
  statuses.set(key_result, core::Status::kClosed);
  EXPECT_EQ(statuses.find(objective), core::Status::kNotStarted) << "the first status, not none";
  EXPECT_EQ(statuses.find(key_result), core::Status::kClosed) << "an objective and a key result";
  EXPECT_EQ(statuses.find(core::NodeRef::of(core::ObjectiveId{3})), std::nullopt);
  EXPECT_EQ(statuses.find(core::NodeRef::of(core::KeyResultId{70})), std::nullopt);
  statuses.erase(objective);
  EXPECT_EQ(statuses.find(objective), std::nullopt);
  EXPECT_EQ(statuses.find(key_result), core::Status::kClosed);
}

}  // namespace
}  // namespace cairn::app
