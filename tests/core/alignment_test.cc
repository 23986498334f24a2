// DOMAIN.md "Alignment": a DAG with multi-alignment, cycles refused with their
// path, depth limited, periods must overlap.
#include <gtest/gtest.h>

#include "fixture.h"

namespace cairn::core {
namespace {

using testing::ok;
using testing::TestOrg;

Result<LinkId> try_link(TestOrg& org, NodeRef child, NodeRef parent) {
  AlignmentLink l;
  l.child = child;
  l.parent = parent;
  return org.model.add_link(l, org.setup);
}

TEST(Alignment, ACycleIsRefusedWithItsPath) {
  TestOrg org;
  const ObjectiveId a = org.objective("A"), b = org.objective("B"), c = org.objective("C");
  org.link(NodeRef::of(b), NodeRef::of(a));                      // b → a
  org.link(NodeRef::of(c), NodeRef::of(b));                      // c → b
  auto refused = try_link(org, NodeRef::of(a), NodeRef::of(c));  // a → c closes a → c → b → a
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kAlignmentCycle);
  EXPECT_STREQ(to_string(refused.error().code), "alignment_cycle");
  const std::vector<std::string> path{"objective/0", "objective/2", "objective/1", "objective/0"};
  EXPECT_EQ(refused.error().path, path);
  EXPECT_EQ(org.model.link_count(), 2u) << "nothing written";
}

TEST(Alignment, AnObjectiveUnderItsOwnKeyResultIsACycle) {
  TestOrg org;
  const ObjectiveId o = org.objective();
  const KeyResultId kr = org.metric(o, 0, 10);
  auto refused = try_link(org, NodeRef::of(o), NodeRef::of(kr));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kAlignmentCycle);
  const std::vector<std::string> path{"objective/0", "key_result/0", "objective/0"};
  EXPECT_EQ(refused.error().path, path);
}

TEST(Alignment, ACycleThroughKeyResultsAndCascadesIsRefused) {
  TestOrg org;
  const ObjectiveId company = org.objective("Company");
  const KeyResultId company_kr = org.metric(company, 0, 10, 1, ProgressSource::kSum);
  const ObjectiveId team = org.objective("Team");
  const KeyResultId team_kr = org.metric(team, 0, 10);
  org.link(NodeRef::of(team_kr), NodeRef::of(company_kr));  // cascade: team kr adds to company kr
  // The company objective under the team's key result would loop.
  auto refused = try_link(org, NodeRef::of(company), NodeRef::of(team_kr));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kAlignmentCycle);
}

TEST(Alignment, SelfLinkIsACycle) {
  TestOrg org;
  const ObjectiveId o = org.objective();
  auto refused = try_link(org, NodeRef::of(o), NodeRef::of(o));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kAlignmentCycle);
}

TEST(Alignment, MultiAlignmentIsAllowedButADuplicateLinkIsAConflict) {
  TestOrg org;
  const ObjectiveId p1 = org.objective("P1"), p2 = org.objective("P2"), child = org.objective("C");
  org.link(NodeRef::of(child), NodeRef::of(p1));
  org.link(NodeRef::of(child), NodeRef::of(p2));
  auto duplicate = try_link(org, NodeRef::of(child), NodeRef::of(p1));
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code, ErrorCode::kConflict);
  EXPECT_EQ(org.model.graph().parent_links(NodeRef::of(child)).size(), 2u);
}

TEST(Alignment, AKeyResultCanOnlyContributeToAKeyResult) {
  TestOrg org;
  const ObjectiveId o = org.objective("O"), other = org.objective("Other");
  const KeyResultId kr = org.metric(o, 0, 10);
  auto refused = try_link(org, NodeRef::of(kr), NodeRef::of(other));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalid);
}

TEST(Alignment, DepthIsLimitedTo32Objectives) {
  TestOrg org;
  std::vector<ObjectiveId> chain{org.objective("Level 1")};
  for (int level = 2; level <= kMaxAlignmentDepth; ++level) {
    chain.push_back(org.objective("Level " + std::to_string(level)));
    ASSERT_TRUE(try_link(org, NodeRef::of(chain.back()), NodeRef::of(chain[chain.size() - 2])))
        << level;
  }
  const ObjectiveId too_deep = org.objective("Level 33");
  auto refused = try_link(org, NodeRef::of(too_deep), NodeRef::of(chain.back()));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kAlignmentTooDeep);
  // Joining two chains counts both halves: 20 + 20 > 32.
  TestOrg other;
  std::vector<ObjectiveId> upper{other.objective("U1")}, lower{other.objective("L1")};
  for (int i = 2; i <= 20; ++i) {
    upper.push_back(other.objective("U"));
    lower.push_back(other.objective("L"));
    ASSERT_TRUE(try_link(other, NodeRef::of(upper.back()), NodeRef::of(upper[upper.size() - 2])));
    ASSERT_TRUE(try_link(other, NodeRef::of(lower.back()), NodeRef::of(lower[lower.size() - 2])));
  }
  auto joined = try_link(other, NodeRef::of(lower.front()), NodeRef::of(upper.back()));
  ASSERT_FALSE(joined);
  EXPECT_EQ(joined.error().code, ErrorCode::kAlignmentTooDeep);
}

TEST(Alignment, PeriodsMustOverlap) {
  TestOrg org;
  const ObjectiveId annual = org.objective("Annual", ProgressMode::kKeyResults, org.year);
  const ObjectiveId q1 = org.objective("Q1");
  const ObjectiveId q2 = org.objective("Q2", ProgressMode::kKeyResults, org.q2);
  EXPECT_TRUE(try_link(org, NodeRef::of(q1), NodeRef::of(annual))) << "a quarter under its year";
  auto refused = try_link(org, NodeRef::of(q2), NodeRef::of(q1));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kPeriodMismatch);
}

TEST(Alignment, ArchivedItemsCannotBeLinked) {
  TestOrg org;
  const ObjectiveId parent = org.objective("Parent"), child = org.objective("Child");
  Objective gone = *org.model.objective(parent);
  gone.state = ObjectiveState::kArchived;
  ok(org.model.update_objective(gone, org.setup));
  EXPECT_FALSE(try_link(org, NodeRef::of(child), NodeRef::of(parent)));
}

TEST(Alignment, RemovingALinkTakesItOutOfTheRollUp) {
  TestOrg org;
  const ObjectiveId parent = org.objective("Parent", ProgressMode::kChildren);
  const ObjectiveId child = org.objective("Child");
  org.check_in(org.metric(child, 0, 10), 10, testing::q1_at(0.5));
  const LinkId link = org.link(NodeRef::of(child), NodeRef::of(parent));
  EXPECT_DOUBLE_EQ(org.model.rollup().objective(parent).progress, 1);
  ok(org.model.remove_link(link, testing::q1_at(0.6)));
  EXPECT_DOUBLE_EQ(org.model.rollup().objective(parent).progress, 0);
  EXPECT_FALSE(org.model.remove_link(link, testing::q1_at(0.6))) << "already removed";
  // The link can be made again; the graph is acyclic either way.
  org.link(NodeRef::of(child), NodeRef::of(parent), 1, true, testing::q1_at(0.7));
  EXPECT_DOUBLE_EQ(org.model.rollup().objective(parent).progress, 1);
}

TEST(Dependencies, CarryNoProgressAndRefuseSelfAndDuplicates) {
  TestOrg org;
  const ObjectiveId a = org.objective("A"), b = org.objective("B", ProgressMode::kChildren);
  org.check_in(org.metric(a, 0, 10), 10, testing::q1_at(0.5));
  const Dependency d{{}, NodeRef::of(b), NodeRef::of(a), false, org.setup};
  ASSERT_TRUE(org.model.add_dependency(d, org.setup));
  EXPECT_DOUBLE_EQ(org.model.rollup().objective(b).progress, 0) << "no progress flows";
  EXPECT_EQ(org.model.add_dependency(d, org.setup).error().code, ErrorCode::kConflict);
  EXPECT_FALSE(org.model.add_dependency(Dependency{{}, NodeRef::of(a), NodeRef::of(a), false, {}},
                                        org.setup));
  // Dependencies may point both ways; they are not alignment.
  EXPECT_TRUE(org.model.add_dependency(Dependency{{}, NodeRef::of(a), NodeRef::of(b), false, {}},
                                       org.setup));
}

}  // namespace
}  // namespace cairn::core
