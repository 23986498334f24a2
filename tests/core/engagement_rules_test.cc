// DOMAIN.md "Rules of engagement": warnings by default, refusals when enforced.
#include <gtest/gtest.h>

#include "core/rules.h"
#include "fixture.h"

namespace cairn::core {
namespace {

using testing::ok;
using testing::TestOrg;

bool has(const std::vector<Warning>& warnings, RuleId rule) {
  for (const Warning& w : warnings) {
    if (w.rule == rule) return true;
  }
  return false;
}

TEST(EngagementRules, TaskLikeTitles) {
  const struct {
    const char* title;
    bool task;
  } cases[] = {
      {"Launch the new website", true},
      {"Launch 3 campaigns that bring 500 sign-ups", false},
      {"Create a partner program", true},
      {"Write the onboarding guide", true},
      {"Build the data warehouse", true},
      {"Implement single sign-on", true},
      {"Hold a customer advisory board", true},
      {"Attend the industry conference", true},
      {"  launch the forum", true},
      {"LAUNCH THE FORUM", true},
      {"Increase NPS from 30 to 45", false},
      {"Reduce churn below 2%", false},
      {"Grow weekly active teams", false},
      {"Customers love onboarding", false},
      {"Publish 12 in-depth guides", false},
      {"Launcher adoption doubles", false},
      {"", false},
  };
  for (const auto& c : cases) EXPECT_EQ(reads_like_task(c.title), c.task) << c.title;
}

TEST(EngagementRules, RuleIdsRoundTrip) {
  for (RuleId rule :
       {RuleId::kMaxObjectivesPerOwner, RuleId::kKeyResultsPerObjective, RuleId::kKeyResultHasOwner,
        RuleId::kMetricIsMeasurable, RuleId::kObjectiveHasKeyResults, RuleId::kOutputNotOutcome}) {
    EXPECT_EQ(parse_rule_id(to_string(rule)), rule);
  }
  EXPECT_STREQ(to_string(RuleId::kMaxObjectivesPerOwner), "max_objectives_per_owner");
  EXPECT_FALSE(parse_rule_id("no_such_rule"));
}

TEST(EngagementRules, KeyResultsPerObjectiveThreeToFive) {
  const struct {
    int key_results;
    bool warned;
  } cases[] = {{0, true}, {1, true}, {2, true}, {3, false}, {4, false}, {5, false}, {6, true}};
  for (const auto& c : cases) {
    const auto w = objective_rule_warnings({ObjectiveState::kActive, c.key_results, 1}, Settings{});
    EXPECT_EQ(has(w, RuleId::kKeyResultsPerObjective), c.warned) << c.key_results;
    EXPECT_EQ(has(w, RuleId::kObjectiveHasKeyResults), c.key_results == 0) << c.key_results;
  }
}

TEST(EngagementRules, TheFourthObjectiveOfAnOwnerIsWarnedAboutAndRefusedWhenEnforced) {
  TestOrg org;
  for (int i = 0; i < 3; ++i) org.objective("Objective " + std::to_string(i));
  const ObjectiveId fourth = org.objective("Fourth");
  EXPECT_TRUE(has(org.model.warnings(fourth), RuleId::kMaxObjectivesPerOwner));
  EXPECT_TRUE(has(org.model.warnings(ObjectiveId{0}), RuleId::kMaxObjectivesPerOwner))
      << "every objective of an owner over the limit carries it";

  Settings enforce;
  enforce.enforce = {RuleId::kMaxObjectivesPerOwner};
  TestOrg strict(enforce);
  for (int i = 0; i < 3; ++i) strict.objective("Objective " + std::to_string(i));
  Objective o;
  o.title = "Fourth";
  o.period = strict.q1;
  o.owner = Owner::of_unit(strict.team);
  auto refused = strict.model.add_objective(o, strict.setup);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kRuleViolation);
  EXPECT_EQ(refused.error().rule, "max_objectives_per_owner");
  EXPECT_EQ(strict.model.objective_count(), 3u) << "nothing written";
  // Another owner, or another period, is fine.
  o.owner = Owner::of_person(strict.bob);
  EXPECT_TRUE(strict.model.add_objective(o, strict.setup));
  o.owner = Owner::of_unit(strict.team);
  o.period = strict.q2;
  EXPECT_TRUE(strict.model.add_objective(o, strict.setup));
  // Archived objectives do not count.
  Objective archived = *strict.model.objective(ObjectiveId{0});
  archived.state = ObjectiveState::kArchived;
  ok(strict.model.update_objective(archived, strict.setup));
  o.period = strict.q1;
  EXPECT_TRUE(strict.model.add_objective(o, strict.setup));
}

TEST(EngagementRules, EnforcedKeyResultCountsApplyAtActivationAndAtTheMaximum) {
  Settings enforce;
  enforce.enforce = {RuleId::kKeyResultsPerObjective};
  TestOrg org(enforce);
  Objective o;
  o.title = "Active from the start";
  o.period = org.q1;
  o.owner = Owner::of_unit(org.team);
  auto refused = org.model.add_objective(o, org.setup);
  ASSERT_FALSE(refused) << "an active objective with no key results";
  EXPECT_EQ(refused.error().rule, "key_results_per_objective");

  o.state = ObjectiveState::kDraft;
  const ObjectiveId draft = ok(org.model.add_objective(o, org.setup));
  EXPECT_TRUE(has(org.model.warnings(draft), RuleId::kKeyResultsPerObjective)) << "still warned";
  org.metric(draft, 0, 10);
  org.metric(draft, 0, 10);
  Objective activate = *org.model.objective(draft);
  activate.state = ObjectiveState::kActive;
  EXPECT_EQ(org.model.update_objective(activate, org.setup).error().rule,
            "key_results_per_objective")
      << "two key results are too few";
  EXPECT_EQ(org.model.objective(draft)->state, ObjectiveState::kDraft);
  org.metric(draft, 0, 10);
  ok(org.model.update_objective(activate, org.setup));
  org.metric(draft, 0, 10);
  org.metric(draft, 0, 10);
  KeyResult sixth;
  sixth.objective = draft;
  sixth.title = "Sixth";
  sixth.owner = org.bob;
  sixth.target = 1;
  sixth.unit = "x";
  auto too_many = org.model.add_key_result(sixth, org.setup);
  ASSERT_FALSE(too_many);
  EXPECT_EQ(too_many.error().rule, "key_results_per_objective");
  EXPECT_EQ(org.model.key_results_of(draft).size(), 5u);
  // Archiving one that would drop an active objective below three is refused too.
  KeyResult archive = *org.model.key_result(org.model.key_results_of(draft)[0]);
  archive.archived = true;
  ok(org.model.update_key_result(archive, org.setup));  // 5 → 4 is fine
  KeyResult again = *org.model.key_result(org.model.key_results_of(draft)[1]);
  again.archived = true;
  ok(org.model.update_key_result(again, org.setup));  // 4 → 3 is fine
  KeyResult third = *org.model.key_result(org.model.key_results_of(draft)[2]);
  third.archived = true;
  EXPECT_FALSE(org.model.update_key_result(third, org.setup)) << "3 → 2 breaks the rule";
}

TEST(EngagementRules, KeyResultQuality) {
  KeyResult kr;
  kr.title = "Launch the community forum";
  kr.kind = KeyResultKind::kMetric;
  auto w = key_result_rule_warnings(kr);
  EXPECT_TRUE(has(w, RuleId::kKeyResultHasOwner));
  EXPECT_TRUE(has(w, RuleId::kMetricIsMeasurable)) << "no target";
  EXPECT_TRUE(has(w, RuleId::kOutputNotOutcome));
  kr.title = "Grow forum members from 0 to 500";
  kr.owner = PersonId{1};
  kr.target = 500;
  EXPECT_TRUE(has(key_result_rule_warnings(kr), RuleId::kMetricIsMeasurable)) << "no unit";
  kr.unit = "members";
  EXPECT_TRUE(key_result_rule_warnings(kr).empty());
  kr.archived = true;
  kr.owner = PersonId{};
  EXPECT_TRUE(key_result_rule_warnings(kr).empty()) << "archived key results are not judged";
}

TEST(EngagementRules, EnforcedKeyResultRulesRefuseTheWriteAndExistingOnesDoNotBlock) {
  TestOrg warn_only;
  const ObjectiveId o = warn_only.objective();
  KeyResult task;
  task.objective = o;
  task.title = "Write the launch plan";
  task.owner = warn_only.bob;
  task.kind = KeyResultKind::kBoolean;
  const KeyResultId existing = ok(warn_only.model.add_key_result(task, warn_only.setup));
  EXPECT_TRUE(has(warn_only.model.warnings(o), RuleId::kOutputNotOutcome));

  // Enforce the rule afterwards: the existing violation does not block other edits.
  Organization org = warn_only.model.organization();
  org.settings.enforce = {RuleId::kOutputNotOutcome, RuleId::kKeyResultHasOwner};
  ok(warn_only.model.set_organization(org, warn_only.setup));
  KeyResult reweigh = *warn_only.model.key_result(existing);
  reweigh.weight = 2;
  EXPECT_TRUE(warn_only.model.update_key_result(reweigh, warn_only.setup));
  auto refused = warn_only.model.add_key_result(task, warn_only.setup);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().rule, "output_not_outcome");
  task.title = "Grow plan adoption to 40 teams";
  task.owner = PersonId{};
  EXPECT_EQ(warn_only.model.add_key_result(task, warn_only.setup).error().rule,
            "key_result_has_owner");
}

}  // namespace
}  // namespace cairn::core

namespace cairn::core {
namespace {

TEST(EngagementRules, AnObjectiveAlreadyOverTheMaximumTakesNoMoreKeyResultsOnceEnforced) {
  testing::TestOrg org;
  const ObjectiveId o = org.objective();
  for (int i = 0; i < 6; ++i) org.metric(o, 0, 10);  // written before the rule was enforced
  Organization strict = org.model.organization();
  strict.settings.enforce = {RuleId::kKeyResultsPerObjective};
  testing::ok(org.model.set_organization(strict, org.setup));
  KeyResult seventh;
  seventh.objective = o;
  seventh.title = "Seventh";
  seventh.owner = org.bob;
  seventh.target = 1;
  seventh.unit = "x";
  auto refused = org.model.add_key_result(seventh, org.setup);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().rule, "key_results_per_objective");
  EXPECT_EQ(org.model.key_results_of(o).size(), 6u);
}

}  // namespace
}  // namespace cairn::core
