// DOMAIN.md "Alignment": the graph stays acyclic (a refused edge reports the
// cycle's path), a key result cannot have an objective as parent, a link is
// made once, depth is limited to 32 objectives, and a parent's period must
// overlap the child's. Checked on AlignmentGraph directly and through
// Model::add_link, which must leave nothing behind when it refuses.
#include "core/graph.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "test_model.h"

using namespace cairn::core;
using namespace cairn::core::test_model;

namespace {

using Path = std::vector<std::string>;

NodeRef obj(std::uint32_t i) {
  return NodeRef::of(ObjectiveId{i});
}
NodeRef kr(std::uint32_t i) {
  return NodeRef::of(KeyResultId{i});
}

// A graph of `objectives` objectives and the given key results (kr i belongs to
// objective owners[i]); links are added with add().
struct Graph {
  AlignmentGraph g;
  std::uint32_t links = 0;

  explicit Graph(std::uint32_t objectives, std::vector<std::uint32_t> owners = {}) {
    for (std::uint32_t i = 0; i < objectives; ++i) g.add_objective(ObjectiveId{i});
    for (std::uint32_t i = 0; i < owners.size(); ++i) {
      g.add_key_result(KeyResultId{i}, ObjectiveId{owners[i]});
    }
  }
  // Adds child → parent, which must be allowed.
  LinkId add(NodeRef child, NodeRef parent, bool contributes = true) {
    const Result<void> ok = g.check_link(child, parent);
    EXPECT_TRUE(ok) << to_string(child) << " → " << to_string(parent) << ": "
                    << (ok ? "" : ok.error().message);
    const LinkId id{links++};
    g.add_link(id, child, parent, 1, contributes);
    return id;
  }
  Error refused(NodeRef child, NodeRef parent) const {
    const Result<void> r = g.check_link(child, parent);
    if (r) {
      ADD_FAILURE() << to_string(child) << " → " << to_string(parent) << " was allowed";
      return Error{};
    }
    return r.error();
  }
};

TEST(DomainGraphNames, NodesAreNamedByKindAndNumber) {
  EXPECT_EQ(to_string(obj(0)), "objective/0");
  EXPECT_EQ(to_string(obj(12)), "objective/12");
  EXPECT_EQ(to_string(kr(5)), "key_result/5");
}

// ---- Cycles ----------------------------------------------------------------------

struct CycleCase {
  const char* name;
  std::uint32_t objectives;
  std::vector<std::uint32_t> owners;                  // key result i → its objective
  std::vector<std::pair<NodeRef, NodeRef>> existing;  // child → parent links made first
  NodeRef child;
  NodeRef parent;
  Path path;  // child, parent, …, child: the cycle the new edge would close
  bool existing_supporting = false;  // make the existing links supporting only
};

const std::vector<CycleCase>& cycle_cases() {
  static const std::vector<CycleCase> cases = {
      {"two objectives",
       2,
       {},
       {{obj(0), obj(1)}},
       obj(1),
       obj(0),
       Path{"objective/1", "objective/0", "objective/1"}},
      {"a chain of three closed at the top",
       3,
       {},
       {{obj(0), obj(1)}, {obj(1), obj(2)}},
       obj(2),
       obj(0),
       Path{"objective/2", "objective/0", "objective/1", "objective/2"}},
      {"a chain of four closed in the middle",
       4,
       {},
       {{obj(0), obj(1)}, {obj(1), obj(2)}, {obj(2), obj(3)}},
       obj(2),
       obj(0),
       Path{"objective/2", "objective/0", "objective/1", "objective/2"}},
      {"an objective under its own key result",
       1,
       {0},
       {},
       obj(0),
       kr(0),
       Path{"objective/0", "key_result/0", "objective/0"}},
      {"an objective under a key result of its child",
       2,
       {1},
       {{obj(1), obj(0)}},
       obj(0),
       kr(0),
       Path{"objective/0", "key_result/0", "objective/1", "objective/0"}},
      {"an objective under a key result of a grandchild aligned to a key result",
       3,
       {1, 2},
       {{obj(1), obj(0)}, {obj(2), kr(0)}},
       obj(0),
       kr(1),
       Path{"objective/0", "key_result/1", "objective/2", "key_result/0", "objective/1",
            "objective/0"}},
      {"two key results summing each other",
       2,
       {0, 1},
       {{kr(0), kr(1)}},
       kr(1),
       kr(0),
       Path{"key_result/1", "key_result/0", "key_result/1"}},
      {"a key result summing into a key result of an objective below it",
       2,
       {0, 1},
       {{obj(1), kr(0)}},
       kr(0),
       kr(1),
       Path{"key_result/0", "key_result/1", "objective/1", "key_result/0"}},
      {"mixed: objective, key result, objective",
       3,
       {0},
       {{obj(1), kr(0)}, {obj(0), obj(2)}},
       obj(2),
       obj(1),
       Path{"objective/2", "objective/1", "key_result/0", "objective/0", "objective/2"}},
      {"a supporting link still counts for cycles",
       2,
       {},
       {{obj(0), obj(1)}},
       obj(1),
       obj(0),
       Path{"objective/1", "objective/0", "objective/1"},
       true},
      {"supporting links all the way",
       3,
       {0},
       {{obj(1), kr(0)}, {obj(2), obj(1)}},
       obj(0),
       obj(2),
       Path{"objective/0", "objective/2", "objective/1", "key_result/0", "objective/0"},
       true},
  };
  return cases;
}

TEST(DomainGraphCycles, RefusedWithTheCyclesPath) {
  for (const CycleCase& t : cycle_cases()) {
    SCOPED_TRACE(t.name);
    Graph g(t.objectives, t.owners);
    for (const auto& [child, parent] : t.existing) g.add(child, parent, !t.existing_supporting);
    const Error e = g.refused(t.child, t.parent);
    EXPECT_EQ(e.code, ErrorCode::kAlignmentCycle);
    EXPECT_EQ(e.path, t.path);
    EXPECT_NE(e.message.find("roll up into itself"), std::string::npos) << e.message;
  }
}

TEST(DomainGraphCycles, AnObjectiveUnderItselfIsACycle) {
  Graph g(1);
  const Error e = g.refused(obj(0), obj(0));
  EXPECT_EQ(e.code, ErrorCode::kAlignmentCycle);
  ASSERT_FALSE(e.path.empty());
  for (const std::string& step : e.path) EXPECT_EQ(step, "objective/0");
}

TEST(DomainGraphCycles, ARemovedLinkNoLongerCloses) {
  Graph g(2);
  const LinkId up = g.add(obj(0), obj(1));
  EXPECT_EQ(g.refused(obj(1), obj(0)).code, ErrorCode::kAlignmentCycle);
  g.g.remove_link(up);
  EXPECT_TRUE(g.g.check_link(obj(1), obj(0)));
}

TEST(DomainGraphCycles, ADiamondIsNotACycle) {
  // o3 under o1 and o2, both under o0: two ways up, no cycle.
  Graph g(4);
  g.add(obj(1), obj(0));
  g.add(obj(2), obj(0));
  g.add(obj(3), obj(1));
  g.add(obj(3), obj(2));
  EXPECT_EQ(g.g.parent_links(obj(3)).size(), 2u);
  // But o0 under o3 closes two cycles; the one reported is a real cycle.
  const Error e = g.refused(obj(0), obj(3));
  EXPECT_EQ(e.code, ErrorCode::kAlignmentCycle);
  ASSERT_EQ(e.path.size(), 4u);
  EXPECT_EQ(e.path[0], "objective/0");
  EXPECT_EQ(e.path[1], "objective/3");
  EXPECT_TRUE(e.path[2] == "objective/1" || e.path[2] == "objective/2") << e.path[2];
  EXPECT_EQ(e.path[3], "objective/0");
}

TEST(DomainGraphCycles, ThroughTheModelNothingIsWritten) {
  World w;
  const ObjectiveId top = w.objective();
  const ObjectiveId child = w.objective();
  const KeyResultId child_kr = w.metric(child, 0, 10);
  w.link(NodeRef::of(child), NodeRef::of(top));
  const std::size_t links = w.model.link_count();
  const auto result =
      w.model.add_link(World::link_spec(NodeRef::of(top), NodeRef::of(child_kr)), q1_day(1));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::kAlignmentCycle);
  EXPECT_EQ(result.error().path,
            (Path{"objective/0", "key_result/0", "objective/1", "objective/0"}));
  EXPECT_EQ(w.model.link_count(), links);
  EXPECT_TRUE(w.model.graph().parent_links(NodeRef::of(top)).empty());
  EXPECT_TRUE(w.model.graph().child_links(NodeRef::of(child_kr)).empty());
  EXPECT_STREQ(to_string(result.error().code), "alignment_cycle");
}

TEST(DomainGraphCycles, ObjectiveUnderItsOwnKeyResultThroughTheModel) {
  World w;
  const ObjectiveId o = w.objective();
  const KeyResultId own = w.metric(o, 0, 10);
  const auto result =
      w.model.add_link(World::link_spec(NodeRef::of(o), NodeRef::of(own)), q1_day(1));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::kAlignmentCycle);
  EXPECT_EQ(result.error().path, (Path{"objective/0", "key_result/0", "objective/0"}));
  EXPECT_EQ(w.model.link_count(), 0u);
}

// ---- Kinds and duplicates ---------------------------------------------------------

TEST(DomainGraphKinds, KeyResultToObjectiveIsRefused) {
  Graph g(2, {0});
  const Error e = g.refused(kr(0), obj(1));
  EXPECT_EQ(e.code, ErrorCode::kInvalid);
  ASSERT_EQ(e.fields.size(), 1u);
  EXPECT_EQ(e.fields[0].field, "parent");
  // The allowed kinds.
  EXPECT_TRUE(g.g.check_link(obj(1), obj(0)));
  EXPECT_TRUE(g.g.check_link(obj(1), kr(0)));
  Graph h(2, {0, 1});
  EXPECT_TRUE(h.g.check_link(kr(1), kr(0)));
}

TEST(DomainGraphKinds, KeyResultToObjectiveIsRefusedByTheModel) {
  World w;
  const ObjectiveId a = w.objective();
  const ObjectiveId b = w.objective();
  const KeyResultId k = w.metric(a, 0, 10);
  const auto result = w.model.add_link(World::link_spec(NodeRef::of(k), NodeRef::of(b)), kSetup);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(w.model.link_count(), 0u);
}

TEST(DomainGraphKinds, UnknownNodesAreNotFound) {
  Graph g(1);
  EXPECT_EQ(g.refused(obj(0), obj(7)).code, ErrorCode::kNotFound);
  EXPECT_EQ(g.refused(obj(0), kr(0)).code, ErrorCode::kNotFound);
}

TEST(DomainGraphDuplicates, TheSameLinkTwiceIsAConflict) {
  Graph g(2, {1});
  const LinkId first = g.add(obj(0), obj(1));
  EXPECT_EQ(g.refused(obj(0), obj(1)).code, ErrorCode::kConflict);
  // A link to the parent's key result is another link.
  g.add(obj(0), kr(0));
  EXPECT_EQ(g.refused(obj(0), kr(0)).code, ErrorCode::kConflict);
  // Once removed, it may be made again.
  g.g.remove_link(first);
  EXPECT_TRUE(g.g.check_link(obj(0), obj(1)));
}

TEST(DomainGraphDuplicates, ThroughTheModelWhateverTheWeight) {
  World w;
  const ObjectiveId parent = w.objective();
  const ObjectiveId child = w.objective();
  const LinkId first = w.link(NodeRef::of(child), NodeRef::of(parent), 1, true);
  const auto again =
      w.model.add_link(World::link_spec(NodeRef::of(child), NodeRef::of(parent), 2, false), kSetup);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(w.model.link_count(), 1u);
  must(w.model.remove_link(first, q1_day(1)));
  const auto remade = w.model.add_link(
      World::link_spec(NodeRef::of(child), NodeRef::of(parent), 2, false), q1_day(2));
  EXPECT_TRUE(remade);
}

// ---- Depth -------------------------------------------------------------------------

// A chain o[first] ← o[first+1] ← … of `length` objectives (o[first] on top).
void chain(Graph& g, std::uint32_t first, std::uint32_t length) {
  for (std::uint32_t i = first + 1; i < first + length; ++i) g.add(obj(i), obj(i - 1));
}

TEST(DomainGraphDepth, ThirtyTwoObjectivesAllowedThirtyThreeRefused) {
  Graph g(40);
  chain(g, 0, 31);  // o0 … o30: 31 deep
  EXPECT_EQ(g.g.depth_above(obj(30)), 31);
  EXPECT_TRUE(g.g.check_link(obj(31), obj(30)));  // would be 32: allowed
  g.add(obj(31), obj(30));
  EXPECT_EQ(g.g.depth_above(obj(31)), 32);
  EXPECT_EQ(g.g.depth_below(obj(0)), 32);
  const Error e = g.refused(obj(32), obj(31));  // would be 33
  EXPECT_EQ(e.code, ErrorCode::kAlignmentTooDeep);
  EXPECT_NE(e.message.find("33"), std::string::npos) << e.message;
  EXPECT_NE(e.message.find("32"), std::string::npos) << e.message;
  // Anywhere lower in the chain is fine.
  EXPECT_TRUE(g.g.check_link(obj(32), obj(30)));
}

TEST(DomainGraphDepth, JoiningTwoChainsCountsBoth) {
  struct Case {
    std::uint32_t above;  // objectives in the upper chain
    std::uint32_t below;  // objectives in the lower chain
    bool allowed;
  };
  const Case cases[] = {{16, 16, true}, {16, 17, false}, {1, 31, true},  {1, 32, false},
                        {31, 1, true},  {32, 1, false},  {20, 12, true}, {20, 13, false}};
  for (const Case& c : cases) {
    SCOPED_TRACE(std::to_string(c.above) + " above + " + std::to_string(c.below) + " below");
    Graph g(c.above + c.below);
    chain(g, 0, c.above);
    chain(g, c.above, c.below);
    // The top of the lower chain under the bottom of the upper one.
    const Result<void> r = g.g.check_link(obj(c.above), obj(c.above - 1));
    if (c.allowed) {
      EXPECT_TRUE(r);
    } else {
      ASSERT_FALSE(r);
      EXPECT_EQ(r.error().code, ErrorCode::kAlignmentTooDeep);
    }
  }
}

TEST(DomainGraphDepth, AKeyResultParentCountsItsObjective) {
  Graph g(33, {31});  // kr0 belongs to o31, the bottom of a 32-deep chain
  chain(g, 0, 32);
  EXPECT_EQ(g.g.depth_above(kr(0)), 32);
  EXPECT_EQ(g.refused(obj(32), kr(0)).code, ErrorCode::kAlignmentTooDeep);
  // One level higher it fits.
  Graph h(33, {30});
  chain(h, 0, 32);
  EXPECT_TRUE(h.g.check_link(obj(32), kr(0)));
}

TEST(DomainGraphDepth, ThroughTheModel) {
  World w;
  std::vector<ObjectiveId> chain_ids;
  for (int i = 0; i < 33; ++i) chain_ids.push_back(w.objective());
  for (int i = 1; i < 32; ++i) w.link(NodeRef::of(chain_ids[i]), NodeRef::of(chain_ids[i - 1]));
  const std::size_t links = w.model.link_count();
  const auto result = w.model.add_link(
      World::link_spec(NodeRef::of(chain_ids[32]), NodeRef::of(chain_ids[31])), q1_day(1));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::kAlignmentTooDeep);
  EXPECT_EQ(w.model.link_count(), links);
  EXPECT_STREQ(to_string(result.error().code), "alignment_too_deep");
}

// ---- Periods -----------------------------------------------------------------------

TEST(DomainGraphPeriods, ParentPeriodMustOverlapTheChilds) {
  struct Case {
    const char* name;
    PeriodId World::*child;
    PeriodId World::*parent;
    bool allowed;
  };
  const Case cases[] = {
      {"quarter under its year", &World::q1, &World::year, true},
      {"year under a quarter (they overlap)", &World::year, &World::q1, true},
      {"same quarter", &World::q1, &World::q1, true},
      {"Q1 under Q2", &World::q1, &World::q2, false},
      {"Q2 under Q1", &World::q2, &World::q1, false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    World w;
    const ObjectiveId parent = w.objective(ProgressMode::kKeyResults, w.*c.parent);
    const KeyResultId parent_kr = w.metric(parent, 0, 10);
    const ObjectiveId other = w.objective(ProgressMode::kKeyResults, w.*c.parent);
    const KeyResultId other_kr = w.metric(other, 0, 10, 1, ProgressSource::kSum);
    const ObjectiveId child = w.objective(ProgressMode::kKeyResults, w.*c.child);
    const KeyResultId child_kr = w.metric(child, 0, 10);
    const std::pair<NodeRef, NodeRef> links[] = {
        {NodeRef::of(child), NodeRef::of(parent)},       // objective → objective
        {NodeRef::of(child), NodeRef::of(parent_kr)},    // objective → key result
        {NodeRef::of(child_kr), NodeRef::of(other_kr)},  // key result → key result
    };
    for (const auto& [from, to] : links) {
      SCOPED_TRACE(to_string(from) + " → " + to_string(to));
      const auto result = w.model.add_link(World::link_spec(from, to), kSetup);
      if (c.allowed) {
        EXPECT_TRUE(result);
      } else {
        ASSERT_FALSE(result);
        EXPECT_EQ(result.error().code, ErrorCode::kPeriodMismatch);
      }
    }
    EXPECT_EQ(w.model.link_count(), c.allowed ? 3u : 0u);
  }
}

TEST(DomainGraphPeriods, AdjacentPeriodsDoNotOverlapOneSharedDayDoes) {
  World w;
  // Q1 ends at 2026-04-01T00:00Z; a custom period from 2026-03-31 shares its last day.
  const PeriodId sprint =
      must(w.model.add_period(period_of("Sprint", PeriodKind::kCustom, Date::from_ymd(2026, 3, 31),
                                        Date::from_ymd(2026, 4, 13), w.year),
                              kSetup));
  const PeriodId april =
      must(w.model.add_period(period_of("April", PeriodKind::kMonth, Date::from_ymd(2026, 4, 1),
                                        Date::from_ymd(2026, 4, 30), w.q2),
                              kSetup));
  const ObjectiveId quarter = w.objective();
  const ObjectiveId in_sprint = w.objective(ProgressMode::kKeyResults, sprint);
  const ObjectiveId in_april = w.objective(ProgressMode::kKeyResults, april);
  EXPECT_TRUE(
      w.model.add_link(World::link_spec(NodeRef::of(in_sprint), NodeRef::of(quarter)), kSetup));
  const auto refused =
      w.model.add_link(World::link_spec(NodeRef::of(in_april), NodeRef::of(quarter)), kSetup);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kPeriodMismatch);
}

TEST(DomainGraphPeriods, MovingALinkedObjectiveToANonOverlappingPeriodIsRefused) {
  World w;
  const ObjectiveId parent = w.objective();  // Q1
  const ObjectiveId child = w.objective();   // Q1
  w.link(NodeRef::of(child), NodeRef::of(parent));
  Objective moved = *w.model.objective(child);
  moved.period = w.q2;
  const auto result = w.model.update_objective(moved, q1_day(1));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::kPeriodMismatch);
  EXPECT_EQ(w.model.objective(child)->period, w.q1);
  // Into the year, which overlaps Q1, it may move.
  moved.period = w.year;
  EXPECT_TRUE(w.model.update_objective(moved, q1_day(2)));
}

// ---- Roll-up order -------------------------------------------------------------------

TEST(DomainGraphOrder, EveryNodeOnceChildrenBeforeParents) {
  Graph g(6, {0, 0, 3, 4});
  g.add(obj(1), obj(0));
  g.add(obj(2), obj(0));
  g.add(obj(3), kr(1));
  g.add(obj(4), obj(3));
  g.add(kr(3), kr(0));
  g.add(obj(5), obj(1), /*contributes=*/false);
  const std::vector<NodeRef>& order = g.g.rollup_order();
  ASSERT_EQ(order.size(), 6u + 4u);
  auto position = [&](NodeRef n) {
    const auto it = std::find(order.begin(), order.end(), n);
    EXPECT_NE(it, order.end()) << to_string(n);
    return it - order.begin();
  };
  for (std::uint32_t i = 0; i < 4; ++i) {
    EXPECT_LT(position(kr(i)), position(NodeRef::of(g.g.objective_of(KeyResultId{i}))));
  }
  EXPECT_LT(position(obj(1)), position(obj(0)));
  EXPECT_LT(position(obj(2)), position(obj(0)));
  EXPECT_LT(position(obj(3)), position(kr(1)));
  EXPECT_LT(position(obj(4)), position(obj(3)));
  EXPECT_LT(position(kr(3)), position(kr(0)));
}

// The walk from a node up to its roots reads each node's parents from a record
// kept beside the node (a key result's objective and at most two contributing
// parents inline). Checked against the same walk reading every link itself,
// through random link changes that take nodes past that record's room and
// back, and links that stop and start contributing.
std::vector<std::string> names(const std::vector<NodeRef>& nodes) {
  std::vector<std::string> out;
  for (NodeRef n : nodes) out.push_back(to_string(n));
  return out;
}

std::vector<NodeRef> ancestors_by_links(const AlignmentGraph& g, NodeRef start) {
  std::vector<NodeRef> post;
  std::vector<NodeRef> seen;
  const auto visit = [&](const auto& self, NodeRef n) -> void {
    seen.push_back(n);
    std::vector<NodeRef> parents;
    if (!n.is_objective()) parents.push_back(NodeRef::of(g.objective_of(n.key_result())));
    for (LinkId link : g.parent_links(n)) {
      if (g.edge(link).contributes) parents.push_back(g.edge(link).parent);
    }
    for (NodeRef up : parents) {
      if (std::find(seen.begin(), seen.end(), up) == seen.end()) self(self, up);
    }
    post.push_back(n);
  };
  visit(visit, start);
  std::reverse(post.begin(), post.end());
  return post;
}

TEST(DomainGraphOrder, AncestorsFollowEveryContributingLinkThroughRandomChanges) {
  constexpr std::uint32_t kObjectives = 40;
  std::vector<std::uint32_t> owners;
  for (std::uint32_t i = 0; i < 60; ++i) owners.push_back(i % kObjectives);
  Graph g(kObjectives, owners);
  std::mt19937 random(7);
  const auto pick = [&](std::uint32_t n) {
    return std::uniform_int_distribution<std::uint32_t>(0, n - 1)(random);
  };
  std::vector<LinkId> active;
  std::size_t past_the_record = 0, checks = 0;
  for (int step = 0; step < 600; ++step) {
    const std::uint32_t change = pick(10);
    if (change < 6 || active.empty()) {
      // Objectives link to lower-numbered objectives or key results, key
      // results to lower-numbered key results: never a cycle.
      const bool key_result_child = pick(4) == 0;
      NodeRef child = key_result_child ? kr(1 + pick(59)) : obj(1 + pick(kObjectives - 1));
      NodeRef parent;
      if (key_result_child) {
        parent = kr(pick(child.index));
      } else if (pick(3) == 0) {
        const std::uint32_t below = child.index;  // key results of earlier objectives
        parent = kr(pick(below));
      } else {
        parent = obj(pick(child.index));
      }
      if (!g.g.check_link(child, parent)) continue;
      const LinkId id{g.links++};
      g.g.add_link(id, child, parent, 1, pick(5) != 0);
      active.push_back(id);
    } else if (change < 8) {
      const LinkId id = active[pick(static_cast<std::uint32_t>(active.size()))];
      g.g.update_link(id, 1, pick(2) == 0);
    } else {
      const std::size_t at = pick(static_cast<std::uint32_t>(active.size()));
      g.g.remove_link(active[at]);
      active.erase(active.begin() + static_cast<std::ptrdiff_t>(at));
    }
    for (std::uint32_t i = 0; i < kObjectives; ++i) {
      std::size_t contributing = 0;
      for (LinkId link : g.g.parent_links(obj(i))) contributing += g.g.edge(link).contributes;
      past_the_record += contributing > 2;
      ASSERT_EQ(names(g.g.ancestors_in_rollup_order(obj(i))),
                names(ancestors_by_links(g.g, obj(i))))
          << "objective " << i << " after step " << step;
      ++checks;
    }
    for (std::uint32_t i = 0; i < owners.size(); ++i) {
      ASSERT_EQ(names(g.g.ancestors_in_rollup_order(kr(i))), names(ancestors_by_links(g.g, kr(i))))
          << "key result " << i << " after step " << step;
      ++checks;
    }
  }
  EXPECT_GT(past_the_record, 1000u) << "nodes with more contributing parents than fit inline";
  EXPECT_GT(checks, 50000u);
}

}  // namespace
