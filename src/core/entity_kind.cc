#include "core/entity_kind.h"

namespace cairn::core {

std::string_view to_string(EntityKind kind) {
  switch (kind) {
    case EntityKind::kOrganization:
      return "organization";
    case EntityKind::kUnit:
      return "unit";
    case EntityKind::kPerson:
      return "person";
    case EntityKind::kPeriod:
      return "period";
    case EntityKind::kObjective:
      return "objective";
    case EntityKind::kKeyResult:
      return "key_result";
    case EntityKind::kCheckIn:
      return "check_in";
    case EntityKind::kLink:
      return "link";
    case EntityKind::kDependency:
      return "dependency";
    case EntityKind::kInitiative:
      return "initiative";
    case EntityKind::kComment:
      return "comment";
    case EntityKind::kRetrospective:
      return "retrospective";
    case EntityKind::kKpi:
      return "kpi";
  }
  return "unknown";
}

}  // namespace cairn::core
