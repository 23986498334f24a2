// DOMAIN.md "Forecast": with two or more check-ins, the least-squares line
// through (time, p) extended to the due date and clamped to [0, 1]; with one,
// p / e at the check-in instant (clamped); with none, no forecast.
//
// Points are chosen on binary fractions so that the least-squares sums are
// exact and the expected forecasts exact doubles; the one row that cannot be
// exact says so and uses a tolerance of 1e-12.
#include "core/forecast.h"

#include <gtest/gtest.h>

#include <optional>
#include <vector>

#include "test_model.h"

using namespace cairn::core;
using namespace cairn::core::test_model;

namespace {

const Instant kStart{1'000'000};
Instant day(double d) {
  return kStart + static_cast<std::int64_t>(d * kSecondsPerDay);
}

struct ForecastCase {
  const char* name;
  std::vector<std::pair<double, double>> points;  // (day after start, p)
  double due_day;
  std::optional<double> forecast;
};

const std::vector<ForecastCase>& forecast_cases() {
  static const std::vector<ForecastCase> cases = {
      {"no check-in: no forecast", {}, 32, std::nullopt},
      // One check-in: p / e at its instant.
      {"one: p 0.2 at e 0.25", {{8, 0.2}}, 32, 0.8},
      {"one: p 0.5 at e 0.5", {{16, 0.5}}, 32, 1},
      {"one: p 0.125 at e 0.5", {{16, 0.125}}, 32, 0.25},
      {"one: ahead of pace clamps at 1", {{8, 0.5}}, 32, 1},
      {"one: p 0", {{8, 0}}, 32, 0},
      {"one: after the due date, e = 1", {{40, 0.375}}, 32, 0.375},
      {"one: at the start, e = 0: no forecast", {{0, 0.5}}, 32, std::nullopt},
      // Two or more: the least-squares line at the due date.
      {"two: 0.25 → 0.5 over 8 days, due 16 days after the first", {{0, 0.25}, {8, 0.5}}, 16, 0.75},
      {"two, later: 0.125 at day 8, 0.25 at day 24, due day 90",
       {{8, 0.125}, {24, 0.25}},
       90,
       0.765625},
      {"two, flat", {{4, 0.5}, {12, 0.5}}, 90, 0.5},
      {"two, heading beyond the target: clamped to 1", {{0, 0.25}, {8, 0.5}}, 90, 1},
      {"two, falling: clamped to 0", {{8, 0.5}, {24, 0.125}}, 90, 0},
      {"four on a line", {{0, 0}, {4, 0.125}, {8, 0.25}, {12, 0.375}}, 16, 0.5},
      {"three, not on a line: slope 1/8, intercept 1/6",
       {{0, 0.125}, {1, 0.375}, {2, 0.375}},
       4,
       // Σx 3, Σy 0.875, Σxx 5, Σxy 1.125: slope 0.125, intercept 1/6 (inexact).
       1.0 / 6 + 0.5},
      {"all at one instant: their mean", {{5, 0.25}, {5, 0.75}}, 32, 0.5},
  };
  return cases;
}

TEST(DomainForecast, Table) {
  for (const ForecastCase& c : forecast_cases()) {
    SCOPED_TRACE(c.name);
    std::vector<ProgressPoint> points;
    for (const auto& [d, p] : c.points) points.push_back({day(d), p});
    const std::optional<double> f = forecast(points, kStart, day(c.due_day));
    ASSERT_EQ(f.has_value(), c.forecast.has_value());
    if (!f) continue;
    if (c.points.size() == 3) {
      EXPECT_NEAR(*f, *c.forecast, 1e-12);
    } else {
      EXPECT_EQ(*f, *c.forecast);
    }
    EXPECT_GE(*f, 0.0);
    EXPECT_LE(*f, 1.0);
  }
}

// ---- Through the evaluation ------------------------------------------------------------

TEST(DomainForecastEvaluation, NoneOneAndTwoCheckIns) {
  World w;
  const ObjectiveId o = w.objective();
  const KeyResultId kr = w.metric(o, 0, 100);
  EXPECT_FALSE(Evaluation(w.model, q1_day(5)).key_result_view(kr).forecast);

  // One check-in of 20 (p 0.2) at e = 0.25 (day 22.5): 0.2 / 0.25.
  w.check_in(kr, 20, q1_day(22.5));
  const KeyResultView one = Evaluation(w.model, q1_day(30)).key_result_view(kr);
  ASSERT_TRUE(one.forecast);
  EXPECT_EQ(*one.forecast, 0.8);

  // Replace it by two check-ins on a line: 12.5 at day 8, 25 at day 24 → 0.765625 at day 90.
  World v;
  const ObjectiveId o2 = v.objective();
  const KeyResultId two = v.metric(o2, 0, 100);
  v.check_in(two, 12.5, q1_day(8));
  v.check_in(two, 25, q1_day(24));
  const KeyResultView view = Evaluation(v.model, q1_day(30)).key_result_view(two);
  ASSERT_TRUE(view.forecast);
  EXPECT_EQ(*view.forecast, 0.765625);
}

TEST(DomainForecastEvaluation, ExtendedToTheKeyResultsOwnDueDate) {
  World w;
  const ObjectiveId o = w.objective();
  KeyResult spec = w.metric_spec(o, 0, 100);
  spec.due_at = q1_day(45);
  const KeyResultId kr = w.add(spec);
  w.check_in(kr, 12.5, q1_day(8));
  w.check_in(kr, 25, q1_day(24));
  // 0.125 + 0.0078125 · (45 − 8) = 0.4140625.
  EXPECT_EQ(*Evaluation(w.model, q1_day(30)).key_result_view(kr).forecast, 0.4140625);
}

TEST(DomainForecastEvaluation, ClampedBothWays) {
  World w;
  const ObjectiveId o = w.objective();
  const KeyResultId rising = w.metric(o, 0, 100);
  const KeyResultId falling = w.metric(o, 0, 100);
  w.check_in(rising, 25, q1_day(0));
  w.check_in(rising, 50, q1_day(8));
  w.check_in(falling, 50, q1_day(8));
  w.check_in(falling, 12.5, q1_day(24));
  const Evaluation e(w.model, q1_day(30));
  EXPECT_EQ(*e.key_result_view(rising).forecast, 1.0);
  EXPECT_EQ(*e.key_result_view(falling).forecast, 0.0);
}

TEST(DomainForecastEvaluation, UsesTheCheckInsVisibleAsOfT) {
  World w;
  const ObjectiveId o = w.objective();
  const KeyResultId kr = w.metric(o, 0, 100);
  w.check_in(kr, 20, q1_day(22.5));
  // A second check-in dated day 24 but recorded on day 40.
  w.check_in(kr, 40, q1_day(24), std::nullopt, q1_day(40));
  ASSERT_TRUE(Evaluation(w.model, q1_day(30)).key_result_view(kr).forecast);
  EXPECT_EQ(*Evaluation(w.model, q1_day(30)).key_result_view(kr).forecast, 0.8);
  const KeyResultView later = Evaluation(w.model, q1_day(41)).key_result_view(kr);
  ASSERT_TRUE(later.forecast);
  EXPECT_NE(*later.forecast, 0.8);
  EXPECT_EQ(*later.forecast, 1.0);  // 0.2 → 0.4 in 1.5 days, far beyond 1 by day 90
}

TEST(DomainForecastEvaluation, DeletedCheckInsDoNotCount) {
  World w;
  const ObjectiveId o = w.objective();
  const KeyResultId kr = w.metric(o, 0, 100);
  w.check_in(kr, 20, q1_day(22.5));
  const CheckInId wrong = w.check_in(kr, 90, q1_day(23));
  must(w.model.delete_check_in(wrong, q1_day(24)));
  EXPECT_EQ(*Evaluation(w.model, q1_day(25)).key_result_view(kr).forecast, 0.8);
}

TEST(DomainForecastEvaluation, EveryKindForecastsItsProgress) {
  World w;
  const ObjectiveId o = w.objective();
  const KeyResultId steps = w.milestones(o, {1, 1, 1, 1, 1, 1, 1, 1});
  w.check_in(steps, milestones_of(0b1), q1_day(8));    // 0.125
  w.check_in(steps, milestones_of(0b11), q1_day(24));  // 0.25
  EXPECT_EQ(*Evaluation(w.model, q1_day(30)).key_result_view(steps).forecast, 0.765625);
  const KeyResultId flag = w.boolean(o);
  w.check_in(flag, done_of(false), q1_day(45));  // one point, e = 0.5, p = 0
  EXPECT_EQ(*Evaluation(w.model, q1_day(50)).key_result_view(flag).forecast, 0.0);
}

TEST(DomainForecastEvaluation, ComputedKeyResultsHaveNoForecast) {
  World w;
  const ObjectiveId o = w.objective();
  const KeyResultId summed = w.metric(o, 0, 100, 1, ProgressSource::kSum);
  const KeyResultId fed = w.metric(o, 0, 100, 1, ProgressSource::kChildren);
  const ObjectiveId region = w.objective();
  const KeyResultId part = w.metric(region, 0, 100);
  w.link(NodeRef::of(part), NodeRef::of(summed));
  w.check_in(part, 10, q1_day(5));
  w.check_in(part, 20, q1_day(10));
  const Evaluation e(w.model, q1_day(20));
  EXPECT_FALSE(e.key_result_view(summed).forecast);
  EXPECT_FALSE(e.key_result_view(fed).forecast);
  EXPECT_TRUE(e.key_result_view(part).forecast);
}

}  // namespace
