// DOMAIN.md "Weights and roll-up" and the `children` / `sum` progress sources
// of "Key result progress": objective progress by mode, link weights,
// multi-alignment, supporting links, archived items, cascaded key results, unit
// progress, and which nodes one change recomputes.
//
// Leaf values are chosen exactly representable (0.25, 0.375, ...) so that every
// expected roll-up is an exact double and the comparisons are EXPECT_EQ.
#include "core/rollup.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <set>
#include <string>
#include <vector>

#include "test_model.h"

using namespace cairn::core;
using namespace cairn::core::test_model;

namespace {

// A key result whose p is exactly `p`: a metric 0 → 100 checked in at p · 100.
KeyResultId key_result_at(World& w, ObjectiveId o, double p, double weight) {
  const KeyResultId kr = w.metric(o, 0, 100, weight);
  w.check_in(kr, p * 100, q1_day(1));
  return kr;
}

// An objective whose P is exactly `p`, set by hand.
ObjectiveId objective_at(World& w, double p, double weight = 1, PeriodId period = {}) {
  const ObjectiveId o = w.objective(ProgressMode::kManual, period, weight);
  w.set_manual(o, p);
  return o;
}

struct Item {
  double progress;
  double weight;
};

struct ModeCase {
  const char* name;
  ProgressMode mode;
  std::vector<Item> key_results;  // p and key result weight
  std::vector<Item> children;     // P and link weight
  double manual;
  double expected;
};

const std::vector<ModeCase>& mode_cases() {
  static const std::vector<ModeCase> cases = {
      // key_results: weighted mean of the key results' p; children ignored.
      {"key_results, none: 0", ProgressMode::kKeyResults, {}, {}, 0, 0},
      {"key_results, one", ProgressMode::kKeyResults, {{0.75, 1}}, {}, 0, 0.75},
      {"key_results, weights 1 and 3", ProgressMode::kKeyResults, {{1, 1}, {0, 3}}, {}, 0, 0.25},
      {"key_results, equal weights", ProgressMode::kKeyResults, {{1, 1}, {0.5, 1}}, {}, 0, 0.75},
      {"key_results, all-zero weights: plain mean",
       ProgressMode::kKeyResults,
       {{1, 0}, {0, 0}, {0.5, 0}, {0.5, 0}},
       {},
       0,
       0.5},
      {"key_results, a zero weight among others",
       ProgressMode::kKeyResults,
       {{1, 0}, {0.25, 2}},
       {},
       0,
       0.25},
      {"key_results ignores children", ProgressMode::kKeyResults, {{0.5, 1}}, {{1, 5}}, 0, 0.5},
      // children: weighted mean of the children's P by link weight; key results ignored.
      {"children, none: 0", ProgressMode::kChildren, {{1, 1}}, {}, 0, 0},
      {"children, link weights 3 and 1", ProgressMode::kChildren, {}, {{1, 3}, {0, 1}}, 0, 0.75},
      {"children, all-zero link weights: plain mean",
       ProgressMode::kChildren,
       {},
       {{1, 0}, {0.5, 0}},
       0,
       0.75},
      {"children ignores key results", ProgressMode::kChildren, {{0, 9}}, {{0.5, 1}}, 0, 0.5},
      // combined: key results (their weights) and children (link weights) together.
      {"combined", ProgressMode::kCombined, {{1, 1}, {0, 1}}, {{1, 2}}, 0, 0.75},
      {"combined, key results only", ProgressMode::kCombined, {{0.5, 1}}, {}, 0, 0.5},
      {"combined, children only", ProgressMode::kCombined, {}, {{0.25, 1}}, 0, 0.25},
      {"combined, weights 1 + 3 + 4",
       ProgressMode::kCombined,
       {{1, 1}, {0.5, 3}},
       {{0.25, 4}},
       0,
       (1 + 1.5 + 1) / 8.0},
      {"combined, all-zero weights", ProgressMode::kCombined, {{1, 0}}, {{0, 0}}, 0, 0.5},
      {"combined, nothing: 0", ProgressMode::kCombined, {}, {}, 0, 0},
      // manual: the value set by hand, whatever the key results and children say.
      {"manual", ProgressMode::kManual, {{1, 1}}, {{1, 1}}, 0.375, 0.375},
      {"manual zero", ProgressMode::kManual, {{1, 1}}, {{1, 1}}, 0, 0},
      {"manual one", ProgressMode::kManual, {}, {}, 1, 1},
  };
  return cases;
}

TEST(DomainRollupModes, Table) {
  for (const ModeCase& t : mode_cases()) {
    SCOPED_TRACE(t.name);
    World w;
    const ObjectiveId o = w.objective(t.mode);
    for (const Item& kr : t.key_results) key_result_at(w, o, kr.progress, kr.weight);
    for (const Item& child : t.children) {
      w.link(NodeRef::of(objective_at(w, child.progress)), NodeRef::of(o), child.weight);
    }
    if (t.mode == ProgressMode::kManual) w.set_manual(o, t.manual);
    EXPECT_EQ(w.P(o), t.expected);
    // The live value and a rebuilt one agree.
    EXPECT_EQ(Evaluation(w.model, q1_day(2), Evaluation::Mode::kRebuild).objective_view(o).progress,
              t.expected);
  }
}

TEST(DomainRollupModes, ChangingTheModeRecomputes) {
  World w;
  const ObjectiveId o = w.objective(ProgressMode::kKeyResults);
  key_result_at(w, o, 1, 1);
  w.link(NodeRef::of(objective_at(w, 0.25)), NodeRef::of(o), 1);
  EXPECT_EQ(w.P(o), 1.0);
  w.edit(
      o, [](Objective& x) { x.progress_mode = ProgressMode::kChildren; }, kSetup);
  EXPECT_EQ(w.P(o), 0.25);
  w.edit(
      o, [](Objective& x) { x.progress_mode = ProgressMode::kCombined; }, kSetup);
  EXPECT_EQ(w.P(o), 0.625);
  w.edit(
      o,
      [](Objective& x) {
        x.progress_mode = ProgressMode::kManual;
        x.manual_progress = 0.125;
      },
      kSetup);
  EXPECT_EQ(w.P(o), 0.125);
}

TEST(DomainRollupWeights, KeyResultWeightEditRecomputes) {
  World w;
  const ObjectiveId o = w.objective();
  const KeyResultId a = key_result_at(w, o, 1, 1);
  key_result_at(w, o, 0, 1);
  EXPECT_EQ(w.P(o), 0.5);
  w.edit(
      a, [](KeyResult& kr) { kr.weight = 3; }, q1_day(2));
  EXPECT_EQ(w.P(o), 0.75);
  w.edit(
      a, [](KeyResult& kr) { kr.weight = 0; }, q1_day(3));
  EXPECT_EQ(w.P(o), 0.0);
}

TEST(DomainRollupWeights, LinkWeightsAndTheirEdits) {
  World w;
  const ObjectiveId parent = w.objective(ProgressMode::kChildren);
  const LinkId full = w.link(NodeRef::of(objective_at(w, 1)), NodeRef::of(parent), 3);
  const LinkId none = w.link(NodeRef::of(objective_at(w, 0)), NodeRef::of(parent), 1);
  EXPECT_EQ(w.P(parent), 0.75);
  must(w.model.update_link(full, 1, true, q1_day(1)));
  EXPECT_EQ(w.P(parent), 0.5);
  must(w.model.update_link(none, 0, true, q1_day(2)));
  EXPECT_EQ(w.P(parent), 1.0);
  must(w.model.update_link(full, 0, true, q1_day(3)));
  EXPECT_EQ(w.P(parent), 0.5);  // all-zero: plain mean
}

TEST(DomainRollupWeights, NegativeOrNonFiniteWeightsAreRefused) {
  World w;
  const ObjectiveId parent = w.objective(ProgressMode::kChildren);
  const ObjectiveId child = objective_at(w, 1);
  for (double bad : {-1.0, -0.0001, std::numeric_limits<double>::infinity(),
                     std::numeric_limits<double>::quiet_NaN()}) {
    SCOPED_TRACE(bad);
    const auto result =
        w.model.add_link(World::link_spec(NodeRef::of(child), NodeRef::of(parent), bad), kSetup);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::kInvalid);
  }
  EXPECT_EQ(w.model.link_count(), 0u);
  EXPECT_EQ(w.P(parent), 0.0);
}

TEST(DomainRollupAlignment, OneChildTwoParentsWithDifferentWeights) {
  World w;
  const ObjectiveId a = w.objective(ProgressMode::kChildren);
  const ObjectiveId b = w.objective(ProgressMode::kChildren);
  const ObjectiveId child = objective_at(w, 0.75);
  w.link(NodeRef::of(child), NodeRef::of(a), 1);
  w.link(NodeRef::of(child), NodeRef::of(b), 3);
  w.link(NodeRef::of(objective_at(w, 0)), NodeRef::of(a), 1);
  w.link(NodeRef::of(objective_at(w, 0)), NodeRef::of(b), 1);
  EXPECT_EQ(w.P(a), 0.375);   // (0.75 · 1 + 0 · 1) / 2
  EXPECT_EQ(w.P(b), 0.5625);  // (0.75 · 3 + 0 · 1) / 4
  // One change to the child moves both parents.
  w.set_manual(child, 0.25, q1_day(1));
  EXPECT_EQ(w.P(a), 0.125);
  EXPECT_EQ(w.P(b), 0.1875);
}

TEST(DomainRollupAlignment, ChildOfAnObjectiveAndOfAKeyResult) {
  World w;
  const ObjectiveId top = w.objective(ProgressMode::kKeyResults);
  const KeyResultId fed = w.metric(top, 0, 100, 1, ProgressSource::kChildren);
  const ObjectiveId other = w.objective(ProgressMode::kChildren);
  const ObjectiveId child = objective_at(w, 0.5);
  w.link(NodeRef::of(child), NodeRef::of(fed), 1);
  w.link(NodeRef::of(child), NodeRef::of(other), 1);
  EXPECT_EQ(w.p(fed), 0.5);
  EXPECT_EQ(w.P(top), 0.5);
  EXPECT_EQ(w.P(other), 0.5);
}

TEST(DomainRollupAlignment, SupportingLinksAreNotCounted) {
  World w;
  const ObjectiveId parent = w.objective(ProgressMode::kChildren);
  w.link(NodeRef::of(objective_at(w, 1)), NodeRef::of(parent), 1, true);
  const LinkId support = w.link(NodeRef::of(objective_at(w, 0)), NodeRef::of(parent), 5, false);
  EXPECT_EQ(w.P(parent), 1.0);
  // Made contributing, it counts; made supporting again, it does not.
  must(w.model.update_link(support, 5, true, q1_day(1)));
  EXPECT_EQ(w.P(parent), 1.0 / 6.0);
  must(w.model.update_link(support, 5, false, q1_day(2)));
  EXPECT_EQ(w.P(parent), 1.0);
}

TEST(DomainRollupAlignment, OnlySupportingChildrenGiveZero) {
  World w;
  const ObjectiveId parent = w.objective(ProgressMode::kChildren);
  w.link(NodeRef::of(objective_at(w, 1)), NodeRef::of(parent), 1, false);
  EXPECT_EQ(w.P(parent), 0.0);
  EXPECT_FALSE(w.model.rollup().objective(parent).started);
}

TEST(DomainRollupAlignment, SupportingLinksDoNotFeedKeyResults) {
  World w;
  const ObjectiveId top = w.objective();
  const KeyResultId by_children = w.metric(top, 0, 100, 1, ProgressSource::kChildren);
  const KeyResultId by_sum = w.metric(top, 0, 100, 1, ProgressSource::kSum);
  w.link(NodeRef::of(objective_at(w, 1)), NodeRef::of(by_children), 1, false);
  const ObjectiveId region = w.objective();
  const KeyResultId part = w.metric(region, 0, 50);
  w.check_in(part, 40, q1_day(1));
  w.link(NodeRef::of(part), NodeRef::of(by_sum), 1, false);
  EXPECT_EQ(w.p(by_children), 0.0);
  EXPECT_EQ(w.c(by_sum), 0.0);
  EXPECT_EQ(w.p(by_sum), 0.0);
}

TEST(DomainRollupArchived, ArchivedKeyResultsTakeNoPart) {
  World w;
  const ObjectiveId o = w.objective();
  const KeyResultId done = key_result_at(w, o, 1, 1);
  const KeyResultId zero = key_result_at(w, o, 0, 3);
  EXPECT_EQ(w.P(o), 0.25);
  w.archive(zero, q1_day(2));
  EXPECT_EQ(w.P(o), 1.0);
  w.archive(done, q1_day(3));
  EXPECT_EQ(w.P(o), 0.0);  // no items left
  EXPECT_FALSE(w.model.rollup().objective(o).started);
}

TEST(DomainRollupArchived, ArchivedObjectivesTakeNoPart) {
  World w;
  const ObjectiveId children = w.objective(ProgressMode::kChildren);
  const ObjectiveId combined = w.objective(ProgressMode::kCombined);
  const ObjectiveId kr_holder = w.objective();
  const KeyResultId fed = w.metric(kr_holder, 0, 100, 1, ProgressSource::kChildren);
  key_result_at(w, combined, 0.5, 1);
  const ObjectiveId kept = objective_at(w, 0.25);
  const ObjectiveId gone = objective_at(w, 1);
  for (ObjectiveId child : {kept, gone}) {
    w.link(NodeRef::of(child), NodeRef::of(children));
    w.link(NodeRef::of(child), NodeRef::of(combined));
    w.link(NodeRef::of(child), NodeRef::of(fed));
  }
  EXPECT_EQ(w.P(children), 0.625);
  EXPECT_EQ(w.P(combined), (0.5 + 0.25 + 1) / 3);
  EXPECT_EQ(w.p(fed), 0.625);
  w.archive(gone, q1_day(2));
  EXPECT_EQ(w.P(children), 0.25);
  EXPECT_EQ(w.P(combined), 0.375);
  EXPECT_EQ(w.p(fed), 0.25);
  EXPECT_EQ(w.P(kr_holder), 0.25);
}

TEST(DomainRollupArchived, ArchivedKeyResultTakesNoPartInASum) {
  World w;
  const ObjectiveId top = w.objective();
  const KeyResultId total = w.metric(top, 0, 100, 1, ProgressSource::kSum);
  const ObjectiveId region = w.objective();
  const KeyResultId a = w.metric(region, 0, 50);
  const KeyResultId b = w.metric(region, 0, 50);
  w.link(NodeRef::of(a), NodeRef::of(total));
  w.link(NodeRef::of(b), NodeRef::of(total));
  w.check_in(a, 30, q1_day(1));
  w.check_in(b, 20, q1_day(1));
  EXPECT_EQ(w.c(total), 50.0);
  w.archive(b, q1_day(2));
  EXPECT_EQ(w.c(total), 30.0);
  EXPECT_EQ(w.p(total), 0.3);
}

// ---- Key result fed by its children (explicit alignment) -------------------------

TEST(DomainRollupChildrenSource, WeightedMeanOfAlignedObjectives) {
  World w;
  const ObjectiveId top = w.objective();
  const KeyResultId fed = w.metric(top, 0, 200, 1, ProgressSource::kChildren);
  key_result_at(w, top, 0, 1);
  EXPECT_EQ(w.p(fed), 0.0);  // no aligned children
  EXPECT_EQ(w.c(fed), 0.0);
  EXPECT_FALSE(w.model.rollup().key_result(fed).started);
  w.link(NodeRef::of(objective_at(w, 0.5)), NodeRef::of(fed), 1);
  w.link(NodeRef::of(objective_at(w, 1)), NodeRef::of(fed), 3);
  EXPECT_EQ(w.p(fed), 0.875);
  EXPECT_EQ(w.attainment(fed), 0.875);
  EXPECT_EQ(w.c(fed), 175.0);  // s + p · (t − s)
  EXPECT_EQ(w.P(top), 0.4375);
}

TEST(DomainRollupChildrenSource, NoChildrenIsZeroEvenWithCheckIns) {
  World w;
  const ObjectiveId top = w.objective();
  const KeyResultId fed = w.metric(top, 0, 100, 1, ProgressSource::kCheckIns);
  w.check_in(fed, 60, q1_day(1));
  EXPECT_EQ(w.p(fed), 0.6);
  // Switched to `children`, the check-ins no longer count.
  w.edit(
      fed, [](KeyResult& kr) { kr.source = ProgressSource::kChildren; }, q1_day(2));
  EXPECT_EQ(w.p(fed), 0.0);
  EXPECT_EQ(w.P(top), 0.0);
}

TEST(DomainRollupChildrenSource, CheckInsAreRefused) {
  World w;
  const ObjectiveId top = w.objective();
  const KeyResultId fed = w.metric(top, 0, 100, 1, ProgressSource::kChildren);
  CheckIn c;
  c.key_result = fed;
  c.author = w.bob;
  c.measurement.value = 50;
  c.at = q1_day(1);
  const auto result = w.model.add_check_in(c, q1_day(1));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(w.model.check_in_count(), 0u);
}

TEST(DomainRollupChildrenSource, KeyResultLinksDoNotFeedAChildrenKeyResult) {
  World w;
  const ObjectiveId top = w.objective();
  const KeyResultId fed = w.metric(top, 0, 100, 1, ProgressSource::kChildren);
  const ObjectiveId other = w.objective();
  const KeyResultId part = key_result_at(w, other, 1, 1);
  w.link(NodeRef::of(part), NodeRef::of(fed));
  EXPECT_EQ(w.p(fed), 0.0);
}

// ---- Cascaded key results: `sum` ---------------------------------------------------

TEST(DomainRollupSum, RegionalTargetsWeighByTheirAmount) {
  World w;
  const ObjectiveId global = w.objective();
  const KeyResultId total = w.metric(global, 0, 121'000, 1, ProgressSource::kSum);
  const ObjectiveId regions = w.objective();
  const KeyResultId big = w.metric(regions, 0, 100'000);
  const KeyResultId mid = w.metric(regions, 0, 20'000);
  const KeyResultId small = w.metric(regions, 0, 1'000);
  for (KeyResultId r : {big, mid, small}) w.link(NodeRef::of(r), NodeRef::of(total));
  EXPECT_EQ(w.c(total), 0.0);
  EXPECT_FALSE(w.model.rollup().key_result(total).started);
  w.check_in(big, 50'000, q1_day(10));
  w.check_in(mid, 20'000, q1_day(10));
  w.check_in(small, 1'000, q1_day(10));
  EXPECT_TRUE(w.model.rollup().key_result(total).started);
  EXPECT_EQ(w.c(total), 71'000.0);
  EXPECT_EQ(w.p(total), 71'000.0 / 121'000.0);
  // Not the equal-thirds mean of the regions' progress.
  EXPECT_NE(w.p(total), (0.5 + 1 + 1) / 3);
  EXPECT_EQ(w.P(global), 71'000.0 / 121'000.0);
}

TEST(DomainRollupSum, StartsAreSubtracted) {
  World w;
  const ObjectiveId top = w.objective();
  const KeyResultId total = w.metric(top, 10, 110, 1, ProgressSource::kSum);
  const ObjectiveId o = w.objective();
  const KeyResultId x = w.metric(o, 5, 55);
  const KeyResultId y = w.metric(o, 100, 200);
  w.link(NodeRef::of(x), NodeRef::of(total));
  w.link(NodeRef::of(y), NodeRef::of(total));
  EXPECT_EQ(w.c(total), 10.0);    // children at their starts add nothing
  w.check_in(x, 25, q1_day(1));   // +20
  w.check_in(y, 130, q1_day(1));  // +30
  EXPECT_EQ(w.c(total), 60.0);    // 10 + 20 + 30
  EXPECT_EQ(w.p(total), 0.5);
  w.check_in(y, 240, q1_day(2));  // +140
  EXPECT_EQ(w.c(total), 170.0);
  EXPECT_EQ(w.p(total), 1.0);
  EXPECT_EQ(w.attainment(total), 1.6);
}

TEST(DomainRollupSum, CascadesOverTwoLevels) {
  World w;
  const ObjectiveId company = w.objective();
  const KeyResultId top = w.metric(company, 0, 200, 1, ProgressSource::kSum);
  const ObjectiveId region = w.objective();
  const KeyResultId middle = w.metric(region, 0, 100, 1, ProgressSource::kSum);
  const ObjectiveId team = w.objective();
  const KeyResultId leaf_a = w.metric(team, 0, 60);
  const KeyResultId leaf_b = w.metric(team, 0, 40);
  w.link(NodeRef::of(leaf_a), NodeRef::of(middle));
  w.link(NodeRef::of(leaf_b), NodeRef::of(middle));
  w.link(NodeRef::of(middle), NodeRef::of(top));
  w.check_in(leaf_a, 30, q1_day(1));
  w.check_in(leaf_b, 10, q1_day(1));
  EXPECT_EQ(w.c(middle), 40.0);
  EXPECT_EQ(w.p(middle), 0.4);
  EXPECT_EQ(w.c(top), 40.0);
  EXPECT_EQ(w.p(top), 0.2);
  EXPECT_EQ(w.P(region), 0.4);
  EXPECT_EQ(w.P(company), 0.2);
}

TEST(DomainRollupSum, ChildFedByChildrenAddsItsComputedAmount) {
  World w;
  const ObjectiveId top = w.objective();
  const KeyResultId total = w.metric(top, 0, 400, 1, ProgressSource::kSum);
  const ObjectiveId o = w.objective();
  const KeyResultId fed = w.metric(o, 100, 300, 1, ProgressSource::kChildren);
  w.link(NodeRef::of(objective_at(w, 0.25)), NodeRef::of(fed));
  w.link(NodeRef::of(fed), NodeRef::of(total));
  EXPECT_EQ(w.c(fed), 150.0);   // 100 + 0.25 · 200
  EXPECT_EQ(w.c(total), 50.0);  // 0 + (150 − 100)
  EXPECT_EQ(w.p(total), 0.125);
}

TEST(DomainRollupSum, NoContributorsIsTheStart) {
  World w;
  const ObjectiveId top = w.objective();
  const KeyResultId total = w.metric(top, 30, 130, 1, ProgressSource::kSum);
  EXPECT_EQ(w.c(total), 30.0);
  EXPECT_EQ(w.p(total), 0.0);
}

TEST(DomainRollupSum, OnlyMetricsCanSum) {
  World w;
  const ObjectiveId top = w.objective();
  KeyResult kr = w.metric_spec(top, 0, std::nullopt);
  kr.kind = KeyResultKind::kBoolean;
  kr.source = ProgressSource::kSum;
  const auto result = w.model.add_key_result(kr, kSetup);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::kInvalid);
}

// ---- Unit progress -------------------------------------------------------------------

TEST(DomainRollupUnit, WeightedMeanOfTheUnitsObjectivesInThePeriod) {
  World w;
  const ObjectiveId a = objective_at(w, 1, 1);
  const ObjectiveId b = objective_at(w, 0, 3);
  (void)a;
  (void)b;
  // Not counted: another unit's, another period's, a person's, an archived one.
  Objective other = w.objective_spec(ProgressMode::kManual);
  other.owner = Owner::of_unit(w.other_team);
  other.manual_progress = 1;
  w.add(other);
  objective_at(w, 1, 1, w.q2);
  Objective personal = w.objective_spec(ProgressMode::kManual);
  personal.owner = Owner::of_person(w.bob);
  personal.manual_progress = 1;
  w.add(personal);
  const ObjectiveId archived = objective_at(w, 1, 5);
  w.archive(archived, q1_day(1));

  const Evaluation now(w.model, q1_day(2));
  EXPECT_EQ(now.unit_progress(w.team, w.q1), 0.25);
  EXPECT_EQ(now.unit_progress(w.other_team, w.q1), 1.0);
  EXPECT_EQ(now.unit_progress(w.team, w.q2), 1.0);
  EXPECT_EQ(now.unit_progress(w.company, w.q1), 0.0);  // owns nothing: 0
  // Before the archiving, the archived objective still counted: (1 + 0 + 5) / 9.
  EXPECT_EQ(Evaluation(w.model, kSetup).unit_progress(w.team, w.q1), 6.0 / 9.0);
  // A person's progress: the same rule over what the person owns.
  EXPECT_EQ(now.owner_progress(Owner::of_person(w.bob), w.q1), 1.0);
  EXPECT_EQ(now.owner_progress(Owner::of_person(w.bob), w.q2), 0.0);
  EXPECT_EQ(now.owner_progress(Owner::of_unit(w.team), w.q1), 0.25);
}

TEST(DomainRollupUnit, AllZeroObjectiveWeightsArePlainMean) {
  World w;
  objective_at(w, 1, 0);
  objective_at(w, 0.5, 0);
  EXPECT_EQ(Evaluation(w.model, q1_day(1)).unit_progress(w.team, w.q1), 0.75);
}

// An owner's objectives come from the owner's own list (for_each_owned), so
// one handed to another owner counts for each as of when it was theirs.
TEST(DomainRollupUnit, ObjectiveHandedToAnotherOwnerCountsForEachInItsTime) {
  World w;
  const ObjectiveId handed = objective_at(w, 1, 1);
  objective_at(w, 0, 1);
  w.edit(
      handed, [&](Objective& o) { o.owner = Owner::of_unit(w.other_team); }, q1_day(1));
  EXPECT_EQ(Evaluation(w.model, kSetup).unit_progress(w.team, w.q1), 0.5);
  EXPECT_EQ(Evaluation(w.model, kSetup).unit_progress(w.other_team, w.q1), 0.0);
  EXPECT_EQ(Evaluation(w.model, q1_day(1)).unit_progress(w.team, w.q1), 0.0);
  EXPECT_EQ(Evaluation(w.model, q1_day(1)).unit_progress(w.other_team, w.q1), 1.0);
  w.edit(
      handed, [&](Objective& o) { o.owner = Owner::of_person(w.bob); }, q1_day(2));
  EXPECT_EQ(Evaluation(w.model, q1_day(2)).owner_progress(Owner::of_person(w.bob), w.q1), 1.0);
  EXPECT_EQ(Evaluation(w.model, q1_day(2)).unit_progress(w.other_team, w.q1), 0.0);
  EXPECT_EQ(Evaluation(w.model, q1_day(1)).unit_progress(w.other_team, w.q1), 1.0);
}

TEST(DomainRollupUnit, ObjectiveMovedAwayAndBackCountsOnce) {
  World w;
  const ObjectiveId moving = objective_at(w, 1, 1);
  objective_at(w, 0, 1);
  w.edit(
      moving, [&](Objective& o) { o.period = w.q2; }, q1_day(1));
  EXPECT_EQ(Evaluation(w.model, q1_day(1)).unit_progress(w.team, w.q1), 0.0);
  EXPECT_EQ(Evaluation(w.model, q1_day(1)).unit_progress(w.team, w.q2), 1.0);
  w.edit(
      moving, [&](Objective& o) { o.period = w.q1; }, q1_day(2));
  EXPECT_EQ(Evaluation(w.model, q1_day(2)).unit_progress(w.team, w.q1), 0.5);
  EXPECT_EQ(Evaluation(w.model, q1_day(2)).unit_progress(w.team, w.q2), 0.0);
  const auto listed = w.model.objectives_in(w.q1);
  EXPECT_EQ(std::count(listed.begin(), listed.end(), moving), 1);
}

// The same bookkeeping serves the per-owner rule of engagement: an objective
// moved to another owner and back is still one objective of its owner.
TEST(DomainRollupUnit, ObjectiveMovedToAnotherOwnerAndBackCountsOnce) {
  World w;
  const ObjectiveId moving = w.objective();
  w.objective();
  w.objective();  // the team owns 3: the limit, no warning
  auto over_limit = [&] {
    for (const Warning& warning : w.model.warnings(moving)) {
      if (warning.rule == RuleId::kMaxObjectivesPerOwner) return true;
    }
    return false;
  };
  EXPECT_FALSE(over_limit());
  w.edit(
      moving, [&](Objective& o) { o.owner = Owner::of_unit(w.other_team); }, q1_day(1));
  w.edit(
      moving, [&](Objective& o) { o.owner = Owner::of_unit(w.team); }, q1_day(2));
  EXPECT_FALSE(over_limit());
  w.objective();  // a fourth: now over the limit
  EXPECT_TRUE(over_limit());
}

// ---- update_from: exactly the node and its ancestors ----------------------------------

// Builds, directly on a graph:
//   o0                                 (top)
//   o1 → o0, o2 ⇢ o0 (supporting), o5 → o1, o6 → o0 and o6 → o1 (diamond)
//   k0, k1 of o1 (k0 sums its children); o3 → k0; k2 of o3; o4 → o3;
//   k3 of o4 → k0 (cascaded); k4 of o2
struct SmallGraph {
  AlignmentGraph graph;
  Rollup rollup{graph};
  std::vector<ObjectiveId> o;
  std::vector<KeyResultId> k;
  std::uint32_t links = 0;

  SmallGraph() {
    for (std::uint32_t i = 0; i < 7; ++i) {
      o.push_back(ObjectiveId{i});
      graph.add_objective(o.back());
      rollup.set_objective(o.back(), {ProgressMode::kCombined, 0, false});
    }
    const std::uint32_t owners[] = {1, 1, 3, 4, 2};
    for (std::uint32_t i = 0; i < 5; ++i) {
      k.push_back(KeyResultId{i});
      graph.add_key_result(k.back(), o[owners[i]]);
      Rollup::KeyResultInputs in;
      in.start = 0;
      in.target = 100;
      in.source = i == 0 ? ProgressSource::kSum : ProgressSource::kCheckIns;
      rollup.set_key_result(k.back(), in);
    }
    link(NodeRef::of(o[1]), NodeRef::of(o[0]), true);
    link(NodeRef::of(o[2]), NodeRef::of(o[0]), false);
    link(NodeRef::of(o[5]), NodeRef::of(o[1]), true);
    link(NodeRef::of(o[6]), NodeRef::of(o[0]), true);
    link(NodeRef::of(o[6]), NodeRef::of(o[1]), true);
    link(NodeRef::of(o[3]), NodeRef::of(k[0]), true);
    link(NodeRef::of(o[4]), NodeRef::of(o[3]), true);
    link(NodeRef::of(k[3]), NodeRef::of(k[0]), true);
    rollup.recompute_all();
  }
  void link(NodeRef child, NodeRef parent, bool contributes) {
    ASSERT_TRUE(graph.check_link(child, parent)) << to_string(child) << " → " << to_string(parent);
    graph.add_link(LinkId{links++}, child, parent, 1, contributes);
  }
  void measure(KeyResultId id, double value) {
    Measurement m;
    m.value = value;
    rollup.set_measurement(id, m);
  }
};

std::set<std::string> names(const std::vector<NodeRef>& nodes) {
  std::set<std::string> out;
  for (NodeRef n : nodes) out.insert(to_string(n));
  return out;
}

// Every node of `order` comes after each of its contributing children in `order`.
void expect_children_first(const SmallGraph& g, const std::vector<NodeRef>& order) {
  auto position = [&](NodeRef n) {
    return std::find(order.begin(), order.end(), n) - order.begin();
  };
  for (std::size_t i = 0; i < order.size(); ++i) {
    const NodeRef n = order[i];
    if (!n.is_objective()) {
      const NodeRef up = NodeRef::of(g.graph.objective_of(n.key_result()));
      EXPECT_LT(position(n), position(up)) << to_string(n);
    }
    for (LinkId l : g.graph.parent_links(n)) {
      const AlignmentGraph::Edge& e = g.graph.edge(l);
      if (e.contributes) {
        EXPECT_LT(position(n), position(e.parent)) << to_string(n);
      }
    }
  }
}

TEST(DomainRollupUpdateFrom, ReturnsExactlyTheNodeAndItsAncestors) {
  struct Case {
    NodeRef from;
    std::set<std::string> expected;
  };
  SmallGraph g;
  const Case cases[] = {
      {NodeRef::of(g.k[2]),
       {"key_result/2", "objective/3", "key_result/0", "objective/1", "objective/0"}},
      {NodeRef::of(g.k[3]),
       {"key_result/3", "objective/4", "objective/3", "key_result/0", "objective/1",
        "objective/0"}},
      {NodeRef::of(g.k[1]), {"key_result/1", "objective/1", "objective/0"}},
      {NodeRef::of(g.o[6]), {"objective/6", "objective/1", "objective/0"}},
      {NodeRef::of(g.o[5]), {"objective/5", "objective/1", "objective/0"}},
      // A supporting link is not followed: o2 rolls up into nothing.
      {NodeRef::of(g.o[2]), {"objective/2"}},
      {NodeRef::of(g.k[4]), {"key_result/4", "objective/2"}},
      {NodeRef::of(g.o[0]), {"objective/0"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(to_string(c.from));
    const std::vector<NodeRef> order = g.rollup.update_from(c.from);
    ASSERT_FALSE(order.empty());
    EXPECT_EQ(order.front(), c.from);
    EXPECT_EQ(names(order), c.expected);
    EXPECT_EQ(order.size(), c.expected.size()) << "a node was computed twice";
    expect_children_first(g, order);
  }
}

TEST(DomainRollupUpdateFrom, LeavesEveryOtherNodeUntouched) {
  SmallGraph g;
  // Two changes, but only k2's is propagated: k1's new value must stay invisible,
  // which shows that k1 (not an ancestor of k2) was not recomputed.
  g.measure(g.k[1], 100);
  g.measure(g.k[2], 100);
  g.rollup.update_from(NodeRef::of(g.k[2]));
  EXPECT_EQ(g.rollup.key_result(g.k[2]).progress, 1.0);
  EXPECT_EQ(g.rollup.key_result(g.k[1]).progress, 0.0);
  EXPECT_EQ(g.rollup.objective(g.o[3]).progress, 0.5);  // combined: k2 1 and o4 0
  EXPECT_EQ(g.rollup.objective(g.o[4]).progress, 0.0);  // a child, not an ancestor
  EXPECT_EQ(g.rollup.key_result(g.k[0]).current, 0.0);  // sums k3 only: o3 does not add
  EXPECT_EQ(g.rollup.objective(g.o[1]).progress, 0.0);  // k0 0, k1 still 0, o5 0, o6 0
  // Now propagate k1: o1 = mean(k0 0, k1 1, o5 0, o6 0) = 0.25.
  g.rollup.update_from(NodeRef::of(g.k[1]));
  EXPECT_EQ(g.rollup.objective(g.o[1]).progress, 0.25);
  // o0 combined: o1 0.25 and o6 0 (o2 only supports) → 0.125.
  EXPECT_EQ(g.rollup.objective(g.o[0]).progress, 0.125);
}

TEST(DomainRollupUpdateFrom, AgreesWithAFullRecompute) {
  SmallGraph g;
  g.measure(g.k[1], 40);
  g.rollup.update_from(NodeRef::of(g.k[1]));
  g.measure(g.k[3], 70);
  g.rollup.update_from(NodeRef::of(g.k[3]));
  g.measure(g.k[2], 10);
  g.rollup.update_from(NodeRef::of(g.k[2]));

  Rollup fresh(g.graph);
  for (ObjectiveId id : g.o) fresh.set_objective(id, g.rollup.objective_inputs(id));
  for (KeyResultId id : g.k) fresh.set_key_result(id, g.rollup.key_result_inputs(id));
  Measurement m;
  m.value = 40;
  fresh.set_measurement(g.k[1], m);
  m.value = 70;
  fresh.set_measurement(g.k[3], m);
  m.value = 10;
  fresh.set_measurement(g.k[2], m);
  fresh.recompute_all();
  for (ObjectiveId id : g.o) {
    SCOPED_TRACE(to_string(NodeRef::of(id)));
    EXPECT_EQ(fresh.objective(id).progress, g.rollup.objective(id).progress);
    EXPECT_EQ(fresh.objective(id).started, g.rollup.objective(id).started);
  }
  for (KeyResultId id : g.k) {
    SCOPED_TRACE(to_string(NodeRef::of(id)));
    EXPECT_EQ(fresh.key_result(id).current, g.rollup.key_result(id).current);
    EXPECT_EQ(fresh.key_result(id).progress, g.rollup.key_result(id).progress);
  }
  // k0 sums k3 (70 − 0): 0.7; o3 combined of k2 0.1 and o4 (k3 0.7) → 0.4.
  EXPECT_EQ(g.rollup.key_result(g.k[0]).current, 70.0);
  EXPECT_EQ(g.rollup.objective(g.o[4]).progress, 0.7);
  EXPECT_EQ(g.rollup.objective(g.o[3]).progress, (0.1 + 0.7) / 2);
}

TEST(DomainRollupUpdateFrom, ModelRecomputesAncestorsOnEveryKindOfChange) {
  // Each command changes one node; the top objective, three levels up, must see it.
  World w;
  const ObjectiveId top = w.objective(ProgressMode::kChildren);
  const ObjectiveId mid = w.objective(ProgressMode::kKeyResults);
  const KeyResultId fed = w.metric(mid, 0, 100, 1, ProgressSource::kChildren);
  const ObjectiveId leaf = w.objective();
  const KeyResultId a = w.metric(leaf, 0, 100);
  const KeyResultId b = w.metric(leaf, 0, 100);
  w.link(NodeRef::of(mid), NodeRef::of(top));
  const LinkId leaf_link = w.link(NodeRef::of(leaf), NodeRef::of(fed));
  EXPECT_EQ(w.P(top), 0.0);
  const ObjectiveId spare = objective_at(w, 0.75);
  EXPECT_EQ(w.P(top), 0.0);
  w.check_in(a, 100, q1_day(1));  // a check-in
  EXPECT_EQ(w.P(top), 0.5);
  w.edit(
      b, [](KeyResult& kr) { kr.weight = 0; }, q1_day(2));  // a key result weight
  EXPECT_EQ(w.P(top), 1.0);
  w.archive(b, q1_day(3));  // an archived key result (weight 0, p 0): no change
  EXPECT_EQ(w.P(top), 1.0);
  w.archive(a, q1_day(4));  // an archived key result: the leaf has none left
  EXPECT_EQ(w.P(top), 0.0);
  must(w.model.remove_link(leaf_link, q1_day(5)));  // a removed link
  EXPECT_EQ(w.P(top), 0.0);
  const LinkId spare_link = w.link(NodeRef::of(spare), NodeRef::of(fed), 1, true, q1_day(6));
  EXPECT_EQ(w.P(top), 0.75);                                   // a new link
  must(w.model.update_link(spare_link, 1, false, q1_day(7)));  // made supporting
  EXPECT_EQ(w.P(top), 0.0);
  must(w.model.update_link(spare_link, 2, true, q1_day(8)));  // contributing again
  EXPECT_EQ(w.P(top), 0.75);
  w.set_manual(spare, 0.25, q1_day(9));  // a manual value
  EXPECT_EQ(w.P(top), 0.25);
  w.archive(spare, q1_day(10));  // an archived objective
  EXPECT_EQ(w.P(top), 0.0);
}

}  // namespace
