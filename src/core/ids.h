// Strong identifier types for every entity of the domain.
//
// An id is a dense index inside one organisation's model (0, 1, 2, ...), so the
// model can keep entities in vectors and the roll-up can use flat arrays. The
// API turns them into opaque strings; nothing outside the core relies on the
// numbers being dense.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>
#include <limits>

namespace cairn::core {

template <class Tag>
class Id {
 public:
  static constexpr std::uint32_t kInvalid = std::numeric_limits<std::uint32_t>::max();

  constexpr Id() = default;
  constexpr explicit Id(std::uint32_t value) : value_(value) {}

  constexpr std::uint32_t value() const { return value_; }
  constexpr bool valid() const { return value_ != kInvalid; }
  constexpr explicit operator bool() const { return valid(); }

  friend constexpr auto operator<=>(Id, Id) = default;

 private:
  std::uint32_t value_ = kInvalid;
};

using UnitId = Id<struct UnitTag>;
using PersonId = Id<struct PersonTag>;
using PeriodId = Id<struct PeriodTag>;
using ObjectiveId = Id<struct ObjectiveTag>;
using KeyResultId = Id<struct KeyResultTag>;
using CheckInId = Id<struct CheckInTag>;
using LinkId = Id<struct LinkTag>;
using DependencyId = Id<struct DependencyTag>;
using InitiativeId = Id<struct InitiativeTag>;
using CommentId = Id<struct CommentTag>;
using RetrospectiveId = Id<struct RetrospectiveTag>;
using KpiId = Id<struct KpiTag>;

}  // namespace cairn::core

template <class Tag>
struct std::hash<cairn::core::Id<Tag>> {
  std::size_t operator()(cairn::core::Id<Tag> id) const noexcept {
    return std::hash<std::uint32_t>{}(id.value());
  }
};
