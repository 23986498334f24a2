// DOMAIN.md "Rollover": rolling an objective over into a later period copies it
// with its unfinished key results, each metric starting where the original ended.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "core/evaluation.h"
#include "model_fixture.h"

namespace cairn::core {
namespace {

using model_testing::expect_refused;
using model_testing::kQ1End;
using model_testing::kSetup;
using model_testing::make_period;
using model_testing::must;
using model_testing::Org;
using model_testing::q1_day;

const Instant kRollover = kQ1End + 3600;

// What the original looked like before a rollover, to show that it is untouched.
struct OriginalState {
  std::optional<double> score;
  std::size_t objective_versions = 0;
  std::vector<std::optional<double>> key_result_scores;
  std::vector<std::size_t> key_result_versions;
  std::vector<std::size_t> check_ins;
  std::size_t parent_links = 0;

  static OriginalState of(const Model& m, ObjectiveId id) {
    OriginalState s;
    s.score = m.objective(id)->effective_score();
    s.objective_versions = m.objective_history(id).versions().size();
    for (KeyResultId kr : m.key_results_of(id)) {
      s.key_result_scores.push_back(m.key_result(kr)->effective_score());
      s.key_result_versions.push_back(m.key_result_history(kr).versions().size());
      s.check_ins.push_back(m.check_ins(kr).size());
    }
    s.parent_links = m.graph().parent_links(NodeRef::of(id)).size();
    return s;
  }
  bool operator==(const OriginalState&) const = default;
};

class RolloverCopyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Parents: an open annual objective of the company with a key result and a
    // cascaded total, and an annual company objective that will be closed.
    open_parent_ = org_.objective("Win the enterprise market", ProgressMode::kKeyResults, org_.year,
                                  Owner::of_unit(org_.company));
    parent_kr_ = org_.metric(open_parent_, 0, 50, 1, "Reach 50 enterprise customers");
    KeyResult total = org_.metric_spec(open_parent_, 0, 2000, 1, "Reach 2,000 active teams");
    total.source = ProgressSource::kSum;
    total_ = org_.add(total);
    // Its period (the year) overlaps Q2: only being closed keeps it from the copy.
    closed_parent_ = org_.objective("Stabilise the platform", ProgressMode::kKeyResults, org_.year,
                                    Owner::of_unit(org_.company));
    org_.metric(closed_parent_, 0, 10, 1, "Cut incidents to 10 a quarter");

    Objective o = org_.objective_spec("Make onboarding effortless");
    o.description = "New teams find their way without help.";
    o.type = ObjectiveType::kAspirational;
    o.visibility = Visibility::kPrivate;
    o.weight = 2;
    o.tags = {"onboarding", "growth"};
    original_ = org_.add(o);
    org_.link(NodeRef::of(original_), NodeRef::of(open_parent_), 3);
    org_.link(NodeRef::of(original_), NodeRef::of(closed_parent_), 1);
    org_.link(NodeRef::of(original_), NodeRef::of(parent_kr_), 2, /*contributes=*/false);

    teams_ = org_.metric(original_, 100, 500, 2, "Grow active teams from 100 to 500");
    org_.link(NodeRef::of(teams_), NodeRef::of(total_));
    finished_ = org_.metric(original_, 4, 10, 1, "Raise weekly comments from 4 to 10");
    steps_ = org_.milestones(original_, {{"Design", 1}, {"Beta", 2}, {"General availability", 3}});
    tier_ = org_.boolean(original_, "Enterprise tier is live");
    latency_ = org_.band(original_, 100, 200, "p95 latency stays in budget");
    archived_ = org_.metric(original_, 0, 10, 1, "Archived measure");

    org_.check_in(teams_, 200, q1_day(30));
    org_.check_in(teams_, 322, q1_day(80));
    org_.check_in(finished_, 10, q1_day(80));
    org_.check_in(steps_, Org::reached(0b001), q1_day(80));
    org_.check_in(tier_, Org::done(false), q1_day(80));
    org_.check_in(latency_, 250, q1_day(80));
    KeyResult gone = *org_.model.key_result(archived_);
    gone.archived = true;
    must(org_.model.update_key_result(gone, q1_day(81)));

    must(org_.model.close_objective(closed_parent_, q1_day(85)));
    must(org_.model.close_objective(original_, kQ1End));
  }

  std::vector<KeyResultId> copied_key_results(ObjectiveId copy) const {
    const auto span = org_.model.key_results_of(copy);
    return {span.begin(), span.end()};
  }

  Org org_;
  ObjectiveId open_parent_, closed_parent_, original_;
  KeyResultId parent_kr_, total_;
  KeyResultId teams_, finished_, steps_, tier_, latency_, archived_;
};

TEST_F(RolloverCopyTest, CopiesTheObjectivesFieldsAndLinksToTheOriginal) {
  const ObjectiveId copy_id = must(org_.model.rollover(original_, org_.q2, kRollover));
  ASSERT_NE(copy_id, original_);
  const Objective& copy = *org_.model.objective(copy_id);
  EXPECT_EQ(copy.title, "Make onboarding effortless");
  EXPECT_EQ(copy.description, "New teams find their way without help.");
  EXPECT_EQ(copy.owner, Owner::of_unit(org_.team));
  EXPECT_EQ(copy.type, ObjectiveType::kAspirational);
  EXPECT_EQ(copy.visibility, Visibility::kPrivate);
  EXPECT_EQ(copy.weight, 2);
  EXPECT_EQ(copy.progress_mode, ProgressMode::kKeyResults);
  EXPECT_EQ(copy.tags, (std::vector<std::string>{"onboarding", "growth"}));
  EXPECT_EQ(copy.period, org_.q2);
  EXPECT_EQ(copy.rolled_over_from, original_);
  EXPECT_FALSE(copy.closed());
  EXPECT_FALSE(copy.archived());
  EXPECT_FALSE(copy.score.has_value());
  EXPECT_FALSE(copy.score_override.has_value());
  EXPECT_FALSE(copy.closed_at.has_value());
  EXPECT_EQ(copy.created_at, kRollover);
  EXPECT_FALSE(org_.model.objective(original_)->rolled_over_from.valid());
}

TEST_F(RolloverCopyTest, CopiesOnlyTheKeyResultsThatAreNotDone) {
  const ObjectiveId copy_id = must(org_.model.rollover(original_, org_.q2, kRollover));
  const std::vector<KeyResultId> krs = copied_key_results(copy_id);
  // Left behind: the finished metric (graded done) and the archived one.
  ASSERT_EQ(krs.size(), 4u);
  std::vector<std::string> titles;
  for (KeyResultId id : krs) titles.push_back(org_.model.key_result(id)->title);
  EXPECT_EQ(titles, (std::vector<std::string>{
                        "Grow active teams from 100 to 500", "Self-serve setup reaches every team",
                        "Enterprise tier is live", "p95 latency stays in budget"}));

  const KeyResult& teams = *org_.model.key_result(krs[0]);
  EXPECT_EQ(teams.kind, KeyResultKind::kMetric);
  EXPECT_EQ(teams.objective, copy_id);
  EXPECT_EQ(teams.start, 322) << "starts where the original ended";
  EXPECT_EQ(teams.target, 500) << "same target";
  EXPECT_EQ(teams.unit, "count");
  EXPECT_EQ(teams.weight, 2);
  EXPECT_EQ(teams.owner, org_.bob);
  EXPECT_EQ(org_.c(krs[0]), 322) << "current = start";
  EXPECT_EQ(org_.p(krs[0]), 0) << "the copy starts at p = 0";
  EXPECT_EQ(org_.model.rollup().key_result(krs[0]).attainment, 0);

  const KeyResult& steps = *org_.model.key_result(krs[1]);
  EXPECT_EQ(steps.kind, KeyResultKind::kMilestones);
  ASSERT_EQ(steps.milestones.size(), 2u) << "only unreached milestones are carried";
  EXPECT_EQ(steps.milestones[0].title, "Beta");
  EXPECT_EQ(steps.milestones[0].weight, 2);
  EXPECT_EQ(steps.milestones[1].title, "General availability");
  EXPECT_EQ(steps.milestones[1].weight, 3);

  EXPECT_EQ(org_.model.key_result(krs[2])->kind, KeyResultKind::kBoolean);
  const KeyResult& latency = *org_.model.key_result(krs[3]);
  EXPECT_EQ(latency.kind, KeyResultKind::kBand);
  EXPECT_EQ(latency.low, 100);
  EXPECT_EQ(latency.high, 200);
  EXPECT_EQ(latency.unit, "ms");

  for (KeyResultId id : krs) {
    const KeyResult& kr = *org_.model.key_result(id);
    EXPECT_EQ(org_.p(id), 0) << kr.title;
    EXPECT_TRUE(org_.model.check_ins(id).empty()) << kr.title;
    EXPECT_FALSE(kr.score.has_value()) << kr.title;
    EXPECT_FALSE(kr.graded_done) << kr.title;
    EXPECT_FALSE(kr.archived) << kr.title;
  }
  EXPECT_EQ(org_.progress(copy_id), 0);
  const ObjectiveView view = Evaluation(org_.model, kRollover).objective_view(copy_id);
  EXPECT_EQ(view.progress, 0);
  EXPECT_FALSE(view.score.has_value());
}

TEST_F(RolloverCopyTest, CarriesOnlyTheParentsThatAreStillOpen) {
  const double total_before = org_.c(total_);
  const ObjectiveId copy_id = must(org_.model.rollover(original_, org_.q2, kRollover));
  struct Parent {
    NodeRef node;
    double weight;
    bool contributes;
  };
  std::vector<Parent> parents;
  for (LinkId id : org_.model.graph().parent_links(NodeRef::of(copy_id))) {
    const AlignmentLink& l = *org_.model.link(id);
    EXPECT_EQ(l.child, NodeRef::of(copy_id));
    parents.push_back({l.parent, l.weight, l.contributes});
  }
  ASSERT_EQ(parents.size(), 2u) << "the closed parent is left out";
  EXPECT_EQ(parents[0].node, NodeRef::of(open_parent_));
  EXPECT_EQ(parents[0].weight, 3);
  EXPECT_TRUE(parents[0].contributes);
  EXPECT_EQ(parents[1].node, NodeRef::of(parent_kr_));
  EXPECT_EQ(parents[1].weight, 2);
  EXPECT_FALSE(parents[1].contributes);

  // The copied metric contributes to the same cascaded total, with nothing yet.
  const KeyResultId teams_copy = copied_key_results(copy_id)[0];
  const auto kr_parents = org_.model.graph().parent_links(NodeRef::of(teams_copy));
  ASSERT_EQ(kr_parents.size(), 1u);
  EXPECT_EQ(org_.model.link(kr_parents[0])->parent, NodeRef::of(total_));
  EXPECT_EQ(org_.c(total_), total_before) << "the copy adds c − s = 0 to the total";
}

TEST_F(RolloverCopyTest, TheOriginalKeepsItsScoreAndHistory) {
  const OriginalState before = OriginalState::of(org_.model, original_);
  const std::optional<double> score = org_.model.objective(original_)->score;
  // (0.56·2 + 1 + 0.17 + 0 + 0) / 6 = 0.3817: teams, finished, steps, tier, latency.
  ASSERT_EQ(score, 0.38);
  must(org_.model.rollover(original_, org_.q2, kRollover));
  EXPECT_EQ(OriginalState::of(org_.model, original_), before);
  EXPECT_EQ(org_.model.objective(original_)->state, ObjectiveState::kClosed);
  EXPECT_EQ(org_.model.objective(original_)->score, score);
  EXPECT_EQ(org_.c(teams_), 322);
  EXPECT_EQ(*org_.model.key_result(teams_)->score, 0.56);
}

TEST_F(RolloverCopyTest, RefusesPeriodsThatAreNotLaterAndClosedOnes) {
  const PeriodId q3 = must(
      org_.model.add_period(make_period("Q3 2026", PeriodKind::kQuarter, Date::from_ymd(2026, 7, 1),
                                        Date::from_ymd(2026, 9, 30), org_.year),
                            kSetup));
  must(org_.model.close_period(q3, kRollover - 60));
  const ObjectiveId later = org_.objective("A Q2 objective", ProgressMode::kKeyResults, org_.q2);
  org_.metric(later, 0, 10);
  Objective archived_spec = org_.objective_spec("Archived objective");
  const ObjectiveId archived = org_.add(archived_spec);
  archived_spec = *org_.model.objective(archived);
  archived_spec.state = ObjectiveState::kArchived;
  must(org_.model.update_objective(archived_spec, q1_day(5)));
  const Model& m = org_.model;

  expect_refused(
      m, [&] { return org_.model.rollover(original_, org_.q1, kRollover); }, ErrorCode::kInvalid,
      "period_id");  // the same period
  expect_refused(
      m, [&] { return org_.model.rollover(original_, org_.year, kRollover); }, ErrorCode::kInvalid,
      "period_id");  // starts on the same day
  expect_refused(
      m, [&] { return org_.model.rollover(later, org_.q1, kRollover); }, ErrorCode::kInvalid,
      "period_id");  // an earlier period
  expect_refused(
      m, [&] { return org_.model.rollover(original_, q3, kRollover); }, ErrorCode::kClosed, "");
  expect_refused(
      m, [&] { return org_.model.rollover(original_, PeriodId{99}, kRollover); },
      ErrorCode::kInvalid, "period_id");
  expect_refused(
      m, [&] { return org_.model.rollover(ObjectiveId{99}, org_.q2, kRollover); },
      ErrorCode::kNotFound, "");
  expect_refused(
      m, [&] { return org_.model.rollover(archived, org_.q2, kRollover); }, ErrorCode::kInvalid,
      "objective_id");
}

TEST(RolloverCopies, MetricCopiesStartWhereTheOriginalEnded) {
  struct Case {
    const char* what;
    double start, target;
    std::vector<double> values;  // checked in on days 10, 20, …
    bool copied;
    double copy_start;
  };
  const Case cases[] = {
      {"0→100 at 67.4", 0, 100, {20, 67.4}, true, 67.4},
      {"0→100, no check-in", 0, 100, {}, true, 0},
      {"0→100 at 99.6 (scores 1.00, not done)", 0, 100, {99.6}, true, 99.6},
      {"0→100 at 100", 0, 100, {100}, false, 0},
      {"0→100 at 120", 0, 100, {120}, false, 0},
      {"0→100 back to 80 after 100", 0, 100, {100, 80}, true, 80},
      {"decreasing 50→20 at 35", 50, 20, {35}, true, 35},
      {"decreasing 50→20 at 10", 50, 20, {10}, false, 0},
      {"10→20 fell to 5", 10, 20, {5}, true, 5},
  };
  for (bool close_first : {true, false}) {
    for (const Case& c : cases) {
      SCOPED_TRACE(::testing::Message() << c.what << (close_first ? ", closed" : ", open"));
      Org org;
      const ObjectiveId o = org.objective();
      const KeyResultId kr = org.metric(o, c.start, c.target);
      int day = 10;
      for (double v : c.values) {
        org.check_in(kr, v, q1_day(day));
        day += 10;
      }
      if (close_first) must(org.model.close_objective(o, kQ1End));
      const ObjectiveId copy = must(org.model.rollover(o, org.q2, kRollover));
      const auto krs = org.model.key_results_of(copy);
      ASSERT_EQ(krs.size(), c.copied ? 1u : 0u);
      if (!c.copied) continue;
      const KeyResult& next = *org.model.key_result(krs[0]);
      EXPECT_EQ(next.start, c.copy_start);
      EXPECT_EQ(next.target, c.target);
      EXPECT_EQ(org.c(krs[0]), c.copy_start);
      EXPECT_EQ(org.p(krs[0]), 0);
      const KeyResultView view = Evaluation(org.model, kRollover).key_result_view(krs[0]);
      EXPECT_EQ(view.current, c.copy_start);
      EXPECT_EQ(view.progress, 0);
    }
  }
}

TEST(RolloverCopies, CarriesOnlyUnreachedMilestonesInOrder) {
  const std::vector<Milestone> steps{{"One", 1}, {"Two", 2}, {"Three", 3}, {"Four", 4}};
  const struct {
    std::optional<std::uint64_t> reached;  // none: no check-in
    std::vector<std::string> carried;      // empty: the key result is done, not copied
  } cases[] = {
      {std::nullopt, {"One", "Two", "Three", "Four"}},
      {0b0000, {"One", "Two", "Three", "Four"}},
      {0b0101, {"Two", "Four"}},
      {0b1010, {"One", "Three"}},
      {0b0111, {"Four"}},
      {0b1110, {"One"}},
      {0b1111, {}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.reached ? std::to_string(*c.reached) : "no check-in");
    Org org;
    const ObjectiveId o = org.objective();
    const KeyResultId kr = org.milestones(o, steps);
    if (c.reached) org.check_in(kr, Org::reached(*c.reached), q1_day(40));
    must(org.model.close_objective(o, kQ1End));
    const ObjectiveId copy = must(org.model.rollover(o, org.q2, kRollover));
    const auto krs = org.model.key_results_of(copy);
    ASSERT_EQ(krs.size(), c.carried.empty() ? 0u : 1u);
    if (krs.empty()) continue;
    std::vector<std::string> titles;
    std::vector<double> weights;
    for (const Milestone& m : org.model.key_result(krs[0])->milestones) {
      titles.push_back(m.title);
      weights.push_back(m.weight);
    }
    EXPECT_EQ(titles, c.carried);
    for (std::size_t i = 0; i < titles.size(); ++i) {
      // Each milestone keeps its weight: One 1, Two 2, Three 3, Four 4.
      const auto original = std::find_if(steps.begin(), steps.end(),
                                         [&](const Milestone& m) { return m.title == titles[i]; });
      ASSERT_NE(original, steps.end());
      EXPECT_EQ(weights[i], original->weight) << titles[i];
    }
    EXPECT_EQ(org.p(krs[0]), 0);
  }
}

TEST(RolloverCopies, AnOpenOriginalJudgesDoneByItsProgressNow) {
  Org org;
  const ObjectiveId o = org.objective();
  const KeyResultId done = org.boolean(o, "Enterprise tier is live");
  const KeyResultId open = org.boolean(o, "Audit log is live");
  org.check_in(done, Org::done(true), q1_day(40));
  org.check_in(open, Org::done(false), q1_day(40));
  const ObjectiveId copy = must(org.model.rollover(o, org.q2, q1_day(50)));
  const auto krs = org.model.key_results_of(copy);
  ASSERT_EQ(krs.size(), 1u);
  EXPECT_EQ(org.model.key_result(krs[0])->title, "Audit log is live");
  EXPECT_EQ(org.model.objective(o)->state, ObjectiveState::kActive) << "the original stays open";
}

// A rollover refused by an enforced rule creates nothing at all.
TEST(RolloverCopies, ARefusalByAnEnforcedRuleCreatesNothing) {
  struct Case {
    RuleId rule;
    const char* rule_name;
  };
  for (const Case& c : {Case{RuleId::kMaxObjectivesPerOwner, "max_objectives_per_owner"},
                        Case{RuleId::kKeyResultsPerObjective, "key_results_per_objective"},
                        Case{RuleId::kKeyResultHasOwner, "key_result_has_owner"},
                        Case{RuleId::kMetricIsMeasurable, "metric_is_measurable"},
                        Case{RuleId::kOutputNotOutcome, "output_not_outcome"}}) {
    SCOPED_TRACE(c.rule_name);
    Org org;
    const ObjectiveId o = org.objective();
    // Three good key results, then the one that breaks the rule under test
    // (written while no rule is enforced).
    for (int i = 0; i < 3; ++i) org.metric(o, 0, 10, 1, "Grow weekly active teams");
    switch (c.rule) {
      case RuleId::kMaxObjectivesPerOwner:
        for (int i = 0; i < 3; ++i) {
          org.objective("Q2 objective " + std::to_string(i), ProgressMode::kKeyResults, org.q2);
        }
        break;
      case RuleId::kKeyResultsPerObjective:
        for (int i = 0; i < 3; ++i) org.metric(o, 0, 10);  // six in all
        break;
      case RuleId::kKeyResultHasOwner: {
        KeyResult kr = org.metric_spec(o, 0, 10);
        kr.owner = PersonId{};
        org.add(kr);
        break;
      }
      case RuleId::kMetricIsMeasurable: {
        KeyResult kr = org.metric_spec(o, 0, 10);
        kr.unit.clear();
        org.add(kr);
        break;
      }
      case RuleId::kOutputNotOutcome:
        org.metric(o, 0, 1, 1, "Launch the new website");
        break;
      case RuleId::kObjectiveHasKeyResults:
        break;
    }
    Organization settings = org.model.organization();
    settings.settings.enforce = {c.rule};
    must(org.model.set_organization(settings, q1_day(1)));

    const Error error = expect_refused(
        org.model, [&] { return org.model.rollover(o, org.q2, q1_day(50)); },
        ErrorCode::kRuleViolation, "");
    EXPECT_EQ(error.rule, c.rule_name);
  }
}

}  // namespace
}  // namespace cairn::core
