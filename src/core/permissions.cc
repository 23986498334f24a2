#include "core/permissions.h"

#include <algorithm>

namespace cairn::core {
namespace {

bool leads_a_unit_of(const Model& model, PersonId person, const Owner& owner) {
  if (owner.is_unit()) {
    const Unit* u = model.unit(owner.unit);
    return u && u->lead == person;
  }
  // A person's objective: the leads of the units that person belongs to.
  for (std::uint32_t i = 0; i < model.unit_count(); ++i) {
    const Unit& u = *model.unit(UnitId{i});
    if (u.archived || u.lead != person) continue;
    if (std::find(u.members.begin(), u.members.end(), owner.person) != u.members.end()) return true;
  }
  return false;
}

}  // namespace

bool may_check_in(const Model& model, PersonId person, KeyResultId key_result) {
  const Person* who = model.person(person);
  const KeyResult* kr = model.key_result(key_result);
  if (!who || !kr || !who->active) return false;
  if (who->role == Role::kAdmin) return true;
  if (who->role == Role::kViewer) return false;
  if (kr->owner == person) return true;
  if (std::find(kr->delegates.begin(), kr->delegates.end(), person) != kr->delegates.end()) {
    return true;
  }
  return leads_a_unit_of(model, person, model.objective(kr->objective)->owner);
}

PersonId on_behalf_of(const Model& model, PersonId author, KeyResultId key_result) {
  const KeyResult* kr = model.key_result(key_result);
  if (!kr || !kr->owner.valid() || kr->owner == author) return PersonId{};
  return kr->owner;
}

}  // namespace cairn::core
