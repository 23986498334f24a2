// The model's journal names every entity version a command recorded, so the
// writer can write one audit row per change with the version before it.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "fixture.h"

namespace cairn::core {
namespace {

using testing::kQ1Start;
using testing::ok;
using testing::TestOrg;

const Instant kT = kQ1Start + 10 * kSecondsPerDay;

std::vector<std::pair<EntityKind, std::uint32_t>> kinds(const Model& model) {
  std::vector<std::pair<EntityKind, std::uint32_t>> out;
  for (const Touched& t : model.journal()) out.emplace_back(t.kind, t.index);
  return out;
}

TEST(Journal, NamesTheEntityACommandCreatedWithNoVersionBefore) {
  TestOrg org;
  org.model.clear_journal();
  const ObjectiveId o = org.objective("Delight customers");
  ASSERT_EQ(org.model.journal().size(), 1u);
  EXPECT_EQ(org.model.journal()[0].kind, EntityKind::kObjective);
  EXPECT_EQ(org.model.journal()[0].index, o.value());
  EXPECT_EQ(org.model.journal()[0].versions_before, 0u);
}

TEST(Journal, AnUpdateCountsTheVersionsBeforeIt) {
  TestOrg org;
  const ObjectiveId o = org.objective("Delight customers");
  Objective next = *org.model.objective(o);
  next.title = "Delight every customer";
  org.model.clear_journal();
  ok(org.model.update_objective(next, kT));
  ASSERT_EQ(org.model.journal().size(), 1u);
  EXPECT_EQ(org.model.journal()[0].versions_before, 1u);
}

TEST(Journal, ACheckInAndItsDeletionAreBothNoted) {
  TestOrg org;
  const KeyResultId kr = org.metric(org.objective(), 0, 10);
  org.model.clear_journal();
  const CheckInId c = org.check_in(kr, 5, kT);
  ok(org.model.delete_check_in(c, kT + 60));
  const auto expected = std::vector<std::pair<EntityKind, std::uint32_t>>{
      {EntityKind::kCheckIn, c.value()}, {EntityKind::kCheckIn, c.value()}};
  EXPECT_EQ(kinds(org.model), expected);
  EXPECT_EQ(org.model.journal()[0].versions_before, 0u);
  EXPECT_EQ(org.model.journal()[1].versions_before, 1u);
}

TEST(Journal, ClosingNotesTheObjectiveAndEachKeyResult) {
  TestOrg org;
  const ObjectiveId o = org.objective();
  const KeyResultId a = org.metric(o, 0, 10);
  const KeyResultId b = org.metric(o, 0, 20);
  org.model.clear_journal();
  ok(org.model.close_objective(o, kT));
  const auto journal = kinds(org.model);
  EXPECT_NE(std::find(journal.begin(), journal.end(), std::pair{EntityKind::kObjective, o.value()}),
            journal.end());
  EXPECT_NE(std::find(journal.begin(), journal.end(), std::pair{EntityKind::kKeyResult, a.value()}),
            journal.end());
  EXPECT_NE(std::find(journal.begin(), journal.end(), std::pair{EntityKind::kKeyResult, b.value()}),
            journal.end());
}

TEST(Journal, AFailedCommandNotesNothing) {
  TestOrg org;
  org.model.clear_journal();
  Objective bad;
  bad.title = "";
  bad.period = org.q2;
  bad.owner = Owner::of_unit(org.team);
  EXPECT_FALSE(org.model.add_objective(bad, kT));
  EXPECT_TRUE(org.model.journal().empty());
}

}  // namespace
}  // namespace cairn::core
