// The kinds of entity the model keeps, named the same way everywhere outside
// the core (audit log, events, API).
#pragma once

#include <cstdint>
#include <string_view>

namespace cairn::core {

enum class EntityKind : std::uint8_t {
  kOrganization,
  kUnit,
  kPerson,
  kPeriod,
  kObjective,
  kKeyResult,
  kCheckIn,
  kLink,
  kDependency,
  kInitiative,
  kComment,
  kRetrospective,
  kKpi,
};

// Stable snake_case names ("key_result"); stored in databases, never change them.
std::string_view to_string(EntityKind kind);

// One entity a command changed: which, and how many versions it had before the
// command first touched it (0 for an entity the command created).
struct Touched {
  EntityKind kind;
  std::uint32_t index;
  std::size_t versions_before;
};

}  // namespace cairn::core
