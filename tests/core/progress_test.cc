// DOMAIN.md "Key result progress" and the weighted-mean rule of "Weights and
// roll-up": one table per formula, each row the inputs and the exact numbers
// they must give. Every expected value is either exactly representable or the
// correctly rounded result of the same one division the rule prescribes, so the
// comparisons are exact (EXPECT_EQ), not approximate.
#include "core/progress.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <optional>
#include <vector>

#include "test_model.h"

using namespace cairn::core;
using namespace cairn::core::test_model;

namespace {

struct MetricCase {
  const char* name;
  double start;
  std::optional<double> target;
  double current;
  double progress;
  double attainment;
};

const MetricCase kMetricCases[] = {
    // Increasing metrics (t > s).
    {"increasing at start", 0, 100, 0, 0, 0},
    {"increasing halfway", 0, 100, 50, 0.5, 0.5},
    {"increasing at target", 0, 100, 100, 1, 1},
    {"increasing beyond target: p clamps, attainment 120 %", 0, 100, 120, 1, 1.2},
    {"increasing below start: p clamps at 0", 0, 100, -10, 0, -0.1},
    {"increasing from a non-zero start", 10, 20, 15, 0.5, 0.5},
    {"increasing across zero", -50, 50, 0, 0.5, 0.5},
    {"increasing, a quarter", 40, 80, 50, 0.25, 0.25},
    // Decreasing metrics (t < s): the same formula.
    {"decreasing 20 → 10 at 15", 20, 10, 15, 0.5, 0.5},
    {"decreasing at start", 20, 10, 20, 0, 0},
    {"decreasing at target", 20, 10, 10, 1, 1},
    {"decreasing beyond target", 20, 10, 5, 1, 1.5},
    {"decreasing, worse than start", 20, 10, 25, 0, -0.5},
    {"decreasing 100 → 0 at 25", 100, 0, 25, 0.75, 0.75},
    {"decreasing to a negative target", 0, -8, -2, 0.25, 0.25},
    // No target: progress is 0 whatever the value.
    {"no target", 0, std::nullopt, 50, 0, 0},
    {"no target, negative value", 5, std::nullopt, -3, 0, 0},
};

TEST(DomainProgressMetric, Table) {
  for (const MetricCase& t : kMetricCases) {
    SCOPED_TRACE(t.name);
    const KeyResultProgress kp = metric_progress(t.start, t.target, t.current);
    EXPECT_EQ(kp.progress, t.progress);
    EXPECT_EQ(kp.attainment, t.attainment);
    EXPECT_GE(kp.progress, 0.0);
    EXPECT_LE(kp.progress, 1.0);
  }
}

TEST(DomainProgressMetric, NoChangeOnADecreasingMetricIsPositiveZero) {
  // (20 − 20) / (10 − 20) is −0 in IEEE arithmetic; the API must never print "-0".
  const KeyResultProgress kp = metric_progress(20, 10, 20);
  EXPECT_EQ(kp.progress, 0.0);
  EXPECT_FALSE(std::signbit(kp.progress));
  EXPECT_FALSE(std::signbit(kp.attainment));
}

TEST(DomainProgressBoolean, Table) {
  EXPECT_EQ(boolean_progress(true).progress, 1.0);
  EXPECT_EQ(boolean_progress(true).attainment, 1.0);
  EXPECT_EQ(boolean_progress(false).progress, 0.0);
  EXPECT_EQ(boolean_progress(false).attainment, 0.0);
}

struct MilestonesCase {
  const char* name;
  std::vector<double> weights;
  std::uint64_t done;
  double progress;
};

const std::vector<MilestonesCase>& milestones_cases() {
  static const std::vector<MilestonesCase> cases = {
      {"four equal, none done", {1, 1, 1, 1}, 0b0000, 0},
      {"four equal, two done", {1, 1, 1, 1}, 0b0101, 0.5},
      {"four equal, three done", {1, 1, 1, 1}, 0b0111, 0.75},
      {"four equal, all done", {1, 1, 1, 1}, 0b1111, 1},
      {"weighted 1,2,3,4: first and last (5 of 10)", {1, 2, 3, 4}, 0b1001, 0.5},
      {"weighted 1,2,3,4: only the last (4 of 10)", {1, 2, 3, 4}, 0b1000, 0.4},
      {"weighted 1,2,3,4: only the first (1 of 10)", {1, 2, 3, 4}, 0b0001, 0.1},
      {"weighted 1,3: the heavy one (3 of 4)", {1, 3}, 0b10, 0.75},
      {"a zero-weight milestone done counts nothing", {0, 1}, 0b01, 0},
      {"the weighted one done is everything", {0, 1}, 0b10, 1},
      {"all-zero weights: plain mean, 2 of 4", {0, 0, 0, 0}, 0b0011, 0.5},
      {"all-zero weights: plain mean, 1 of 3", {0, 0, 0}, 0b001, 1.0 / 3.0},
      {"all-zero weights: none done", {0, 0}, 0b00, 0},
      {"no milestones: 0", {}, 0, 0},
      {"no milestones, stray bits: 0", {}, 0b111, 0},
      {"fractional weights 0.5 and 1.5: first (0.5 of 2)", {0.5, 1.5}, 0b01, 0.25},
      {"single milestone done", {2}, 0b1, 1},
  };
  return cases;
}

TEST(DomainProgressMilestones, Table) {
  for (const MilestonesCase& t : milestones_cases()) {
    SCOPED_TRACE(t.name);
    const KeyResultProgress kp = milestones_progress(t.weights, t.done);
    EXPECT_EQ(kp.progress, t.progress);
    EXPECT_EQ(kp.attainment, t.progress);
  }
}

TEST(DomainProgressMilestones, SixtyFourMilestonesUseEveryBit) {
  const std::vector<double> weights(64, 1.0);
  EXPECT_EQ(milestones_progress(weights, std::uint64_t{1} << 63).progress, 1.0 / 64.0);
  EXPECT_EQ(milestones_progress(weights, ~std::uint64_t{0}).progress, 1.0);
  EXPECT_EQ(milestones_progress(weights, 0xFFFF'FFFFULL).progress, 0.5);
}

struct BandCase {
  const char* name;
  double low;
  double high;
  std::optional<double> current;
  double progress;
};

const BandCase kBandCases[] = {
    {"inside", 100, 200, 150, 1},
    {"at the low edge", 100, 200, 100, 1},
    {"at the high edge", 100, 200, 200, 1},
    {"just below", 100, 200, 99.999, 0},
    {"just above", 100, 200, 200.001, 0},
    {"far below", 100, 200, 0, 0},
    {"far above", 100, 200, 1e9, 0},
    {"a one-value band, on it", 5, 5, 5, 1},
    {"a one-value band, off it", 5, 5, 5.5, 0},
    {"negative band, inside", -10, -5, -7, 1},
    {"before any value", 100, 200, std::nullopt, 0},
    {"before any value, band containing 0", -1, 1, std::nullopt, 0},
};

TEST(DomainProgressBand, Table) {
  for (const BandCase& t : kBandCases) {
    SCOPED_TRACE(t.name);
    const KeyResultProgress kp = band_progress(t.low, t.high, t.current);
    EXPECT_EQ(kp.progress, t.progress);
    EXPECT_EQ(kp.attainment, t.progress);
  }
}

struct MeanItem {
  double value;
  double weight;
};
struct MeanCase {
  const char* name;
  std::vector<MeanItem> items;
  double mean;
};

const std::vector<MeanCase>& mean_cases() {
  static const std::vector<MeanCase> cases = {
      {"no items: 0", {}, 0},
      {"one item", {{0.5, 1}}, 0.5},
      {"one item, weight 7", {{0.25, 7}}, 0.25},
      {"weights 1 and 3", {{1, 1}, {0, 3}}, 0.25},
      {"weights 2 and 1", {{0.75, 2}, {0, 1}}, 0.5},
      {"a zero weight next to a positive one is ignored", {{1, 0}, {0.5, 2}}, 0.5},
      {"all-zero weights: plain mean of two", {{1, 0}, {0, 0}}, 0.5},
      {"all-zero weights: plain mean of three", {{0.25, 0}, {0.5, 0}, {0.75, 0}}, 0.5},
      {"all-zero weights: one item", {{0.375, 0}}, 0.375},
      {"fractional weights", {{1, 0.25}, {0, 0.75}}, 0.25},
  };
  return cases;
}

TEST(DomainWeightedMean, Table) {
  for (const MeanCase& t : mean_cases()) {
    SCOPED_TRACE(t.name);
    WeightedMean mean;
    for (const MeanItem& item : t.items) mean.add(item.value, item.weight);
    EXPECT_EQ(mean.value(), t.mean);
    EXPECT_EQ(mean.count(), t.items.size());
  }
}

TEST(DomainWeightedMean, PlainMeanOfThreeUnrepresentableValues) {
  WeightedMean mean;
  mean.add(0.2, 0);
  mean.add(0.4, 0);
  mean.add(0.9, 0);
  EXPECT_EQ(mean.value(), (0.2 + 0.4 + 0.9) / 3);
}

// measured_progress: the kind decides which field of the latest measurement counts.
TEST(DomainProgressMeasured, BeforeAnyMeasurementEveryKindIsZero) {
  const std::vector<double> weights{1, 1};
  for (KeyResultKind kind : {KeyResultKind::kMetric, KeyResultKind::kBoolean,
                             KeyResultKind::kMilestones, KeyResultKind::kBand}) {
    SCOPED_TRACE(static_cast<int>(kind));
    // A band containing the start value is still 0 before the first value.
    const MeasureSpec spec{kind, 0, 100, -1, 1, weights};
    EXPECT_EQ(measured_progress(spec, nullptr).progress, 0.0);
  }
}

TEST(DomainProgressMeasured, EachKindReadsItsField) {
  const std::vector<double> weights{1, 3};
  Measurement m;
  m.value = 30;
  m.done = true;
  m.milestones_done = 0b10;
  EXPECT_EQ(measured_progress({KeyResultKind::kMetric, 20, 60, 0, 0, {}}, &m).progress, 0.25);
  EXPECT_EQ(measured_progress({KeyResultKind::kBoolean, 0, {}, 0, 0, {}}, &m).progress, 1.0);
  EXPECT_EQ(measured_progress({KeyResultKind::kMilestones, 0, {}, 0, 0, weights}, &m).progress,
            0.75);
  EXPECT_EQ(measured_progress({KeyResultKind::kBand, 0, {}, 25, 35, {}}, &m).progress, 1.0);
  EXPECT_EQ(measured_progress({KeyResultKind::kBand, 0, {}, 31, 35, {}}, &m).progress, 0.0);
}

// ---- Through the model: a key result's value comes from its latest check-in -----

TEST(DomainProgressModel, MetricCurrentIsStartUntilTheFirstCheckIn) {
  World w;
  const ObjectiveId o = w.objective();
  const KeyResultId kr = w.metric(o, 20, 10);
  EXPECT_EQ(w.c(kr), 20.0);
  EXPECT_EQ(w.p(kr), 0.0);
  EXPECT_FALSE(w.model.rollup().key_result(kr).started);
  w.check_in(kr, 15, q1_day(3));
  EXPECT_EQ(w.c(kr), 15.0);
  EXPECT_EQ(w.p(kr), 0.5);
  EXPECT_EQ(w.attainment(kr), 0.5);
  EXPECT_TRUE(w.model.rollup().key_result(kr).started);
}

TEST(DomainProgressModel, AttainmentIsUnclampedProgressIsClamped) {
  World w;
  const ObjectiveId o = w.objective();
  const KeyResultId kr = w.metric(o, 0, 100);
  w.check_in(kr, 120, q1_day(5));
  EXPECT_EQ(w.p(kr), 1.0);
  EXPECT_EQ(w.attainment(kr), 1.2);
  const KeyResultView view = Evaluation(w.model, q1_day(6)).key_result_view(kr);
  EXPECT_EQ(view.progress, 1.0);
  EXPECT_EQ(view.attainment, 1.2);
  EXPECT_EQ(view.current, 120.0);
  w.check_in(kr, -30, q1_day(7));
  EXPECT_EQ(w.p(kr), 0.0);
  EXPECT_EQ(w.attainment(kr), -0.3);
}

TEST(DomainProgressModel, NoTargetGivesZero) {
  World w;
  const ObjectiveId o = w.objective();
  const KeyResultId kr = w.metric(o, 0, std::nullopt);
  w.check_in(kr, 75, q1_day(5));
  EXPECT_EQ(w.c(kr), 75.0);
  EXPECT_EQ(w.p(kr), 0.0);
  EXPECT_EQ(w.attainment(kr), 0.0);
}

TEST(DomainProgressModel, TargetEqualToStartIsRefused) {
  World w;
  const ObjectiveId o = w.objective();
  const auto result = w.model.add_key_result(w.metric_spec(o, 10, 10), kSetup);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::kInvalid);
  ASSERT_EQ(result.error().fields.size(), 1u);
  EXPECT_EQ(result.error().fields[0].field, "target");
  EXPECT_EQ(w.model.key_result_count(), 0u);
}

TEST(DomainProgressModel, LatestCheckInIsByAtWithTiesToTheOneRecordedLast) {
  World w;
  const ObjectiveId o = w.objective();
  const KeyResultId kr = w.metric(o, 0, 100);
  w.check_in(kr, 50, q1_day(10));
  EXPECT_EQ(w.c(kr), 50.0);
  // Recorded later but dated earlier: not the latest.
  w.check_in(kr, 80, q1_day(5), std::nullopt, q1_day(12));
  EXPECT_EQ(w.c(kr), 50.0);
  EXPECT_EQ(w.p(kr), 0.5);
  // Same `at` as the day-10 check-in, recorded after it: wins the tie.
  w.check_in(kr, 30, q1_day(10), std::nullopt, q1_day(13));
  EXPECT_EQ(w.c(kr), 30.0);
  EXPECT_EQ(w.p(kr), 0.3);
  // A later `at` wins whenever it was recorded.
  w.check_in(kr, 90, q1_day(11), std::nullopt, q1_day(14));
  EXPECT_EQ(w.c(kr), 90.0);
  EXPECT_EQ(w.p(kr), 0.9);
}

TEST(DomainProgressModel, BooleanFollowsItsLatestDoneFlag) {
  World w;
  const ObjectiveId o = w.objective();
  const KeyResultId kr = w.boolean(o);
  EXPECT_EQ(w.p(kr), 0.0);
  w.check_in(kr, done_of(true), q1_day(2));
  EXPECT_EQ(w.p(kr), 1.0);
  w.check_in(kr, done_of(false), q1_day(3));
  EXPECT_EQ(w.p(kr), 0.0);
}

TEST(DomainProgressModel, MilestonesWithWeights) {
  World w;
  const ObjectiveId o = w.objective();
  const KeyResultId kr = w.milestones(o, {1, 2, 3, 4});
  EXPECT_EQ(w.p(kr), 0.0);
  w.check_in(kr, milestones_of(0b0110), q1_day(2));  // 2 + 3 of 10
  EXPECT_EQ(w.p(kr), 0.5);
  w.check_in(kr, milestones_of(0b1000), q1_day(3));  // 4 of 10
  EXPECT_EQ(w.p(kr), 0.4);
  w.check_in(kr, milestones_of(0b1111), q1_day(4));
  EXPECT_EQ(w.p(kr), 1.0);
}

TEST(DomainProgressModel, MilestonesWithAllZeroWeightsArePlainMean) {
  World w;
  const ObjectiveId o = w.objective();
  const KeyResultId kr = w.milestones(o, {0, 0, 0, 0});
  w.check_in(kr, milestones_of(0b0001), q1_day(2));
  EXPECT_EQ(w.p(kr), 0.25);
}

TEST(DomainProgressModel, MilestoneBitBeyondTheListIsRefused) {
  World w;
  const ObjectiveId o = w.objective();
  const KeyResultId kr = w.milestones(o, {1, 1});
  CheckIn c;
  c.key_result = kr;
  c.author = w.bob;
  c.measurement = milestones_of(0b100);
  c.at = q1_day(2);
  const auto result = w.model.add_check_in(c, q1_day(2));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(w.p(kr), 0.0);
}

TEST(DomainProgressModel, BandInsideOutsideAndBeforeAnyValue) {
  World w;
  const ObjectiveId o = w.objective();
  const KeyResultId kr = w.band(o, 100, 200);
  EXPECT_EQ(w.p(kr), 0.0);  // before any value
  struct Step {
    double value;
    double p;
  };
  const Step steps[] = {{150, 1}, {250, 0}, {200, 1}, {99, 0}, {100, 1}, {200.5, 0}};
  int day = 1;
  for (const Step& s : steps) {
    SCOPED_TRACE(s.value);
    w.check_in(kr, s.value, q1_day(day++));
    EXPECT_EQ(w.p(kr), s.p);
    EXPECT_EQ(w.c(kr), s.value);
  }
}

TEST(DomainProgressModel, BandWithHighBelowLowIsRefused) {
  World w;
  const ObjectiveId o = w.objective();
  KeyResult kr = w.metric_spec(o, 0, std::nullopt);
  kr.kind = KeyResultKind::kBand;
  kr.low = 10;
  kr.high = 5;
  const auto result = w.model.add_key_result(kr, kSetup);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::kInvalid);
}

TEST(DomainProgressModel, DeletedCheckInNoLongerCounts) {
  World w;
  const ObjectiveId o = w.objective();
  const KeyResultId kr = w.metric(o, 0, 100);
  w.check_in(kr, 40, q1_day(2));
  const CheckInId later = w.check_in(kr, 70, q1_day(3));
  EXPECT_EQ(w.p(kr), 0.7);
  must(w.model.delete_check_in(later, q1_day(4)));
  EXPECT_EQ(w.p(kr), 0.4);
  EXPECT_EQ(w.c(kr), 40.0);
}

}  // namespace
