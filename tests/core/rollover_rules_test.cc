// DOMAIN.md "Rollover".
#include <gtest/gtest.h>

#include "fixture.h"

namespace cairn::core {
namespace {

using testing::kQ1End;
using testing::ok;
using testing::q1_at;
using testing::TestOrg;

class RolloverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    parent_ = org_.objective("Annual parent", ProgressMode::kKeyResults, org_.year,
                             Owner::of_unit(org_.company));
    Objective o;
    o.title = "Ship the collaboration basics";
    o.description = "The basics every team needs.";
    o.period = org_.q1;
    o.owner = Owner::of_unit(org_.team);
    o.type = ObjectiveType::kAspirational;
    o.visibility = Visibility::kPrivate;
    o.weight = 2;
    o.tags = {"product"};
    original_ = ok(org_.model.add_objective(o, org_.setup));
    org_.link(NodeRef::of(original_), NodeRef::of(parent_), 3);
    unfinished_ =
        org_.metric(original_, 0, 500, 2, ProgressSource::kCheckIns, "Reach 500 teams on boards");
    done_ =
        org_.metric(original_, 4, 10, 1, ProgressSource::kCheckIns, "Raise comments from 4 to 10");
    KeyResult steps;
    steps.objective = original_;
    steps.title = "Guided setup reaches every team";
    steps.kind = KeyResultKind::kMilestones;
    steps.milestones = {{"Design", 1}, {"Beta", 2}, {"General availability", 3}};
    milestones_ = org_.key_result(steps);
    org_.check_in(unfinished_, 322, q1_at(0.9));
    org_.check_in(done_, 10, q1_at(0.9));
    Measurement reached;
    reached.milestones_done = 0b001;
    org_.check_in(milestones_, reached, q1_at(0.9));
    ok(org_.model.close_objective(original_, kQ1End));
  }

  TestOrg org_;
  ObjectiveId parent_, original_;
  KeyResultId unfinished_, done_, milestones_;
};

TEST_F(RolloverTest, CopiesTheObjectiveWithItsUnfinishedKeyResults) {
  const double original_score = *org_.model.objective(original_)->score;
  const std::size_t check_ins = org_.model.check_in_count();
  auto copied = org_.model.rollover(original_, org_.q2, kQ1End + 60);
  ASSERT_TRUE(copied) << copied.error().message;
  const Objective& copy = *org_.model.objective(*copied);
  EXPECT_EQ(copy.title, "Ship the collaboration basics");
  EXPECT_EQ(copy.description, "The basics every team needs.");
  EXPECT_EQ(copy.owner, Owner::of_unit(org_.team));
  EXPECT_EQ(copy.type, ObjectiveType::kAspirational);
  EXPECT_EQ(copy.visibility, Visibility::kPrivate);
  EXPECT_DOUBLE_EQ(copy.weight, 2);
  EXPECT_EQ(copy.tags, std::vector<std::string>{"product"});
  EXPECT_EQ(copy.period, org_.q2);
  EXPECT_EQ(copy.state, ObjectiveState::kDraft);
  EXPECT_EQ(copy.rolled_over_from, original_);

  const auto krs = org_.model.key_results_of(*copied);
  ASSERT_EQ(krs.size(), 2u) << "the done key result stays behind";
  const KeyResult& metric = *org_.model.key_result(krs[0]);
  EXPECT_EQ(metric.title, "Reach 500 teams on boards");
  EXPECT_DOUBLE_EQ(metric.start, 322) << "starts where the original ended";
  EXPECT_DOUBLE_EQ(*metric.target, 500) << "same target";
  EXPECT_DOUBLE_EQ(metric.weight, 2);
  const KeyResultView v = Evaluation(org_.model, kQ1End + 60).key_result_view(krs[0]);
  EXPECT_DOUBLE_EQ(v.current, 322) << "current = last value";
  EXPECT_DOUBLE_EQ(v.progress, 0);
  const KeyResult& steps = *org_.model.key_result(krs[1]);
  ASSERT_EQ(steps.milestones.size(), 2u) << "only the milestones not reached";
  EXPECT_EQ(steps.milestones[0].title, "Beta");

  // The parent still open comes along with its weight.
  const auto parents = org_.model.graph().parent_links(NodeRef::of(*copied));
  ASSERT_EQ(parents.size(), 1u);
  EXPECT_EQ(org_.model.graph().edge(parents[0]).parent, NodeRef::of(parent_));
  EXPECT_DOUBLE_EQ(org_.model.graph().edge(parents[0]).weight, 3);

  // The original keeps its score and history.
  EXPECT_DOUBLE_EQ(*org_.model.objective(original_)->score, original_score);
  EXPECT_EQ(org_.model.check_in_count(), check_ins);
  EXPECT_DOUBLE_EQ(Evaluation(org_.model, kQ1End + 60).key_result_view(unfinished_).current, 322);
}

TEST_F(RolloverTest, AClosedParentDoesNotComeAlong) {
  ok(org_.model.close_objective(parent_, kQ1End));
  auto copied = org_.model.rollover(original_, org_.q2, kQ1End + 60);
  ASSERT_TRUE(copied);
  EXPECT_TRUE(org_.model.graph().parent_links(NodeRef::of(*copied)).empty());
}

TEST_F(RolloverTest, OnlyIntoALaterOpenPeriod) {
  const std::size_t objectives = org_.model.objective_count();
  EXPECT_EQ(org_.model.rollover(original_, org_.q1, kQ1End).error().code, ErrorCode::kInvalid)
      << "the same period";
  EXPECT_EQ(org_.model.rollover(original_, org_.year, kQ1End).error().code, ErrorCode::kInvalid)
      << "the year starts at the same time, not later";
  ok(org_.model.close_period(org_.q2, kQ1End));
  EXPECT_EQ(org_.model.rollover(original_, org_.q2, kQ1End).error().code, ErrorCode::kClosed);
  EXPECT_EQ(org_.model.objective_count(), objectives) << "nothing created";
}

TEST(Rollover, ARefusalByAnEnforcedRuleCreatesNothing) {
  Settings settings;
  settings.max_objectives_per_owner = 1;
  settings.enforce = {RuleId::kMaxObjectivesPerOwner};
  TestOrg org(settings);
  const ObjectiveId original = org.objective("Original");
  org.metric(original, 0, 10);
  org.objective("Already in Q2", ProgressMode::kKeyResults, org.q2);
  const std::size_t objectives = org.model.objective_count();
  const std::size_t key_results = org.model.key_result_count();
  auto refused = org.model.rollover(original, org.q2, q1_at(0.9));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kRuleViolation);
  EXPECT_EQ(refused.error().rule, "max_objectives_per_owner");
  EXPECT_EQ(org.model.objective_count(), objectives);
  EXPECT_EQ(org.model.key_result_count(), key_results);
}

TEST(Rollover, ADecreasingMetricStartsAtItsLastValue) {
  TestOrg org;
  const ObjectiveId o = org.objective();
  const KeyResultId churn =
      org.metric(o, 4, 2, 1, ProgressSource::kCheckIns, "Reduce churn from 4% to 2%");
  org.check_in(churn, 3, q1_at(0.8));
  auto copied = org.model.rollover(o, org.q2, kQ1End);
  ASSERT_TRUE(copied);
  const KeyResult& copy = *org.model.key_result(org.model.key_results_of(*copied)[0]);
  EXPECT_DOUBLE_EQ(copy.start, 3);
  EXPECT_DOUBLE_EQ(*copy.target, 2);
}

}  // namespace
}  // namespace cairn::core
