// DOMAIN.md "Weights and roll-up" and the key result sources `children` and
// `sum`, through the model's commands.
#include <gtest/gtest.h>

#include "fixture.h"

namespace cairn::core {
namespace {

using testing::kQ1Start;
using testing::ok;
using testing::TestOrg;

const Instant kT = kQ1Start + 10 * kSecondsPerDay;

TEST(ObjectiveRollup, KeyResultsModeIsTheWeightedMeanOfKeyResults) {
  TestOrg org;
  const ObjectiveId o = org.objective();
  org.check_in(org.metric(o, 0, 100, 2), 50, kT);  // 0.5, weight 2
  org.check_in(org.metric(o, 0, 10, 1), 10, kT);   // 1.0, weight 1
  org.check_in(org.metric(o, 0, 10, 1), 2, kT);    // 0.2, weight 1
  EXPECT_DOUBLE_EQ(org.progress(o, kT), 0.55);
}

TEST(ObjectiveRollup, ArchivedKeyResultsTakeNoPart) {
  TestOrg org;
  const ObjectiveId o = org.objective();
  org.check_in(org.metric(o, 0, 10), 10, kT);
  const KeyResultId dropped = org.metric(o, 0, 10);
  EXPECT_DOUBLE_EQ(org.progress(o, kT), 0.5);
  KeyResult kr = *org.model.key_result(dropped);
  kr.archived = true;
  ok(org.model.update_key_result(kr, kT));
  EXPECT_DOUBLE_EQ(org.progress(o, kT), 1.0);
}

TEST(ObjectiveRollup, ChildrenModeUsesLinkWeightsAndSkipsSupportingAndArchivedChildren) {
  TestOrg org;
  const ObjectiveId parent = org.objective("Parent", ProgressMode::kChildren);
  const ObjectiveId a = org.objective("A");
  const ObjectiveId b = org.objective("B");
  const ObjectiveId supports = org.objective("Supports");
  const ObjectiveId archived = org.objective("Archived");
  org.check_in(org.metric(a, 0, 10), 10, kT);         // P = 1
  org.check_in(org.metric(b, 0, 10), 2, kT);          // P = 0.2
  org.check_in(org.metric(supports, 0, 10), 10, kT);  // P = 1, not counted
  org.check_in(org.metric(archived, 0, 10), 10, kT);  // P = 1, archived
  org.link(NodeRef::of(a), NodeRef::of(parent), 1);
  org.link(NodeRef::of(b), NodeRef::of(parent), 3);
  org.link(NodeRef::of(supports), NodeRef::of(parent), 1, false);
  org.link(NodeRef::of(archived), NodeRef::of(parent), 1);
  Objective gone = *org.model.objective(archived);
  gone.state = ObjectiveState::kArchived;
  ok(org.model.update_objective(gone, kT));
  // (1×1 + 0.2×3) / 4 = 0.4
  EXPECT_DOUBLE_EQ(org.progress(parent, kT), 0.4);
}

TEST(ObjectiveRollup, CombinedModeMixesKeyResultsAndChildren) {
  TestOrg org;
  const ObjectiveId parent = org.objective("Parent", ProgressMode::kCombined);
  org.check_in(org.metric(parent, 0, 10, 2), 5, kT);  // 0.5 with weight 2
  const ObjectiveId child = org.objective("Child");
  org.check_in(org.metric(child, 0, 10), 8, kT);  // 0.8
  org.link(NodeRef::of(child), NodeRef::of(parent), 2);
  // (0.5×2 + 0.8×2) / 4 = 0.65
  EXPECT_DOUBLE_EQ(org.progress(parent, kT), 0.65);
}

TEST(ObjectiveRollup, ManualModeIsTheValueSetByHand) {
  TestOrg org;
  const ObjectiveId o = org.objective("Manual", ProgressMode::kManual);
  org.check_in(org.metric(o, 0, 10), 10, kT);
  Objective edit = *org.model.objective(o);
  edit.manual_progress = 0.3;
  ok(org.model.update_objective(edit, kT));
  EXPECT_DOUBLE_EQ(org.progress(o, kT), 0.3);
}

TEST(ObjectiveRollup, NoKeyResultsAndNoChildrenIsZero) {
  TestOrg org;
  EXPECT_DOUBLE_EQ(org.progress(org.objective(), kT), 0);
  EXPECT_DOUBLE_EQ(org.progress(org.objective("C", ProgressMode::kChildren), kT), 0);
}

TEST(ObjectiveRollup, MultiAlignmentCountsInEveryParentWithItsOwnWeight) {
  TestOrg org;
  const ObjectiveId p1 = org.objective("P1", ProgressMode::kChildren);
  const ObjectiveId p2 = org.objective("P2", ProgressMode::kChildren);
  const ObjectiveId shared = org.objective("Shared");
  const ObjectiveId other = org.objective("Other");
  org.check_in(org.metric(shared, 0, 10), 6, kT);  // 0.6
  org.metric(other, 0, 10);                        // 0
  org.link(NodeRef::of(shared), NodeRef::of(p1), 1);
  org.link(NodeRef::of(shared), NodeRef::of(p2), 3);
  org.link(NodeRef::of(other), NodeRef::of(p1), 1);
  org.link(NodeRef::of(other), NodeRef::of(p2), 1);
  EXPECT_DOUBLE_EQ(org.progress(p1, kT), 0.3);   // (0.6 + 0) / 2
  EXPECT_DOUBLE_EQ(org.progress(p2, kT), 0.45);  // (0.6×3 + 0) / 4
}

TEST(ObjectiveRollup, ChildrenSourceKeyResultIsFedByTheObjectivesAlignedToIt) {
  TestOrg org;
  const ObjectiveId company = org.objective("Company");
  const KeyResultId inherited = org.metric(company, 35, 60, 1, ProgressSource::kChildren);
  EXPECT_DOUBLE_EQ(org.progress(inherited, kT), 0) << "with no aligned children p = 0";
  const ObjectiveId a = org.objective("Team A");
  const ObjectiveId b = org.objective("Team B");
  org.check_in(org.metric(a, 0, 10), 8, kT);  // 0.8
  org.check_in(org.metric(b, 0, 10), 2, kT);  // 0.2
  org.link(NodeRef::of(a), NodeRef::of(inherited), 3);
  org.link(NodeRef::of(b), NodeRef::of(inherited), 1);
  const KeyResultView v = Evaluation(org.model, kT).key_result_view(inherited);
  EXPECT_DOUBLE_EQ(v.progress, 0.65);           // (0.8×3 + 0.2) / 4
  EXPECT_DOUBLE_EQ(v.current, 35 + 0.65 * 25);  // the value that progress means
  EXPECT_DOUBLE_EQ(org.progress(company, kT), 0.65);
}

TEST(ObjectiveRollup, SumSourceAddsTheAmountsOfContributingKeyResults) {
  // Regional targets of $100k, $20k and $1k weigh by their money, not as thirds.
  TestOrg org;
  const ObjectiveId company = org.objective("Company");
  const KeyResultId total = org.metric(company, 0, 121000, 1, ProgressSource::kSum);
  const ObjectiveId regions = org.objective("Regions");
  const KeyResultId big = org.metric(regions, 0, 100000);
  const KeyResultId mid = org.metric(regions, 0, 20000);
  const KeyResultId small = org.metric(regions, 0, 1000);
  for (KeyResultId k : {big, mid, small}) org.link(NodeRef::of(k), NodeRef::of(total));
  org.check_in(small, 1000, kT);  // a region at 100 % of a tiny target
  KeyResultView v = Evaluation(org.model, kT).key_result_view(total);
  EXPECT_DOUBLE_EQ(v.current, 1000);
  EXPECT_DOUBLE_EQ(v.progress, 1000.0 / 121000);  // not 1/3
  org.check_in(big, 60000, kT);
  org.check_in(mid, 10000, kT);
  v = Evaluation(org.model, kT).key_result_view(total);
  EXPECT_DOUBLE_EQ(v.current, 71000);
  EXPECT_DOUBLE_EQ(v.progress, 71000.0 / 121000);
}

TEST(ObjectiveRollup, KeyResultsOfAnArchivedObjectiveLeaveTheSum) {
  TestOrg org;
  const ObjectiveId company = org.objective("Company");
  const KeyResultId total = org.metric(company, 0, 1000, 1, ProgressSource::kSum);
  const ObjectiveId region = org.objective("Region");
  const KeyResultId part = org.metric(region, 0, 500);
  org.link(NodeRef::of(part), NodeRef::of(total));
  org.check_in(part, 400, kT);
  EXPECT_DOUBLE_EQ(org.model.rollup().key_result(total).current, 400);
  Objective archived = *org.model.objective(region);
  archived.state = ObjectiveState::kArchived;
  ok(org.model.update_objective(archived, kT + 60));
  EXPECT_DOUBLE_EQ(org.model.rollup().key_result(total).current, 0) << "live";
  EXPECT_DOUBLE_EQ(
      Evaluation(org.model, kT + 60, Evaluation::Mode::kRebuild).key_result_view(total).current, 0);
  EXPECT_DOUBLE_EQ(Evaluation(org.model, kT).key_result_view(total).current, 400) << "as it stood";
}

TEST(ObjectiveRollup, SumStartsFromTheParentStartAndChildDeltas) {
  TestOrg org;
  const ObjectiveId company = org.objective("Company");
  const KeyResultId total = org.metric(company, 500, 1500, 1, ProgressSource::kSum);
  const ObjectiveId team = org.objective("Team");
  const KeyResultId child = org.metric(team, 100, 600);
  org.link(NodeRef::of(child), NodeRef::of(total));
  org.check_in(child, 350, kT);  // +250 over its start
  EXPECT_DOUBLE_EQ(Evaluation(org.model, kT).key_result_view(total).current, 750);
  EXPECT_DOUBLE_EQ(org.progress(total, kT), 0.25);
}

TEST(ObjectiveRollup, AKeyResultAlignedParentFeedsUpThroughTwoLevels) {
  TestOrg org;
  const ObjectiveId company = org.objective("Company");
  const KeyResultId kr = org.metric(company, 0, 1, 1, ProgressSource::kChildren);
  const KeyResultId other = org.metric(company, 0, 10);
  const ObjectiveId function = org.objective("Function", ProgressMode::kChildren);
  const ObjectiveId team = org.objective("Team");
  org.link(NodeRef::of(function), NodeRef::of(kr));
  org.link(NodeRef::of(team), NodeRef::of(function));
  org.check_in(other, 10, kT);                         // 1.0
  org.check_in(org.metric(team, 0, 4), 1, kT);         // 0.25 → function 0.25 → kr 0.25
  EXPECT_DOUBLE_EQ(org.progress(company, kT), 0.625);  // (0.25 + 1) / 2
}

TEST(UnitProgress, IsTheWeightedMeanOfTheUnitsObjectivesInThePeriod) {
  TestOrg org;
  Objective o;
  o.title = "Heavy";
  o.period = org.q1;
  o.owner = Owner::of_unit(org.team);
  o.weight = 3;
  const ObjectiveId heavy = ok(org.model.add_objective(o, org.setup));
  const ObjectiveId light = org.objective("Light");
  const ObjectiveId elsewhere =
      org.objective("Company's", ProgressMode::kKeyResults, org.q1, Owner::of_unit(org.company));
  const ObjectiveId next_quarter = org.objective("Q2", ProgressMode::kKeyResults, org.q2);
  org.check_in(org.metric(heavy, 0, 10), 8, kT);       // 0.8 × 3
  org.check_in(org.metric(light, 0, 10), 4, kT);       // 0.4 × 1
  org.check_in(org.metric(elsewhere, 0, 10), 10, kT);  // another unit
  org.metric(next_quarter, 0, 10);                     // another period
  const Evaluation eval(org.model, kT);
  EXPECT_DOUBLE_EQ(eval.unit_progress(org.team, org.q1), 0.7);  // (2.4 + 0.4) / 4
  EXPECT_DOUBLE_EQ(eval.unit_progress(org.company, org.q1), 1.0);
  EXPECT_DOUBLE_EQ(eval.unit_progress(org.team, org.q2), 0);
}

TEST(ObjectiveRollup, ACheckInUpdatesEveryAncestorAtOnce) {
  TestOrg org;
  const ObjectiveId company = org.objective("Company", ProgressMode::kChildren);
  const ObjectiveId function = org.objective("Function", ProgressMode::kChildren);
  const ObjectiveId team = org.objective("Team");
  org.link(NodeRef::of(function), NodeRef::of(company));
  org.link(NodeRef::of(team), NodeRef::of(function));
  const KeyResultId kr = org.metric(team, 0, 10);
  org.check_in(kr, 7, kT);
  // The live roll-up, without any recompute in between.
  EXPECT_DOUBLE_EQ(org.model.rollup().objective(company).progress, 0.7);
  EXPECT_DOUBLE_EQ(org.model.rollup().objective(function).progress, 0.7);
}

}  // namespace
}  // namespace cairn::core
