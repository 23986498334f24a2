// DOMAIN.md "Closing a period, scoring".
#include <gtest/gtest.h>

#include <cmath>

#include "core/scoring.h"
#include "fixture.h"

namespace cairn::core {
namespace {

using testing::kQ1End;
using testing::ok;
using testing::q1_at;
using testing::TestOrg;

TEST(Scoring, RoundsToTwoDecimalsHalfUp) {
  const struct {
    double in, out;
  } cases[] = {{0.674, 0.67}, {0.675, 0.68}, {0.694, 0.69}, {0.695, 0.7},  {0.005, 0.01},
               {0.004999, 0}, {1, 1},        {0, 0},        {0.125, 0.13}, {0.333333, 0.33}};
  for (const auto& c : cases) EXPECT_DOUBLE_EQ(round_score(c.in), c.out) << c.in;
}

TEST(Scoring, ColourBands) {
  const struct {
    double score;
    ScoreColour colour;
  } cases[] = {{0, ScoreColour::kRed},      {0.39, ScoreColour::kRed},
               {0.4, ScoreColour::kYellow}, {0.69, ScoreColour::kYellow},
               {0.7, ScoreColour::kGreen},  {1, ScoreColour::kGreen}};
  for (const auto& c : cases) EXPECT_EQ(score_colour(c.score), c.colour) << c.score;
  EXPECT_STREQ(to_string(ScoreColour::kYellow), "yellow");
}

TEST(Scoring, SuccessBarsByType) {
  const struct {
    ObjectiveType type;
    double score;
    bool retro;
    bool success;
  } cases[] = {
      {ObjectiveType::kCommitted, 1.0, false, true},
      {ObjectiveType::kCommitted, 0.99, false, false},
      {ObjectiveType::kAspirational, 0.7, false, true},
      {ObjectiveType::kAspirational, 0.69, false, false},
      {ObjectiveType::kLearning, 0.1, true, true},
      {ObjectiveType::kLearning, 1.0, false, false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(objective_succeeded(c.type, c.score, c.retro), c.success)
        << static_cast<int>(c.type) << " " << c.score;
  }
}

TEST(Closing, FreezesEachKeyResultScoreAndTheObjectiveWeightedMean) {
  TestOrg org;
  const ObjectiveId o = org.objective();
  const KeyResultId a = org.metric(o, 0, 100, 3);
  const KeyResultId b = org.metric(o, 0, 10, 1);
  org.check_in(a, 67.4, q1_at(0.9));  // p 0.674 → 0.67
  org.check_in(b, 12, q1_at(0.9));    // p 1 (attainment 1.2) → 1, graded done
  auto closed = org.model.close_objective(o, kQ1End);
  ASSERT_TRUE(closed);
  EXPECT_DOUBLE_EQ(*org.model.key_result(a)->score, 0.67);
  EXPECT_FALSE(org.model.key_result(a)->graded_done);
  EXPECT_DOUBLE_EQ(*org.model.key_result(b)->score, 1);
  EXPECT_TRUE(org.model.key_result(b)->graded_done);
  // (0.67 × 3 + 1) / 4 = 0.7525 → 0.75
  EXPECT_DOUBLE_EQ(closed->score, 0.75);
  EXPECT_FALSE(closed->success) << "committed needs 1.0";
  EXPECT_EQ(org.model.objective(o)->state, ObjectiveState::kClosed);
  EXPECT_EQ(Evaluation(org.model, kQ1End).objective_view(o).status, Status::kClosed);
  EXPECT_EQ(org.model.close_objective(o, kQ1End).error().code, ErrorCode::kClosed);
}

TEST(Closing, CheckInsAfterClosingAreRefused) {
  TestOrg org;
  const ObjectiveId o = org.objective();
  const KeyResultId kr = org.metric(o, 0, 100);
  ok(org.model.close_objective(o, q1_at(0.9)));
  CheckIn c;
  c.key_result = kr;
  c.author = org.bob;
  c.measurement.value = 50;
  c.at = q1_at(0.95);
  auto refused = org.model.add_check_in(c, q1_at(0.95));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kClosed);
  EXPECT_EQ(org.model.check_in_count(), 0u);
}

TEST(Closing, ScoresByProgressMode) {
  TestOrg org;
  const ObjectiveId parent = org.objective("Parent", ProgressMode::kChildren);
  const ObjectiveId combined = org.objective("Combined", ProgressMode::kCombined);
  const ObjectiveId manual = org.objective("Manual", ProgressMode::kManual);
  const ObjectiveId a = org.objective("A"), b = org.objective("B");
  org.check_in(org.metric(a, 0, 1000), 333, q1_at(0.5));  // 0.333 → 0.33
  org.check_in(org.metric(b, 0, 1000), 777, q1_at(0.5));  // 0.777 → 0.78
  org.link(NodeRef::of(a), NodeRef::of(parent), 1);
  org.link(NodeRef::of(b), NodeRef::of(parent), 2);
  org.check_in(org.metric(combined, 0, 10), 5, q1_at(0.5));  // 0.5
  org.link(NodeRef::of(b), NodeRef::of(combined), 1);
  Objective m = *org.model.objective(manual);
  m.manual_progress = 0.456;
  ok(org.model.update_objective(m, q1_at(0.5)));
  auto closed = org.model.close_period(org.q1, kQ1End);
  ASSERT_TRUE(closed);
  EXPECT_EQ(closed->size(), 5u);
  // Children are closed first: (0.33 + 0.78 × 2) / 3 = 0.63
  EXPECT_DOUBLE_EQ(*org.model.objective(parent)->score, 0.63);
  EXPECT_DOUBLE_EQ(*org.model.objective(combined)->score, round_score((0.5 + 0.78) / 2));  // 0.64
  EXPECT_DOUBLE_EQ(*org.model.objective(manual)->score, 0.46);
  EXPECT_TRUE(org.model.period(org.q1)->closed_at.has_value());
  EXPECT_EQ(org.model.close_period(org.q1, kQ1End).error().code, ErrorCode::kClosed);
}

TEST(Closing, AClosedPeriodClosesItsObjectivesAndReportsSuccess) {
  TestOrg org;
  Objective aspirational;
  aspirational.title = "Aspire";
  aspirational.period = org.q1;
  aspirational.owner = Owner::of_unit(org.team);
  aspirational.type = ObjectiveType::kAspirational;
  const ObjectiveId asp = ok(org.model.add_objective(aspirational, org.setup));
  org.check_in(org.metric(asp, 0, 10), 7, q1_at(0.5));
  const ObjectiveId archived = org.objective("Archived");
  Objective gone = *org.model.objective(archived);
  gone.state = ObjectiveState::kArchived;
  ok(org.model.update_objective(gone, q1_at(0.5)));
  auto closed = org.model.close_period(org.q1, kQ1End);
  ASSERT_TRUE(closed);
  ASSERT_EQ(closed->size(), 1u) << "archived objectives are not scored";
  EXPECT_DOUBLE_EQ(closed->front().score, 0.7);
  EXPECT_TRUE(closed->front().success) << "aspirational succeeds at 0.7";
}

TEST(Closing, OverridesNeedAReasonReplaceTheScoreAndKeepBoth) {
  TestOrg org;
  const ObjectiveId o = org.objective();
  const KeyResultId a = org.metric(o, 0, 100);
  const KeyResultId b = org.metric(o, 0, 100);
  org.check_in(a, 40, q1_at(0.9));
  org.check_in(b, 60, q1_at(0.9));
  EXPECT_EQ(org.model.override_key_result_score(a, {0.9, "late deal", org.ada, {}}, q1_at(0.9))
                .error()
                .code,
            ErrorCode::kInvalid)
      << "not before the close";
  ok(org.model.close_objective(o, kQ1End));
  EXPECT_DOUBLE_EQ(*org.model.objective(o)->score, 0.5);

  EXPECT_FALSE(org.model.override_key_result_score(a, {0.9, "  ", org.ada, {}}, kQ1End))
      << "no reason";
  EXPECT_FALSE(org.model.override_key_result_score(a, {1.1, "too much", org.ada, {}}, kQ1End));
  EXPECT_FALSE(org.model.override_key_result_score(a, {std::nan(""), "nan", org.ada, {}}, kQ1End));
  EXPECT_FALSE(org.model.key_result(a)->score_override.has_value()) << "refusals change nothing";

  ok(org.model.override_key_result_score(a, {0.8, "Signed on day one of Q2", org.ada, {}}, kQ1End));
  const KeyResult& kr = *org.model.key_result(a);
  EXPECT_DOUBLE_EQ(*kr.effective_score(), 0.8);
  EXPECT_DOUBLE_EQ(*kr.score, 0.4) << "the computed score is kept";
  EXPECT_DOUBLE_EQ(*org.model.objective(o)->score, 0.7) << "(0.8 + 0.6) / 2";
  EXPECT_DOUBLE_EQ(*Evaluation(org.model, kQ1End).key_result_view(a).score, 0.8);

  ok(org.model.override_objective_score(o, {1.0, "Met the intent", org.ada, {}}, kQ1End));
  EXPECT_DOUBLE_EQ(*org.model.objective(o)->effective_score(), 1.0);
  EXPECT_DOUBLE_EQ(*org.model.objective(o)->score, 0.7);
  EXPECT_TRUE(Evaluation(org.model, kQ1End).objective_view(o).success) << "committed at 1.0";
}

TEST(Closing, ALearningObjectiveSucceedsOnceItsRetrospectiveIsWritten) {
  TestOrg org;
  Objective learn;
  learn.title = "Learn";
  learn.period = org.q1;
  learn.owner = Owner::of_unit(org.team);
  learn.type = ObjectiveType::kLearning;
  const ObjectiveId o = ok(org.model.add_objective(learn, org.setup));
  org.metric(o, 0, 10);
  ok(org.model.close_objective(o, kQ1End));
  EXPECT_FALSE(Evaluation(org.model, kQ1End).objective_view(o).success);
  Objective noted = *org.model.objective(o);
  noted.retrospective_note = "We learned that pricing pages convert best with a calculator.";
  ok(org.model.update_objective(noted, kQ1End + 60));
  EXPECT_TRUE(Evaluation(org.model, kQ1End + 60).objective_view(o).success);
}

TEST(Closing, ScoredFieldsOfAClosedObjectiveCannotChange) {
  TestOrg org;
  const ObjectiveId o = org.objective();
  org.metric(o, 0, 10);
  ok(org.model.close_objective(o, kQ1End));
  Objective edit = *org.model.objective(o);
  edit.progress_mode = ProgressMode::kManual;
  EXPECT_EQ(org.model.update_objective(edit, kQ1End).error().code, ErrorCode::kClosed);
  edit = *org.model.objective(o);
  edit.state = ObjectiveState::kActive;
  EXPECT_FALSE(org.model.update_objective(edit, kQ1End)) << "no reopening by edit";
  edit = *org.model.objective(o);
  edit.state = ObjectiveState::kArchived;
  EXPECT_TRUE(org.model.update_objective(edit, kQ1End)) << "archiving is allowed";
}

}  // namespace
}  // namespace cairn::core
