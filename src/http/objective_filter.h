// The filters of GET /objectives (API.md): period_id, unit_id, owner_id,
// state, status and q, read from the query and applied to one objective as
// it stood at the evaluation's as_of.
#pragma once

#include <optional>
#include <string>

#include "core/evaluation.h"
#include "http/request.h"

namespace cairn::http {

struct ObjectiveFilter {
  std::optional<core::PeriodId> period;
  std::optional<core::UnitId> unit;      // owned by this unit (unit_id, or owner_id=unit_…)
  std::optional<core::PersonId> person;  // owned by this person (owner_id=per_…)
  std::optional<core::ObjectiveState> state;
  std::optional<core::Status> status;
  std::string q;         // lower case; a title must contain it
  bool nothing = false;  // filters that contradict each other

  // Archived objectives are listed only when asked for by state.
  bool matches(const core::Evaluation& eval, const core::Objective& objective) const;
};

// 422 naming the first malformed parameter.
core::Result<ObjectiveFilter> objective_filter(const Request& request);

}  // namespace cairn::http
