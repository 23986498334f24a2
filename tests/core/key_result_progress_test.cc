// DOMAIN.md "Key result progress `p`": one table per kind, with the numbers.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/progress.h"

namespace cairn::core {
namespace {

TEST(KeyResultProgress, Metric) {
  const struct {
    double start;
    std::optional<double> target;
    double current;
    double progress;
    double attainment;
    const char* why;
  } cases[] = {
      {20, 10, 15, 0.5, 0.5, "decreasing: 20→10 at 15 is 0.5"},
      {0, 100, 50, 0.5, 0.5, "increasing halfway"},
      {1000, 2000, 1514, 0.514, 0.514, "newsletter subscribers"},
      {0, 100, 120, 1, 1.2, "beyond the target: clamped to 1, attainment 120 %"},
      {0, 100, 100, 1, 1, "exactly the target"},
      {0, 100, 0, 0, 0, "at the start"},
      {20, 10, 22, 0, -0.2, "decreasing but went up: clamped to 0"},
      {0, 100, -10, 0, -0.1, "below the start"},
      {-10, 10, 0, 0.5, 0.5, "negative start"},
      {5, std::nullopt, 7, 0, 0, "no target yet: not measurable, 0"},
      {5, 5, 7, 0, 0, "start equal to target: 0 (refused on input)"},
  };
  for (const auto& c : cases) {
    const KeyResultProgress p = metric_progress(c.start, c.target, c.current);
    EXPECT_DOUBLE_EQ(p.progress, c.progress) << c.why;
    EXPECT_DOUBLE_EQ(p.attainment, c.attainment) << c.why;
  }
}

TEST(KeyResultProgress, MetricNeverReportsNegativeZero) {
  // A decreasing metric that has not moved: (s − s) / (t − s) = −0 in IEEE arithmetic.
  const KeyResultProgress p = metric_progress(20, 10, 20);
  EXPECT_FALSE(std::signbit(p.progress));
  EXPECT_FALSE(std::signbit(p.attainment));
}

TEST(KeyResultProgress, Boolean) {
  EXPECT_DOUBLE_EQ(boolean_progress(true).progress, 1);
  EXPECT_DOUBLE_EQ(boolean_progress(false).progress, 0);
}

TEST(KeyResultProgress, Milestones) {
  const struct {
    std::vector<double> weights;
    std::uint64_t done;
    double progress;
    const char* why;
  } cases[] = {
      {{1, 1, 1, 1}, 0b0011, 0.5, "two of four equal milestones"},
      {{1, 1, 1, 1}, 0b1111, 1, "all done"},
      {{1, 1, 1, 1}, 0, 0, "none done"},
      {{1, 3}, 0b10, 0.75, "Σ weight done / Σ weight: 3 / 4"},
      {{2, 1, 1}, 0b001, 0.5, "the heavy first milestone"},
      {{0, 0, 0, 0}, 0b0001, 0.25, "all weights 0: the plain mean"},
      {{0, 2}, 0b01, 0, "a zero-weight milestone done counts nothing"},
      {{}, 0, 0, "no milestones: 0"},
  };
  for (const auto& c : cases) {
    EXPECT_DOUBLE_EQ(milestones_progress(c.weights, c.done).progress, c.progress) << c.why;
  }
}

TEST(KeyResultProgress, Band) {
  const struct {
    double low, high;
    std::optional<double> current;
    double progress;
    const char* why;
  } cases[] = {
      {75, 85, 80, 1, "inside"},           {75, 85, 75, 1, "on the low edge"},
      {75, 85, 85, 1, "on the high edge"}, {75, 85, 74.9, 0, "below"},
      {75, 85, 85.1, 0, "above"},          {75, 85, std::nullopt, 0, "no value yet"},
      {5, 5, 5, 1, "a band of one value"},
  };
  for (const auto& c : cases) {
    EXPECT_DOUBLE_EQ(band_progress(c.low, c.high, c.current).progress, c.progress) << c.why;
  }
}

TEST(KeyResultProgress, MeasuredByKind) {
  const std::vector<double> weights{1, 1};
  Measurement m;
  m.value = 15;
  m.done = true;
  m.milestones_done = 0b01;
  EXPECT_DOUBLE_EQ(measured_progress({KeyResultKind::kMetric, 20, 10, 0, 0, {}}, &m).progress, 0.5);
  EXPECT_DOUBLE_EQ(measured_progress({KeyResultKind::kMetric, 20, 10, 0, 0, {}}, nullptr).progress,
                   0)
      << "until the first check-in a metric stands at its start";
  EXPECT_DOUBLE_EQ(measured_progress({KeyResultKind::kBoolean, 0, {}, 0, 0, {}}, &m).progress, 1);
  EXPECT_DOUBLE_EQ(
      measured_progress({KeyResultKind::kMilestones, 0, {}, 0, 0, weights}, &m).progress, 0.5);
  EXPECT_DOUBLE_EQ(measured_progress({KeyResultKind::kBand, 0, {}, 10, 20, {}}, &m).progress, 1);
}

TEST(WeightedMean, FollowsTheDomainRule) {
  const struct {
    std::vector<std::pair<double, double>> items;  // value, weight
    double mean;
    const char* why;
  } cases[] = {
      {{{0.5, 2}, {1.0, 1}, {0.2, 1}}, 0.55, "(0.5×2 + 1.0 + 0.2) / 4"},
      {{{0.2, 0}, {0.6, 0}}, 0.4, "all weights 0: the plain mean"},
      {{}, 0, "no items: 0"},
      {{{0.9, 0}, {0.3, 1}}, 0.3, "a zero weight counts nothing when others weigh"},
      {{{1, 0.5}, {0, 1.5}}, 0.25, "fractional weights"},
  };
  for (const auto& c : cases) {
    WeightedMean mean;
    for (const auto& [value, weight] : c.items) mean.add(value, weight);
    EXPECT_DOUBLE_EQ(mean.value(), c.mean) << c.why;
  }
}

}  // namespace
}  // namespace cairn::core
