#include "app/access.h"

#include <algorithm>

namespace cairn::app {
namespace {

using namespace cairn::core;

// The caller is one of `people` or manages one of them.
bool is_or_manages(const Model& model, PersonId caller, const std::vector<PersonId>& people) {
  return std::any_of(people.begin(), people.end(),
                     [&](PersonId p) { return p == caller || manages(model, caller, p); });
}

// The people who own a private objective: its owning person or the lead and
// members of its owning unit, and the owners of its live key results.
std::vector<PersonId> owners_of(const Model& model, const Objective& objective) {
  std::vector<PersonId> people;
  if (objective.owner.is_unit()) {
    if (const Unit* unit = model.unit(objective.owner.unit)) {
      if (unit->lead.valid()) people.push_back(unit->lead);
      people.insert(people.end(), unit->members.begin(), unit->members.end());
    }
  } else if (objective.owner.person.valid()) {
    people.push_back(objective.owner.person);
  }
  for (KeyResultId id : model.key_results_of(objective.id)) {
    const KeyResult* kr = model.key_result(id);
    if (kr && !kr->archived && kr->owner.valid()) people.push_back(kr->owner);
  }
  return people;
}

}  // namespace

// Whether `manager` is above `person` in the reporting line. The walk is
// bounded by the number of people, so a cycle in the data cannot hang a read.
bool manages(const Model& model, PersonId manager, PersonId person) {
  const Person* p = model.person(person);
  for (std::size_t steps = 0; p && steps < model.person_count(); ++steps) {
    if (!p->manager.valid()) return false;
    if (p->manager == manager) return true;
    p = model.person(p->manager);
  }
  return false;
}

bool can_see(const Model& model, const Principal& who, ObjectiveId id) {
  const Objective* objective = model.objective(id);
  if (!objective) return false;
  if (objective->visibility == Visibility::kPublic || who.role == Role::kAdmin) return true;
  return is_or_manages(model, who.person, owners_of(model, *objective));
}

bool can_see(const Model& model, const Principal& who, KeyResultId id) {
  const KeyResult* kr = model.key_result(id);
  return kr && can_see(model, who, kr->objective);
}

bool can_see(const Model& model, const Principal& who, NodeRef node) {
  return node.is_objective() ? can_see(model, who, node.objective())
                             : can_see(model, who, node.key_result());
}

}  // namespace cairn::app
