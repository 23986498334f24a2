// The stable names of the domain's enumerations, as the API, the CLI, exports
// and the web app spell them ("committed", "key_results", "at_risk" …), and their
// parsing. One table per enumeration, so a name cannot differ between the two
// directions.
#pragma once

#include <optional>
#include <string_view>

#include "core/collaboration.h"
#include "core/key_result.h"
#include "core/kpi.h"
#include "core/objective.h"
#include "core/organization.h"
#include "core/period.h"
#include "core/settings.h"

namespace cairn::core {

std::string_view to_string(ObjectiveType value);
std::string_view to_string(ObjectiveState value);
std::string_view to_string(Visibility value);
std::string_view to_string(ProgressMode value);
std::string_view to_string(KeyResultKind value);
std::string_view to_string(ProgressSource value);
std::string_view to_string(UnitKind value);
std::string_view to_string(Role value);
std::string_view to_string(PeriodKind value);
std::string_view to_string(PeriodState value);
std::string_view to_string(Cadence value);
std::string_view to_string(InitiativeState value);
std::string_view to_string(KpiOrigin value);

// parse<T>("committed") → ObjectiveType::kCommitted; nullopt for an unknown name.
template <class T>
std::optional<T> parse(std::string_view name);

}  // namespace cairn::core
