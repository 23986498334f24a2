// DOMAIN.md "Maturity assessment (the five-stage model)".
#include "core/maturity.h"

#include <gtest/gtest.h>

#include "fixture.h"
#include "maturity_org.h"

namespace cairn::core {
namespace {

using testing::MaturityOrg;
using testing::ok;
using testing::TestOrg;

const MaturityCriterion& criterion(const MaturityReport& r, const std::string& id) {
  for (const MaturityCriterion& c : r.criteria) {
    if (c.id == id) return c;
  }
  ADD_FAILURE() << "no criterion " << id;
  static MaturityCriterion none;
  return none;
}

TEST(Maturity, AnEmptyOrganisationIsCuriousAndEveryCriterionIsListed) {
  TestOrg org;
  const MaturityReport r = assess_maturity(Evaluation(org.model, instant_utc(2026, 2, 1)));
  EXPECT_EQ(r.stage, MaturityStage::kCurious);
  EXPECT_STREQ(to_string(r.stage), "curious");
  EXPECT_EQ(r.criteria.size(), 19u);  // 2 + 5 + 6 + 6
  for (const MaturityCriterion& c : r.criteria) {
    if (!c.passed) {
      EXPECT_FALSE(c.next_step.empty()) << c.id;
    }
  }
  EXPECT_DOUBLE_EQ(*criterion(r, "aware.active_objectives").measured, 0);
  EXPECT_FALSE(criterion(r, "excellence.check_in_interval").measured.has_value())
      << "no check-ins: not measurable yet";
}

TEST(Maturity, OneMeasurableObjectiveMakesAnOrganisationAware) {
  TestOrg org;
  org.metric(org.objective(), 0, 10);
  const MaturityReport r = assess_maturity(Evaluation(org.model, instant_utc(2026, 2, 1)));
  EXPECT_EQ(r.stage, MaturityStage::kAware);
  const MaturityCriterion& periods = criterion(r, "champion.periods");
  EXPECT_DOUBLE_EQ(*periods.measured, 1);
  EXPECT_DOUBLE_EQ(periods.threshold, 2);
  EXPECT_FALSE(periods.passed);
  EXPECT_FALSE(periods.next_step.empty());
  EXPECT_TRUE(criterion(r, "aware.measurable_objectives").next_step.empty());
}

TEST(Maturity, MeasurableObjectivesThresholdIsEightyPercent) {
  const struct {
    int measurable, total;
    bool passes;
  } cases[] = {{4, 5, true}, {3, 4, false}, {5, 5, true}, {0, 1, false}};
  for (const auto& c : cases) {
    TestOrg org;
    for (int i = 0; i < c.total; ++i) {
      const ObjectiveId o =
          org.objective("O", ProgressMode::kKeyResults, {}, Owner::of_person(org.bob));
      if (i < c.measurable) {
        org.metric(o, 0, 10);
      } else {
        KeyResult yes_no;
        yes_no.objective = o;
        yes_no.kind = KeyResultKind::kBoolean;
        org.key_result(yes_no);
      }
    }
    const MaturityReport report = assess_maturity(Evaluation(org.model, instant_utc(2026, 2, 1)));
    const MaturityCriterion& m = criterion(report, "aware.measurable_objectives");
    EXPECT_DOUBLE_EQ(*m.measured, static_cast<double>(c.measurable) / c.total);
    EXPECT_EQ(m.passed, c.passes) << c.measurable << "/" << c.total;
  }
}

TEST(Maturity, AnOrganisationThatDoesEverythingIsAMaster) {
  MaturityOrg m({});
  const MaturityReport r = assess_maturity(Evaluation(m.org.model, m.now));
  for (const MaturityCriterion& c : r.criteria) EXPECT_TRUE(c.passed) << c.id;
  EXPECT_EQ(r.stage, MaturityStage::kMaster);
  EXPECT_DOUBLE_EQ(*criterion(r, "champion.periods").measured, 3);
  EXPECT_DOUBLE_EQ(*criterion(r, "excellence.levels").measured, 3);
  EXPECT_DOUBLE_EQ(*criterion(r, "excellence.teams").measured, 3);
  EXPECT_DOUBLE_EQ(*criterion(r, "master.check_in_interval").measured, 7);
  EXPECT_DOUBLE_EQ(*criterion(r, "master.units_with_okrs").measured, 1);
  EXPECT_DOUBLE_EQ(*criterion(r, "master.aligned_objectives").measured, 1);
  EXPECT_DOUBLE_EQ(*criterion(r, "excellence.retrospectives").measured, 1);
  EXPECT_DOUBLE_EQ(*criterion(r, "master.comments").measured, 4.0 / 12);
}

TEST(Maturity, CheckingInEveryTenDaysStopsAtExcellence) {
  MaturityOrg m({.check_in_every_days = 10});
  const MaturityReport r = assess_maturity(Evaluation(m.org.model, m.now));
  EXPECT_EQ(r.stage, MaturityStage::kExcellence);
  EXPECT_DOUBLE_EQ(*criterion(r, "master.check_in_interval").measured, 10);
  EXPECT_FALSE(criterion(r, "master.check_in_interval").passed);
  EXPECT_TRUE(criterion(r, "excellence.check_in_interval").passed);
}

TEST(Maturity, CheckingInEveryFifteenDaysStopsAtChampion) {
  MaturityOrg m({.check_in_every_days = 15});
  EXPECT_EQ(assess_maturity(Evaluation(m.org.model, m.now)).stage, MaturityStage::kChampion);
}

TEST(Maturity, WithoutRetrospectivesAnOrganisationStaysAChampion) {
  MaturityOrg m({.retrospectives = false});
  const MaturityReport r = assess_maturity(Evaluation(m.org.model, m.now));
  EXPECT_EQ(r.stage, MaturityStage::kChampion);
  EXPECT_DOUBLE_EQ(*criterion(r, "excellence.retrospectives").measured, 0);
}

TEST(Maturity, MasterNeedsCrossTeamLinksDataAndConversation) {
  EXPECT_EQ(assess_maturity(
                Evaluation(MaturityOrg({.dependency = false}).org.model, instant_utc(2026, 8, 31)))
                .stage,
            MaturityStage::kExcellence);
  EXPECT_EQ(
      assess_maturity(Evaluation(MaturityOrg({.kpi = false}).org.model, instant_utc(2026, 8, 31)))
          .stage,
      MaturityStage::kExcellence);
  // 3 of 12 objectives commented is 25 % < 30 %; 4 of 12 passes (above).
  MaturityOrg few({.comments = 3});
  const MaturityReport r = assess_maturity(Evaluation(few.org.model, few.now));
  EXPECT_DOUBLE_EQ(*criterion(r, "master.comments").measured, 0.25);
  EXPECT_EQ(r.stage, MaturityStage::kExcellence);
}

TEST(Maturity, AlignmentThresholds) {
  // Team two is never aligned: champion needs half the team objectives aligned
  // (6 of 9 here), master needs 80 % of the objectives below the company (6/9 fails).
  MaturityOrg m({.align_team_two = false});
  const MaturityReport r = assess_maturity(Evaluation(m.org.model, m.now));
  EXPECT_DOUBLE_EQ(*criterion(r, "champion.aligned_team_objectives").measured, 6.0 / 9);
  EXPECT_TRUE(criterion(r, "champion.aligned_team_objectives").passed);
  EXPECT_DOUBLE_EQ(*criterion(r, "master.aligned_objectives").measured, 6.0 / 9);
  EXPECT_FALSE(criterion(r, "master.aligned_objectives").passed);
  EXPECT_EQ(r.stage, MaturityStage::kExcellence);
}

TEST(Maturity, IsAssessedAsOfAnInstant) {
  MaturityOrg m({});
  // Before Q1 closed there was no scored period: aware only.
  const MaturityReport early = assess_maturity(Evaluation(m.org.model, instant_utc(2026, 3, 15)));
  EXPECT_EQ(early.stage, MaturityStage::kAware);
  EXPECT_DOUBLE_EQ(*criterion(early, "champion.last_period_scored").measured, 0);
}

}  // namespace
}  // namespace cairn::core
