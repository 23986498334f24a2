// DOMAIN.md "Expected progress and status", "Forecast" and staleness.
#include <gtest/gtest.h>

#include "core/forecast.h"
#include "core/status.h"
#include "fixture.h"

namespace cairn::core {
namespace {

using testing::kQ1End;
using testing::kQ1Start;
using testing::ok;
using testing::q1_at;
using testing::TestOrg;

TEST(ExpectedProgress, IsLinearInTimeAndClamped) {
  const Instant start = instant_utc(2026, 1, 1);
  const Instant due = instant_utc(2026, 1, 11);  // ten days
  const struct {
    Instant t;
    double e;
  } cases[] = {
      {start - 86400, 0},       {start, 0}, {start + 86400, 0.1},
      {start + 5 * 86400, 0.5}, {due, 1},   {due + 86400, 1},
  };
  for (const auto& c : cases)
    EXPECT_DOUBLE_EQ(expected_linear(start, due, c.t), c.e) << to_rfc3339(c.t);
}

TEST(ExpectedProgress, FollowsAPlanOfCheckpoints) {
  // 1,000 → 2,000 over 100 days with a plan of 1,200 at day 50 and 1,500 at day 75.
  const Instant start = instant_utc(2026, 1, 1);
  const Instant due = start + 100 * kSecondsPerDay;
  const std::vector<PlanPoint> plan{{start + 50 * kSecondsPerDay, 1200},
                                    {start + 75 * kSecondsPerDay, 1500}};
  const struct {
    int day;
    double e;
    const char* why;
  } cases[] = {
      {0, 0, "the start"},
      {25, 0.1, "halfway to the first checkpoint: planned 1,100"},
      {50, 0.2, "at the first checkpoint: 1,200"},
      {60, 0.32, "between checkpoints: 1,200 + 10/25 × 300 = 1,320"},
      {75, 0.5, "at the second checkpoint"},
      {90, 0.8, "toward the target: 1,500 + 15/25 × 500 = 1,800"},
      {100, 1, "the due date"},
      {120, 1, "after the due date"},
      {-5, 0, "before the start"},
  };
  for (const auto& c : cases) {
    EXPECT_NEAR(expected_planned(start, due, 1000, 2000, plan, start + c.day * kSecondsPerDay), c.e,
                1e-12)
        << c.why;
  }
  // Without a plan it is the straight line.
  EXPECT_DOUBLE_EQ(expected_planned(start, due, 1000, 2000, {}, start + 25 * kSecondsPerDay), 0.25);
}

TEST(Status, FollowsTheFiveStepsInOrder) {
  // Values chosen so that e − p is exact in binary floating point.
  const struct {
    bool closed;
    bool can_be_done;
    double p, e;
    bool started;
    std::optional<double> confidence;
    Status status;
    const char* why;
  } cases[] = {
      {true, true, 1, 0.5, true, {}, Status::kClosed, "1. closed wins over everything"},
      {false, true, 1, 0.5, true, 2, Status::kDone, "2. done at p ≥ 1, even with low confidence"},
      {false, false, 1, 0.5, true, {}, Status::kOnTrack, "2. a band is never done before the end"},
      {false, true, 0, 0.15, false, {}, Status::kNotStarted, "3. no check-in and e ≤ 0.15"},
      {false, true, 0, 0.125, false, {}, Status::kNotStarted, "3. early in the period"},
      {false,
       true,
       0,
       0.1875,
       false,
       {},
       Status::kBehind,
       "3. e > 0.15 without a check-in: judged by pace"},
      {false,
       true,
       0.0625,
       0.125,
       true,
       {},
       Status::kOnTrack,
       "3. with a check-in: judged by pace"},
      {false, true, 0.5, 0.5, true, {}, Status::kOnTrack, "4. on pace"},
      {false, true, 0.75, 0.5, true, {}, Status::kOnTrack, "4. ahead"},
      {false, true, 0.40625, 0.5, true, {}, Status::kOnTrack, "4. g = 0.09375 ≤ 0.10"},
      {false, true, 0.375, 0.5, true, {}, Status::kBehind, "4. g = 0.125"},
      {false, true, 0.3, 0.5, true, {}, Status::kBehind, "4. behind when e − p = 0.2"},
      {false, true, 0.25, 0.5, true, {}, Status::kBehind, "4. g = 0.25 exactly is still behind"},
      {false, true, 0.1875, 0.5, true, {}, Status::kAtRisk, "4. g = 0.3125 > 0.25"},
      {false, true, 0.45, 0.5, true, 3, Status::kAtRisk, "5. confidence 3 forces at risk"},
      {false, true, 0.45, 0.5, true, 1, Status::kAtRisk, "5. confidence 1"},
      {false, true, 0.45, 0.5, true, 4, Status::kBehind, "5. confidence 4: at least behind"},
      {false, true, 0.45, 0.5, true, 6, Status::kBehind, "5. confidence 6: at least behind"},
      {false, true, 0.45, 0.5, true, 7, Status::kOnTrack, "5. confidence 7 changes nothing"},
      {false, true, 0.1875, 0.5, true, 5, Status::kAtRisk,
       "5. confidence never improves: at risk stays"},
      {false, true, 0.1875, 0.5, true, 10, Status::kAtRisk, "5. even confidence 10"},
      {false, true, 0.45, 0.5, true, 3.5, Status::kBehind, "5. a mean confidence 3.5 is not ≤ 3"},
  };
  for (const auto& c : cases) {
    StatusInputs in{c.closed, c.can_be_done, c.p, c.e, c.started, c.confidence};
    EXPECT_EQ(status_of(in, StatusThresholds{}), c.status) << c.why;
  }
}

TEST(Status, GapBoundariesAreInclusiveAsWritten) {
  // g exactly 0.10 is on track and exactly 0.25 is behind; decimal inputs that
  // are not exact in binary are judged by their binary value, so use exact ones.
  StatusThresholds th;
  th.behind_gap = 0.125;
  th.at_risk_gap = 0.25;
  EXPECT_EQ(status_of({false, true, 0.375, 0.5, true, {}}, th), Status::kOnTrack);  // g = 0.125
  EXPECT_EQ(status_of({false, true, 0.25, 0.5, true, {}}, th), Status::kBehind);    // g = 0.25
}

TEST(Status, ThresholdsComeFromSettings) {
  StatusThresholds th;
  th.behind_gap = 0.05;
  th.at_risk_gap = 0.5;
  th.not_started_until = 0.25;
  th.at_risk_confidence_max = 5;
  th.behind_confidence_max = 8;
  EXPECT_EQ(status_of({false, true, 0.4375, 0.5, true, {}}, th), Status::kBehind);   // g = 0.0625
  EXPECT_EQ(status_of({false, true, 0.125, 0.5, true, {}}, th), Status::kBehind);    // g = 0.375
  EXPECT_EQ(status_of({false, true, 0, 0.25, false, {}}, th), Status::kNotStarted);  // e = 0.25
  EXPECT_EQ(status_of({false, true, 0.5, 0.5, true, 5}, th), Status::kAtRisk);
  EXPECT_EQ(status_of({false, true, 0.5, 0.5, true, 8}, th), Status::kBehind);
}

TEST(Status, KeyResultAndObjectiveThroughTheModel) {
  TestOrg org;
  const ObjectiveId o = org.objective();
  const KeyResultId a = org.metric(o, 0, 100, 1);
  const KeyResultId b = org.metric(o, 0, 100, 3);
  const Instant half = q1_at(0.5);
  org.check_in(a, 45, half, 8);  // p 0.45 on track
  org.check_in(b, 30, half, 4);  // p 0.3 behind, confidence 4
  const Evaluation eval(org.model, half);
  EXPECT_EQ(eval.key_result_view(a).status, Status::kOnTrack);
  EXPECT_EQ(eval.key_result_view(b).status, Status::kBehind);
  const ObjectiveView v = eval.objective_view(o);
  EXPECT_DOUBLE_EQ(v.progress, (0.45 + 0.3 * 3) / 4);  // 0.3375, g = 0.1625
  EXPECT_DOUBLE_EQ(*v.confidence, (8 + 4 * 3) / 4.0);  // weighted mean confidence: 5
  EXPECT_EQ(v.status, Status::kBehind);
  EXPECT_DOUBLE_EQ(v.expected, 0.5);
}

TEST(Status, LatestConfidenceIsTheLastCheckInThatGaveOne) {
  TestOrg org;
  const ObjectiveId o = org.objective();
  const KeyResultId kr = org.metric(o, 0, 100);
  org.check_in(kr, 50, q1_at(0.4), 2);
  org.check_in(kr, 50, q1_at(0.45));  // no confidence given
  const KeyResultView v = Evaluation(org.model, q1_at(0.5)).key_result_view(kr);
  EXPECT_EQ(v.confidence, 2);
  EXPECT_EQ(v.status, Status::kAtRisk);
}

TEST(Status, NotStartedUntilTheFirstCheckInEarlyInThePeriod) {
  TestOrg org;
  const ObjectiveId o = org.objective();
  const KeyResultId kr = org.metric(o, 0, 100);
  const Instant early = q1_at(0.1);
  EXPECT_EQ(Evaluation(org.model, early).key_result_view(kr).status, Status::kNotStarted);
  EXPECT_EQ(Evaluation(org.model, early).objective_view(o).status, Status::kNotStarted);
  org.check_in(kr, 5, early);
  EXPECT_EQ(Evaluation(org.model, early).key_result_view(kr).status, Status::kOnTrack);
  EXPECT_EQ(Evaluation(org.model, early).objective_view(o).status, Status::kOnTrack);
}

TEST(Status, BandIsOnTrackInsideAndNeverDone) {
  TestOrg org;
  const ObjectiveId o = org.objective();
  KeyResult band;
  band.objective = o;
  band.kind = KeyResultKind::kBand;
  band.low = 75;
  band.high = 85;
  band.unit = "%";
  band.title = "Keep gross margin between 75% and 85%";
  const KeyResultId kr = org.key_result(band);
  org.check_in(kr, 80, q1_at(0.5));
  const KeyResultView v = Evaluation(org.model, q1_at(0.5)).key_result_view(kr);
  EXPECT_DOUBLE_EQ(v.progress, 1);
  EXPECT_EQ(v.status, Status::kOnTrack);
  org.check_in(kr, 90, q1_at(0.6));
  EXPECT_EQ(Evaluation(org.model, q1_at(0.6)).key_result_view(kr).status, Status::kAtRisk);
}

TEST(Status, ClosedPeriodMeansClosed) {
  TestOrg org;
  const KeyResultId kr = org.metric(org.objective(), 0, 100);
  org.check_in(kr, 50, q1_at(0.5));
  ok(org.model.close_period(org.q1, kQ1End + 3600));
  EXPECT_EQ(Evaluation(org.model, kQ1End + 7200).key_result_view(kr).status, Status::kClosed);
}

TEST(Status, KeyResultDueDateAndStartOverrideThePeriod) {
  TestOrg org;
  KeyResult kr;
  kr.objective = org.objective();
  kr.start = 0;
  kr.target = 10;
  kr.unit = "count";
  kr.starts_at = kQ1Start + 10 * kSecondsPerDay;
  kr.due_at = kQ1Start + 30 * kSecondsPerDay;
  const KeyResultId id = org.key_result(kr);
  const Evaluation eval(org.model, kQ1Start + 15 * kSecondsPerDay);
  EXPECT_DOUBLE_EQ(eval.key_result_view(id).expected, 0.25);
}

TEST(Stale, AfterTheCadencePlusTwoDays) {
  TestOrg org;
  const KeyResultId kr = org.metric(org.objective(), 0, 100);
  const Instant last = q1_at(0.2);
  org.check_in(kr, 10, last);
  const struct {
    std::int64_t after;
    bool stale;
    const char* why;
  } cases[] = {
      {0, false, "just checked in"},
      {9 * kSecondsPerDay, false, "exactly 7 + 2 days"},
      {9 * kSecondsPerDay + 1, true, "one second past 9 days"},
      {20 * kSecondsPerDay, true, "long ago"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(Evaluation(org.model, last + c.after).key_result_view(kr).stale, c.stale) << c.why;
  }
}

TEST(Stale, CountsFromCreationBeforeAnyCheckIn) {
  TestOrg org;
  KeyResult kr;
  kr.objective = org.objective();
  kr.target = 10;
  kr.unit = "count";
  const KeyResultId id = org.key_result(kr);  // created at setup, before the period
  // The period started on 1 January; created 1 December: stale once the period runs.
  EXPECT_TRUE(Evaluation(org.model, kQ1Start + 3600).key_result_view(id).stale);
}

TEST(Stale, FollowsTheCadenceSetting) {
  Settings biweekly;
  biweekly.check_in.cadence = Cadence::kBiweekly;
  TestOrg org(biweekly);
  const KeyResultId kr = org.metric(org.objective(), 0, 100);
  const Instant last = q1_at(0.2);
  org.check_in(kr, 10, last);
  EXPECT_FALSE(Evaluation(org.model, last + 16 * kSecondsPerDay).key_result_view(kr).stale);
  EXPECT_TRUE(Evaluation(org.model, last + 16 * kSecondsPerDay + 1).key_result_view(kr).stale);
}

TEST(Stale, NeverOutsideARunningPeriodNorForDoneOrComputedKeyResults) {
  TestOrg org;
  const ObjectiveId o = org.objective();
  const KeyResultId kr = org.metric(o, 0, 100);
  const KeyResultId done = org.metric(o, 0, 100);
  const KeyResultId computed = org.metric(o, 0, 100, 1, ProgressSource::kChildren);
  org.check_in(kr, 10, q1_at(0.1));
  org.check_in(done, 100, q1_at(0.1));
  const Instant late = q1_at(0.9);
  EXPECT_TRUE(Evaluation(org.model, late).key_result_view(kr).stale);
  EXPECT_FALSE(Evaluation(org.model, late).key_result_view(done).stale) << "done";
  EXPECT_FALSE(Evaluation(org.model, late).key_result_view(computed).stale) << "fed by children";
  EXPECT_FALSE(Evaluation(org.model, kQ1End + 30 * kSecondsPerDay).key_result_view(kr).stale)
      << "the period has ended";
  const ObjectiveId next = org.objective("Next", ProgressMode::kKeyResults, org.q2);
  const KeyResultId future = org.metric(next, 0, 10);
  EXPECT_FALSE(Evaluation(org.model, late).key_result_view(future).stale) << "not started yet";
}

TEST(Forecast, LeastSquaresExtendedToTheDueDate) {
  const Instant start = instant_utc(2026, 1, 1);
  const Instant due = start + 100 * kSecondsPerDay;
  const auto day = [&](int d) { return start + d * kSecondsPerDay; };
  const struct {
    std::vector<ProgressPoint> points;
    std::optional<double> forecast;
    const char* why;
  } cases[] = {
      {{}, std::nullopt, "no check-in: no forecast"},
      {{{day(25), 0.2}}, 0.8, "one check-in: p / e = 0.2 / 0.25"},
      {{{day(50), 0.7}}, 1, "one check-in ahead: clamped to 1"},
      {{{day(0), 0.1}}, std::nullopt, "one check-in at e = 0: no forecast"},
      {{{day(10), 0.1}, {day(20), 0.2}}, 1.0, "a straight line through both points reaches 1.0"},
      {{{day(10), 0.05}, {day(20), 0.1}, {day(30), 0.15}}, 0.5, "half pace → 0.5"},
      {{{day(10), 0.1}, {day(20), 0.3}, {day(30), 0.2}},
       0.6,
       "least squares: slope 0.005/day from 0.2 at day 20"},
      {{{day(10), 0.5}, {day(20), 0.4}, {day(30), 0.3}}, 0, "falling: clamped to 0"},
  };
  for (const auto& c : cases) {
    const std::optional<double> f = forecast(c.points, start, due);
    ASSERT_EQ(f.has_value(), c.forecast.has_value()) << c.why;
    if (f) {
      EXPECT_NEAR(*f, *c.forecast, 1e-12) << c.why;
    }
  }
}

TEST(Forecast, ThroughTheModelUsesCheckInsInThePeriod) {
  TestOrg org;
  const KeyResultId kr = org.metric(org.objective(), 0, 100);
  // Q1 is 90 days; check-ins at days 9, 18, 27 at 5, 10, 15 → 0.05/9 days → 0.5 at day 90.
  org.check_in(kr, 5, kQ1Start + 9 * kSecondsPerDay);
  org.check_in(kr, 10, kQ1Start + 18 * kSecondsPerDay);
  org.check_in(kr, 15, kQ1Start + 27 * kSecondsPerDay);
  const KeyResultView v = Evaluation(org.model, kQ1Start + 30 * kSecondsPerDay).key_result_view(kr);
  ASSERT_TRUE(v.forecast.has_value());
  EXPECT_NEAR(*v.forecast, 0.5, 1e-12);
  // As of day 10 only the first check-in existed: p / e = 0.05 / 0.1.
  const KeyResultView early =
      Evaluation(org.model, kQ1Start + 10 * kSecondsPerDay).key_result_view(kr);
  EXPECT_NEAR(*early.forecast, 0.5, 1e-12);
}

TEST(BlockedByRisk, ADependencyAtRiskFlagsTheDependentItem) {
  TestOrg org;
  const ObjectiveId sales = org.objective("Sales");
  const ObjectiveId product = org.objective("Product");
  const KeyResultId product_kr = org.metric(product, 0, 100);
  org.metric(sales, 0, 100);
  ok(org.model.add_dependency(
      Dependency{{}, NodeRef::of(sales), NodeRef::of(product), false, org.setup}, org.setup));
  org.check_in(product_kr, 50, q1_at(0.5), 8);
  EXPECT_FALSE(Evaluation(org.model, q1_at(0.5)).objective_view(sales).blocked_by_risk);
  org.check_in(product_kr, 50, q1_at(0.5), 2);  // confidence 2: at risk
  EXPECT_TRUE(Evaluation(org.model, q1_at(0.5)).objective_view(sales).blocked_by_risk);
}

}  // namespace
}  // namespace cairn::core
