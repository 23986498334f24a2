// The alignment graph (F10–F14): objectives and key results as nodes; edges go
// child → parent: every key result → its own objective, plus every alignment
// link. The graph stays a DAG; adding a link that would close a cycle is refused
// with the cycle's path, and depth is limited to kMaxAlignmentDepth objectives.
//
// The graph holds structure only. Values live in Rollup; visibility, periods and
// archiving live in the Model.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/alignment.h"
#include "core/ids.h"
#include "core/result.h"

namespace cairn::core {

inline constexpr int kMaxAlignmentDepth = 32;

// "objective/12" or "key_result/5": how a node is named in errors.
std::string to_string(NodeRef node);

class AlignmentGraph {
 public:
  struct Edge {
    NodeRef child;
    NodeRef parent;
    double weight = 1;
    bool contributes = true;
    bool active = false;
  };

  // rollup_order() laid out flat for a full recompute, which then streams
  // through a few arrays instead of following every node's own lists and
  // edges (the pointer chasing that made most of its time).
  struct RollupPlan {
    // Key results with no contributing child depend on nothing: they come
    // first, in id order, streamed through in one tight loop.
    std::vector<std::uint32_t> leaf_key_results;
    // A contributing child of a step's node, with the link's weight.
    struct Child {
      NodeRef node;
      double weight = 1;
    };
    // Every other node, children before parents (level by level, in id
    // order within a level). Its own key results (an objective's, in order)
    // and its contributing children (in link order) follow the previous
    // step's in `key_results` and `children`.
    struct Step {
      NodeRef node;
      std::uint32_t key_results_end = 0;
      std::uint32_t children_end = 0;
    };
    std::vector<Step> steps;
    std::vector<KeyResultId> key_results;
    std::vector<Child> children;
  };

  // Nodes are created on first mention and never removed (archiving is a flag
  // elsewhere). A key result belongs to one objective for its whole life.
  void add_objective(ObjectiveId id);
  void add_key_result(KeyResultId id, ObjectiveId objective);

  // Checks that child → parent is allowed: the kinds fit (objective → objective
  // or key result; key result → key result), the link is new, it closes no
  // cycle (kAlignmentCycle with the path child, parent, …, child), and the
  // depth stays within kMaxAlignmentDepth (kAlignmentTooDeep).
  Result<void> check_link(NodeRef child, NodeRef parent) const;

  void add_link(LinkId id, NodeRef child, NodeRef parent, double weight, bool contributes);
  void update_link(LinkId id, double weight, bool contributes);
  void remove_link(LinkId id);

  std::size_t objective_count() const { return objective_key_results_.size(); }
  std::size_t key_result_count() const { return key_result_objective_.size(); }
  bool has(NodeRef node) const;

  ObjectiveId objective_of(KeyResultId kr) const { return key_result_objective_[kr.value()]; }
  std::span<const KeyResultId> key_results(ObjectiveId o) const {
    return objective_key_results_[o.value()];
  }
  // Active links where `node` is the parent / the child, in the order they were made.
  std::span<const LinkId> child_links(NodeRef node) const { return adjacency(node).children; }
  std::span<const LinkId> parent_links(NodeRef node) const { return adjacency(node).parents; }
  const Edge& edge(LinkId id) const { return edges_[id.value()]; }

  // The nodes that `node` rolls up into (its key result's objective, contributing
  // parents, and theirs), ordered so that every node comes after all of its
  // children in the set. `node` itself comes first.
  std::vector<NodeRef> ancestors_in_rollup_order(NodeRef node) const;
  // The same for several starting nodes at once: each node of the union once,
  // children before parents.
  std::vector<NodeRef> ancestors_in_rollup_order(std::span<const NodeRef> nodes) const;

  // Every node, children before parents, following contributing edges. Cached
  // until the structure changes.
  const std::vector<NodeRef>& rollup_order() const;
  // Drops the cached order, so the next rollup_order() recomputes it (benchmarks
  // measure the full recompute with and without the cache).
  void forget_rollup_order() {
    order_valid_ = false;
    plan_valid_ = false;
  }
  // A full recompute's plan, in an order like rollup_order()'s. Cached until
  // the structure or a link's weight changes.
  const RollupPlan& rollup_plan() const;

  // Longest chain of objectives from `node` up to a root, counting the
  // objective of `node` when it is a key result.
  int depth_above(NodeRef node) const;
  // Longest chain of objectives from `node` down to a leaf, counting `node` when
  // it is an objective (a key result's own objective is above it, not below).
  int depth_below(NodeRef node) const;

 private:
  struct Adjacency {
    std::vector<LinkId> children;
    std::vector<LinkId> parents;
  };
  const Adjacency& adjacency(NodeRef node) const {
    return node.is_objective() ? objective_adjacency_[node.index]
                               : key_result_adjacency_[node.index];
  }
  Adjacency& adjacency(NodeRef node) {
    return node.is_objective() ? objective_adjacency_[node.index]
                               : key_result_adjacency_[node.index];
  }
  // Objectives then key results in one numbering, for per-node scratch arrays.
  std::size_t slot(NodeRef node) const {
    return node.is_objective() ? node.index : objective_key_results_.size() + node.index;
  }
  // Calls visit(parent) for every node `node` rolls up into directly (with
  // `contributing_only`), or is linked to (without), in link order after a
  // key result's own objective.
  template <class Visit>
  void for_each_parent(NodeRef node, bool contributing_only, Visit&& visit) const;
  // The same, always through the node's links.
  template <class Visit>
  void for_each_linked_parent(NodeRef node, bool contributing_only, Visit&& visit) const;

  // The nodes a node rolls up into (a key result's objective first, then its
  // contributing parents in link order), kept beside it. A check-in's roll-up
  // walks from its key result up to the company; through the node's link list
  // and each link's edge, every step of that walk cost three cache misses on
  // a large organisation, about half of a check-in's roll-up. This record costs one.
  struct RollsInto {
    static constexpr std::uint8_t kInline = 2;
    static constexpr std::uint32_t kKeyResultBit = 1u << 31;
    // A node's index, with kKeyResultBit set for a key result.
    std::array<std::uint32_t, kInline> nodes{};
    // How many; above kInline, more than fit here: the walk reads the links.
    std::uint8_t count = 0;

    NodeRef node(std::size_t i) const {
      return (nodes[i] & kKeyResultBit) != 0
                 ? NodeRef{NodeRef::Kind::kKeyResult, nodes[i] & ~kKeyResultBit}
                 : NodeRef{NodeRef::Kind::kObjective, nodes[i]};
    }
  };
  const RollsInto& rolls_into(NodeRef node) const {
    return node.is_objective() ? objective_rolls_into_[node.index]
                               : key_result_rolls_into_[node.index];
  }
  RollsInto& rolls_into(NodeRef node) {
    return node.is_objective() ? objective_rolls_into_[node.index]
                               : key_result_rolls_into_[node.index];
  }
  // Called when a key result gets its objective and whenever a node's links change.
  void refresh_rolls_into(NodeRef node);

  std::vector<std::vector<KeyResultId>> objective_key_results_;
  std::vector<ObjectiveId> key_result_objective_;
  std::vector<Adjacency> objective_adjacency_;
  std::vector<Adjacency> key_result_adjacency_;
  std::vector<Edge> edges_;  // indexed by LinkId
  std::vector<RollsInto> objective_rolls_into_;
  std::vector<RollsInto> key_result_rolls_into_;

  // Both caches are dropped by every structural change; the plan also by a
  // link's new weight, which it holds.
  void forget_caches() {
    order_valid_ = false;
    plan_valid_ = false;
  }

  mutable std::vector<NodeRef> order_;
  mutable bool order_valid_ = false;
  mutable RollupPlan plan_;
  mutable bool plan_valid_ = false;
};

}  // namespace cairn::core
