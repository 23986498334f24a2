// The organisation, its unit hierarchy and its people (F1, F2, F3).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/settings.h"
#include "core/time.h"

namespace cairn::core {

struct Organization {
  std::string name;
  std::string mission;
  std::string vision;
  std::vector<std::string> values;
  std::string timezone = "UTC";  // IANA name; resolved to offsets outside the core
  Settings settings;
};

enum class UnitKind { kCompany, kFunction, kTeam };

// A node of the unit hierarchy; any depth. Exactly one unit is the company.
struct Unit {
  UnitId id;
  std::string name;
  UnitKind kind = UnitKind::kTeam;
  UnitId parent;  // invalid for the company
  PersonId lead;  // optional
  std::vector<PersonId> members;
  bool archived = false;
};

enum class Role { kAdmin, kMember, kViewer };

struct Person {
  PersonId id;
  std::string name;
  std::string email;
  Role role = Role::kMember;
  PersonId manager;                      // optional reporting line
  std::optional<Instant> first_sign_in;  // for onboarding figures
  bool active = true;
};

}  // namespace cairn::core
