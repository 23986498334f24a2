// Who may see what (QUALITY.md "Access control"), as pure functions over the
// model and the caller. Every read endpoint asks these before it shows an
// item, so a private objective is answered as if it did not exist (404), left
// out of lists and counts, and linked only as "private objective".
//
// Access is judged on the model as it stands now, even for a read `as_of` a
// past instant: who may see an objective is a question about the caller
// today, and an old version must not leak what a visibility change now hides.
//
// Write rules (members write what they own, leads for their unit) come later.
#pragma once

#include "app/principal.h"
#include "core/model.h"

namespace cairn::app {

// Whether `manager` is above `person` in the reporting line.
bool manages(const core::Model& model, core::PersonId manager, core::PersonId person);

// A public objective is visible to everyone in the organisation. A private
// one only to admins, the members and lead of its owning unit (or, owned by a
// person, that person), the owners of its key results, and the managers of
// all these up the reporting line. False for an unknown id.
bool can_see(const core::Model& model, const Principal& who, core::ObjectiveId id);
// A key result (and its check-ins) is visible when its objective is.
bool can_see(const core::Model& model, const Principal& who, core::KeyResultId id);
// An objective or a key result, by its node in the alignment graph.
bool can_see(const core::Model& model, const Principal& who, core::NodeRef node);

}  // namespace cairn::app
