// DOMAIN.md "Program health".
#include "core/health.h"

#include <gtest/gtest.h>

#include "fixture.h"

namespace cairn::core {
namespace {

using testing::kQ1End;
using testing::ok;
using testing::q1_at;
using testing::TestOrg;

class HealthTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* name : {"carol", "dan"}) {
      Person p;
      p.name = name;
      p.email = std::string(name) + "@example.com";
      people_.push_back(ok(org_.model.add_person(p, org_.setup)));
    }
    for (PersonId p : {org_.ada, org_.bob, people_[0]}) {
      Person signed_in = *org_.model.person(p);
      signed_in.first_sign_in = org_.setup + 60;
      ok(org_.model.update_person(signed_in, org_.setup + 60));
    }
    company_ =
        org_.objective("Company", ProgressMode::kKeyResults, org_.q1, Owner::of_unit(org_.company));
    Objective hidden;
    hidden.title = "Team";
    hidden.period = org_.q1;
    hidden.owner = Owner::of_unit(org_.team);
    hidden.visibility = Visibility::kPrivate;
    team_ = ok(org_.model.add_objective(hidden, org_.setup));
    personal_ =
        org_.objective("Bob's", ProgressMode::kKeyResults, org_.q1, Owner::of_person(org_.bob));
    org_.link(NodeRef::of(team_), NodeRef::of(company_));
    const KeyResultId a = org_.metric(company_, 0, 100);
    const KeyResultId b = org_.metric(team_, 0, 100);
    const KeyResultId c = org_.metric(personal_, 0, 100);
    org_.check_in(a, 40, q1_at(0.45));  // P 0.4
    org_.check_in(b, 60, q1_at(0.48));  // P 0.6
    org_.check_in(c, 20, q1_at(0.1));   // P 0.2, long ago
  }

  TestOrg org_;
  std::vector<PersonId> people_;
  ObjectiveId company_, team_, personal_;
};

TEST_F(HealthTest, FiguresForTheWholeOrganisation) {
  const ProgramHealth h = program_health(Evaluation(org_.model, q1_at(0.5)), org_.q1);
  EXPECT_EQ(h.onboarding.numerator, 3u);
  EXPECT_EQ(h.onboarding.denominator, 4u);
  EXPECT_DOUBLE_EQ(h.onboarding.ratio, 0.75);
  EXPECT_EQ(h.activity.numerator, 2u) << "checked in within the last 7 days";
  EXPECT_EQ(h.activity.denominator, 3u);
  EXPECT_EQ(h.alignment.numerator, 1u) << "the team objective; Bob's is not aligned";
  EXPECT_EQ(h.alignment.denominator, 2u) << "the company's own objective does not count";
  EXPECT_EQ(h.transparency.numerator, 2u);
  EXPECT_EQ(h.transparency.denominator, 3u);
  EXPECT_EQ(h.focus.numerator, 3u);
  EXPECT_EQ(h.focus.denominator, 3u);
  EXPECT_DOUBLE_EQ(h.objectives_per_owner, 1);
  ASSERT_TRUE(h.attainment.has_value());
  EXPECT_FALSE(h.attainment_is_score);
  // Mean of P − e with e = 0.5: (−0.1 + 0.1 − 0.3) / 3
  EXPECT_NEAR(*h.attainment, -0.1, 1e-9);
}

TEST_F(HealthTest, FocusCountsOwnersOverTheLimit) {
  for (int i = 0; i < 3; ++i)
    org_.objective("More", ProgressMode::kKeyResults, org_.q1, Owner::of_unit(org_.team));
  const ProgramHealth h = program_health(Evaluation(org_.model, q1_at(0.5)), org_.q1);
  EXPECT_EQ(h.focus.numerator, 2u) << "the team now has 4 objectives";
  EXPECT_EQ(h.focus.denominator, 3u);
  EXPECT_DOUBLE_EQ(h.objectives_per_owner, 6.0 / 3);
}

TEST_F(HealthTest, AClosedPeriodReportsTheMeanScore) {
  ok(org_.model.close_period(org_.q1, kQ1End));
  const ProgramHealth h = program_health(Evaluation(org_.model, kQ1End + 60), org_.q1);
  EXPECT_TRUE(h.attainment_is_score);
  EXPECT_NEAR(*h.attainment, (0.4 + 0.6 + 0.2) / 3, 1e-12);
}

TEST_F(HealthTest, AScopeOfUnitsTakesTheirMembersAndTheirObjectives) {
  const UnitId team[] = {org_.team};
  const ProgramHealth h = program_health(Evaluation(org_.model, q1_at(0.5)), org_.q1, team);
  EXPECT_EQ(h.onboarding.denominator, 1u) << "Bob, the team's only member";
  EXPECT_EQ(h.transparency.denominator, 2u) << "the team's objective and Bob's";
  EXPECT_EQ(h.alignment.numerator, 1u);
  EXPECT_EQ(h.alignment.denominator, 2u);
  const UnitId company[] = {org_.company};
  EXPECT_EQ(
      program_health(Evaluation(org_.model, q1_at(0.5)), org_.q1, company).transparency.denominator,
      3u)
      << "the company includes its sub-units";
}

TEST_F(HealthTest, NothingToCountIsUndefinedNotDivisionByZero) {
  const ProgramHealth h = program_health(Evaluation(org_.model, q1_at(0.5)), org_.q2);
  EXPECT_FALSE(h.activity.defined);
  EXPECT_DOUBLE_EQ(h.activity.ratio, 0);
  EXPECT_FALSE(h.attainment.has_value());
}

}  // namespace
}  // namespace cairn::core
