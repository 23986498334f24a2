// Derived facts about an organisation as of an instant, shared by the maturity
// assessment and program health: which objectives count, how deep a unit sits,
// whether an objective is aligned, how often people check in.
#pragma once

#include <optional>
#include <vector>

#include "core/evaluation.h"

namespace cairn::core {

// An objective counts in the figures once it is committed to: not a draft and
// not archived.
bool counts(const Objective& objective);

// Depth of a unit in the hierarchy: the company is 0, a function 1, a team 2 …
int unit_depth(const Evaluation& eval, UnitId unit);

// The hierarchy level an objective sits at: its unit's depth, or for a person's
// objective one below the first unit the person is a member of (1 if none).
int objective_level(const Evaluation& eval, const Objective& objective);

// True when the objective has at least one parent link as of the evaluation.
bool is_aligned(const Evaluation& eval, ObjectiveId id);
// How many parent links it has as of the evaluation.
std::size_t parent_count(const Evaluation& eval, ObjectiveId id);

// True when the objective is owned by the company unit.
bool is_company_objective(const Evaluation& eval, const Objective& objective);

// Intervals in days between consecutive check-ins of the key results of active
// objectives in periods running at the evaluation's instant.
std::vector<double> check_in_intervals_days(const Evaluation& eval);

// The median, or nullopt for no values.
std::optional<double> median(std::vector<double> values);

// Every objective as it stood, for which `keep` holds.
template <class Keep>
std::vector<const Objective*> objectives_where(const Evaluation& eval, Keep&& keep) {
  std::vector<const Objective*> out;
  for (std::uint32_t i = 0; i < eval.model().objective_count(); ++i) {
    const Objective* o = eval.objective(ObjectiveId{i});
    if (o && keep(*o)) out.push_back(o);
  }
  return out;
}

}  // namespace cairn::core
