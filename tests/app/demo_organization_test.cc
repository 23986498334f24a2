// The demo organisation is what every new user sees first: its numbers must
// follow the rules exactly, and it must stay buildable at any date.
#include "app/demo_organization.h"

#include <gtest/gtest.h>

#include "core/evaluation.h"

namespace cairn::app {
namespace {

using namespace cairn::core;

const Instant kNow = instant_utc(2026, 11, 22, 9);

KeyResultId find_key_result(const Model& model, const std::string& title) {
  for (std::uint32_t i = 0; i < model.key_result_count(); ++i) {
    if (model.key_result(KeyResultId{i})->title == title) return KeyResultId{i};
  }
  ADD_FAILURE() << "no key result titled " << title;
  return {};
}

ObjectiveId find_objective(const Model& model, const std::string& title, PeriodId period) {
  for (std::uint32_t i = 0; i < model.objective_count(); ++i) {
    const Objective& o = *model.objective(ObjectiveId{i});
    if (o.title == title && o.period == period) return o.id;
  }
  ADD_FAILURE() << "no objective titled " << title;
  return {};
}

class DemoOrganizationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto built = build_demo_organization(model_, kNow);
    ASSERT_TRUE(built) << built.error().message;
    demo_ = *built;
  }
  Model model_;
  DemoOrganization demo_;
};

TEST_F(DemoOrganizationTest, HasTheOrganisationShapeOfTheWorkedExamples) {
  EXPECT_EQ(model_.organization().name, "Larkspur Labs");
  EXPECT_FALSE(model_.organization().mission.empty());
  EXPECT_EQ(model_.person_count(), 11u);
  EXPECT_EQ(model_.unit_count(), 7u);
  EXPECT_EQ(model_.period(demo_.current_quarter)->name, "Q4 2026");
  EXPECT_EQ(model_.period(demo_.previous_quarter)->name, "Q3 2026");
  EXPECT_EQ(model_.person(demo_.admin)->role, Role::kAdmin);
  // The company objective has exactly three key results.
  const ObjectiveId delight = find_objective(
      model_, "Delight our customers with a product they recommend", demo_.current_quarter);
  EXPECT_EQ(model_.key_results_of(delight).size(), 3u);
}

TEST_F(DemoOrganizationTest, RegionalRevenueAddsUpToTheCompanyKeyResult) {
  const Evaluation eval(model_, kNow);
  const double emea =
      eval.key_result_view(find_key_result(model_, "Win $400k new ARR in EMEA")).current;
  const double americas =
      eval.key_result_view(find_key_result(model_, "Win $150k new ARR in the Americas")).current;
  const double partners =
      eval.key_result_view(find_key_result(model_, "Win $50k new ARR through partners")).current;
  const KeyResultView total =
      eval.key_result_view(find_key_result(model_, "Grow new annual recurring revenue to $600k"));
  EXPECT_DOUBLE_EQ(total.current, emea + americas + partners);
  EXPECT_DOUBLE_EQ(total.progress, (emea + americas + partners) / 600000);
}

TEST_F(DemoOrganizationTest, ExplicitAlignmentFeedsTheActivationKeyResult) {
  const Evaluation eval(model_, kNow);
  const ObjectiveId onboarding =
      find_objective(model_, "Make onboarding effortless", demo_.current_quarter);
  const KeyResultView activation = eval.key_result_view(
      find_key_result(model_, "Get 60% of new teams to their first project within a day"));
  EXPECT_DOUBLE_EQ(activation.progress, eval.objective_view(onboarding).progress);
}

TEST_F(DemoOrganizationTest, PreviousQuarterIsClosedScoredAndRolledOver) {
  const Period& previous = *model_.period(demo_.previous_quarter);
  ASSERT_TRUE(previous.closed_at.has_value());
  const ObjectiveId fit =
      find_objective(model_, "Find product-market fit with small teams", demo_.previous_quarter);
  const Objective& closed = *model_.objective(fit);
  EXPECT_TRUE(closed.closed());
  ASSERT_TRUE(closed.score.has_value());
  const KeyResult& customers =
      *model_.key_result(find_key_result(model_, "Sign 50 paying customers"));
  ASSERT_TRUE(customers.score_override.has_value());
  EXPECT_DOUBLE_EQ(*customers.effective_score(), 0.9);
  // The unfinished product objective was rolled over as a draft, linked to its original.
  const ObjectiveId basics =
      find_objective(model_, "Ship the collaboration basics", demo_.previous_quarter);
  const ObjectiveId copy =
      find_objective(model_, "Ship the collaboration basics", demo_.current_quarter);
  EXPECT_EQ(model_.objective(copy)->rolled_over_from, basics);
  EXPECT_EQ(model_.objective(copy)->state, ObjectiveState::kDraft);
}

TEST_F(DemoOrganizationTest, TheDraftShowsRuleWarnings) {
  const ObjectiveId community =
      find_objective(model_, "Start the Larkspur community", demo_.current_quarter);
  bool task_like = false;
  for (const Warning& w : model_.warnings(community))
    task_like |= w.rule == RuleId::kOutputNotOutcome;
  EXPECT_TRUE(task_like);
}

TEST_F(DemoOrganizationTest, ShowsEveryStatusSomewhere) {
  const Evaluation eval(model_, kNow);
  std::set<Status> seen;
  for (std::uint32_t i = 0; i < model_.key_result_count(); ++i) {
    const KeyResult& kr = *model_.key_result(KeyResultId{i});
    if (model_.objective(kr.objective)->period == demo_.current_quarter) {
      seen.insert(eval.key_result_view(kr.id).status);
    }
  }
  EXPECT_TRUE(seen.contains(Status::kOnTrack));
  EXPECT_TRUE(seen.contains(Status::kBehind));
  EXPECT_TRUE(seen.contains(Status::kAtRisk));
}

TEST(DemoOrganization, BuildsOnEveryDayOfTheYear) {
  // Quarter boundaries, year ends and the first days of a quarter (before the
  // previous one is closed) must all work.
  for (int day = 0; day < 366; day += 1) {
    Model model;
    const Instant now = instant_utc(2026, 1, 1, 7) + day * kSecondsPerDay;
    auto built = build_demo_organization(model, now);
    ASSERT_TRUE(built) << to_rfc3339(now) << ": " << built.error().message;
  }
}

TEST(DemoOrganization, RefusesAModelThatIsNotEmpty) {
  Model model;
  ASSERT_TRUE(build_demo_organization(model, kNow));
  EXPECT_FALSE(build_demo_organization(model, kNow));
}

}  // namespace
}  // namespace cairn::app
