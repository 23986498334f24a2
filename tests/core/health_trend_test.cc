// docs/maturity.md "Trend": program health at each check-in cadence step of a
// period, at most 26 points, the last at as_of.
#include "core/health_trend.h"

#include <gtest/gtest.h>

#include "fixture.h"

namespace cairn::core {
namespace {

using testing::kQ1End;
using testing::kQ1Start;
using testing::ok;
using testing::q1_at;
using testing::TestOrg;

constexpr std::int64_t kDay = kSecondsPerDay;

TEST(HealthTrendInstants, OnePointPerCadenceStepThenAsOf) {
  // Q1 has 90 days; a year 365.
  const Instant year_end = kQ1Start + 365 * kDay;
  const struct {
    const char* name;
    Instant end, as_of;
    int cadence_days;
    std::size_t points;
    std::int64_t step_days;  // between the first two points
  } cases[] = {
      {"a finished quarter, weekly: days 0, 7, …, 84 and as_of", kQ1End, kQ1End + 10 * kDay, 7, 14,
       7},
      {"day 20 of the quarter: 0, 7, 14, as_of", kQ1End, kQ1Start + 20 * kDay, 7, 4, 7},
      {"as_of on a step is not counted twice: 0, 7, as_of", kQ1End, kQ1Start + 14 * kDay, 7, 3, 7},
      {"biweekly: 0, 14, …, 84 and as_of", kQ1End, kQ1End, 14, 8, 14},
      {"monthly: 0, 31, 62 and as_of", kQ1End, kQ1End, 31, 4, 31},
      {"a year, weekly: widened to every 3 weeks, 18 steps and as_of", year_end, year_end, 7, 19,
       21},
      {"the first instant only: as_of", kQ1End, kQ1Start, 7, 1, 0},
      {"before the period starts: as_of", kQ1End, kQ1Start - kDay, 7, 1, 0},
  };
  for (const auto& c : cases) {
    const std::vector<Instant> t = health_trend_instants(kQ1Start, c.end, c.as_of, c.cadence_days);
    ASSERT_EQ(t.size(), c.points) << c.name;
    EXPECT_EQ(t.back(), c.as_of) << c.name;
    if (c.points > 1) {
      EXPECT_EQ(t.front(), kQ1Start) << c.name;
      EXPECT_EQ(t[1] - t[0], c.step_days * kDay) << c.name;
    }
  }
}

TEST(HealthTrendInstants, NeverMoreThanTwentySixPointsAndAlwaysRising) {
  for (int days = 1; days <= 3 * 365; days += 11) {
    for (int cadence : {1, 7, 14, 31}) {
      const Instant end = kQ1Start + days * kDay;
      const std::vector<Instant> t = health_trend_instants(kQ1Start, end, end + kDay, cadence);
      EXPECT_LE(t.size(), kMaxHealthTrendPoints) << days << " days, every " << cadence;
      EXPECT_GE(t.size(), 2u);
      for (std::size_t i = 1; i < t.size(); ++i) EXPECT_LT(t[i - 1], t[i]);
      // The steps are whole multiples of the cadence.
      if (t.size() > 2) {
        EXPECT_EQ((t[1] - t[0]) % (cadence * kDay), 0);
      }
    }
  }
}

TEST(HealthTrend, EachPointIsTheHealthAsOfItsInstant) {
  TestOrg org;
  const ObjectiveId o = org.objective();
  const KeyResultId kr = org.metric(o, 0, 10);
  org.check_in(kr, 2, kQ1Start + 10 * kDay);
  org.check_in(kr, 4, kQ1Start + 30 * kDay);
  const Evaluation eval(org.model, kQ1Start + 32 * kDay);
  const std::vector<HealthPoint> trend = health_trend(eval, org.q1);
  // Days 0, 7, 14, 21, 28 and 32.
  ASSERT_EQ(trend.size(), 6u);
  const std::size_t active[] = {0, 0, 1, 0, 0, 1};  // checked in within the last 7 days
  for (std::size_t i = 0; i < trend.size(); ++i) {
    const ProgramHealth expected = program_health(Evaluation(org.model, trend[i].at), org.q1);
    EXPECT_EQ(trend[i].health.activity.numerator, active[i]) << i;
    EXPECT_EQ(trend[i].health.activity.denominator, 1u) << i;
    EXPECT_EQ(trend[i].health.attainment, expected.attainment) << i;
  }
  EXPECT_EQ(trend.back().at, eval.as_of());
  EXPECT_EQ(health_trend(eval, PeriodId{99}).size(), 0u) << "an unknown period has no trend";
}

TEST(HealthTrend, TheCadenceIsTheOrganisations) {
  Settings monthly;
  monthly.check_in.cadence = Cadence::kMonthly;
  TestOrg org(monthly);
  org.metric(org.objective(), 0, 10);
  EXPECT_EQ(health_trend(Evaluation(org.model, kQ1End), org.q1).size(), 4u)
      << "days 0, 31, 62 and the end";
}

}  // namespace
}  // namespace cairn::core
