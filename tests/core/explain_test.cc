// Every number can explain itself (DOMAIN.md "Every key result and objective
// answer can explain its number").
#include <gtest/gtest.h>

#include "core/evaluation.h"

namespace cairn::core {
namespace {

class ExplainTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Organization org;
    org.name = "Explain Co";
    ASSERT_TRUE(model_.set_organization(org, t0_));
    Person p;
    p.name = "Ada";
    p.email = "ada@example.com";
    ada_ = *model_.add_person(p, t0_);
    Unit company;
    company.name = "Explain Co";
    company.kind = UnitKind::kCompany;
    company_ = *model_.add_unit(company, t0_);
    Period q;
    q.name = "Q1";
    q.start_date = Date::from_ymd(2026, 1, 1);
    q.end_date = Date::from_ymd(2026, 3, 31);
    q.starts_at = start_of_day_utc(q.start_date);
    q.ends_at = start_of_day_utc(q.end_date + 1);
    period_ = *model_.add_period(q, t0_);
  }

  ObjectiveId objective(ProgressMode mode) {
    Objective o;
    o.title = "Objective";
    o.period = period_;
    o.owner = Owner::of_unit(company_);
    o.progress_mode = mode;
    return *model_.add_objective(o, t0_);
  }

  KeyResultId metric(ObjectiveId o, double start, double target, double weight,
                     ProgressSource source = ProgressSource::kCheckIns) {
    KeyResult kr;
    kr.objective = o;
    kr.title = "Grow the metric";
    kr.owner = ada_;
    kr.start = start;
    kr.target = target;
    kr.unit = "count";
    kr.weight = weight;
    kr.source = source;
    return *model_.add_key_result(kr, t0_);
  }

  CheckInId check_in(KeyResultId kr, double value) {
    CheckIn c;
    c.key_result = kr;
    c.author = ada_;
    c.measurement.value = value;
    c.at = t1_;
    return *model_.add_check_in(c, t1_);
  }

  Model model_;
  Instant t0_ = instant_utc(2026, 1, 1);
  Instant t1_ = instant_utc(2026, 2, 1);
  PersonId ada_;
  UnitId company_;
  PeriodId period_;
};

TEST_F(ExplainTest, KeyResultsModeListsEachKeyResultWithItsWeightAndShare) {
  const ObjectiveId o = objective(ProgressMode::kKeyResults);
  const KeyResultId a = metric(o, 0, 100, 3);
  const KeyResultId b = metric(o, 0, 10, 1);
  check_in(a, 50);  // p = 0.5
  check_in(b, 10);  // p = 1
  const Evaluation eval(model_, t1_);
  const Explanation e = eval.explain(o);
  EXPECT_EQ(e.source, "key_results");
  EXPECT_DOUBLE_EQ(e.value, (0.5 * 3 + 1.0 * 1) / 4);  // 0.625
  ASSERT_EQ(e.contributions.size(), 2u);
  EXPECT_EQ(e.contributions[0].item, NodeRef::of(a));
  EXPECT_DOUBLE_EQ(e.contributions[0].value, 0.5);
  EXPECT_DOUBLE_EQ(e.contributions[0].weight, 3);
  EXPECT_DOUBLE_EQ(e.contributions[0].share, 0.75);
  EXPECT_DOUBLE_EQ(e.contributions[1].share, 0.25);
}

TEST_F(ExplainTest, AllZeroWeightsShareEqually) {
  const ObjectiveId o = objective(ProgressMode::kKeyResults);
  metric(o, 0, 100, 0);
  metric(o, 0, 100, 0);
  const Explanation e = Evaluation(model_, t1_).explain(o);
  ASSERT_EQ(e.contributions.size(), 2u);
  EXPECT_DOUBLE_EQ(e.contributions[0].share, 0.5);
}

TEST_F(ExplainTest, CheckInSourceNamesTheCheckIn) {
  const ObjectiveId o = objective(ProgressMode::kKeyResults);
  const KeyResultId kr = metric(o, 20, 10, 1);
  const CheckInId c = check_in(kr, 15);
  const Explanation e = Evaluation(model_, t1_).explain(kr);
  EXPECT_EQ(e.source, "check_in");
  EXPECT_EQ(e.check_in, c);
  EXPECT_DOUBLE_EQ(e.value, 0.5);
}

TEST_F(ExplainTest, SumSharesFollowTheAmounts) {
  // Regional targets $100k, $20k and $1k add up by money.
  const ObjectiveId company = objective(ProgressMode::kKeyResults);
  const KeyResultId total = metric(company, 0, 121000, 1, ProgressSource::kSum);
  const ObjectiveId regions = objective(ProgressMode::kKeyResults);
  const KeyResultId big = metric(regions, 0, 100000, 1);
  const KeyResultId mid = metric(regions, 0, 20000, 1);
  const KeyResultId small = metric(regions, 0, 1000, 1);
  for (KeyResultId child : {big, mid, small}) {
    AlignmentLink link;
    link.child = NodeRef::of(child);
    link.parent = NodeRef::of(total);
    ASSERT_TRUE(model_.add_link(link, t0_));
  }
  check_in(big, 60000);
  check_in(mid, 20000);
  check_in(small, 1000);
  const Evaluation eval(model_, t1_);
  const Explanation e = eval.explain(total);
  EXPECT_EQ(e.source, "sum");
  ASSERT_EQ(e.contributions.size(), 3u);
  EXPECT_DOUBLE_EQ(e.contributions[0].value, 60000);
  EXPECT_DOUBLE_EQ(e.contributions[0].share, 60000.0 / 81000);
  EXPECT_DOUBLE_EQ(eval.key_result_view(total).current, 81000);
  EXPECT_DOUBLE_EQ(e.value, 81000.0 / 121000);
}

TEST_F(ExplainTest, ChildrenModeListsAlignedObjectivesByLinkWeight) {
  const ObjectiveId parent = objective(ProgressMode::kChildren);
  const ObjectiveId a = objective(ProgressMode::kKeyResults);
  const ObjectiveId b = objective(ProgressMode::kKeyResults);
  check_in(metric(a, 0, 10, 1), 10);  // P = 1
  metric(b, 0, 10, 1);                // P = 0
  ASSERT_TRUE(
      model_.add_link(AlignmentLink{{}, NodeRef::of(a), NodeRef::of(parent), 1, true}, t1_));
  ASSERT_TRUE(
      model_.add_link(AlignmentLink{{}, NodeRef::of(b), NodeRef::of(parent), 3, true}, t1_));
  const Explanation e = Evaluation(model_, t1_).explain(parent);
  EXPECT_EQ(e.source, "children");
  EXPECT_DOUBLE_EQ(e.value, 0.25);
  ASSERT_EQ(e.contributions.size(), 2u);
  EXPECT_DOUBLE_EQ(e.contributions[1].share, 0.75);
}

TEST_F(ExplainTest, ManualModeHasNoContributions) {
  Objective o;
  o.title = "By hand";
  o.period = period_;
  o.owner = Owner::of_unit(company_);
  o.progress_mode = ProgressMode::kManual;
  o.manual_progress = 0.4;
  const ObjectiveId id = *model_.add_objective(o, t0_);
  const Explanation e = Evaluation(model_, t1_).explain(id);
  EXPECT_EQ(e.source, "manual");
  EXPECT_DOUBLE_EQ(e.value, 0.4);
  EXPECT_TRUE(e.contributions.empty());
}

}  // namespace
}  // namespace cairn::core
