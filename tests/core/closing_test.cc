// DOMAIN.md "Closing a period, scoring": closing freezes every key result's
// score at p rounded to two decimals, scores the objective by its progress mode,
// refuses later check-ins, and overrides replace a computed score while keeping it.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "core/evaluation.h"
#include "core/scoring.h"
#include "model_fixture.h"

namespace cairn::core {
namespace {

using model_testing::expect_refused;
using model_testing::kInf;
using model_testing::kNaN;
using model_testing::kQ1End;
using model_testing::must;
using model_testing::Org;
using model_testing::q1_day;

ScoreOverride override_of(double score, std::string reason = "the market moved under us") {
  ScoreOverride o;
  o.score = score;
  o.reason = std::move(reason);
  return o;
}

TEST(CloseObjective, FreezesEachKeyResultScoreAtPRoundedToTwoDecimals) {
  struct Case {
    const char* what;
    KeyResultKind kind;
    double start, target, low, high;
    std::vector<Milestone> milestones;
    std::optional<Measurement> measurement;  // checked in on day 60; none: no check-in
    double score;
    bool graded_done;
  };
  auto value = [](double v) {
    Measurement m;
    m.value = v;
    return std::optional<Measurement>(m);
  };
  const std::vector<Milestone> steps{{"Design", 1}, {"Beta", 2}, {"Launch", 3}};
  const Case cases[] = {
      {"metric 0→100 at 67.4", KeyResultKind::kMetric, 0, 100, 0, 0, {}, value(67.4), 0.67, false},
      {"metric 0→100 at 67.5", KeyResultKind::kMetric, 0, 100, 0, 0, {}, value(67.5), 0.68, false},
      {"metric 0→100 at 69.4", KeyResultKind::kMetric, 0, 100, 0, 0, {}, value(69.4), 0.69, false},
      {"metric 0→100 at 100", KeyResultKind::kMetric, 0, 100, 0, 0, {}, value(100), 1.0, true},
      {"metric 0→100 at 120 (clamped)",
       KeyResultKind::kMetric,
       0,
       100,
       0,
       0,
       {},
       value(120),
       1.0,
       true},
      {"metric 0→100 at 99.6: rounds to 1 but is not done",
       KeyResultKind::kMetric,
       0,
       100,
       0,
       0,
       {},
       value(99.6),
       1.0,
       false},
      {"metric 0→100 at -10 (clamped)",
       KeyResultKind::kMetric,
       0,
       100,
       0,
       0,
       {},
       value(-10),
       0.0,
       false},
      {"metric 0→100, no check-in",
       KeyResultKind::kMetric,
       0,
       100,
       0,
       0,
       {},
       std::nullopt,
       0.0,
       false},
      {"metric 200→300 at 233.3",
       KeyResultKind::kMetric,
       200,
       300,
       0,
       0,
       {},
       value(233.3),
       0.33,
       false},
      {"decreasing 50→20 at 30", KeyResultKind::kMetric, 50, 20, 0, 0, {}, value(30), 0.67, false},
      {"decreasing 50→20 at 20", KeyResultKind::kMetric, 50, 20, 0, 0, {}, value(20), 1.0, true},
      {"decreasing 50→20 at 60", KeyResultKind::kMetric, 50, 20, 0, 0, {}, value(60), 0.0, false},
      {"boolean done", KeyResultKind::kBoolean, 0, 0, 0, 0, {}, Org::done(true), 1.0, true},
      {"boolean not done", KeyResultKind::kBoolean, 0, 0, 0, 0, {}, Org::done(false), 0.0, false},
      {"boolean, no check-in", KeyResultKind::kBoolean, 0, 0, 0, 0, {}, std::nullopt, 0.0, false},
      {"milestones 1+2 of 1,2,3", KeyResultKind::kMilestones, 0, 0, 0, 0, steps,
       Org::reached(0b011), 0.5, false},
      {"milestone 3 of 1,2,3", KeyResultKind::kMilestones, 0, 0, 0, 0, steps, Org::reached(0b100),
       0.5, false},
      {"milestone 1 of 1,2,3", KeyResultKind::kMilestones, 0, 0, 0, 0, steps, Org::reached(0b001),
       0.17, false},
      {"all milestones", KeyResultKind::kMilestones, 0, 0, 0, 0, steps, Org::reached(0b111), 1.0,
       true},
      {"band 100–200 at 150", KeyResultKind::kBand, 0, 0, 100, 200, {}, value(150), 1.0, true},
      {"band 100–200 at 200", KeyResultKind::kBand, 0, 0, 100, 200, {}, value(200), 1.0, true},
      {"band 100–200 at 250", KeyResultKind::kBand, 0, 0, 100, 200, {}, value(250), 0.0, false},
      {"band, no check-in", KeyResultKind::kBand, 0, 0, 100, 200, {}, std::nullopt, 0.0, false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    Org org;
    const ObjectiveId o = org.objective();
    KeyResult kr = org.metric_spec(o, c.start, c.target);
    kr.kind = c.kind;
    if (c.kind != KeyResultKind::kMetric) kr.target.reset();
    kr.low = c.low;
    kr.high = c.high;
    kr.milestones = c.milestones;
    const KeyResultId id = org.add(kr);
    if (c.measurement) org.check_in(id, *c.measurement, q1_day(60));

    const ClosedObjective closed = must(org.model.close_objective(o, kQ1End));
    const KeyResult& frozen = *org.model.key_result(id);
    ASSERT_TRUE(frozen.score.has_value());
    EXPECT_EQ(*frozen.score, c.score);
    EXPECT_EQ(frozen.graded_done, c.graded_done);
    EXPECT_FALSE(frozen.score_override.has_value());
    EXPECT_EQ(frozen.effective_score(), c.score);
    // One key result of weight 1: the objective's score is the key result's.
    EXPECT_EQ(closed.id, o);
    EXPECT_EQ(closed.score, c.score);
    EXPECT_EQ(org.model.objective(o)->score, c.score);
    EXPECT_EQ(org.model.objective(o)->state, ObjectiveState::kClosed);
    EXPECT_EQ(org.model.objective(o)->closed_at, kQ1End);
    const KeyResultView view = Evaluation(org.model, kQ1End).key_result_view(id);
    EXPECT_EQ(view.score, c.score);
    EXPECT_EQ(view.graded_done, c.graded_done);
  }
}

TEST(CloseObjective, ScoreIsTheScoreAtTheCloseInstantNotLater) {
  Org org;
  const ObjectiveId o = org.objective();
  const KeyResultId kr = org.metric(o, 0, 100);
  org.check_in(kr, 40, q1_day(30));
  org.check_in(kr, 67.4, q1_day(80));
  must(org.model.close_objective(o, kQ1End));
  EXPECT_EQ(*org.model.key_result(kr)->score, 0.67);
  // As of before the close the key result had no score and was not closed.
  const KeyResultView before = Evaluation(org.model, kQ1End - 1).key_result_view(kr);
  EXPECT_FALSE(before.score.has_value());
  EXPECT_NE(before.status, Status::kClosed);
  EXPECT_DOUBLE_EQ(before.progress, 0.674);
}

TEST(CloseObjective, ObjectiveScoreIsTheWeightedMeanOfTheFrozenKeyResultScores) {
  struct Item {
    double p;  // reached with a metric 0 → 1000
    double weight;
    bool archived = false;
  };
  const struct {
    const char* what;
    std::vector<Item> items;
    double score;
  } cases[] = {
      // Mean of scores (0.67·1 + 0.33·2) / 3 = 0.4433 → 0.44; the mean of p would give 0.45.
      {"means the rounded scores, not p", {{0.674, 1}, {0.3334, 2}}, 0.44},
      {"equal weights", {{1.0, 1}, {0.5, 1}}, 0.75},
      {"weights 3 and 1", {{1.0, 3}, {0.0, 1}}, 0.75},
      {"weights 1 and 3", {{1.0, 1}, {0.0, 3}}, 0.25},
      {"all weights 0: the plain mean", {{0.6, 0}, {0.8, 0}}, 0.7},
      {"a weight of 0 counts nothing beside a positive one", {{0.2, 0}, {0.9, 1}}, 0.9},
      {"0.7 three times is 0.7, not 0.6999…", {{0.7, 1}, {0.7, 1}, {0.7, 1}}, 0.7},
      // scores 0.67, 0.67, 0.68 → 0.6733 → 0.67; the mean of p (0.6782) would give 0.68.
      {"three rounded-down scores", {{0.6749, 1}, {0.6749, 1}, {0.6849, 1}}, 0.67},
      {"an archived key result takes no part", {{1.0, 1}, {0.0, 5, true}}, 1.0},
      {"no key results", {}, 0.0},
      {"only archived key results", {{0.9, 1, true}}, 0.0},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    Org org;
    const ObjectiveId o = org.objective();
    std::vector<KeyResultId> ids;
    for (const Item& item : c.items) {
      const KeyResultId id = org.metric(o, 0, 1000, item.weight);
      org.check_in(id, item.p * 1000, q1_day(50));
      if (item.archived) {
        KeyResult kr = *org.model.key_result(id);
        kr.archived = true;
        must(org.model.update_key_result(kr, q1_day(51)));
      }
      ids.push_back(id);
    }
    const ClosedObjective closed = must(org.model.close_objective(o, kQ1End));
    EXPECT_EQ(closed.score, c.score);
    EXPECT_EQ(org.model.objective(o)->score, c.score);
    EXPECT_EQ(Evaluation(org.model, kQ1End).objective_view(o).score, c.score);
    for (std::size_t i = 0; i < c.items.size(); ++i) {
      // An archived key result is not scored.
      EXPECT_EQ(org.model.key_result(ids[i])->score.has_value(), !c.items[i].archived) << i;
    }
  }
}

TEST(CloseObjective, ChildrenModeMeansTheChildrensScoresByLinkWeight) {
  Org org;
  const ObjectiveId parent = org.objective("Win the enterprise market", ProgressMode::kChildren,
                                           org.year, Owner::of_unit(org.company));
  const ObjectiveId a = org.objective("Enterprise customers love onboarding");
  const ObjectiveId b = org.objective("Enterprise deals close faster");
  const ObjectiveId ignored = org.objective("Supporting only");
  const ObjectiveId archived = org.objective("Archived child");
  const KeyResultId ka = org.metric(a, 0, 100);
  const KeyResultId kb = org.metric(b, 0, 100);
  const KeyResultId ki = org.metric(ignored, 0, 100);
  const KeyResultId kx = org.metric(archived, 0, 100);
  org.link(NodeRef::of(a), NodeRef::of(parent), 1);
  org.link(NodeRef::of(b), NodeRef::of(parent), 3);
  org.link(NodeRef::of(ignored), NodeRef::of(parent), 5, /*contributes=*/false);
  org.link(NodeRef::of(archived), NodeRef::of(parent), 5);
  org.check_in(ka, 40, q1_day(60));
  org.check_in(kb, 80, q1_day(60));
  org.check_in(ki, 0, q1_day(60));
  org.check_in(kx, 0, q1_day(60));
  Objective gone = *org.model.objective(archived);
  gone.state = ObjectiveState::kArchived;
  must(org.model.update_objective(gone, q1_day(61)));

  EXPECT_EQ(must(org.model.close_objective(a, kQ1End)).score, 0.4);
  EXPECT_EQ(must(org.model.close_objective(b, kQ1End)).score, 0.8);
  // (0.4·1 + 0.8·3) / 4 = 0.7; the supporting link and the archived child count nothing.
  const ClosedObjective closed = must(org.model.close_objective(parent, kQ1End + 60));
  EXPECT_EQ(closed.score, 0.7);
  EXPECT_EQ(org.model.objective(parent)->score, 0.7);
}

TEST(CloseObjective, ChildrenModeCountsAnOpenChildAtItsRoundedProgress) {
  Org org;
  const ObjectiveId parent = org.objective("Win the enterprise market", ProgressMode::kChildren,
                                           org.year, Owner::of_unit(org.company));
  const ObjectiveId child = org.objective("Enterprise customers love onboarding");
  const KeyResultId kr = org.metric(child, 0, 1000);
  org.link(NodeRef::of(child), NodeRef::of(parent));
  org.check_in(kr, 456, q1_day(60));
  EXPECT_EQ(must(org.model.close_objective(parent, q1_day(61))).score, 0.46);
  EXPECT_FALSE(org.model.objective(child)->closed());
}

TEST(CloseObjective, CombinedModeMeansKeyResultsAndChildrenTogether) {
  Org org;
  const ObjectiveId parent = org.objective("Win the enterprise market", ProgressMode::kCombined,
                                           org.year, Owner::of_unit(org.company));
  const KeyResultId own = org.metric(parent, 0, 10, /*weight=*/1);
  const ObjectiveId child = org.objective("Enterprise customers love onboarding");
  const KeyResultId kc = org.metric(child, 0, 10);
  org.link(NodeRef::of(child), NodeRef::of(parent), /*weight=*/3);
  org.check_in(own, 10, q1_day(60));  // 1.0
  org.check_in(kc, 6, q1_day(60));    // 0.6
  EXPECT_EQ(must(org.model.close_objective(child, kQ1End)).score, 0.6);
  // (1.0·1 + 0.6·3) / 4 = 0.7
  EXPECT_EQ(must(org.model.close_objective(parent, kQ1End)).score, 0.7);
  EXPECT_EQ(*org.model.key_result(own)->score, 1.0);
  EXPECT_TRUE(org.model.key_result(own)->graded_done);
}

TEST(CloseObjective, ManualModeScoresTheManualProgressRounded) {
  const struct {
    double manual;
    double score;
  } cases[] = {{0.456, 0.46}, {0.0, 0.0}, {1.0, 1.0}, {0.675, 0.68}, {0.694, 0.69}};
  for (const auto& c : cases) {
    Org org;
    Objective o = org.objective_spec();
    o.progress_mode = ProgressMode::kManual;
    o.manual_progress = c.manual;
    const ObjectiveId id = org.add(o);
    const KeyResultId kr = org.metric(id, 0, 10);
    org.check_in(kr, 10, q1_day(60));  // key results do not count in manual mode
    EXPECT_EQ(must(org.model.close_objective(id, kQ1End)).score, c.score) << c.manual;
    EXPECT_EQ(*org.model.key_result(kr)->score, 1.0) << "key results are still frozen";
  }
}

TEST(CloseObjective, SuccessFollowsTheObjectiveType) {
  const struct {
    ObjectiveType type;
    double p;
    const char* retrospective;
    bool success;
  } cases[] = {
      {ObjectiveType::kCommitted, 1.0, "", true},
      {ObjectiveType::kCommitted, 0.99, "", false},
      {ObjectiveType::kCommitted, 0.996, "", true},  // scores 1.00
      {ObjectiveType::kAspirational, 0.7, "", true},
      {ObjectiveType::kAspirational, 0.694, "", false},
      {ObjectiveType::kAspirational, 0.695, "", true},  // scores 0.70
      {ObjectiveType::kLearning, 0.1, "We learnt that nobody reads the newsletter.", true},
      {ObjectiveType::kLearning, 1.0, "", false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(::testing::Message() << static_cast<int>(c.type) << " at " << c.p);
    Org org;
    Objective o = org.objective_spec();
    o.type = c.type;
    o.retrospective_note = c.retrospective;
    const ObjectiveId id = org.add(o);
    const KeyResultId kr = org.metric(id, 0, 1000);
    org.check_in(kr, c.p * 1000, q1_day(60));
    EXPECT_EQ(must(org.model.close_objective(id, kQ1End)).success, c.success);
    EXPECT_EQ(Evaluation(org.model, kQ1End).objective_view(id).success, c.success);
  }
}

TEST(CloseObjective, ALearningObjectiveSucceedsOnceItsRetrospectiveIsWritten) {
  Org org;
  Objective spec = org.objective_spec("Learn what enterprise buyers need");
  spec.type = ObjectiveType::kLearning;
  const ObjectiveId id = org.add(spec);
  org.metric(id, 0, 10);
  EXPECT_FALSE(must(org.model.close_objective(id, kQ1End)).success);
  Objective o = *org.model.objective(id);
  o.retrospective_note = "Buyers need single sign-on before anything else.";
  must(org.model.update_objective(o, kQ1End + 3600));
  EXPECT_TRUE(Evaluation(org.model, kQ1End + 3600).objective_view(id).success);
  EXPECT_FALSE(Evaluation(org.model, kQ1End).objective_view(id).success) << "not yet as of then";
}

TEST(CloseObjective, EvaluationStatusIsClosedAfterwards) {
  Org org;
  const ObjectiveId o = org.objective();
  const KeyResultId a = org.metric(o, 0, 100);
  const KeyResultId b = org.metric(o, 0, 100);
  org.check_in(a, 100, q1_day(60));  // done before closing
  org.check_in(b, 10, q1_day(60));   // at risk before closing
  {
    const Evaluation before(org.model, q1_day(60));
    EXPECT_EQ(before.key_result_view(a).status, Status::kDone);
    EXPECT_EQ(before.key_result_view(b).status, Status::kAtRisk);
  }
  must(org.model.close_objective(o, q1_day(70)));
  for (Instant t : {q1_day(70), q1_day(80), kQ1End + 86400 * 30}) {
    const Evaluation after(org.model, t);
    EXPECT_EQ(after.key_result_view(a).status, Status::kClosed);
    EXPECT_EQ(after.key_result_view(b).status, Status::kClosed);
    EXPECT_EQ(after.objective_view(o).status, Status::kClosed);
    EXPECT_EQ(after.objective_view(o).score, 0.55);
  }
  // Before: P = 0.55 against e = 68.5 / 90 = 0.76, a gap of 0.21.
  EXPECT_EQ(Evaluation(org.model, q1_day(69)).objective_view(o).status, Status::kBehind);
  EXPECT_FALSE(Evaluation(org.model, q1_day(69)).objective_view(o).score.has_value());
}

TEST(CloseObjective, AClosedObjectiveRefusesCheckInsAndEdits) {
  Org org;
  const ObjectiveId o = org.objective();
  const KeyResultId kr = org.metric(o, 0, 100);
  const CheckInId first = org.check_in(kr, 30, q1_day(60));
  must(org.model.close_objective(o, kQ1End));
  const Model& m = org.model;

  expect_refused(
      m, [&] { return org.model.add_check_in(org.check_in_spec(kr, 90, kQ1End), kQ1End + 60); },
      ErrorCode::kClosed, "");
  expect_refused(
      m, [&] { return org.model.add_check_in(org.check_in_spec(kr, 90, q1_day(70)), kQ1End + 60); },
      ErrorCode::kClosed, "");
  expect_refused(
      m, [&] { return org.model.delete_check_in(first, kQ1End + 60); }, ErrorCode::kClosed, "");
  expect_refused(
      m, [&] { return org.model.add_key_result(org.metric_spec(o, 0, 5), kQ1End + 60); },
      ErrorCode::kClosed, "");
  expect_refused(
      m,
      [&] {
        KeyResult edit = *org.model.key_result(kr);
        edit.target = 50;
        return org.model.update_key_result(edit, kQ1End + 60);
      },
      ErrorCode::kClosed, "");
  expect_refused(
      m,
      [&] {
        Objective edit = *org.model.objective(o);
        edit.weight = 3;
        return org.model.update_objective(edit, kQ1End + 60);
      },
      ErrorCode::kClosed, "");
  expect_refused(
      m,
      [&] {
        Objective edit = *org.model.objective(o);
        edit.state = ObjectiveState::kActive;  // reopening
        return org.model.update_objective(edit, kQ1End + 60);
      },
      ErrorCode::kClosed, "");
  expect_refused(
      m, [&] { return org.model.close_objective(o, kQ1End + 60); }, ErrorCode::kClosed, "");
  EXPECT_EQ(*org.model.key_result(kr)->score, 0.3);
}

TEST(CloseObjective, RefusesUnknownAndArchivedObjectivesAndClosingByUpdate) {
  Org org;
  const ObjectiveId o = org.objective();
  org.metric(o, 0, 100);
  const Model& m = org.model;
  expect_refused(
      m, [&] { return org.model.close_objective(ObjectiveId{99}, kQ1End); }, ErrorCode::kNotFound,
      "");
  expect_refused(
      m, [&] { return org.model.close_objective(ObjectiveId{}, kQ1End); }, ErrorCode::kNotFound,
      "");
  expect_refused(
      m,
      [&] {
        Objective edit = *org.model.objective(o);
        edit.state = ObjectiveState::kClosed;  // only the close command scores
        return org.model.update_objective(edit, kQ1End);
      },
      ErrorCode::kInvalid, "state");
  Objective gone = *org.model.objective(o);
  gone.state = ObjectiveState::kArchived;
  must(org.model.update_objective(gone, q1_day(10)));
  expect_refused(
      m, [&] { return org.model.close_objective(o, kQ1End); }, ErrorCode::kInvalid, "state");
}

TEST(ClosePeriod, ClosesEveryObjectiveOfThePeriodChildrenBeforeParents) {
  Org org;
  // The parent is created first, so creation order would close it first.
  const ObjectiveId parent = org.objective("Win the enterprise market", ProgressMode::kChildren);
  const ObjectiveId child = org.objective("Enterprise customers love onboarding");
  Objective aspirational = org.objective_spec("Be the fastest tool on the market");
  aspirational.type = ObjectiveType::kAspirational;
  aspirational.owner = Owner::of_person(org.cy);
  const ObjectiveId other = org.add(aspirational);
  const ObjectiveId next_quarter = org.objective("Next quarter", ProgressMode::kKeyResults, org.q2);
  const ObjectiveId archived = org.objective("Archived");
  const ObjectiveId closed_early = org.objective("Closed early");
  org.link(NodeRef::of(child), NodeRef::of(parent));
  // Child key results at p = 0.6749, 0.6749, 0.6849: scores 0.67, 0.67, 0.68 → 0.67,
  // while the child's P (0.6782) rounds to 0.68. The parent sees 0.67 only when
  // the child was closed first.
  for (double value : {6749.0, 6749.0, 6849.0}) {
    org.check_in(org.metric(child, 0, 10000), value, q1_day(60));
  }
  org.check_in(org.metric(other, 0, 10), 7, q1_day(60));
  org.metric(next_quarter, 0, 10);
  org.metric(archived, 0, 10);
  org.check_in(org.metric(closed_early, 0, 10), 5, q1_day(60));
  Objective gone = *org.model.objective(archived);
  gone.state = ObjectiveState::kArchived;
  must(org.model.update_objective(gone, q1_day(61)));
  must(org.model.close_objective(closed_early, q1_day(62)));
  ASSERT_EQ(round_score(org.progress(child)), 0.68) << "the premise of the test";

  const std::vector<ClosedObjective> closed = must(org.model.close_period(org.q1, kQ1End));
  ASSERT_EQ(closed.size(), 3u) << "the archived, the already closed and Q2's are left out";
  // The child comes before its parent.
  std::vector<ObjectiveId> order;
  for (const ClosedObjective& c : closed) order.push_back(c.id);
  const auto at = [&](ObjectiveId id) { return std::find(order.begin(), order.end(), id); };
  ASSERT_NE(at(child), order.end());
  ASSERT_NE(at(parent), order.end());
  ASSERT_NE(at(other), order.end());
  EXPECT_LT(at(child), at(parent));
  for (const ClosedObjective& c : closed) {
    if (c.id == child) {
      EXPECT_EQ(c.score, 0.67);
      EXPECT_FALSE(c.success) << "committed below 1";
    } else if (c.id == parent) {
      EXPECT_EQ(c.score, 0.67) << "scored from the child's frozen score";
      EXPECT_FALSE(c.success);
    } else {
      EXPECT_EQ(c.score, 0.7);
      EXPECT_TRUE(c.success) << "aspirational at 0.7";
    }
    EXPECT_EQ(org.model.objective(c.id)->effective_score(), c.score);
    EXPECT_EQ(org.model.objective(c.id)->closed_at, kQ1End);
  }
  EXPECT_EQ(org.model.period(org.q1)->closed_at, kQ1End);
  EXPECT_EQ(org.model.objective(archived)->state, ObjectiveState::kArchived);
  EXPECT_FALSE(org.model.objective(archived)->score.has_value());
  EXPECT_EQ(org.model.objective(closed_early)->closed_at, q1_day(62));
  EXPECT_EQ(org.model.objective(closed_early)->score, 0.5);
  EXPECT_EQ(org.model.objective(next_quarter)->state, ObjectiveState::kActive);
  EXPECT_FALSE(org.model.period(org.q2)->closed_at.has_value());

  const Evaluation after(org.model, kQ1End);
  EXPECT_EQ(after.objective_view(child).status, Status::kClosed);
  EXPECT_EQ(after.objective_view(parent).status, Status::kClosed);
  EXPECT_EQ(after.period(org.q1)->state_at(kQ1End), PeriodState::kClosed);
}

TEST(ClosePeriod, AClosedPeriodRefusesNewWork) {
  Org org;
  const ObjectiveId o = org.objective();
  const KeyResultId kr = org.metric(o, 0, 100);
  org.check_in(kr, 50, q1_day(30));
  must(org.model.close_period(org.q1, kQ1End));
  const Model& m = org.model;
  expect_refused(
      m, [&] { return org.model.close_period(org.q1, kQ1End + 60); }, ErrorCode::kClosed, "");
  expect_refused(
      m, [&] { return org.model.add_objective(org.objective_spec(), kQ1End + 60); },
      ErrorCode::kClosed, "");
  expect_refused(
      m, [&] { return org.model.add_check_in(org.check_in_spec(kr, 60, kQ1End), kQ1End + 60); },
      ErrorCode::kClosed, "");
  expect_refused(
      m,
      [&] {
        Period p = *org.model.period(org.q1);
        p.name = "Q1 2026 (renamed)";
        return org.model.update_period(p, kQ1End + 60);
      },
      ErrorCode::kClosed, "");
  expect_refused(
      m, [&] { return org.model.close_period(PeriodId{42}, kQ1End); }, ErrorCode::kNotFound, "");
}

TEST(ClosePeriod, AnEmptyPeriodClosesWithNoObjectives) {
  Org org;
  const std::vector<ClosedObjective> closed = must(org.model.close_period(org.q2, kQ1End));
  EXPECT_TRUE(closed.empty());
  EXPECT_EQ(org.model.period(org.q2)->closed_at, kQ1End);
}

class ScoreOverrideTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Objective spec = org_.objective_spec();
    spec.type = ObjectiveType::kCommitted;
    objective_ = org_.add(spec);
    a_ = org_.metric(objective_, 0, 1000);
    b_ = org_.metric(objective_, 0, 1000);
    org_.check_in(a_, 674, q1_day(60));  // 0.67
    org_.check_in(b_, 334, q1_day(60));  // 0.33
  }
  void close() {
    const ClosedObjective closed = must(org_.model.close_objective(objective_, kQ1End));
    ASSERT_EQ(closed.score, 0.5);
  }

  Org org_;
  ObjectiveId objective_;
  KeyResultId a_, b_;
};

TEST_F(ScoreOverrideTest, IsRefusedBeforeTheObjectiveIsClosed) {
  const Model& m = org_.model;
  expect_refused(
      m, [&] { return org_.model.override_key_result_score(a_, override_of(0.9), q1_day(70)); },
      ErrorCode::kInvalid, "score");
  expect_refused(
      m,
      [&] { return org_.model.override_objective_score(objective_, override_of(0.9), q1_day(70)); },
      ErrorCode::kInvalid, "score");
  EXPECT_FALSE(org_.model.key_result(a_)->score_override.has_value());
  EXPECT_FALSE(org_.model.objective(objective_)->score_override.has_value());
}

TEST_F(ScoreOverrideTest, NeedsAReasonAndAScoreInTheUnitInterval) {
  close();
  const struct {
    double score;
    std::string reason;
    const char* field;
  } cases[] = {
      {0.9, "", "reason"},          {0.9, "   ", "reason"},
      {0.9, " \t\r\n", "reason"},   {0.9, std::string(10'001, 'x'), "reason"},
      {-0.01, "a reason", "score"}, {1.01, "a reason", "score"},
      {-1, "a reason", "score"},    {2, "a reason", "score"},
      {kNaN, "a reason", "score"},  {kInf, "a reason", "score"},
      {-kInf, "a reason", "score"},
  };
  const Model& m = org_.model;
  for (const auto& c : cases) {
    SCOPED_TRACE(::testing::Message() << c.score << " \"" << c.reason.substr(0, 10) << '"');
    expect_refused(
        m,
        [&] {
          return org_.model.override_key_result_score(a_, override_of(c.score, c.reason),
                                                      kQ1End + 60);
        },
        ErrorCode::kInvalid, c.field);
    expect_refused(
        m,
        [&] {
          return org_.model.override_objective_score(objective_, override_of(c.score, c.reason),
                                                     kQ1End + 60);
        },
        ErrorCode::kInvalid, c.field);
  }
  expect_refused(
      m,
      [&] {
        return org_.model.override_key_result_score(KeyResultId{77}, override_of(0.5), kQ1End);
      },
      ErrorCode::kNotFound, "");
  expect_refused(
      m,
      [&] {
        return org_.model.override_objective_score(ObjectiveId{77}, override_of(0.5), kQ1End);
      },
      ErrorCode::kNotFound, "");
  // The edges of the interval and a reason of exactly 10,000 characters are fine.
  must(org_.model.override_key_result_score(a_, override_of(0.0), kQ1End + 60));
  must(org_.model.override_key_result_score(a_, override_of(1.0), kQ1End + 61));
  must(org_.model.override_objective_score(objective_, override_of(1.0, std::string(10'000, 'x')),
                                           kQ1End + 62));
}

TEST_F(ScoreOverrideTest, AKeyResultOverrideReplacesTheScoreEverywhereAndKeepsBoth) {
  close();
  ScoreOverride by_ada = override_of(0.87, "The last deal signed a day late.");
  by_ada.by = org_.ada;
  must(org_.model.override_key_result_score(a_, by_ada, kQ1End + 3600));

  const KeyResult& kr = *org_.model.key_result(a_);
  EXPECT_EQ(kr.score, 0.67) << "the computed score is kept";
  ASSERT_TRUE(kr.score_override.has_value());
  EXPECT_EQ(kr.score_override->score, 0.87);
  EXPECT_EQ(kr.score_override->reason, "The last deal signed a day late.");
  EXPECT_EQ(kr.score_override->by, org_.ada);
  EXPECT_EQ(kr.score_override->at, kQ1End + 3600);
  EXPECT_EQ(kr.effective_score(), 0.87);
  // The objective's computed score follows: (0.87 + 0.33) / 2 = 0.6.
  const Objective& o = *org_.model.objective(objective_);
  EXPECT_EQ(o.score, 0.6);
  EXPECT_FALSE(o.score_override.has_value());

  const Evaluation now(org_.model, kQ1End + 3600);
  EXPECT_EQ(now.key_result_view(a_).score, 0.87);
  EXPECT_EQ(now.objective_view(objective_).score, 0.6);
  // As of before the override, the computed scores hold.
  const Evaluation then(org_.model, kQ1End);
  EXPECT_EQ(then.key_result_view(a_).score, 0.67);
  EXPECT_EQ(then.objective_view(objective_).score, 0.5);

  // A second override replaces the first.
  must(org_.model.override_key_result_score(b_, override_of(1.0), kQ1End + 7200));
  must(org_.model.override_key_result_score(a_, override_of(1.0), kQ1End + 7200));
  EXPECT_EQ(org_.model.key_result(a_)->effective_score(), 1.0);
  EXPECT_EQ(org_.model.objective(objective_)->score, 1.0);
  EXPECT_TRUE(Evaluation(org_.model, kQ1End + 7200).objective_view(objective_).success)
      << "a committed objective at 1.0 succeeds";
}

TEST_F(ScoreOverrideTest, AnObjectiveOverrideReplacesItsScoreAndItsSuccess) {
  close();
  EXPECT_FALSE(Evaluation(org_.model, kQ1End).objective_view(objective_).success);
  must(org_.model.override_objective_score(
      objective_, override_of(1.0, "Scope was cut by the board"), kQ1End + 60));
  const Objective& o = *org_.model.objective(objective_);
  EXPECT_EQ(o.score, 0.5) << "the computed score is kept";
  EXPECT_EQ(o.score_override->score, 1.0);
  EXPECT_EQ(o.score_override->reason, "Scope was cut by the board");
  EXPECT_EQ(o.effective_score(), 1.0);
  const ObjectiveView view = Evaluation(org_.model, kQ1End + 60).objective_view(objective_);
  EXPECT_EQ(view.score, 1.0);
  EXPECT_TRUE(view.success);

  // A key result override afterwards updates the computed score, and the
  // objective's own override still wins.
  must(org_.model.override_key_result_score(b_, override_of(0.67), kQ1End + 120));
  EXPECT_EQ(org_.model.objective(objective_)->score, 0.67);
  EXPECT_EQ(org_.model.objective(objective_)->effective_score(), 1.0);
}

TEST_F(ScoreOverrideTest, AChildsOverrideCountsInItsParentsScore) {
  // The parent (children mode, the year) aligns our objective and is scored from
  // the effective score of its closed child.
  const ObjectiveId parent = org_.objective("Win the enterprise market", ProgressMode::kChildren,
                                            org_.year, Owner::of_unit(org_.company));
  org_.link(NodeRef::of(objective_), NodeRef::of(parent));
  close();
  must(org_.model.override_objective_score(objective_, override_of(0.9), kQ1End + 60));
  EXPECT_EQ(must(org_.model.close_objective(parent, kQ1End + 120)).score, 0.9);
}

TEST_F(ScoreOverrideTest, AnOverrideAfterTheParentClosedUpdatesTheParentsScore) {
  // "The override replaces the computed score everywhere": a parent scored from
  // its children follows a child's later override.
  const ObjectiveId parent = org_.objective("Win the enterprise market", ProgressMode::kChildren,
                                            org_.year, Owner::of_unit(org_.company));
  org_.link(NodeRef::of(objective_), NodeRef::of(parent));
  close();
  EXPECT_EQ(must(org_.model.close_objective(parent, kQ1End + 60)).score, 0.5);
  must(org_.model.override_objective_score(objective_, override_of(0.9), kQ1End + 120));
  EXPECT_EQ(org_.model.objective(parent)->score, 0.9);
  // Through a key result override as well: (0.87 + 0.33) / 2 = 0.6, but the
  // child's own override (0.9) is what the parent sees.
  must(org_.model.override_key_result_score(a_, override_of(0.87), kQ1End + 180));
  EXPECT_EQ(org_.model.objective(parent)->score, 0.9);
  EXPECT_EQ(Evaluation(org_.model, kQ1End + 60).objective_view(parent).score, 0.5)
      << "as of before the override";
}

}  // namespace
}  // namespace cairn::core
