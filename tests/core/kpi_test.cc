// KPIs and the key results they feed (DOMAIN.md "kpi: the latest value of the
// linked KPI is the current value c"; PRODUCT.md F30, F31).
#include <gtest/gtest.h>

#include <cmath>

#include "core/evaluation.h"
#include "fixture.h"

namespace cairn::core {
namespace {

using testing::kQ1Start;
using testing::ok;
using testing::q1_at;
using testing::TestOrg;

class KpiTest : public ::testing::Test {
 protected:
  KpiTest() {
    Kpi k;
    k.name = "Weekly active users";
    k.unit = "users";
    k.owner = org.bob;
    k.low = 800;
    kpi = ok(org.model.add_kpi(k, org.setup));
    objective = org.objective("Grow the product");
  }

  KeyResultId fed_metric(double start, double target, KpiId from, Instant at = {}) {
    KeyResult kr;
    kr.owner = org.bob;
    kr.title = "Reach our users";
    kr.objective = objective;
    kr.start = start;
    kr.target = target;
    kr.source = ProgressSource::kKpi;
    kr.kpi = from;
    return ok(org.model.add_key_result(kr, at == Instant{} ? org.setup : at));
  }

  Result<int> values(std::vector<KpiValue> v, Instant now) {
    return org.model.add_kpi_values(kpi, std::move(v), now);
  }

  TestOrg org;
  KpiId kpi;
  ObjectiveId objective;
};

TEST_F(KpiTest, EachNewValueBecomesOneCheckInOfTheTiedKeyResult) {
  const KeyResultId kr = fed_metric(0, 1000, kpi);
  EXPECT_EQ(ok(values({{q1_at(0.2), 400, KpiOrigin::kPush}}, q1_at(0.2))), 1);
  EXPECT_EQ(ok(values({{q1_at(0.3), 650, KpiOrigin::kPull}}, q1_at(0.3))), 1);

  ASSERT_EQ(org.model.check_ins(kr).size(), 2u);
  const CheckIn& last = org.model.check_ins(kr).back();
  EXPECT_EQ(last.kpi, kpi);
  EXPECT_EQ(last.author, org.bob);  // the KPI's owner
  EXPECT_EQ(last.measurement.value, 650);
  EXPECT_DOUBLE_EQ(org.progress(kr, q1_at(0.3)), 0.65);
  // As of an earlier instant, the earlier value counts.
  EXPECT_DOUBLE_EQ(org.progress(kr, q1_at(0.25)), 0.4);
  const auto view = Evaluation(org.model, q1_at(0.3)).key_result_view(kr);
  EXPECT_EQ(view.current, 650);
  EXPECT_EQ(org.model.latest_kpi_value(kpi, q1_at(0.3))->value, 650);
  EXPECT_EQ(org.model.latest_kpi_value(kpi, q1_at(0.25))->value, 400);
  // Its number explains itself as the KPI's (DOMAIN.md, "explain").
  const Explanation why = Evaluation(org.model, q1_at(0.3)).explain(kr);
  EXPECT_EQ(why.source, "kpi");
  EXPECT_DOUBLE_EQ(why.value, 0.65);
  EXPECT_EQ(why.check_in, last.id);
}

TEST_F(KpiTest, OneValueFeedsEveryTiedKeyResultAndTheObjectiveRollsUp) {
  const KeyResultId users = fed_metric(0, 1000, kpi);
  const KeyResultId band = [&] {
    KeyResult kr;
    kr.objective = objective;
    kr.kind = KeyResultKind::kBand;
    kr.low = 800;
    kr.high = 1200;
    kr.source = ProgressSource::kKpi;
    kr.kpi = kpi;
    return org.key_result(kr);
  }();
  EXPECT_EQ(ok(values({{q1_at(0.5), 900}}, q1_at(0.5))), 2);
  EXPECT_DOUBLE_EQ(org.progress(users, q1_at(0.5)), 0.9);
  EXPECT_DOUBLE_EQ(org.progress(band, q1_at(0.5)), 1);
  EXPECT_DOUBLE_EQ(org.progress(objective, q1_at(0.5)), 0.95);
}

TEST_F(KpiTest, AKeyResultTiedLaterTakesTheLatestValueAtOnce) {
  ok(values({{q1_at(0.1), 200}, {q1_at(0.2), 300}}, q1_at(0.2)));
  const KeyResultId kr = fed_metric(0, 1000, kpi, q1_at(0.25));
  ASSERT_EQ(org.model.check_ins(kr).size(), 1u);
  EXPECT_EQ(org.model.check_ins(kr)[0].at, q1_at(0.2));
  EXPECT_DOUBLE_EQ(org.progress(kr, q1_at(0.3)), 0.3);

  // Switching it to another KPI takes that one's latest value; switching to
  // the same KPI again adds nothing.
  Kpi other;
  other.name = "Paying customers";
  other.owner = org.ada;
  const KpiId customers = ok(org.model.add_kpi(other, q1_at(0.3)));
  ok(org.model.add_kpi_values(customers, {{q1_at(0.3), 120}}, q1_at(0.3)));
  KeyResult switched = *org.model.key_result(kr);
  switched.kpi = customers;
  ok(org.model.update_key_result(switched, q1_at(0.4)));
  ok(org.model.update_key_result(switched, q1_at(0.41)));
  ASSERT_EQ(org.model.check_ins(kr).size(), 2u);
  EXPECT_EQ(org.model.check_ins(kr).back().kpi, customers);
  EXPECT_DOUBLE_EQ(org.progress(kr, q1_at(0.5)), 0.12);
  // The old KPI no longer feeds it.
  EXPECT_EQ(ok(values({{q1_at(0.5), 900}}, q1_at(0.5))), 0);
  EXPECT_DOUBLE_EQ(org.progress(kr, q1_at(0.5)), 0.12);
}

TEST_F(KpiTest, ValuesBeforeThePeriodStartStayTheKpisOwn) {
  const KeyResultId kr = fed_metric(0, 1000, kpi);
  // A CSV history: two values from before Q1, one inside it, out of order.
  EXPECT_EQ(ok(values({{q1_at(0.1), 500, KpiOrigin::kCsv},
                       {kQ1Start - 7 * kSecondsPerDay, 100, KpiOrigin::kCsv},
                       {kQ1Start - 14 * kSecondsPerDay, 50, KpiOrigin::kCsv}},
                      q1_at(0.2))),
            1);
  EXPECT_EQ(org.model.kpi_values(kpi).size(), 3u);
  EXPECT_EQ(org.model.kpi_values(kpi)[0].value, 50);  // ordered by instant
  EXPECT_EQ(org.model.check_ins(kr).size(), 1u);
  EXPECT_DOUBLE_EQ(org.progress(kr, q1_at(0.2)), 0.5);
}

TEST_F(KpiTest, ClosedArchivedAndUnfedKeyResultsTakeNoValues) {
  const KeyResultId archived = fed_metric(0, 10, kpi);
  KeyResult a = *org.model.key_result(archived);
  a.archived = true;
  ok(org.model.update_key_result(a, q1_at(0.1)));
  const ObjectiveId other = org.objective("Ship it");
  KeyResult closed_kr;
  closed_kr.objective = other;
  closed_kr.target = 10;
  closed_kr.source = ProgressSource::kKpi;
  closed_kr.kpi = kpi;
  const KeyResultId closed = org.key_result(closed_kr);
  ok(org.model.close_objective(other, q1_at(0.2)));
  const KeyResultId manual = org.metric(objective, 0, 10);

  EXPECT_EQ(ok(values({{q1_at(0.3), 5}}, q1_at(0.3))), 0);
  EXPECT_TRUE(org.model.check_ins(archived).empty());
  EXPECT_TRUE(org.model.check_ins(closed).empty());
  EXPECT_TRUE(org.model.check_ins(manual).empty());
}

TEST_F(KpiTest, AKpiFedKeyResultRefusesValuesTypedByHand) {
  const KeyResultId kr = fed_metric(0, 10, kpi);
  CheckIn c;
  c.key_result = kr;
  c.author = org.bob;
  c.measurement.value = 3;
  c.at = q1_at(0.1);
  const auto refused = org.model.add_check_in(c, q1_at(0.1));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().fields.at(0).field, "value");
  // And a check-in claiming a KPI on a key result fed by hand is refused too.
  CheckIn claimed = c;
  claimed.key_result = org.metric(objective, 0, 10);
  claimed.kpi = kpi;
  EXPECT_FALSE(org.model.add_check_in(claimed, q1_at(0.1)));
}

TEST_F(KpiTest, BadValuesChangeNothing) {
  const KeyResultId kr = fed_metric(0, 10, kpi);
  const auto nan = values({{q1_at(0.1), 1}, {q1_at(0.1), std::nan("")}}, q1_at(0.1));
  ASSERT_FALSE(nan);
  EXPECT_EQ(nan.error().fields.at(0).field, "value");
  const auto future = values({{q1_at(0.5), 1}}, q1_at(0.1));
  ASSERT_FALSE(future);
  EXPECT_EQ(future.error().fields.at(0).field, "at");
  EXPECT_FALSE(values({}, q1_at(0.1)));
  EXPECT_TRUE(org.model.kpi_values(kpi).empty());
  EXPECT_TRUE(org.model.check_ins(kr).empty());

  Kpi archived = *org.model.kpi(kpi);
  archived.archived = true;
  ok(org.model.update_kpi(archived, q1_at(0.2)));
  EXPECT_FALSE(values({{q1_at(0.2), 1}}, q1_at(0.2)));
  EXPECT_TRUE(org.model.kpi_values(kpi).empty());
}

TEST_F(KpiTest, KpisAndTheirKeyResultsAreValidated) {
  Kpi k;
  k.name = "Churn";
  EXPECT_EQ(org.model.add_kpi(k, org.setup).error().fields.at(0).field, "owner_id");
  k.owner = org.ada;
  k.low = 5;
  k.high = 2;
  EXPECT_EQ(org.model.add_kpi(k, org.setup).error().fields.at(0).field, "high");
  k.high = std::nan("");
  EXPECT_EQ(org.model.add_kpi(k, org.setup).error().fields.at(0).field, "high");
  k.high.reset();
  k.name = "";
  EXPECT_EQ(org.model.add_kpi(k, org.setup).error().fields.at(0).field, "name");
  EXPECT_EQ(org.model.kpi_count(), 1u);

  KeyResult kr;
  kr.objective = objective;
  kr.title = "Done";
  kr.owner = org.bob;
  kr.kind = KeyResultKind::kBoolean;
  kr.source = ProgressSource::kKpi;
  kr.kpi = kpi;
  EXPECT_EQ(org.model.add_key_result(kr, org.setup).error().fields.at(0).field, "progress_source");
  kr.kind = KeyResultKind::kMetric;
  kr.target = 1;
  kr.kpi = KpiId{7};
  EXPECT_EQ(org.model.add_key_result(kr, org.setup).error().fields.at(0).field, "kpi_id");
}

TEST_F(KpiTest, TheHealthyBandHasOpenEnds) {
  const Kpi& k = *org.model.kpi(kpi);
  EXPECT_TRUE(healthy(k, 800));
  EXPECT_TRUE(healthy(k, 1e9));
  EXPECT_FALSE(healthy(k, 799.5));
}

}  // namespace
}  // namespace cairn::core
