// DOMAIN.md "Expected progress and status": expected progress (linear and
// planned), the status table with its boundaries, confidence, organisation
// thresholds, and staleness.
//
// Floating point at the boundaries: the gap is computed as g = e − p in double
// arithmetic. The boundary rows use values for which that subtraction is exact
// (p = 0, or binary fractions such as 0.75 − 0.5), so "g = 0.10" below means
// the double nearest 0.10, exactly the default threshold: g ≤ 0.10 is on track.
// In the model, e = elapsed / length is a correctly rounded division, so
// elapsed = 777,600 s of Q1's 7,776,000 s gives exactly the double 0.1.
#include "core/status.h"

#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <vector>

#include "test_model.h"

using namespace cairn::core;
using namespace cairn::core::test_model;

namespace {

// ---- Expected progress ----------------------------------------------------------

TEST(DomainStatusExpected, LinearIsClampedBeforeStartAndAfterDue) {
  struct Case {
    std::int64_t t;
    double e;
  };
  const Instant start{1000};
  const Instant due{1400};
  const Case cases[] = {{-5000, 0},   {999, 0},  {1000, 0}, {1100, 0.25}, {1200, 0.5},
                        {1300, 0.75}, {1400, 1}, {1401, 1}, {99999, 1}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.t);
    EXPECT_EQ(expected_linear(start, due, Instant{c.t}), c.e);
  }
}

struct PlanCase {
  const char* name;
  double s;
  double target;
  std::vector<PlanPoint> plan;
  std::int64_t t;  // start 0, due 100
  double e;
};

const std::vector<PlanCase>& plan_cases() {
  static const std::vector<PlanCase> cases = {
      // One checkpoint at half time planning 20 of 100: a slow start.
      {"plan halfway, before start", 0, 100, {{Instant{50}, 20}}, -10, 0},
      {"plan halfway, at start", 0, 100, {{Instant{50}, 20}}, 0, 0},
      {"plan halfway, a quarter in: 10 planned", 0, 100, {{Instant{50}, 20}}, 25, 0.1},
      {"plan halfway, at the checkpoint: its value", 0, 100, {{Instant{50}, 20}}, 50, 0.2},
      {"plan halfway, three quarters in: 60 planned", 0, 100, {{Instant{50}, 20}}, 75, 0.6},
      {"plan halfway, at due: the target", 0, 100, {{Instant{50}, 20}}, 100, 1},
      {"plan halfway, after due", 0, 100, {{Instant{50}, 20}}, 130, 1},
      // Monthly-style checkpoints.
      {"two checkpoints, first segment", 0, 100, {{Instant{30}, 10}, {Instant{60}, 40}}, 15, 0.05},
      {"two checkpoints, second segment", 0, 100, {{Instant{30}, 10}, {Instant{60}, 40}}, 45, 0.25},
      {"two checkpoints, last segment: 40 + 15/40 · 60",
       0,
       100,
       {{Instant{30}, 10}, {Instant{60}, 40}},
       75,
       0.625},
      {"two checkpoints, on the second", 0, 100, {{Instant{30}, 10}, {Instant{60}, 40}}, 60, 0.4},
      // A decreasing metric follows its plan down.
      {"decreasing, at the checkpoint", 100, 0, {{Instant{50}, 90}}, 50, 0.1},
      {"decreasing, halfway to it", 100, 0, {{Instant{50}, 90}}, 25, 0.05},
      // Planned values outside [s, t] clamp e to [0, 1].
      {"plan above the target clamps at 1", 0, 100, {{Instant{50}, 120}}, 50, 1},
      {"plan below the start clamps at 0", 0, 100, {{Instant{50}, -20}}, 50, 0},
      // A checkpoint at the due date.
      {"checkpoint at due", 0, 100, {{Instant{100}, 100}}, 50, 0.5},
      // No plan: linear.
      {"no plan", 0, 100, {}, 30, 0.3},
  };
  return cases;
}

TEST(DomainStatusExpected, PlannedInterpolatesBetweenCheckpoints) {
  for (const PlanCase& c : plan_cases()) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(expected_planned(Instant{0}, Instant{100}, c.s, c.target, c.plan, Instant{c.t}), c.e);
  }
}

TEST(DomainStatusExpected, ThroughTheEvaluation) {
  World w;
  const ObjectiveId o = w.objective();
  const KeyResultId linear = w.metric(o, 0, 100);
  KeyResult planned_spec = w.metric_spec(o, 0, 100);
  planned_spec.plan = {{q1_day(45), 20}};
  const KeyResultId planned = w.add(planned_spec);
  KeyResult monthly_spec = w.metric_spec(o, 0, 100);
  monthly_spec.plan = {{q1_day(30), 10}, {q1_day(60), 40}};
  const KeyResultId monthly = w.add(monthly_spec);
  KeyResult own_spec = w.metric_spec(o, 0, 100);
  own_spec.starts_at = q1_day(30);
  own_spec.due_at = q1_day(60);
  const KeyResultId own_dates = w.add(own_spec);
  struct Case {
    double day;
    double linear, planned, monthly, own_dates, objective;
  };
  const Case cases[] = {
      {-10, 0, 0, 0, 0, 0},  // before the period: clamped
      {0, 0, 0, 0, 0, 0},    // at its start
      // Before the key result's own start; the plan's first segment, 0 → 20 over 45 days.
      {22.5, 0.25, 0.1, 0.075, 0, 0.25},
      {45, 0.5, 0.2, 0.25, 0.5, 0.5},  // the plan's halfway value is 20 of 100
      {67.5, 0.75, 0.6, 0.55, 1, 0.75},
      {90, 1, 1, 1, 1, 1},
      {120, 1, 1, 1, 1, 1},  // after the due date: clamped
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.day);
    const Evaluation e(w.model, q1_day(c.day));
    EXPECT_EQ(e.expected(linear), c.linear);
    EXPECT_EQ(e.key_result_view(planned).expected, c.planned);
    EXPECT_EQ(e.key_result_view(monthly).expected, c.monthly);
    EXPECT_EQ(e.expected(own_dates), c.own_dates);
    EXPECT_EQ(e.objective_view(o).expected, c.objective);
  }
}

// The key result history chart: the pace line at any instant, the instants
// where it bends, and progress after each check-in, all as of one instant.
TEST(DomainStatusExpected, HistoryAndPaceLineForTheChart) {
  World w;
  const ObjectiveId o = w.objective();
  KeyResult spec = w.metric_spec(o, 0, 100);
  spec.plan = {{q1_day(30), 10}, {q1_day(60), 40}};
  const KeyResultId kr = w.add(spec);
  w.check_in(kr, 5, q1_day(10));
  w.check_in(kr, 30, q1_day(40));
  w.check_in(kr, 55, q1_day(70));
  const Evaluation e(w.model, q1_day(50));
  // Between the plan's checkpoints the line is straight: 10 at day 30, 40 at day 60.
  EXPECT_EQ(e.expected_at(kr, q1_day(45)), 0.25);
  EXPECT_EQ(e.expected_at(kr, q1_day(50)), e.expected(kr)) << "the same rule at as_of";
  EXPECT_EQ(e.pace_corners(kr),
            (std::vector<Instant>{q1_day(0), q1_day(30), q1_day(60), q1_day(90)}));
  // The check-in at day 70 comes after as_of: not part of the history then.
  const std::vector<ProgressPoint> history = e.progress_history(kr);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].at, q1_day(10));
  EXPECT_EQ(history[0].progress, 0.05);
  EXPECT_EQ(history[1].progress, 0.3);
}

// A check-in preview gives what the check-in would: the key result's and its
// objective's progress, confidence and status, while changing nothing.
TEST(DomainStatusExpected, ACheckInPreviewIsWhatTheCheckInWouldGive) {
  World w;
  const ObjectiveId o = w.objective();
  const KeyResultId a = w.metric(o, 0, 100);
  const KeyResultId b = w.metric(o, 0, 100, 3);
  w.check_in(a, 10, q1_day(20), 8);
  w.check_in(b, 40, q1_day(30), 6);
  const Evaluation before(w.model, q1_day(45));
  const Evaluation::CheckInPreview preview =
      before.preview_check_in(a, Measurement{60, false, 0}, 4);
  // a: 0.6; the objective: (0.6 × 1 + 0.4 × 3) / 4 = 0.45; confidence (4 + 6 × 3) / 4 = 5.5.
  EXPECT_EQ(preview.key_result.progress, 0.6);
  EXPECT_DOUBLE_EQ(preview.objective.progress, 0.45);
  EXPECT_EQ(preview.objective.confidence, 5.5);
  EXPECT_EQ(before.key_result_view(a).progress, 0.1) << "the preview changed nothing";

  w.check_in(a, 60, q1_day(45), 4);
  const Evaluation after(w.model, q1_day(45));
  const KeyResultView kr = after.key_result_view(a);
  const ObjectiveView objective = after.objective_view(o);
  EXPECT_EQ(preview.key_result.progress, kr.progress);
  EXPECT_EQ(preview.key_result.status, kr.status);
  EXPECT_EQ(preview.key_result.confidence, kr.confidence);
  EXPECT_EQ(preview.objective.progress, objective.progress);
  EXPECT_EQ(preview.objective.status, objective.status);
  EXPECT_EQ(preview.objective.confidence, objective.confidence);
}

TEST(DomainStatusExpected, PlanValidation) {
  World w;
  const ObjectiveId o = w.objective();
  KeyResult outside = w.metric_spec(o, 0, 100);
  outside.plan = {{kQ1End + 1, 50}};
  EXPECT_FALSE(w.model.add_key_result(outside, kSetup));
  KeyResult unordered = w.metric_spec(o, 0, 100);
  unordered.plan = {{q1_day(40), 50}, {q1_day(20), 20}};
  EXPECT_FALSE(w.model.add_key_result(unordered, kSetup));
  KeyResult boolean = w.metric_spec(o, 0, std::nullopt);
  boolean.kind = KeyResultKind::kBoolean;
  boolean.plan = {{q1_day(40), 1}};
  EXPECT_FALSE(w.model.add_key_result(boolean, kSetup));
  EXPECT_EQ(w.model.key_result_count(), 0u);
}

// ---- The status table -------------------------------------------------------------

struct StatusCase {
  const char* name;
  bool closed;
  bool can_be_done;
  double p;
  double e;
  bool started;
  std::optional<double> confidence;
  Status expected;
};

const double kAbove010 = std::nextafter(0.10, 1.0);
const double kAbove025 = std::nextafter(0.25, 1.0);

const std::vector<StatusCase>& status_cases() {
  static const std::vector<StatusCase> cases = {
      // 1. closed wins over everything.
      {"closed", true, true, 0, 1, true, std::nullopt, Status::kClosed},
      {"closed and done", true, true, 1, 1, true, std::nullopt, Status::kClosed},
      {"closed, low confidence", true, true, 0.5, 0.5, true, 1, Status::kClosed},
      {"closed, not started", true, true, 0, 0, false, std::nullopt, Status::kClosed},
      // 2. done when p ≥ 1, except for a band.
      {"done", false, true, 1, 0.5, true, std::nullopt, Status::kDone},
      {"done late", false, true, 1, 1, true, std::nullopt, Status::kDone},
      {"done, low confidence stays done", false, true, 1, 0.5, true, 1, Status::kDone},
      {"band at 1 is not done: on track", false, false, 1, 0.5, true, std::nullopt,
       Status::kOnTrack},
      {"band at 0 mid-period: at risk", false, false, 0, 0.5, true, std::nullopt, Status::kAtRisk},
      // 3. not started: no check-in and e ≤ 0.15.
      {"not started at e = 0", false, true, 0, 0, false, std::nullopt, Status::kNotStarted},
      {"not started at e = 0.15", false, true, 0, 0.15, false, std::nullopt, Status::kNotStarted},
      {"no check-in at e = 0.16: judged by pace (g 0.16)", false, true, 0, 0.16, false,
       std::nullopt, Status::kBehind},
      {"no check-in at e = 0.3: at risk", false, true, 0, 0.3, false, std::nullopt,
       Status::kAtRisk},
      {"a check-in at e = 0.05: on track", false, true, 0, 0.05, true, std::nullopt,
       Status::kOnTrack},
      {"a check-in at e = 0.15 with p 0: behind (g 0.15)", false, true, 0, 0.15, true, std::nullopt,
       Status::kBehind},
      // 4. pace: on_track g ≤ 0.10 < behind ≤ 0.25 < at_risk.
      {"on pace", false, true, 0.5, 0.5, true, std::nullopt, Status::kOnTrack},
      {"ahead", false, true, 0.75, 0.25, true, std::nullopt, Status::kOnTrack},
      {"g = 0.0625", false, true, 0.4375, 0.5, true, std::nullopt, Status::kOnTrack},
      {"g exactly 0.10", false, true, 0, 0.10, true, std::nullopt, Status::kOnTrack},
      {"g just above 0.10", false, true, 0, kAbove010, true, std::nullopt, Status::kBehind},
      {"g = 0.125", false, true, 0.5, 0.625, true, std::nullopt, Status::kBehind},
      {"g = 0.2 (e 0.5, p 0.3)", false, true, 0.3, 0.5, true, std::nullopt, Status::kBehind},
      {"g exactly 0.25 (p 0)", false, true, 0, 0.25, true, std::nullopt, Status::kBehind},
      {"g exactly 0.25 (e 0.75, p 0.5)", false, true, 0.5, 0.75, true, std::nullopt,
       Status::kBehind},
      {"g just above 0.25", false, true, 0, kAbove025, true, std::nullopt, Status::kAtRisk},
      {"g = 0.375", false, true, 0.5, 0.875, true, std::nullopt, Status::kAtRisk},
      {"g = 1", false, true, 0, 1, true, std::nullopt, Status::kAtRisk},
      // 5. confidence only makes it worse.
      {"on track, confidence 1", false, true, 0.5, 0.5, true, 1, Status::kAtRisk},
      {"on track, confidence 3", false, true, 0.5, 0.5, true, 3, Status::kAtRisk},
      {"on track, confidence 4", false, true, 0.5, 0.5, true, 4, Status::kBehind},
      {"on track, confidence 6", false, true, 0.5, 0.5, true, 6, Status::kBehind},
      {"on track, confidence 7", false, true, 0.5, 0.5, true, 7, Status::kOnTrack},
      {"on track, confidence 10", false, true, 0.5, 0.5, true, 10, Status::kOnTrack},
      {"behind, confidence 3", false, true, 0.3, 0.5, true, 3, Status::kAtRisk},
      {"behind, confidence 5", false, true, 0.3, 0.5, true, 5, Status::kBehind},
      {"behind, confidence 10 does not help", false, true, 0.3, 0.5, true, 10, Status::kBehind},
      {"at risk, confidence 10 does not help", false, true, 0, 1, true, 10, Status::kAtRisk},
      {"at risk, confidence 5 does not help", false, true, 0, 1, true, 5, Status::kAtRisk},
      {"objective mean confidence 3.5: behind", false, true, 0.5, 0.5, true, 3.5, Status::kBehind},
      {"objective mean confidence 6.5: no effect", false, true, 0.5, 0.5, true, 6.5,
       Status::kOnTrack},
  };
  return cases;
}

TEST(DomainStatusTable, DefaultThresholds) {
  const StatusThresholds defaults;
  for (const StatusCase& c : status_cases()) {
    SCOPED_TRACE(c.name);
    StatusInputs in;
    in.closed = c.closed;
    in.can_be_done = c.can_be_done;
    in.progress = c.p;
    in.expected = c.e;
    in.started = c.started;
    in.confidence = c.confidence;
    EXPECT_STREQ(to_string(status_of(in, defaults)), to_string(c.expected));
  }
}

TEST(DomainStatusTable, BoundaryArithmeticIsThatOfDoubles) {
  // The rows above rely on these subtractions being exact.
  EXPECT_EQ(0.75 - 0.5, 0.25);
  EXPECT_EQ(0.625 - 0.5, 0.125);
  EXPECT_EQ(0.10 - 0.0, 0.10);
  // And where they are not, the rule applies to the computed double: 0.35 − 0.25
  // falls just below 0.10, so it is on track.
  StatusInputs in;
  in.started = true;
  in.progress = 0.25;
  in.expected = 0.35;
  EXPECT_LT(in.expected - in.progress, 0.10);
  EXPECT_EQ(status_of(in, {}), Status::kOnTrack);
}

TEST(DomainStatusTable, CustomThresholds) {
  StatusThresholds th;
  th.behind_gap = 0.125;
  th.at_risk_gap = 0.375;
  th.not_started_until = 0.25;
  th.at_risk_confidence_max = 2;
  th.behind_confidence_max = 4;
  struct Case {
    const char* name;
    double p, e;
    bool started;
    std::optional<double> confidence;
    Status expected;
  };
  const Case cases[] = {
      {"no check-in at e 0.25: not started", 0, 0.25, false, std::nullopt, Status::kNotStarted},
      {"no check-in at e 0.3125: behind", 0, 0.3125, false, std::nullopt, Status::kBehind},
      {"g 0.125: on track", 0.5, 0.625, true, std::nullopt, Status::kOnTrack},
      {"g 0.25: behind", 0.5, 0.75, true, std::nullopt, Status::kBehind},
      {"g 0.375: behind", 0.5, 0.875, true, std::nullopt, Status::kBehind},
      {"g 0.390625: at risk", 0.5, 0.890625, true, std::nullopt, Status::kAtRisk},
      {"confidence 2: at risk", 0.5, 0.5, true, 2, Status::kAtRisk},
      {"confidence 3: behind", 0.5, 0.5, true, 3, Status::kBehind},
      {"confidence 4: behind", 0.5, 0.5, true, 4, Status::kBehind},
      {"confidence 5: no effect", 0.5, 0.5, true, 5, Status::kOnTrack},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    StatusInputs in;
    in.progress = c.p;
    in.expected = c.e;
    in.started = c.started;
    in.confidence = c.confidence;
    EXPECT_STREQ(to_string(status_of(in, th)), to_string(c.expected));
  }
}

// ---- Status through the evaluation ------------------------------------------------

// Q1 seconds at which e is exactly the given double.
constexpr std::int64_t kE010 = 777'600;    // 0.10
constexpr std::int64_t kE015 = 1'166'400;  // 0.15
constexpr std::int64_t kE016 = 1'244'160;  // 0.16
constexpr std::int64_t kE025 = 1'944'000;  // 0.25
constexpr std::int64_t kE050 = 3'888'000;  // 0.5

TEST(DomainStatusEvaluation, ExpectedAtTheChosenInstantsIsExact) {
  World w;
  const ObjectiveId o = w.objective();
  const KeyResultId kr = w.metric(o, 0, 100);
  const std::pair<std::int64_t, double> cases[] = {
      {kE010, 0.10}, {kE015, 0.15}, {kE016, 0.16}, {kE025, 0.25}, {kE050, 0.5}};
  for (const auto& [seconds, e] : cases) {
    EXPECT_EQ(Evaluation(w.model, q1_plus(seconds)).expected(kr), e) << seconds;
  }
}

TEST(DomainStatusEvaluation, NoCheckInNotStartedThenJudgedByPace) {
  World w;
  const ObjectiveId o = w.objective();
  const KeyResultId kr = w.metric(o, 0, 100);
  struct Case {
    std::int64_t seconds;
    Status kr_status;
  };
  const Case cases[] = {
      {-kSecondsPerDay, Status::kNotStarted},  // before the period
      {0, Status::kNotStarted},
      {kE015, Status::kNotStarted},  // e = 0.15
      {kE015 + 1, Status::kBehind},  // e just above 0.15, g = e
      {kE016, Status::kBehind},      // e = 0.16: by pace, g 0.16
      {kE025, Status::kBehind},      // g = 0.25
      {kE025 + 1, Status::kAtRisk},  // g just above 0.25
      {kQ1Seconds - 1, Status::kAtRisk},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.seconds);
    const Evaluation e(w.model, q1_plus(c.seconds));
    EXPECT_STREQ(to_string(e.key_result_view(kr).status), to_string(c.kr_status));
    EXPECT_STREQ(to_string(e.objective_view(o).status), to_string(c.kr_status));
  }
}

TEST(DomainStatusEvaluation, PaceBoundariesWithACheckInAtZero) {
  World w;
  const ObjectiveId o = w.objective();
  const KeyResultId kr = w.metric(o, 0, 100);
  w.check_in(kr, 0, kQ1Start);  // started, p = 0: g = e exactly
  struct Case {
    std::int64_t seconds;
    Status status;
  };
  const Case cases[] = {
      {0, Status::kOnTrack},    {kE010, Status::kOnTrack}, {kE010 + 1, Status::kBehind},
      {kE016, Status::kBehind}, {kE025, Status::kBehind},  {kE025 + 1, Status::kAtRisk},
      {kE050, Status::kAtRisk},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.seconds);
    EXPECT_STREQ(to_string(Evaluation(w.model, q1_plus(c.seconds)).key_result_view(kr).status),
                 to_string(c.status));
  }
}

TEST(DomainStatusEvaluation, BehindWhenTheGapIsTwoTenths) {
  World w;
  const ObjectiveId o = w.objective();
  const KeyResultId kr = w.metric(o, 0, 100);
  w.check_in(kr, 30, q1_day(1));
  const KeyResultView v = Evaluation(w.model, q1_plus(kE050)).key_result_view(kr);
  EXPECT_EQ(v.progress, 0.3);
  EXPECT_EQ(v.expected, 0.5);
  EXPECT_STREQ(to_string(v.status), "behind");
  // p 0.25 at e 0.5 is g = 0.25 exactly: still behind; a second later, at risk.
  w.check_in(kr, 25, q1_day(2));
  EXPECT_STREQ(to_string(Evaluation(w.model, q1_plus(kE050)).key_result_view(kr).status), "behind");
  EXPECT_STREQ(to_string(Evaluation(w.model, q1_plus(kE050 + 1)).key_result_view(kr).status),
               "at_risk");
}

TEST(DomainStatusEvaluation, DoneButNotForABand) {
  World w;
  const ObjectiveId o = w.objective();
  const KeyResultId metric = w.metric(o, 0, 100);
  const KeyResultId band = w.band(o, 10, 20);
  w.check_in(metric, 100, q1_day(1));
  w.check_in(band, 15, q1_day(1));
  const Evaluation e(w.model, q1_plus(kE050));
  EXPECT_STREQ(to_string(e.key_result_view(metric).status), "done");
  EXPECT_EQ(e.key_result_view(band).progress, 1.0);
  EXPECT_STREQ(to_string(e.key_result_view(band).status), "on_track");
  EXPECT_STREQ(to_string(e.objective_view(o).status), "done");  // P = 1
}

TEST(DomainStatusEvaluation, ConfidenceFromTheLatestCheckInThatGaveOne) {
  World w;
  const ObjectiveId o = w.objective();
  const KeyResultId kr = w.metric(o, 0, 100);
  const Instant at = q1_plus(kE050);
  struct Step {
    double value;
    std::optional<int> confidence;
    Status status;
  };
  // Every value is on pace (p ≥ e = 0.5); only confidence moves the status.
  const Step steps[] = {
      {60, 8, Status::kOnTrack},
      {60, 6, Status::kBehind},
      {60, 4, Status::kBehind},
      {60, 3, Status::kAtRisk},
      {60, std::nullopt, Status::kAtRisk},  // no new confidence: the 3 still holds
      {60, 7, Status::kOnTrack},
      {60, 1, Status::kAtRisk},
  };
  std::int64_t minute = 0;
  for (const Step& s : steps) {
    SCOPED_TRACE(s.confidence ? *s.confidence : 0);
    w.check_in(kr, s.value, q1_day(1) + 60 * ++minute, s.confidence);
    const KeyResultView v = Evaluation(w.model, at).key_result_view(kr);
    EXPECT_STREQ(to_string(v.status), to_string(s.status));
  }
}

TEST(DomainStatusEvaluation, ConfidenceOutOfRangeIsRefused) {
  World w;
  const ObjectiveId o = w.objective();
  const KeyResultId kr = w.metric(o, 0, 100);
  for (int bad : {0, 11, -3}) {
    CheckIn c;
    c.key_result = kr;
    c.author = w.bob;
    c.measurement.value = 5;
    c.confidence = bad;
    c.at = q1_day(1);
    const auto result = w.model.add_check_in(c, q1_day(1));
    ASSERT_FALSE(result) << bad;
    EXPECT_EQ(result.error().code, ErrorCode::kInvalid);
  }
}

TEST(DomainStatusEvaluation, ObjectiveConfidenceIsTheWeightedMean) {
  World w;
  const ObjectiveId o = w.objective();
  const KeyResultId light = w.metric(o, 0, 100, 1);
  const KeyResultId heavy = w.metric(o, 0, 100, 3);
  const KeyResultId none = w.metric(o, 0, 100, 5);  // never gives a confidence
  w.check_in(light, 60, q1_day(1), 2);
  w.check_in(heavy, 60, q1_day(1), 10);
  w.check_in(none, 60, q1_day(1));
  const ObjectiveView v = Evaluation(w.model, q1_plus(kE050)).objective_view(o);
  ASSERT_TRUE(v.confidence);
  EXPECT_EQ(*v.confidence, 8.0);  // (2 · 1 + 10 · 3) / 4
  EXPECT_STREQ(to_string(v.status), "on_track");
  // Weights the other way: (2 · 3 + 10 · 1) / 4 = 4, at least behind.
  w.edit(
      light, [](KeyResult& kr) { kr.weight = 3; }, q1_day(2));
  w.edit(
      heavy, [](KeyResult& kr) { kr.weight = 1; }, q1_day(2));
  const ObjectiveView after = Evaluation(w.model, q1_plus(kE050)).objective_view(o);
  EXPECT_EQ(*after.confidence, 4.0);
  EXPECT_STREQ(to_string(after.status), "behind");
}

TEST(DomainStatusEvaluation, ClosedObjectiveOrPeriod) {
  World w;
  const ObjectiveId closed_objective = w.objective();
  const KeyResultId a = w.metric(closed_objective, 0, 100);
  const ObjectiveId open_objective = w.objective();
  const KeyResultId b = w.metric(open_objective, 0, 100);
  w.check_in(a, 100, q1_day(1));
  must(w.model.close_objective(closed_objective, q1_day(10)));
  {
    const Evaluation e(w.model, q1_day(11));
    EXPECT_STREQ(to_string(e.objective_view(closed_objective).status), "closed");
    EXPECT_STREQ(to_string(e.key_result_view(a).status), "closed");
    EXPECT_STREQ(to_string(e.key_result_view(b).status), "not_started");  // e = 11/90
    // Before the close it was done.
    EXPECT_STREQ(to_string(Evaluation(w.model, q1_day(9)).key_result_view(a).status), "done");
  }
  must(w.model.close_period(w.q1, q1_day(20)));
  const Evaluation e(w.model, q1_day(21));
  EXPECT_STREQ(to_string(e.objective_view(open_objective).status), "closed");
  EXPECT_STREQ(to_string(e.key_result_view(b).status), "closed");
}

TEST(DomainStatusEvaluation, ThresholdsComeFromTheOrganisationSettingsAsOfT) {
  World w;
  const ObjectiveId o = w.objective();
  const KeyResultId kr = w.metric(o, 0, 100);
  w.check_in(kr, 50, q1_day(1));
  // e = 0.75, p = 0.5: g = 0.25 exactly — behind under the defaults.
  const Instant at = q1_plus(kQ1Seconds / 4 * 3);
  EXPECT_EQ(Evaluation(w.model, at).expected(kr), 0.75);
  EXPECT_STREQ(to_string(Evaluation(w.model, at).key_result_view(kr).status), "behind");

  Organization org = w.model.organization();
  org.settings.status.behind_gap = 0.125;
  org.settings.status.at_risk_gap = 0.1875;
  must(w.model.set_organization(org, q1_day(2)));
  EXPECT_STREQ(to_string(Evaluation(w.model, at).key_result_view(kr).status), "at_risk");

  org.settings.status.behind_gap = 0.25;
  org.settings.status.at_risk_gap = 0.5;
  must(w.model.set_organization(org, q1_day(3)));
  EXPECT_STREQ(to_string(Evaluation(w.model, at).key_result_view(kr).status), "on_track");

  // As of a past instant, the settings then in force apply. The status is read
  // at `at`, so evaluate at day 2.5 with the e of that instant instead.
  const Evaluation past(w.model, q1_day(2.5));
  EXPECT_EQ(past.settings().status.behind_gap, 0.125);
  EXPECT_EQ(Evaluation(w.model, q1_day(1.5)).settings().status.behind_gap, 0.10);

  // Confidence bands are settings too.
  org.settings.status.at_risk_confidence_max = 5;
  must(w.model.set_organization(org, q1_day(4)));
  w.check_in(kr, 90, q1_day(5), 5);
  EXPECT_STREQ(to_string(Evaluation(w.model, at).key_result_view(kr).status), "at_risk");
}

TEST(DomainStatusEvaluation, NotStartedThresholdIsASetting) {
  Settings s;
  s.status.not_started_until = 0.25;
  World w(s);
  const ObjectiveId o = w.objective();
  const KeyResultId kr = w.metric(o, 0, 100);
  EXPECT_STREQ(to_string(Evaluation(w.model, q1_plus(kE025)).key_result_view(kr).status),
               "not_started");
  EXPECT_STREQ(to_string(Evaluation(w.model, q1_plus(kE025 + 1)).key_result_view(kr).status),
               "at_risk");
}

// ---- Stale ---------------------------------------------------------------------------

TEST(DomainStatusStale, WeeklyCadencePlusTwoGraceDays) {
  World w;
  const ObjectiveId o = w.objective();
  const KeyResultId kr = w.metric(o, 0, 100, 1, ProgressSource::kCheckIns, kQ1Start);
  const std::int64_t nine_days = 9 * kSecondsPerDay;
  struct Case {
    Instant at;
    bool stale;
  };
  // No check-in yet: counted from the key result's creation (the period start).
  const Case before_check_in[] = {{kQ1Start + kSecondsPerDay, false},
                                  {kQ1Start + nine_days, false},
                                  {kQ1Start + nine_days + 1, true},
                                  {kQ1Start + 20 * kSecondsPerDay, true}};
  for (const Case& c : before_check_in) {
    SCOPED_TRACE(c.at.seconds - kQ1Start.seconds);
    EXPECT_EQ(Evaluation(w.model, c.at).key_result_view(kr).stale, c.stale);
  }
  // After a check-in dated day 30: counted from it.
  const Instant checked = q1_day(30);
  w.check_in(kr, 10, checked);
  const Case after_check_in[] = {{checked, false},
                                 {checked + 7 * kSecondsPerDay, false},
                                 {checked + nine_days, false},
                                 {checked + nine_days + 1, true}};
  for (const Case& c : after_check_in) {
    SCOPED_TRACE(c.at.seconds - checked.seconds);
    const KeyResultView v = Evaluation(w.model, c.at).key_result_view(kr);
    EXPECT_EQ(v.stale, c.stale);
    ASSERT_TRUE(v.last_check_in);
    EXPECT_EQ(*v.last_check_in, checked);
  }
}

TEST(DomainStatusStale, OtherCadencesAndGrace) {
  struct Case {
    Cadence cadence;
    int grace;
    int allowed_days;
  };
  const Case cases[] = {{Cadence::kWeekly, 2, 9},
                        {Cadence::kBiweekly, 2, 16},
                        {Cadence::kMonthly, 2, 33},
                        {Cadence::kWeekly, 0, 7},
                        {Cadence::kBiweekly, 5, 19}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.allowed_days);
    Settings s;
    s.check_in.cadence = c.cadence;
    s.stale_grace_days = c.grace;
    World w(s);
    const ObjectiveId o = w.objective();
    const KeyResultId kr = w.metric(o, 0, 100);
    const Instant checked = q1_day(2);
    w.check_in(kr, 10, checked);
    const Instant limit = checked + c.allowed_days * kSecondsPerDay;
    EXPECT_FALSE(Evaluation(w.model, limit).key_result_view(kr).stale);
    EXPECT_TRUE(Evaluation(w.model, limit + 1).key_result_view(kr).stale);
    // The pure rule agrees.
    EXPECT_FALSE(is_stale(checked, limit, s));
    EXPECT_TRUE(is_stale(checked, limit + 1, s));
  }
}

TEST(DomainStatusStale, NeverInAClosedPeriod) {
  World w;
  const ObjectiveId o = w.objective();
  const KeyResultId kr = w.metric(o, 0, 100, 1, ProgressSource::kCheckIns, kQ1Start);
  w.check_in(kr, 10, q1_day(10));
  EXPECT_TRUE(Evaluation(w.model, q1_day(40)).key_result_view(kr).stale);
  must(w.model.close_period(w.q1, q1_day(45)));
  EXPECT_FALSE(Evaluation(w.model, q1_day(45)).key_result_view(kr).stale);
  EXPECT_FALSE(Evaluation(w.model, q1_day(80)).key_result_view(kr).stale);
  // As of before the close, it was stale.
  EXPECT_TRUE(Evaluation(w.model, q1_day(44)).key_result_view(kr).stale);
}

TEST(DomainStatusStale, NeverInAPeriodNotYetStarted) {
  World w;
  const ObjectiveId o = w.objective(ProgressMode::kKeyResults, w.q2);
  const KeyResultId kr = w.metric(o, 0, 100);  // created 2025-12-01, months before Q2
  EXPECT_FALSE(Evaluation(w.model, q1_day(60)).key_result_view(kr).stale);
  EXPECT_FALSE(Evaluation(w.model, kQ1End - 1).key_result_view(kr).stale);
  EXPECT_STREQ(to_string(Evaluation(w.model, q1_day(60)).key_result_view(kr).status),
               "not_started");
}

TEST(DomainStatusStale, NeverForAClosedObjectiveOrAComputedKeyResult) {
  World w;
  const ObjectiveId closed = w.objective();
  const KeyResultId a = w.metric(closed, 0, 100, 1, ProgressSource::kCheckIns, kQ1Start);
  const ObjectiveId open = w.objective();
  const KeyResultId summed = w.metric(open, 0, 100, 1, ProgressSource::kSum, kQ1Start);
  must(w.model.close_objective(closed, q1_day(1)));
  const Evaluation e(w.model, q1_day(40));
  EXPECT_FALSE(e.key_result_view(a).stale);
  EXPECT_FALSE(e.key_result_view(summed).stale);
}

}  // namespace

// A live evaluation (at or after the model's last change) reads each key
// result's latest confidence from the model's own array, kept as check-ins
// come and go; it must be what the check-ins say, as an evaluation rebuilt
// from them finds it.
TEST(DomainStatusConfidence, TheLatestConfidenceFollowsCheckInsWithoutOneBackDatedAndDeleted) {
  World w;
  const ObjectiveId o = w.objective();
  const KeyResultId kr = w.metric(o, 0, 100);
  std::optional<int> rebuilt;
  auto live = [&](double day) {
    rebuilt =
        Evaluation(w.model, q1_day(day), Evaluation::Mode::kRebuild).key_result_view(kr).confidence;
    return Evaluation(w.model, q1_day(day)).key_result_view(kr).confidence;
  };
  EXPECT_EQ(live(1), std::nullopt);
  const CheckInId seven = w.check_in(kr, 10, q1_day(10), 7);
  EXPECT_EQ(live(10), 7);
  w.check_in(kr, 20, q1_day(20));  // without a confidence: the last one stands
  EXPECT_EQ(live(20), 7);
  EXPECT_EQ(rebuilt, 7);
  const CheckInId three = w.check_in(kr, 30, q1_day(30), 3);
  EXPECT_EQ(live(30), 3);
  // Written on day 31 for day 25: older than day 30's, so not the latest.
  const CheckInId nine = w.check_in(kr, 25, q1_day(25), 9, q1_day(31));
  EXPECT_EQ(live(31), 3);
  EXPECT_EQ(rebuilt, 3);
  must(w.model.delete_check_in(three, q1_day(32)));
  EXPECT_EQ(live(32), 9);
  EXPECT_EQ(rebuilt, 9);
  must(w.model.delete_check_in(nine, q1_day(33)));
  EXPECT_EQ(live(33), 7);
  EXPECT_EQ(rebuilt, 7);
  must(w.model.delete_check_in(seven, q1_day(34)));
  EXPECT_EQ(live(34), std::nullopt);
  EXPECT_EQ(rebuilt, std::nullopt);
}
