// DOMAIN.md "Rules of engagement": each rule warns by default; a rule listed in
// Settings::enforce refuses a write that would break it (kRuleViolation with the
// rule's id) and writes nothing. Violations that already exist do not block
// unrelated edits.
#include "core/rules.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "model_fixture.h"

namespace cairn::core {
namespace {

using model_testing::expect_refused;
using model_testing::kSetup;
using model_testing::must;
using model_testing::Org;
using model_testing::q1_day;

using Rules = std::set<std::string>;

// The ids of the rules that warn about an objective (and its key results) now.
Rules warned(const Model& m, ObjectiveId id) {
  Rules out;
  for (const Warning& w : m.warnings(id)) out.insert(to_string(w.rule));
  return out;
}

Settings enforcing(std::set<RuleId> rules) {
  Settings s;
  s.enforce = std::move(rules);
  return s;
}

// Turns enforcement on after the fact, as an admin would.
void enforce(Org& org, std::set<RuleId> rules, Instant at) {
  Organization o = org.model.organization();
  o.settings.enforce = std::move(rules);
  must(org.model.set_organization(o, at));
}

Objective spec(const Org& org, std::string title, Owner owner = {}, PeriodId period = {},
               ObjectiveState state = ObjectiveState::kActive) {
  Objective o = org.objective_spec(std::move(title));
  if (owner.unit.valid() || owner.person.valid()) o.owner = owner;
  if (period.valid()) o.period = period;
  o.state = state;
  return o;
}

// Adds `o`, then `key_results` good metric key results ("Grow weekly active teams").
ObjectiveId with_key_results(Org& org, Objective o, int key_results) {
  const ObjectiveId id = org.add(std::move(o));
  for (int i = 0; i < key_results; ++i) org.metric(id, 0, 10);
  return id;
}

Error expect_rule_violation(const Model& m, auto&& command, const char* rule) {
  const Error error = expect_refused(m, command, ErrorCode::kRuleViolation, "");
  EXPECT_EQ(error.rule, rule) << error.message;
  EXPECT_FALSE(error.message.empty());
  return error;
}

TEST(RuleIds, RoundTripAndUnknownNames) {
  const struct {
    RuleId id;
    const char* name;
  } cases[] = {
      {RuleId::kMaxObjectivesPerOwner, "max_objectives_per_owner"},
      {RuleId::kKeyResultsPerObjective, "key_results_per_objective"},
      {RuleId::kKeyResultHasOwner, "key_result_has_owner"},
      {RuleId::kMetricIsMeasurable, "metric_is_measurable"},
      {RuleId::kObjectiveHasKeyResults, "objective_has_key_results"},
      {RuleId::kOutputNotOutcome, "output_not_outcome"},
  };
  for (const auto& c : cases) {
    EXPECT_STREQ(to_string(c.id), c.name);
    EXPECT_EQ(parse_rule_id(c.name), c.id) << c.name;
    EXPECT_EQ(parse_rule_id(to_string(c.id)), c.id) << c.name;
  }
  for (const char* unknown :
       {"", "max_objectives", "MAX_OBJECTIVES_PER_OWNER", " max_objectives_per_owner",
        "max_objectives_per_owner ", "key-results-per-objective", "unknown_rule"}) {
    EXPECT_FALSE(parse_rule_id(unknown).has_value()) << '"' << unknown << '"';
  }
}

TEST(OutputNotOutcome, ReadsLikeTask) {
  const struct {
    const char* title;
    bool task;
  } cases[] = {
      // A task verb first and no number: a task.
      {"Launch the new website", true},
      {"Write the onboarding guide", true},
      {"Create a partner programme", true},
      {"Build a self-serve data warehouse", true},
      {"Implement single sign-on", true},
      {"Hold a quarterly town hall", true},
      {"Attend the industry conference", true},
      {"Organize a hackathon", true},
      {"Set up on-call monitoring", true},
      {"Run the onboarding sessions", true},
      {"Hire a head of sales", true},
      {"Migrate billing to the new provider", true},
      {"launch the new website", true},     // any case
      {"LAUNCH THE NEW WEBSITE", true},     // any case
      {"   Launch the new website", true},  // leading blanks
      {"Deploy", true},                     // the verb alone
      // A number makes it measurable.
      {"Launch 3 campaigns", false},
      {"Write 4 customer stories", false},
      {"Hold 12 customer interviews", false},
      {"Publish 10 case studies", false},
      // Outcome verbs, or no verb at all.
      {"Increase NPS from 30 to 45", false},
      {"Reduce churn below 2%", false},
      {"Grow weekly active teams", false},
      {"Keep uptime above 99.9%", false},
      {"Customers rate onboarding highly", false},
      {"Net revenue retention reaches 120%", false},
      // A word that merely starts like a task verb is not one.
      {"Settle every invoice within terms", false},
      {"Hosting costs fall below budget", false},
      {"Runway extends past eighteen months", false},
      {"Launched features get adopted", false},
      {"Builders adopt the new API", false},
      {"", false},
      {"   ", false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(reads_like_task(c.title), c.task) << '"' << c.title << '"';
  }
}

TEST(OutputNotOutcome, ATaskLikeKeyResultGetsTheHintAndIsRefusedWhenEnforced) {
  Org org;
  const ObjectiveId o = with_key_results(org, spec(org, "Be found online"), 3);
  const KeyResultId task = org.metric(o, 0, 1, 1, "Launch the new website");
  EXPECT_EQ(warned(org.model, o), Rules{"output_not_outcome"});
  bool about_task = false;
  for (const Warning& w : org.model.warnings(o)) about_task |= w.key_result == task;
  EXPECT_TRUE(about_task) << "the hint names the key result";

  Org strict(enforcing({RuleId::kOutputNotOutcome}));
  const ObjectiveId s = with_key_results(strict, spec(strict, "Be found online"), 3);
  expect_rule_violation(
      strict.model,
      [&] {
        return strict.model.add_key_result(strict.metric_spec(s, 0, 1, 1, "Launch the new website"),
                                           kSetup);
      },
      "output_not_outcome");
  must(strict.model.add_key_result(strict.metric_spec(s, 0, 3, 1, "Launch 3 campaigns"), kSetup));
  // Renaming a good key result into a task is a breaking write too.
  const KeyResultId good = strict.model.key_results_of(s)[0];
  expect_rule_violation(
      strict.model,
      [&] {
        KeyResult kr = *strict.model.key_result(good);
        kr.title = "Write the onboarding guide";
        return strict.model.update_key_result(kr, q1_day(2));
      },
      "output_not_outcome");
}

TEST(MaxObjectivesPerOwner, TheFourthObjectiveOfAnOwnerInAPeriodIsWarnedAbout) {
  Org org;
  std::vector<ObjectiveId> first;
  for (int i = 1; i <= 3; ++i) {
    first.push_back(with_key_results(org, spec(org, "Team objective " + std::to_string(i)), 3));
  }
  // Other periods and other owners have their own counts.
  with_key_results(org, spec(org, "Next quarter", {}, org.q2), 3);
  with_key_results(org, spec(org, "Cy's own", Owner::of_person(org.cy)), 3);
  with_key_results(org, spec(org, "The company's", Owner::of_unit(org.company)), 3);
  for (ObjectiveId id : first) EXPECT_EQ(warned(org.model, id), Rules{}) << id.value();

  const ObjectiveId fourth = with_key_results(org, spec(org, "Team objective 4"), 3);
  EXPECT_EQ(warned(org.model, fourth), Rules{"max_objectives_per_owner"});
  for (ObjectiveId id : first) {
    EXPECT_EQ(warned(org.model, id), Rules{"max_objectives_per_owner"}) << "all four are over";
  }
  // A draft counts too; an archived objective does not.
  const ObjectiveId draft =
      with_key_results(org, spec(org, "Draft", {}, {}, ObjectiveState::kDraft), 3);
  EXPECT_EQ(warned(org.model, draft), Rules{"max_objectives_per_owner"});
  for (ObjectiveId id : {fourth, draft}) {
    Objective o = *org.model.objective(id);
    o.state = ObjectiveState::kArchived;
    must(org.model.update_objective(o, q1_day(3)));
  }
  for (ObjectiveId id : first) EXPECT_EQ(warned(org.model, id), Rules{}) << id.value();
}

TEST(MaxObjectivesPerOwner, HonoursTheOrganisationsLimit) {
  Settings s;
  s.max_objectives_per_owner = 1;
  Org org(s);
  const ObjectiveId a = with_key_results(org, spec(org, "First"), 3);
  EXPECT_EQ(warned(org.model, a), Rules{});
  const ObjectiveId b = with_key_results(org, spec(org, "Second"), 3);
  EXPECT_EQ(warned(org.model, b), Rules{"max_objectives_per_owner"});
}

TEST(MaxObjectivesPerOwner, WhenEnforcedTheFourthIsRefusedAndNothingIsWritten) {
  Org org(enforcing({RuleId::kMaxObjectivesPerOwner}));
  for (int i = 1; i <= 3; ++i) {
    with_key_results(org, spec(org, "Team objective " + std::to_string(i)), 3);
  }
  for (ObjectiveState state : {ObjectiveState::kActive, ObjectiveState::kDraft}) {
    expect_rule_violation(
        org.model,
        [&] {
          return org.model.add_objective(spec(org, "Team objective 4", {}, {}, state), kSetup);
        },
        "max_objectives_per_owner");
  }
  // Other owners and periods are free.
  const ObjectiveId cys = with_key_results(org, spec(org, "Cy's own", Owner::of_person(org.cy)), 3);
  with_key_results(org, spec(org, "Next quarter", {}, org.q2), 3);
  // Handing an objective to a full owner, or moving it into a full period, breaks the rule.
  expect_rule_violation(
      org.model,
      [&] {
        Objective o = *org.model.objective(cys);
        o.owner = Owner::of_unit(org.team);
        return org.model.update_objective(o, q1_day(2));
      },
      "max_objectives_per_owner");
  with_key_results(org, spec(org, "Q2 objective 2", {}, org.q2), 3);
  with_key_results(org, spec(org, "Q2 objective 3", {}, org.q2), 3);
  expect_rule_violation(
      org.model,
      [&] {
        Objective o = *org.model.objective(org.model.objectives_in(org.q1)[0]);
        o.period = org.q2;
        return org.model.update_objective(o, q1_day(2));
      },
      "max_objectives_per_owner");
  // An archived objective frees its place.
  const ObjectiveId first = org.model.objectives_in(org.q1)[0];
  Objective archived = *org.model.objective(first);
  archived.state = ObjectiveState::kArchived;
  must(org.model.update_objective(archived, q1_day(3)));
  must(org.model.add_objective(spec(org, "Team objective 4"), q1_day(4)));
}

TEST(KeyResultsPerObjective, ThreeToFiveByDefault) {
  const struct {
    int count;
    Rules warned;
  } cases[] = {
      {0, {"key_results_per_objective", "objective_has_key_results"}},
      {1, {"key_results_per_objective"}},
      {2, {"key_results_per_objective"}},
      {3, {}},
      {4, {}},
      {5, {}},
      {6, {"key_results_per_objective"}},
      {7, {"key_results_per_objective"}},
  };
  for (const auto& c : cases) {
    Org org;
    const ObjectiveId o = with_key_results(org, spec(org, "Delight customers"), c.count);
    EXPECT_EQ(warned(org.model, o), c.warned) << c.count << " key results";
  }
}

TEST(KeyResultsPerObjective, ADraftIsOnlyAdvisedWhileShort) {
  Org org;
  const ObjectiveId o =
      with_key_results(org, spec(org, "Draft", {}, {}, ObjectiveState::kDraft), 2);
  const std::vector<Warning> w = org.model.warnings(o);
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0].rule, RuleId::kKeyResultsPerObjective);
  EXPECT_FALSE(w[0].blocks) << "a draft may still be short of key results";
  Objective active = *org.model.objective(o);
  active.state = ObjectiveState::kActive;
  must(org.model.update_objective(active, q1_day(1)));  // only a warning: not enforced
  ASSERT_EQ(org.model.warnings(o).size(), 1u);
  EXPECT_TRUE(org.model.warnings(o)[0].blocks);
}

TEST(KeyResultsPerObjective, HonoursTheOrganisationsRange) {
  Settings s;
  s.min_key_results = 1;
  s.max_key_results = 2;
  Org org(s);
  EXPECT_EQ(warned(org.model, with_key_results(org, spec(org, "One"), 1)), Rules{});
  EXPECT_EQ(warned(org.model, with_key_results(org, spec(org, "Two"), 2)), Rules{});
  EXPECT_EQ(warned(org.model, with_key_results(org, spec(org, "Three"), 3)),
            Rules{"key_results_per_objective"});
}

TEST(KeyResultsPerObjective, WhenEnforcedTheSixthIsRefused) {
  Org org(enforcing({RuleId::kKeyResultsPerObjective}));
  const ObjectiveId o =
      with_key_results(org, spec(org, "Draft", {}, {}, ObjectiveState::kDraft), 5);
  Objective active = *org.model.objective(o);
  active.state = ObjectiveState::kActive;
  must(org.model.update_objective(active, q1_day(1)));
  expect_rule_violation(
      org.model, [&] { return org.model.add_key_result(org.metric_spec(o, 0, 10), q1_day(2)); },
      "key_results_per_objective");
  // Also for a draft: too many is never advice only.
  const ObjectiveId d =
      with_key_results(org, spec(org, "Other draft", {}, {}, ObjectiveState::kDraft), 5);
  expect_rule_violation(
      org.model, [&] { return org.model.add_key_result(org.metric_spec(d, 0, 10), q1_day(2)); },
      "key_results_per_objective");
  // Bringing an archived key result back as the sixth is the same.
  const KeyResultId spare = org.model.key_results_of(o)[0];
  KeyResult kr = *org.model.key_result(spare);
  kr.archived = true;
  must(org.model.update_key_result(kr, q1_day(3)));                      // 4 left: fine
  must(org.model.add_key_result(org.metric_spec(o, 0, 10), q1_day(4)));  // 5 again
  expect_rule_violation(
      org.model,
      [&] {
        KeyResult back = *org.model.key_result(spare);
        back.archived = false;
        return org.model.update_key_result(back, q1_day(5));
      },
      "key_results_per_objective");
}

TEST(KeyResultsPerObjective, WhenEnforcedADraftIsBuiltUpAndActivatedAtThree) {
  Org org(enforcing({RuleId::kKeyResultsPerObjective}));
  // An active objective cannot start with no key results …
  expect_rule_violation(
      org.model, [&] { return org.model.add_objective(spec(org, "Active at once"), kSetup); },
      "key_results_per_objective");
  // … a draft can, and its activation is refused until it has three.
  const ObjectiveId o = org.add(spec(org, "Draft", {}, {}, ObjectiveState::kDraft));
  auto activate = [&] {
    Objective active = *org.model.objective(o);
    active.state = ObjectiveState::kActive;
    return org.model.update_objective(active, q1_day(1));
  };
  for (int count = 0; count < 3; ++count) {
    SCOPED_TRACE(::testing::Message() << count << " key results");
    expect_rule_violation(org.model, activate, "key_results_per_objective");
    EXPECT_EQ(org.model.objective(o)->state, ObjectiveState::kDraft);
    org.metric(o, 0, 10);
  }
  must(activate());
  EXPECT_EQ(org.model.objective(o)->state, ObjectiveState::kActive);
  // Archiving one of the three of an active objective breaks the rule too.
  expect_rule_violation(
      org.model,
      [&] {
        KeyResult kr = *org.model.key_result(org.model.key_results_of(o)[0]);
        kr.archived = true;
        return org.model.update_key_result(kr, q1_day(2));
      },
      "key_results_per_objective");
}

TEST(ObjectiveHasKeyResults, AnActiveObjectiveNeedsOne) {
  Org lenient;
  const ObjectiveId empty = lenient.add(spec(lenient, "Empty"));
  EXPECT_TRUE(warned(lenient.model, empty).contains("objective_has_key_results"));
  const ObjectiveId draft =
      lenient.add(spec(lenient, "Empty draft", {}, {}, ObjectiveState::kDraft));
  EXPECT_FALSE(warned(lenient.model, draft).contains("objective_has_key_results"));

  Org org(enforcing({RuleId::kObjectiveHasKeyResults}));
  expect_rule_violation(
      org.model, [&] { return org.model.add_objective(spec(org, "Active at once"), kSetup); },
      "objective_has_key_results");
  const ObjectiveId o = org.add(spec(org, "Draft", {}, {}, ObjectiveState::kDraft));
  auto activate = [&] {
    Objective active = *org.model.objective(o);
    active.state = ObjectiveState::kActive;
    return org.model.update_objective(active, q1_day(1));
  };
  expect_rule_violation(org.model, activate, "objective_has_key_results");
  org.metric(o, 0, 10);
  must(activate());  // one is enough for this rule; 3–5 is only advice here
  EXPECT_EQ(warned(org.model, o), Rules{"key_results_per_objective"});
}

TEST(KeyResultHasOwner, WarnsAndWhenEnforcedRefuses) {
  Org org;
  const ObjectiveId o = with_key_results(org, spec(org, "Delight customers"), 3);
  KeyResult orphan = org.metric_spec(o, 0, 10);
  orphan.owner = PersonId{};
  org.add(orphan);
  EXPECT_EQ(warned(org.model, o), Rules{"key_result_has_owner"});

  Org strict(enforcing({RuleId::kKeyResultHasOwner}));
  const ObjectiveId s = with_key_results(strict, spec(strict, "Delight customers"), 3);
  expect_rule_violation(
      strict.model,
      [&] {
        KeyResult kr = strict.metric_spec(s, 0, 10);
        kr.owner = PersonId{};
        return strict.model.add_key_result(kr, kSetup);
      },
      "key_result_has_owner");
  expect_rule_violation(
      strict.model,
      [&] {
        KeyResult kr = *strict.model.key_result(strict.model.key_results_of(s)[1]);
        kr.owner = PersonId{};
        return strict.model.update_key_result(kr, q1_day(1));
      },
      "key_result_has_owner");
}

TEST(MetricIsMeasurable, AMetricNeedsATargetAndAUnit) {
  const struct {
    const char* what;
    KeyResultKind kind;
    bool target;
    const char* unit;
    bool warned;
  } cases[] = {
      {"metric with target and unit", KeyResultKind::kMetric, true, "count", false},
      {"metric without target", KeyResultKind::kMetric, false, "count", true},
      {"metric without unit", KeyResultKind::kMetric, true, "", true},
      {"metric without either", KeyResultKind::kMetric, false, "", true},
      {"boolean without either", KeyResultKind::kBoolean, false, "", false},
      {"band without unit", KeyResultKind::kBand, false, "", false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    auto make = [&](const Org& org, ObjectiveId o) {
      KeyResult kr = org.metric_spec(o, 0, 10);
      kr.kind = c.kind;
      if (!c.target) kr.target.reset();
      kr.unit = c.unit;
      kr.low = 1;
      kr.high = 2;
      return kr;
    };
    Org org;
    const ObjectiveId o = with_key_results(org, spec(org, "Delight customers"), 3);
    org.add(make(org, o));
    EXPECT_EQ(warned(org.model, o).contains("metric_is_measurable"), c.warned);

    Org strict(enforcing({RuleId::kMetricIsMeasurable}));
    const ObjectiveId s = with_key_results(strict, spec(strict, "Delight customers"), 3);
    if (c.warned) {
      expect_rule_violation(
          strict.model, [&] { return strict.model.add_key_result(make(strict, s), kSetup); },
          "metric_is_measurable");
    } else {
      must(strict.model.add_key_result(make(strict, s), kSetup));
    }
  }
}

TEST(RulesOfEngagement, WarningsAloneRefuseNothing) {
  Org org;  // nothing enforced
  for (int i = 0; i < 5; ++i) org.add(spec(org, "Objective " + std::to_string(i)));
  const ObjectiveId o = org.model.objectives_in(org.q1)[0];
  for (int i = 0; i < 7; ++i) org.metric(o, 0, 10);
  KeyResult orphan = org.metric_spec(o, 0, 10, 1, "Launch the new website");
  orphan.owner = PersonId{};
  orphan.unit.clear();
  org.add(orphan);
  EXPECT_EQ(warned(org.model, o),
            (Rules{"max_objectives_per_owner", "key_results_per_objective", "key_result_has_owner",
                   "metric_is_measurable", "output_not_outcome"}));
}

TEST(RulesOfEngagement, ExistingViolationsDoNotBlockUnrelatedEdits) {
  Org org;
  // Written while nothing was enforced: four team objectives in Q1, the first
  // with two key results, one of them without an owner, unmeasurable and task-like.
  std::vector<ObjectiveId> team;
  for (int i = 1; i <= 4; ++i) {
    team.push_back(org.add(spec(org, "Team objective " + std::to_string(i))));
  }
  const KeyResultId good = org.metric(team[0], 0, 10);
  KeyResult bad = org.metric_spec(team[0], 0, 10, 1, "Launch the new website");
  bad.owner = PersonId{};
  bad.unit.clear();
  const KeyResultId orphan = org.add(bad);
  enforce(
      org,
      {RuleId::kMaxObjectivesPerOwner, RuleId::kKeyResultsPerObjective, RuleId::kKeyResultHasOwner,
       RuleId::kMetricIsMeasurable, RuleId::kObjectiveHasKeyResults, RuleId::kOutputNotOutcome},
      q1_day(1));

  // Unrelated edits go through.
  Objective renamed = *org.model.objective(team[0]);
  renamed.title = "Team objective 1, renamed";
  renamed.description = "Now with a description.";
  must(org.model.update_objective(renamed, q1_day(2)));
  Objective fourth = *org.model.objective(team[3]);
  fourth.weight = 2;
  must(org.model.update_objective(fourth, q1_day(2)));
  org.check_in(good, 5, q1_day(3));
  KeyResult reweighted = *org.model.key_result(orphan);
  reweighted.weight = 3;
  must(org.model.update_key_result(reweighted, q1_day(4)));
  // A third key result, with an owner, moves the objective toward the rules.
  org.add(org.metric_spec(team[0], 0, 10), q1_day(5));

  // New violations are still refused.
  expect_rule_violation(
      org.model, [&] { return org.model.add_objective(spec(org, "Team objective 5"), q1_day(6)); },
      "max_objectives_per_owner");
  expect_rule_violation(
      org.model,
      [&] {
        KeyResult another = org.metric_spec(team[0], 0, 10);
        another.owner = PersonId{};
        return org.model.add_key_result(another, q1_day(6));
      },
      "key_result_has_owner");
}

TEST(RulesOfEngagement, SettingsAreValidated) {
  Org org;
  const struct {
    int max_objectives, min_key_results, max_key_results;
    const char* field;
  } cases[] = {
      {0, 3, 5, "settings.max_objectives_per_owner"},
      {-1, 3, 5, "settings.max_objectives_per_owner"},
      {3, 6, 5, "settings.key_results_per_objective"},
      {3, -1, 5, "settings.key_results_per_objective"},
  };
  for (const auto& c : cases) {
    expect_refused(
        org.model,
        [&] {
          Organization o = org.model.organization();
          o.settings.max_objectives_per_owner = c.max_objectives;
          o.settings.min_key_results = c.min_key_results;
          o.settings.max_key_results = c.max_key_results;
          return org.model.set_organization(o, q1_day(1));
        },
        ErrorCode::kInvalid, c.field);
  }
  EXPECT_EQ(org.model.settings().max_objectives_per_owner, 3);
  EXPECT_EQ(org.model.settings().min_key_results, 3);
  EXPECT_EQ(org.model.settings().max_key_results, 5);
}

}  // namespace
}  // namespace cairn::core
