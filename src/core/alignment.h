// Alignment links (F10–F12) and dependencies (F13).
#pragma once

#include <compare>
#include <cstdint>

#include "core/ids.h"
#include "core/time.h"

namespace cairn::core {

// A node of the alignment graph: an objective or a key result.
struct NodeRef {
  enum class Kind : std::uint8_t { kObjective, kKeyResult };
  Kind kind = Kind::kObjective;
  std::uint32_t index = 0;

  static NodeRef of(ObjectiveId id) { return NodeRef{Kind::kObjective, id.value()}; }
  static NodeRef of(KeyResultId id) { return NodeRef{Kind::kKeyResult, id.value()}; }
  bool is_objective() const { return kind == Kind::kObjective; }
  ObjectiveId objective() const { return ObjectiveId{index}; }
  // A single number naming the node, for hash maps.
  std::uint64_t key() const { return (static_cast<std::uint64_t>(kind) << 32) | index; }
  KeyResultId key_result() const { return KeyResultId{index}; }

  friend auto operator<=>(const NodeRef&, const NodeRef&) = default;
};

// child → parent. An objective aligns to an objective or a key result; a key
// result contributes to a key result (cascaded, `sum`).
struct AlignmentLink {
  LinkId id;
  NodeRef child;
  NodeRef parent;
  double weight = 1;
  bool contributes = true;  // false: shown on the map, not counted
  bool removed = false;
  Instant created_at;
};

// `from` depends on `to`; no progress flows along it.
struct Dependency {
  DependencyId id;
  NodeRef from;
  NodeRef to;
  bool removed = false;
  Instant created_at;
};

}  // namespace cairn::core
