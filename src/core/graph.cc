#include "core/graph.h"

#include <algorithm>
#include <array>
#include <functional>
#include <unordered_map>
#include <unordered_set>

namespace cairn::core {
std::string to_string(NodeRef node) {
  return (node.is_objective() ? "objective/" : "key_result/") + std::to_string(node.index);
}

void AlignmentGraph::add_objective(ObjectiveId id) {
  if (id.value() >= objective_key_results_.size()) {
    objective_key_results_.resize(id.value() + 1);
    objective_adjacency_.resize(id.value() + 1);
    objective_rolls_into_.resize(id.value() + 1);
  }
  forget_caches();
}

void AlignmentGraph::add_key_result(KeyResultId id, ObjectiveId objective) {
  add_objective(objective);
  if (id.value() >= key_result_objective_.size()) {
    key_result_objective_.resize(id.value() + 1);
    key_result_adjacency_.resize(id.value() + 1);
    key_result_rolls_into_.resize(id.value() + 1);
  }
  key_result_objective_[id.value()] = objective;
  objective_key_results_[objective.value()].push_back(id);
  refresh_rolls_into(NodeRef::of(id));
  forget_caches();
}

bool AlignmentGraph::has(NodeRef node) const {
  return node.is_objective() ? node.index < objective_key_results_.size()
                             : node.index < key_result_objective_.size() &&
                                   key_result_objective_[node.index].valid();
}

template <class Visit>
void AlignmentGraph::for_each_linked_parent(NodeRef node, bool contributing_only,
                                            Visit&& visit) const {
  if (!node.is_objective()) visit(NodeRef::of(key_result_objective_[node.index]));
  for (LinkId link : adjacency(node).parents) {
    const Edge& e = edges_[link.value()];
    if (!contributing_only || e.contributes) visit(e.parent);
  }
}

template <class Visit>
void AlignmentGraph::for_each_parent(NodeRef node, bool contributing_only, Visit&& visit) const {
  if (contributing_only) {
    const RollsInto& into = rolls_into(node);
    if (into.count <= RollsInto::kInline) {
      for (std::size_t i = 0; i < into.count; ++i) visit(into.node(i));
      return;
    }
  }
  for_each_linked_parent(node, contributing_only, visit);
}

void AlignmentGraph::refresh_rolls_into(NodeRef node) {
  RollsInto into;
  for_each_linked_parent(node, true, [&](NodeRef up) {
    if (into.count < RollsInto::kInline && up.index < RollsInto::kKeyResultBit) {
      into.nodes[into.count] = up.index | (up.is_objective() ? 0 : RollsInto::kKeyResultBit);
      ++into.count;
    } else {
      into.count = RollsInto::kInline + 1;  // the walk reads the links
    }
  });
  rolls_into(node) = into;
}

Result<void> AlignmentGraph::check_link(NodeRef child, NodeRef parent) const {
  if (!has(child) || !has(parent)) return not_found("alignment node");
  if (!child.is_objective() && parent.is_objective()) {
    return invalid("parent", "a key result can only contribute to another key result");
  }
  for (LinkId link : adjacency(child).parents) {
    if (edges_[link.value()].parent == parent) {
      return Error{ErrorCode::kConflict, "this alignment link exists already", {}, {}, {}};
    }
  }

  // The new edge closes a cycle when `child` is already reachable upward from
  // `parent` (or is `parent`). Search upward and keep the way back.
  std::unordered_map<std::uint64_t, NodeRef> came_from;
  std::vector<NodeRef> stack{parent};
  came_from.emplace(parent.key(), parent);
  bool found = parent == child;
  while (!stack.empty() && !found) {
    const NodeRef node = stack.back();
    stack.pop_back();
    for_each_parent(node, false, [&](NodeRef up) {
      if (found || !came_from.emplace(up.key(), node).second) return;
      if (up == child) found = true;
      stack.push_back(up);
    });
  }
  if (found) {
    // Walk back from child to parent, then print child → parent → … → child.
    std::vector<NodeRef> reversed;
    for (NodeRef at = child; !(at == parent); at = came_from.at(at.key())) reversed.push_back(at);
    Error error{ErrorCode::kAlignmentCycle,
                "this alignment would make " + to_string(child) + " roll up into itself",
                {},
                {},
                {}};
    error.path.push_back(to_string(child));
    error.path.push_back(to_string(parent));
    for (auto it = reversed.rbegin(); it != reversed.rend(); ++it)
      error.path.push_back(to_string(*it));
    return error;
  }

  const int depth = depth_below(child) + depth_above(parent);
  if (depth > kMaxAlignmentDepth) {
    return Error{ErrorCode::kAlignmentTooDeep,
                 "alignment would be " + std::to_string(depth) + " objectives deep; the limit is " +
                     std::to_string(kMaxAlignmentDepth),
                 {},
                 {},
                 {}};
  }
  return {};
}

void AlignmentGraph::add_link(LinkId id, NodeRef child, NodeRef parent, double weight,
                              bool contributes) {
  if (id.value() >= edges_.size()) edges_.resize(id.value() + 1);
  edges_[id.value()] = Edge{child, parent, weight, contributes, true};
  adjacency(child).parents.push_back(id);
  adjacency(parent).children.push_back(id);
  refresh_rolls_into(child);
  forget_caches();
}

void AlignmentGraph::update_link(LinkId id, double weight, bool contributes) {
  Edge& e = edges_[id.value()];
  const bool role_changed = e.contributes != contributes;
  plan_valid_ = false;
  e.weight = weight;
  e.contributes = contributes;
  if (role_changed) {  // a weight alone changes neither the order nor what the child rolls into
    order_valid_ = false;
    refresh_rolls_into(e.child);
  }
}

void AlignmentGraph::remove_link(LinkId id) {
  Edge& e = edges_[id.value()];
  if (!e.active) return;
  e.active = false;
  std::erase(adjacency(e.child).parents, id);
  std::erase(adjacency(e.parent).children, id);
  refresh_rolls_into(e.child);
  forget_caches();
}

std::vector<NodeRef> AlignmentGraph::ancestors_in_rollup_order(NodeRef node) const {
  return ancestors_in_rollup_order(std::span<const NodeRef>(&node, 1));
}

namespace {

// The nodes an upward walk has reached. It reaches a dozen or so (a key
// result's chain up to the company, once per check-in): a short list on the
// stack, searched in turn, costs less than any allocation. Should a walk
// reach many, the list becomes a hash set.
class ReachedNodes {
 public:
  // `node` must not have been reached yet (the walk asks contains() first).
  void insert(NodeRef node) {
    if (many_.empty() && count_ < kFew) {
      few_[count_++] = node.key();
      return;
    }
    if (many_.empty()) many_.insert(few_.begin(), few_.begin() + count_);
    many_.insert(node.key());
  }
  bool contains(NodeRef node) const {
    const std::uint64_t key = node.key();
    return many_.empty()
               ? std::find(few_.begin(), few_.begin() + count_, key) != few_.begin() + count_
               : many_.contains(key);
  }

 private:
  static constexpr std::size_t kFew = 64;
  std::array<std::uint64_t, kFew> few_;
  std::size_t count_ = 0;
  std::unordered_set<std::uint64_t> many_;
};

}  // namespace

std::vector<NodeRef> AlignmentGraph::ancestors_in_rollup_order(
    std::span<const NodeRef> nodes) const {
  // Reverse post-order of depth-first walks upward is a topological order in
  // which each node precedes its parents. Depth is bounded, so recursion is safe.
  std::vector<NodeRef> post;
  post.reserve(16);  // a key result's chain to the company, most of the time
  ReachedNodes seen;
  const auto visit = [&](const auto& self, NodeRef n) -> void {
    seen.insert(n);
    for_each_parent(n, true, [&](NodeRef up) {
      if (!seen.contains(up)) self(self, up);
    });
    post.push_back(n);
  };
  // Walk from the last start first, so that the first start comes first.
  for (auto it = nodes.rbegin(); it != nodes.rend(); ++it) {
    if (!seen.contains(*it)) visit(visit, *it);
  }
  std::reverse(post.begin(), post.end());
  return post;
}

const std::vector<NodeRef>& AlignmentGraph::rollup_order() const {
  if (order_valid_) return order_;
  // Kahn's algorithm: a node is ready once every child it rolls up from is done.
  const std::size_t objectives = objective_key_results_.size();
  const std::size_t key_results = key_result_objective_.size();
  std::vector<std::uint32_t> pending(objectives + key_results, 0);
  auto count_contributing = [&](const Adjacency& a) {
    std::uint32_t count = 0;
    for (LinkId link : a.children) count += edges_[link.value()].contributes ? 1 : 0;
    return count;
  };
  order_.clear();
  order_.reserve(objectives + key_results);
  for (std::uint32_t k = 0; k < key_results; ++k) {
    if (!key_result_objective_[k].valid()) continue;
    pending[objectives + k] = count_contributing(key_result_adjacency_[k]);
    if (pending[objectives + k] == 0) order_.push_back(NodeRef{NodeRef::Kind::kKeyResult, k});
  }
  for (std::uint32_t o = 0; o < objectives; ++o) {
    pending[o] = static_cast<std::uint32_t>(objective_key_results_[o].size()) +
                 count_contributing(objective_adjacency_[o]);
    if (pending[o] == 0) order_.push_back(NodeRef{NodeRef::Kind::kObjective, o});
  }
  for (std::size_t i = 0; i < order_.size(); ++i) {
    for_each_parent(order_[i], true, [&](NodeRef up) {
      if (--pending[slot(up)] == 0) order_.push_back(up);
    });
  }
  order_valid_ = true;
  return order_;
}

const AlignmentGraph::RollupPlan& AlignmentGraph::rollup_plan() const {
  if (plan_valid_) return plan_;
  const std::size_t objectives = objective_key_results_.size();
  const std::size_t key_results = key_result_objective_.size();
  // The key results that a contributing child feeds are steps; the others
  // (nearly all) are leaves.
  std::vector<std::uint8_t> fed(key_results, 0);
  for (const Edge& e : edges_) {
    if (e.active && e.contributes && !e.parent.is_objective()) fed[e.parent.index] = 1;
  }
  // A node's level: one above its highest child. Nodes of one level do not
  // read each other, so each level can go in id order: a full recompute then
  // sweeps forward through the value arrays instead of jumping about them.
  std::vector<std::uint32_t> level(objectives + key_results, 0);
  std::uint32_t top = 0;
  for (NodeRef node : rollup_order()) {
    const std::uint32_t above = level[slot(node)] + 1;
    for_each_parent(node, true, [&](NodeRef up) {
      level[slot(up)] = std::max(level[slot(up)], above);
      top = std::max(top, above);
    });
  }
  RollupPlan plan;
  std::vector<NodeRef> nodes;  // the steps' nodes, level by level
  {
    std::vector<std::uint32_t> starts(top + 2, 0);
    const auto each_step_node = [&](auto&& f) {
      for (std::uint32_t o = 0; o < objectives; ++o) f(NodeRef{NodeRef::Kind::kObjective, o});
      for (std::uint32_t k = 0; k < key_results; ++k) {
        if (key_result_objective_[k].valid() && fed[k]) f(NodeRef{NodeRef::Kind::kKeyResult, k});
      }
    };
    each_step_node([&](NodeRef n) { ++starts[level[slot(n)] + 1]; });
    for (std::size_t l = 1; l < starts.size(); ++l) starts[l] += starts[l - 1];
    nodes.resize(starts.back());
    each_step_node([&](NodeRef n) { nodes[starts[level[slot(n)]]++] = n; });
  }
  plan.leaf_key_results.reserve(key_results);
  for (std::uint32_t k = 0; k < key_results; ++k) {
    if (key_result_objective_[k].valid() && !fed[k]) plan.leaf_key_results.push_back(k);
  }
  plan.steps.reserve(nodes.size());
  plan.key_results.reserve(key_results);
  for (NodeRef node : nodes) {
    if (node.is_objective()) {
      const std::vector<KeyResultId>& own = objective_key_results_[node.index];
      plan.key_results.insert(plan.key_results.end(), own.begin(), own.end());
    }
    for (LinkId link : adjacency(node).children) {
      const Edge& e = edges_[link.value()];
      if (e.contributes) plan.children.push_back({e.child, e.weight});
    }
    plan.steps.push_back({node, static_cast<std::uint32_t>(plan.key_results.size()),
                          static_cast<std::uint32_t>(plan.children.size())});
  }
  plan_ = std::move(plan);
  plan_valid_ = true;
  return plan_;
}

int AlignmentGraph::depth_above(NodeRef node) const {
  std::unordered_map<std::uint64_t, int> memo;
  std::function<int(NodeRef)> above = [&](NodeRef n) -> int {
    if (auto it = memo.find(n.key()); it != memo.end()) return it->second;
    int best = 0;
    for_each_parent(n, false, [&](NodeRef up) { best = std::max(best, above(up)); });
    const int depth = best + (n.is_objective() ? 1 : 0);
    memo.emplace(n.key(), depth);
    return depth;
  };
  return above(node);
}

int AlignmentGraph::depth_below(NodeRef node) const {
  std::unordered_map<std::uint64_t, int> memo;
  std::function<int(NodeRef)> below = [&](NodeRef n) -> int {
    if (auto it = memo.find(n.key()); it != memo.end()) return it->second;
    int best = 0;
    if (n.is_objective()) {
      for (KeyResultId kr : objective_key_results_[n.index])
        best = std::max(best, below(NodeRef::of(kr)));
    }
    for (LinkId link : adjacency(n).children)
      best = std::max(best, below(edges_[link.value()].child));
    const int depth = best + (n.is_objective() ? 1 : 0);
    memo.emplace(n.key(), depth);
    return depth;
  };
  return below(node);
}

}  // namespace cairn::core
