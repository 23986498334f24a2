// Who may do what, as far as the domain rules say (DOMAIN.md "Check-ins").
// The service layer (src/app) asks these before it runs a command.
#pragma once

#include "core/model.h"

namespace cairn::core {

// The key result's owner, its delegates, the leads of the unit that owns its
// objective (for a person's objective: the leads of that person's units), and
// admins may check in.
bool may_check_in(const Model& model, PersonId person, KeyResultId key_result);

// The person a check-in is recorded for: the owner when a delegate, a lead or an
// admin checks in for them (the history shows both names), otherwise nobody.
PersonId on_behalf_of(const Model& model, PersonId author, KeyResultId key_result);

}  // namespace cairn::core
