// Issue 9 "compare periods": a unit's progress, score and objectives per
// period, and the rollover links between compared periods.
#include "core/period_comparison.h"

#include <gtest/gtest.h>

#include "fixture.h"

namespace cairn::core {
namespace {

using testing::kQ1End;
using testing::ok;
using testing::q1_at;
using testing::TestOrg;

// The team's Q1: "Ship" (weight 1) ends at 0.5, "Grow" (weight 3) at 0.9; Q1
// is closed, "Ship" rolled over into Q2, where the team also has "Hire".
class ComparisonTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ship_ = org_.objective("Ship", ProgressMode::kKeyResults, org_.q1);
    grow_ = org_.objective("Grow", ProgressMode::kKeyResults, org_.q1);
    Objective heavier = *org_.model.objective(grow_);
    heavier.weight = 3;
    ok(org_.model.update_objective(heavier, org_.setup));
    // Neither the company's objective nor Bob's own belong to the team.
    org_.metric(
        org_.objective("Company", ProgressMode::kKeyResults, org_.q1, Owner::of_unit(org_.company)),
        0, 10);
    org_.metric(
        org_.objective("Bob's", ProgressMode::kKeyResults, org_.q1, Owner::of_person(org_.bob)), 0,
        10);
    const ObjectiveId gone = org_.objective("Gone", ProgressMode::kKeyResults, org_.q1);
    Objective archived = *org_.model.objective(gone);
    archived.state = ObjectiveState::kArchived;
    ok(org_.model.update_objective(archived, org_.setup));
    org_.check_in(org_.metric(ship_, 0, 10), 5, q1_at(0.5));
    org_.check_in(org_.metric(grow_, 0, 10), 9, q1_at(0.5));
    ok(org_.model.close_period(org_.q1, kQ1End + 60));
    copy_ = ok(org_.model.rollover(ship_, org_.q2, kQ1End + 120));
    hire_ = org_.objective("Hire", ProgressMode::kKeyResults, org_.q2, {}, kQ1End + 120);
  }

  TestOrg org_;
  ObjectiveId ship_, grow_, copy_, hire_;
};

TEST_F(ComparisonTest, AUnitScoreIsTheObjectiveWeightedMeanOfItsScoredObjectives) {
  const Evaluation eval(org_.model, kQ1End + 3600);
  ASSERT_TRUE(unit_score(eval, org_.team, org_.q1).has_value());
  EXPECT_DOUBLE_EQ(*unit_score(eval, org_.team, org_.q1), (0.5 * 1 + 0.9 * 3) / 4);
  EXPECT_FALSE(unit_score(eval, org_.team, org_.q2).has_value()) << "nothing scored in Q2 yet";
  EXPECT_FALSE(unit_score(Evaluation(org_.model, q1_at(0.9)), org_.team, org_.q1).has_value())
      << "before Q1 closed, nothing was scored";
  EXPECT_DOUBLE_EQ(*unit_score(eval, org_.company, org_.q1), 0);
}

TEST(UnitScore, AnOverrideCountsAndAllZeroWeightsGiveThePlainMean) {
  TestOrg org;
  std::vector<ObjectiveId> objectives;
  for (double value : {5.0, 9.0}) {
    const ObjectiveId o = org.objective("Weightless", ProgressMode::kKeyResults, org.q1);
    Objective weightless = *org.model.objective(o);
    weightless.weight = 0;
    ok(org.model.update_objective(weightless, org.setup));
    org.check_in(org.metric(o, 0, 10), value, q1_at(0.5));
    objectives.push_back(o);
  }
  ok(org.model.close_period(org.q1, kQ1End + 60));
  ok(org.model.override_objective_score(
      objectives[0], ScoreOverride{0.7, "Shipped late", org.ada, {}}, kQ1End + 200));
  EXPECT_DOUBLE_EQ(*unit_score(Evaluation(org.model, kQ1End + 400), org.team, org.q1),
                   (0.7 + 0.9) / 2);
  EXPECT_DOUBLE_EQ(*unit_score(Evaluation(org.model, kQ1End + 100), org.team, org.q1),
                   (0.5 + 0.9) / 2)
      << "before the override, the computed score";
}

TEST_F(ComparisonTest, ComparesPeriodsInTheOrderAskedAndLinksRollovers) {
  const Evaluation eval(org_.model, kQ1End + 3600);
  const PeriodId periods[] = {org_.q2, org_.q1};
  const PeriodComparison c = compare_periods(eval, org_.team, periods);
  ASSERT_EQ(c.periods.size(), 2u);
  EXPECT_EQ(c.periods[0].period, org_.q2);
  EXPECT_EQ(c.periods[0].objectives, (std::vector<ObjectiveId>{copy_, hire_}));
  EXPECT_FALSE(c.periods[0].score.has_value());
  EXPECT_DOUBLE_EQ(c.periods[0].progress, eval.unit_progress(org_.team, org_.q2));
  EXPECT_EQ(c.periods[1].period, org_.q1);
  EXPECT_EQ(c.periods[1].objectives, (std::vector<ObjectiveId>{ship_, grow_}))
      << "no archived, company or personal objective";
  EXPECT_DOUBLE_EQ(c.periods[1].progress, (0.5 * 1 + 0.9 * 3) / 4);
  EXPECT_DOUBLE_EQ(*c.periods[1].score, (0.5 * 1 + 0.9 * 3) / 4);
  ASSERT_EQ(c.rollovers.size(), 1u);
  EXPECT_EQ(c.rollovers[0].from, ship_);
  EXPECT_EQ(c.rollovers[0].to, copy_);
}

TEST_F(ComparisonTest, ARolloverLinksOnlyWhenBothPeriodsAreCompared) {
  const Evaluation eval(org_.model, kQ1End + 3600);
  const PeriodId q2_and_year[] = {org_.year, org_.q2};
  EXPECT_TRUE(compare_periods(eval, org_.team, q2_and_year).rollovers.empty());
  // As of before the rollover, the copy did not exist.
  const PeriodId both[] = {org_.q1, org_.q2};
  const PeriodComparison before =
      compare_periods(Evaluation(org_.model, kQ1End + 90), org_.team, both);
  EXPECT_TRUE(before.rollovers.empty());
  EXPECT_TRUE(before.periods[1].objectives.empty());
}

}  // namespace
}  // namespace cairn::core
