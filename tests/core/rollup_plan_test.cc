// The full roll-up's flat plan (AlignmentGraph::rollup_plan): every node is
// computed once, after every node it reads; key results fed by a child are
// steps, not leaves; and a change the plan holds (a link's weight, a new link)
// reaches the next full recompute of the same roll-up. DOMAIN.md "Weights and
// roll-up" gives the numbers: a weighted mean of the contributions.
#include <gtest/gtest.h>

#include <set>
#include <vector>

#include "core/graph.h"
#include "core/rollup.h"

using namespace cairn::core;

namespace {

NodeRef obj(std::uint32_t i) {
  return NodeRef::of(ObjectiveId{i});
}
NodeRef kr(std::uint32_t i) {
  return NodeRef::of(KeyResultId{i});
}

// An objective whose progress is set by hand.
Rollup::ObjectiveInputs manual(double progress) {
  return {ProgressMode::kManual, progress, false};
}
Rollup::ObjectiveInputs from_children() {
  return {ProgressMode::kChildren, 0, false};
}

// The nodes a step may read: an objective's own key results and every
// contributing child.
std::vector<NodeRef> read_by(const AlignmentGraph& g, NodeRef node) {
  std::vector<NodeRef> read;
  if (node.is_objective()) {
    for (KeyResultId k : g.key_results(node.objective())) read.push_back(NodeRef::of(k));
  }
  for (LinkId link : g.child_links(node)) {
    if (g.edge(link).contributes) read.push_back(g.edge(link).child);
  }
  return read;
}

TEST(RollupPlan, ComputesEveryNodeOnceAfterEverythingItReads) {
  // Objectives 0 ← 1 ← 2 and 0 ← 3 (made in an order unlike their levels);
  // key results 0 (of 0, fed by objective 4), 1 and 2 (of 2), 3 (of 3, summing 2).
  AlignmentGraph g;
  for (std::uint32_t i = 0; i < 5; ++i) g.add_objective(ObjectiveId{i});
  g.add_key_result(KeyResultId{0}, ObjectiveId{0});
  g.add_key_result(KeyResultId{1}, ObjectiveId{2});
  g.add_key_result(KeyResultId{2}, ObjectiveId{2});
  g.add_key_result(KeyResultId{3}, ObjectiveId{3});
  g.add_link(LinkId{0}, obj(2), obj(1), 1, true);
  g.add_link(LinkId{1}, obj(1), obj(0), 1, true);
  g.add_link(LinkId{2}, obj(3), obj(0), 2, true);
  g.add_link(LinkId{3}, obj(4), kr(0), 1, true);
  g.add_link(LinkId{4}, kr(2), kr(3), 1, true);

  const AlignmentGraph::RollupPlan& plan = g.rollup_plan();
  // Key results 1 and 2 are fed by nothing; 0 and 3 are fed by a child.
  EXPECT_EQ(plan.leaf_key_results, (std::vector<std::uint32_t>{1, 2}));
  std::set<std::uint64_t> done;
  for (std::uint32_t k : plan.leaf_key_results) done.insert(kr(k).key());
  std::uint32_t key_results_begin = 0;
  for (const AlignmentGraph::RollupPlan::Step& step : plan.steps) {
    for (NodeRef read : read_by(g, step.node)) {
      EXPECT_TRUE(done.contains(read.key()))
          << to_string(step.node) << " reads " << to_string(read) << " before it is computed";
    }
    if (step.node.is_objective()) {
      const std::vector<KeyResultId> own(plan.key_results.begin() + key_results_begin,
                                         plan.key_results.begin() + step.key_results_end);
      const auto expected = g.key_results(step.node.objective());
      EXPECT_EQ(own, std::vector<KeyResultId>(expected.begin(), expected.end()));
    }
    key_results_begin = step.key_results_end;
    EXPECT_TRUE(done.insert(step.node.key()).second) << to_string(step.node) << " twice";
  }
  // Five objectives and four key results, each once.
  EXPECT_EQ(done.size(), 9u);
}

// Objective 0 takes its progress from its children; 1 stands at 0.25 and 2
// at 0.75, set by hand. No links yet.
struct ParentOfTwo {
  AlignmentGraph g;
  Rollup rollup{g};
  ParentOfTwo() {
    for (std::uint32_t i = 0; i < 3; ++i) g.add_objective(ObjectiveId{i});
    rollup.set_objective(ObjectiveId{0}, from_children());
    rollup.set_objective(ObjectiveId{1}, manual(0.25));
    rollup.set_objective(ObjectiveId{2}, manual(0.75));
  }
  double recomputed() {
    rollup.recompute_all();
    return rollup.objective(ObjectiveId{0}).progress;
  }
};

TEST(RollupPlan, ANewLinkWeightReachesTheNextFullRecompute) {
  ParentOfTwo p;
  p.g.add_link(LinkId{0}, obj(1), obj(0), 1, true);
  p.g.add_link(LinkId{1}, obj(2), obj(0), 3, true);
  EXPECT_EQ(p.recomputed(), 0.625);  // (0.25 + 3 × 0.75) / 4
  p.g.update_link(LinkId{1}, 1, true);
  EXPECT_EQ(p.recomputed(), 0.5);        // (0.25 + 0.75) / 2
  p.g.update_link(LinkId{1}, 1, false);  // supporting only: shown, not counted
  EXPECT_EQ(p.recomputed(), 0.25);
}

TEST(RollupPlan, ANewLinkAndARemovedOneReachTheNextFullRecompute) {
  ParentOfTwo p;
  p.g.add_link(LinkId{0}, obj(1), obj(0), 1, true);
  EXPECT_EQ(p.recomputed(), 0.25);
  p.g.add_link(LinkId{1}, obj(2), obj(0), 1, true);
  EXPECT_EQ(p.recomputed(), 0.5);
  p.g.remove_link(LinkId{0});
  EXPECT_EQ(p.recomputed(), 0.75);
}

TEST(RollupPlan, AKeyResultThatGainsAChildIsNoLongerALeaf) {
  // Key result 0 (of objective 0) takes on objective 1: from then on it is
  // computed from its child (source children), after it.
  AlignmentGraph g;
  Rollup rollup(g);
  g.add_objective(ObjectiveId{0});
  g.add_objective(ObjectiveId{1});
  g.add_key_result(KeyResultId{0}, ObjectiveId{0});
  rollup.set_objective(ObjectiveId{0}, {ProgressMode::kKeyResults, 0, false});
  rollup.set_objective(ObjectiveId{1}, manual(0.375));
  Rollup::KeyResultInputs fed;
  fed.source = ProgressSource::kChildren;
  fed.target = 100;
  rollup.set_key_result(KeyResultId{0}, fed);
  rollup.recompute_all();
  EXPECT_EQ(g.rollup_plan().leaf_key_results, (std::vector<std::uint32_t>{0}));
  EXPECT_EQ(rollup.objective(ObjectiveId{0}).progress, 0);

  g.add_link(LinkId{0}, obj(1), kr(0), 1, true);
  rollup.recompute_all();
  EXPECT_TRUE(g.rollup_plan().leaf_key_results.empty());
  EXPECT_EQ(rollup.key_result(KeyResultId{0}).progress, 0.375);
  EXPECT_EQ(rollup.key_result(KeyResultId{0}).current, 37.5);
  EXPECT_EQ(rollup.objective(ObjectiveId{0}).progress, 0.375);
}

}  // namespace
