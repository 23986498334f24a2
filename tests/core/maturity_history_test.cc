// docs/maturity.md "History": the assessment as of the end of each period
// that had ended, oldest first.
#include "core/maturity_history.h"

#include <gtest/gtest.h>

#include "fixture.h"
#include "maturity_org.h"

namespace cairn::core {
namespace {

using testing::make_period;
using testing::MaturityOrg;
using testing::ok;
using testing::TestOrg;

TEST(MaturityHistory, EachEndedPeriodWithItsStageAsOfItsEnd) {
  MaturityOrg m({});
  // Q1 and Q2 have ended on 31 August; Q3 and the year have not.
  const std::vector<MaturityMilestone> h = maturity_history(Evaluation(m.org.model, m.now));
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h[0].period, m.org.q1);
  EXPECT_EQ(h[0].name, "Q1 2026");
  EXPECT_EQ(h[0].end_date, Date::from_ymd(2026, 3, 31));
  EXPECT_EQ(h[1].period, m.org.q2);
  // At the end of Q1 nothing was closed and scored yet; at the end of Q2, Q1
  // was, but Q3's check-ins had not begun (no interval to measure).
  EXPECT_EQ(h[0].stage, MaturityStage::kAware);
  EXPECT_EQ(h[1].stage, MaturityStage::kChampion);
  for (const MaturityMilestone& milestone : h) {
    const MaturityReport then = assess_maturity(Evaluation(m.org.model, milestone.ends_at));
    EXPECT_EQ(milestone.total, then.criteria.size());
    std::size_t passed = 0;
    for (const MaturityCriterion& c : then.criteria) passed += c.passed ? 1 : 0;
    EXPECT_EQ(milestone.passed, passed);
  }
  EXPECT_EQ(h[0].total, 19u);
  EXPECT_LT(h[0].passed, h[1].passed);
}

TEST(MaturityHistory, LaterPeriodsJoinAsTheyEnd) {
  MaturityOrg m({});
  const std::vector<MaturityMilestone> h =
      maturity_history(Evaluation(m.org.model, instant_utc(2027, 1, 1)));
  ASSERT_EQ(h.size(), 4u) << "Q1, Q2, Q3 and the year 2026";
  EXPECT_EQ(h[2].period, m.q3);
  EXPECT_EQ(h[3].period, m.org.year);
  EXPECT_TRUE(maturity_history(Evaluation(m.org.model, instant_utc(2026, 3, 31))).empty())
      << "nothing has ended yet";
  // A period ends at the start of the day after its end date.
  EXPECT_EQ(maturity_history(Evaluation(m.org.model, instant_utc(2026, 4, 1))).size(), 1u);
}

TEST(MaturityHistory, AYearAndItsLastQuarterEndTogetherYearFirst) {
  TestOrg org;
  org.metric(org.objective(), 0, 10);
  const PeriodId q4 = ok(
      org.model.add_period(make_period("Q4 2026", PeriodKind::kQuarter, Date::from_ymd(2026, 10, 1),
                                       Date::from_ymd(2026, 12, 31), org.year),
                           instant_utc(2027, 1, 15)));
  const std::vector<MaturityMilestone> h =
      maturity_history(Evaluation(org.model, instant_utc(2027, 2, 1)));
  ASSERT_EQ(h.size(), 4u);
  EXPECT_EQ(h[0].period, org.q1);
  EXPECT_EQ(h[1].period, org.q2);
  EXPECT_EQ(h[2].period, org.year) << "it started earlier";
  EXPECT_EQ(h[3].period, q4);
  EXPECT_EQ(h[2].stage, h[3].stage);
  EXPECT_EQ(h[2].passed, h[3].passed);
  EXPECT_EQ(h[0].stage, MaturityStage::kAware);
  // As of before Q4 was made (15 January 2027), it is not listed.
  EXPECT_EQ(maturity_history(Evaluation(org.model, instant_utc(2027, 1, 10))).size(), 3u);
  EXPECT_EQ(maturity_history(Evaluation(org.model, instant_utc(2026, 7, 1))).size(), 2u);
}

}  // namespace
}  // namespace cairn::core
