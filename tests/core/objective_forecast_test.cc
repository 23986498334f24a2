// Forecasts of objectives and owners (F40): the key results' forecasts
// (DOMAIN.md "Forecast") rolled up by the progress rules' weights and modes,
// over the items that have one. Q1 runs 90 days; every check-in here is at
// its middle (e = 0.5), so one check-in of p forecasts p / 0.5.
#include <gtest/gtest.h>

#include "fixture.h"

namespace cairn::core {
namespace {

using testing::ok;
using testing::q1_at;
using testing::TestOrg;

const Instant kMiddle = q1_at(0.5);
const Instant kLater = q1_at(0.6);

// An objective whose one key result (0 → 100) was checked in at `value` mid-quarter.
ObjectiveId heading(TestOrg& org, double value, const std::string& title) {
  const ObjectiveId o = org.objective(title);
  org.check_in(org.metric(o, 0, 100), value, kMiddle);
  return o;
}

TEST(ObjectiveForecast, IsTheWeightedMeanOfItsKeyResultsForecastsThatExist) {
  TestOrg org;
  const ObjectiveId o = org.objective();
  org.check_in(org.metric(o, 0, 100, 1), 30, kMiddle);  // 0.3 / 0.5 = 0.6, weight 1
  org.check_in(org.metric(o, 0, 100, 3), 50, kMiddle);  // 0.5 / 0.5 = 1.0, weight 3
  org.metric(o, 0, 100, 5);                             // no check-in: no forecast
  const Evaluation eval(org.model, kLater);
  ASSERT_TRUE(eval.objective_forecast(o));
  EXPECT_DOUBLE_EQ(*eval.objective_forecast(o), 0.9);  // (0.6 + 3 × 1.0) / 4
}

TEST(ObjectiveForecast, ChildrenModeFollowsContributingChildrenByLinkWeight) {
  TestOrg org;
  const ObjectiveId parent = org.objective("Parent", ProgressMode::kChildren);
  const ObjectiveId a = heading(org, 45, "A");         // 0.9
  const ObjectiveId b = heading(org, 30, "B");         // 0.6
  const ObjectiveId silent = org.objective("Silent");  // no forecast
  const ObjectiveId supports = heading(org, 50, "Supports");
  org.link(NodeRef::of(a), NodeRef::of(parent), 1);
  org.link(NodeRef::of(b), NodeRef::of(parent), 2);
  org.link(NodeRef::of(silent), NodeRef::of(parent), 5);
  org.link(NodeRef::of(supports), NodeRef::of(parent), 1, /*contributes=*/false);
  org.check_in(org.metric(parent, 0, 100), 50, kMiddle);  // 1.0: not counted in children mode
  const Evaluation eval(org.model, kLater);
  EXPECT_DOUBLE_EQ(*eval.objective_forecast(parent), 0.7);  // (0.9 + 2 × 0.6) / 3

  // Combined: its own key result (1.0, weight 1) joins the children.
  Objective combined = *org.model.objective(parent);
  combined.progress_mode = ProgressMode::kCombined;
  ok(org.model.update_objective(combined, kLater));
  const Evaluation after(org.model, kLater);
  EXPECT_DOUBLE_EQ(*after.objective_forecast(parent), 0.775);  // (1.0 + 0.9 + 1.2) / 4
}

// What is kept per generation (the shared forecasts, the server's kept
// answers) must never meet another state under the same number: not of the
// same model after a change, nor of another model, such as one rebuilt from
// the store in the place of one that held an unsaved change.
TEST(ObjectiveForecast, NoTwoStatesShareAGeneration) {
  TestOrg org;
  TestOrg rebuilt;
  const std::uint64_t before = org.model.generation();
  const ObjectiveId o = org.objective();
  EXPECT_NE(org.model.generation(), before);
  EXPECT_NE(rebuilt.model.generation(), before);
  const std::uint64_t first = org.model.generation();
  rebuilt.objective();
  EXPECT_NE(rebuilt.model.generation(), first) << "the same change, but another model";
  org.check_in(org.metric(o, 0, 100), 30, kMiddle);
  EXPECT_NE(org.model.generation(), first);
  EXPECT_NE(org.model.generation(), rebuilt.model.generation());
}

TEST(ObjectiveForecast, ALiveForecastIsSharedUntilTheModelChanges) {
  TestOrg org;
  const ObjectiveId o = org.objective();
  const KeyResultId kr = org.metric(o, 0, 100);
  org.check_in(kr, 30, kMiddle);
  EXPECT_DOUBLE_EQ(*Evaluation(org.model, kLater).objective_forecast(o), 0.6);
  ASSERT_TRUE(org.model.live_forecasts().find(org.model.generation(), o.value()))
      << "kept for the next live read";

  org.check_in(kr, 60, kLater);
  const Evaluation live(org.model, kLater);
  const Evaluation rebuilt(org.model, kLater, Evaluation::Mode::kRebuild);
  ASSERT_TRUE(live.objective_forecast(o));
  EXPECT_NE(*live.objective_forecast(o), 0.6) << "the check-in moved it";
  EXPECT_DOUBLE_EQ(*live.objective_forecast(o), *rebuilt.objective_forecast(o));
  // A read of the past neither uses nor changes what live reads share.
  EXPECT_DOUBLE_EQ(*Evaluation(org.model, kMiddle).objective_forecast(o), 0.6);
  EXPECT_DOUBLE_EQ(*Evaluation(org.model, kLater).objective_forecast(o),
                   *rebuilt.objective_forecast(o));
}

TEST(ObjectiveForecast, NoneWithoutForecastsForManualOrClosedObjectives) {
  TestOrg org;
  const ObjectiveId empty = org.objective("Empty");
  org.metric(empty, 0, 100);
  const ObjectiveId manual = heading(org, 30, "Manual");
  Objective m = *org.model.objective(manual);
  m.progress_mode = ProgressMode::kManual;
  ok(org.model.update_objective(m, kMiddle));
  const ObjectiveId closed = heading(org, 30, "Closed");
  ok(org.model.close_objective(closed, kLater));
  const Evaluation eval(org.model, kLater);
  EXPECT_FALSE(eval.objective_forecast(empty));
  EXPECT_FALSE(eval.objective_forecast(manual));
  EXPECT_FALSE(eval.objective_forecast(closed));
  // Before its close it had one.
  EXPECT_DOUBLE_EQ(*Evaluation(org.model, kLater - 1).objective_forecast(closed), 0.6);
}

TEST(ObjectiveForecast, AnOwnerIsHeadingForTheWeightedMeanOfItsObjectives) {
  TestOrg org;
  heading(org, 30, "X");                        // 0.6, weight 1
  const ObjectiveId y = heading(org, 50, "Y");  // 1.0, weight 3
  Objective heavier = *org.model.objective(y);
  heavier.weight = 3;
  ok(org.model.update_objective(heavier, kMiddle));
  org.objective("No check-ins yet");  // no forecast: left out
  const Evaluation eval(org.model, kLater);
  const auto team = eval.owner_forecast(Owner::of_unit(org.team), org.q1);
  ASSERT_TRUE(team);
  EXPECT_DOUBLE_EQ(*team, 0.9);
  EXPECT_FALSE(eval.owner_forecast(Owner::of_unit(org.company), org.q1)) << "owns nothing";
}

}  // namespace
}  // namespace cairn::core
