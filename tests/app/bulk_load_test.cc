// A model filled in bulk-load mode (roll-up deferred) ends in exactly the state
// of one filled command by command: same values, same frozen scores.
#include <gtest/gtest.h>

#include "app/demo_organization.h"
#include "app/workload.h"
#include "core/model.h"

namespace cairn::app {
namespace {

const core::Instant kNow = core::instant_utc(2026, 5, 15, 12);

void expect_same_state(const core::Model& a, const core::Model& b) {
  ASSERT_EQ(a.objective_count(), b.objective_count());
  ASSERT_EQ(a.key_result_count(), b.key_result_count());
  for (std::uint32_t i = 0; i < a.objective_count(); ++i) {
    const core::ObjectiveId id{i};
    EXPECT_EQ(a.rollup().objective(id).progress, b.rollup().objective(id).progress) << i;
    EXPECT_EQ(a.objective(id)->score, b.objective(id)->score) << i;
  }
  for (std::uint32_t i = 0; i < a.key_result_count(); ++i) {
    const core::KeyResultId id{i};
    EXPECT_EQ(a.rollup().key_result(id).current, b.rollup().key_result(id).current) << i;
    EXPECT_EQ(a.rollup().key_result(id).progress, b.rollup().key_result(id).progress) << i;
    EXPECT_EQ(a.key_result(id)->score, b.key_result(id)->score) << i;
  }
}

TEST(BulkLoad, TheDemoOrganizationEndsInTheSameState) {
  core::Model step_by_step;
  ASSERT_TRUE(build_demo_organization(step_by_step, kNow));
  core::Model bulk;
  bulk.begin_bulk_load();
  ASSERT_TRUE(build_demo_organization(bulk, kNow));
  bulk.end_bulk_load();
  expect_same_state(step_by_step, bulk);
}

TEST(BulkLoad, TheTeamWorkloadEndsInTheSameState) {
  const WorkloadOptions options{.people = 300, .seed = 7, .check_ins_per_key_result = 3};
  core::Model step_by_step;
  ASSERT_TRUE(generate_workload(step_by_step, options));
  core::Model bulk;
  bulk.begin_bulk_load();
  ASSERT_TRUE(generate_workload(bulk, options));
  bulk.end_bulk_load();
  expect_same_state(step_by_step, bulk);
}

}  // namespace
}  // namespace cairn::app
