// Property: the incremental roll-up (one change updates exactly the changed
// node and its ancestors) always equals a full recompute, bit for bit, on
// thousands of random multi-aligned graphs with every kind of key result,
// progress source, progress mode, weight (zeros included), supporting link,
// cascaded sum and archived item.
#include <gtest/gtest.h>

#include <random>
#include <set>

#include "core/evaluation.h"
#include "fixture.h"

namespace cairn::core {
namespace {

using testing::TestOrg;

constexpr int kGraphs = 1000;
constexpr int kStepsPerGraph = 25;

class RandomOrg {
 public:
  explicit RandomOrg(std::uint64_t seed) : rng_(seed) {}

  void build() {
    const int objectives = pick(4, 18);
    for (int i = 0; i < objectives; ++i) add_objective();
    const int links = pick(0, objectives * 2);
    for (int i = 0; i < links; ++i) add_random_link();
  }

  // One random change through the model's commands; refused commands are fine
  // (they must change nothing), so the step just tries.
  void step() {
    now_ = now_ + 3600;
    switch (pick(0, 9)) {
      case 0:
        add_objective();
        break;
      case 1:
        add_random_link();
        break;
      case 2:
        remove_random_link();
        break;
      case 3:
        reweigh_random_link();
        break;
      case 4:
        edit_random_key_result();
        break;
      case 5:
        toggle_archive_objective();
        break;
      case 6:
        change_mode();
        break;
      default:
        check_in_random();
        break;
    }
  }

  TestOrg org;
  Instant now_ = testing::kQ1Start + 3600;

 private:
  int pick(int low, int high) { return std::uniform_int_distribution<int>(low, high)(rng_); }
  double weight() {
    const int w = pick(0, 4);
    return w == 4 ? 0.5 : w;  // 0 often enough to hit the all-zero rule
  }
  bool chance(int percent) { return pick(1, 100) <= percent; }

  void add_objective() {
    static constexpr ProgressMode kModes[] = {ProgressMode::kKeyResults, ProgressMode::kChildren,
                                              ProgressMode::kCombined, ProgressMode::kManual};
    Objective o;
    o.title = "Objective";
    o.period = org.q1;
    o.owner = Owner::of_unit(org.team);
    o.progress_mode = kModes[pick(0, 3)];
    o.manual_progress = pick(0, 10) / 10.0;
    auto id = org.model.add_objective(o, now_);
    if (!id) return;
    objectives_.push_back(*id);
    const int krs = pick(0, 4);
    for (int i = 0; i < krs; ++i) add_key_result(*id);
  }

  void add_key_result(ObjectiveId objective) {
    KeyResult kr;
    kr.objective = objective;
    kr.title = "Grow the number";
    kr.owner = org.bob;
    kr.unit = "count";
    kr.weight = weight();
    switch (pick(0, 3)) {
      case 0:
        kr.kind = KeyResultKind::kMetric;
        kr.start = pick(-5, 5);
        kr.target = kr.start + (chance(50) ? pick(1, 20) : -pick(1, 20));
        if (chance(10)) kr.target.reset();
        break;
      case 1:
        kr.kind = KeyResultKind::kBoolean;
        break;
      case 2:
        kr.kind = KeyResultKind::kMilestones;
        for (int i = pick(1, 5); i > 0; --i) kr.milestones.push_back({"Step", weight()});
        break;
      case 3:
        kr.kind = KeyResultKind::kBand;
        kr.low = pick(0, 5);
        kr.high = kr.low + pick(0, 5);
        break;
    }
    const int source = pick(0, 9);
    if (source == 0) kr.source = ProgressSource::kChildren;
    if (source == 1 && kr.kind == KeyResultKind::kMetric) kr.source = ProgressSource::kSum;
    if (auto id = org.model.add_key_result(kr, now_)) key_results_.push_back(*id);
  }

  NodeRef random_node() {
    if (key_results_.empty() || chance(50)) {
      return NodeRef::of(objectives_[pick(0, static_cast<int>(objectives_.size()) - 1)]);
    }
    return NodeRef::of(key_results_[pick(0, static_cast<int>(key_results_.size()) - 1)]);
  }

  void add_random_link() {
    AlignmentLink link;
    link.child = random_node();
    link.parent = random_node();
    link.weight = weight();
    link.contributes = chance(85);
    if (auto id = org.model.add_link(link, now_)) links_.push_back(*id);
  }

  LinkId random_live_link() {
    std::vector<LinkId> live;
    for (LinkId id : links_) {
      if (!org.model.link(id)->removed) live.push_back(id);
    }
    return live.empty() ? LinkId{} : live[pick(0, static_cast<int>(live.size()) - 1)];
  }

  void remove_random_link() {
    if (LinkId id = random_live_link()) {
      ASSERT_TRUE(org.model.remove_link(id, now_));
    }
  }

  void reweigh_random_link() {
    if (LinkId id = random_live_link()) {
      ASSERT_TRUE(org.model.update_link(id, weight(), chance(80), now_));
    }
  }

  void edit_random_key_result() {
    if (key_results_.empty()) return;
    KeyResult kr =
        *org.model.key_result(key_results_[pick(0, static_cast<int>(key_results_.size()) - 1)]);
    kr.weight = weight();
    if (chance(20)) kr.archived = !kr.archived;
    if (kr.kind == KeyResultKind::kMetric && kr.target && chance(30)) kr.target = *kr.target + 1;
    (void)org.model.update_key_result(kr, now_);
  }

  void toggle_archive_objective() {
    Objective o =
        *org.model.objective(objectives_[pick(0, static_cast<int>(objectives_.size()) - 1)]);
    o.state = o.archived() ? ObjectiveState::kActive : ObjectiveState::kArchived;
    (void)org.model.update_objective(o, now_);
  }

  void change_mode() {
    Objective o =
        *org.model.objective(objectives_[pick(0, static_cast<int>(objectives_.size()) - 1)]);
    o.progress_mode = static_cast<ProgressMode>(pick(0, 3));
    o.manual_progress = pick(0, 10) / 10.0;
    (void)org.model.update_objective(o, now_);
  }

  void check_in_random() {
    if (key_results_.empty()) return;
    const KeyResultId id = key_results_[pick(0, static_cast<int>(key_results_.size()) - 1)];
    const KeyResult& kr = *org.model.key_result(id);
    CheckIn c;
    c.key_result = id;
    c.author = org.bob;
    c.measurement.value = pick(-10, 30) / 2.0;
    c.measurement.done = chance(40);
    c.measurement.milestones_done =
        static_cast<std::uint64_t>(pick(0, 31)) & ((1ULL << kr.milestones.size()) - 1);
    if (chance(60)) c.confidence = pick(1, 10);
    // Sometimes backdated, so the latest by `at` is not always the newest.
    c.at = chance(20) ? now_ - pick(1, 48) * 3600 : now_;
    if (c.at < testing::kQ1Start) c.at = testing::kQ1Start;
    (void)org.model.add_check_in(c, now_);
  }

  std::mt19937_64 rng_;
  std::vector<ObjectiveId> objectives_;
  std::vector<KeyResultId> key_results_;
  std::vector<LinkId> links_;
};

// Compares the live, incrementally maintained roll-up with a full recompute
// from history; returns the first difference.
::testing::AssertionResult live_equals_full(const Model& model, Instant t) {
  const Rollup& live = model.rollup();
  const Evaluation full(model, t, Evaluation::Mode::kRebuild);
  for (std::uint32_t i = 0; i < model.objective_count(); ++i) {
    const auto& a = live.objective(ObjectiveId{i});
    const auto& b = full.rollup().objective(ObjectiveId{i});
    if (a.progress != b.progress || a.started != b.started) {
      return ::testing::AssertionFailure()
             << "objective " << i << ": live " << a.progress << " full " << b.progress;
    }
  }
  for (std::uint32_t i = 0; i < model.key_result_count(); ++i) {
    const auto& a = live.key_result(KeyResultId{i});
    const auto& b = full.rollup().key_result(KeyResultId{i});
    if (a.progress != b.progress || a.current != b.current || a.attainment != b.attainment ||
        a.started != b.started) {
      return ::testing::AssertionFailure()
             << "key result " << i << ": live " << a.progress << "/" << a.current << " full "
             << b.progress << "/" << b.current;
    }
  }
  return ::testing::AssertionSuccess();
}

TEST(RollupProperty, IncrementalEqualsFullRecomputeOnAThousandRandomGraphs) {
  std::size_t nodes = 0, links = 0, check_ins = 0;
  for (int seed = 0; seed < kGraphs; ++seed) {
    RandomOrg org(seed);
    org.build();
    ASSERT_TRUE(live_equals_full(org.org.model, org.now_)) << "seed " << seed << " after build";
    for (int step = 0; step < kStepsPerGraph; ++step) {
      org.step();
      ASSERT_TRUE(live_equals_full(org.org.model, org.now_)) << "seed " << seed << " step " << step;
    }
    nodes += org.org.model.objective_count() + org.org.model.key_result_count();
    links += org.org.model.link_count();
    check_ins += org.org.model.check_in_count();
  }
  // The generator must really exercise the graph, not produce empty models.
  EXPECT_GT(nodes, kGraphs * 20u);
  EXPECT_GT(links, kGraphs * 5u);
  EXPECT_GT(check_ins, kGraphs * 5u);
}

// The ancestors of a node, found independently of the graph's own walk:
// everything reachable upward along key result → objective and contributing links.
std::set<NodeRef> ancestors_by_search(const Model& model, NodeRef node) {
  std::set<NodeRef> seen{node};
  std::vector<NodeRef> todo{node};
  while (!todo.empty()) {
    const NodeRef n = todo.back();
    todo.pop_back();
    std::vector<NodeRef> ups;
    if (!n.is_objective()) ups.push_back(NodeRef::of(model.key_result(n.key_result())->objective));
    for (std::uint32_t i = 0; i < model.link_count(); ++i) {
      const AlignmentLink& l = *model.link(LinkId{i});
      if (!l.removed && l.contributes && l.child == n) ups.push_back(l.parent);
    }
    for (NodeRef up : ups) {
      if (seen.insert(up).second) todo.push_back(up);
    }
  }
  return seen;
}

TEST(RollupProperty, AChangeUpdatesExactlyItsNodeAndItsAncestorsChildrenFirst) {
  for (int seed = 0; seed < 300; ++seed) {
    RandomOrg org(10'000 + seed);
    org.build();
    const Model& model = org.org.model;
    Rollup copy(model.graph());
    for (std::uint32_t i = 0; i < model.objective_count(); ++i) {
      copy.set_objective(ObjectiveId{i}, rollup_inputs(*model.objective(ObjectiveId{i})));
    }
    for (std::uint32_t i = 0; i < model.key_result_count(); ++i) {
      copy.set_key_result(KeyResultId{i}, rollup_inputs(*model.key_result(KeyResultId{i})));
    }
    copy.recompute_all();
    for (std::uint32_t i = 0; i < model.key_result_count(); ++i) {
      const NodeRef node = NodeRef::of(KeyResultId{i});
      const std::vector<NodeRef> updated = copy.update_from(node);
      const std::set<NodeRef> expected = ancestors_by_search(model, node);
      ASSERT_EQ(std::set<NodeRef>(updated.begin(), updated.end()), expected) << "seed " << seed;
      ASSERT_EQ(updated.size(), expected.size()) << "each node is computed once";
      ASSERT_EQ(updated.front(), node);
      // Children first: no node comes before one that rolls up into it.
      for (std::size_t a = 0; a < updated.size(); ++a) {
        for (std::size_t b = a + 1; b < updated.size(); ++b) {
          ASSERT_FALSE(ancestors_by_search(model, updated[b]).contains(updated[a]))
              << to_string(updated[b]) << " rolls up into " << to_string(updated[a])
              << " but was computed after it";
        }
      }
    }
  }
}

}  // namespace
}  // namespace cairn::core
