// Who may change what (QUALITY.md "Access control"): viewers read, members
// write what they own or are delegated, unit leads write for their unit (and
// the units below it), admins configure. Pure functions over the model and
// the caller; Service::execute asks authorize() under the writer's lock before
// every command, so no handler can forget a check.
//
// Something the caller may not see (access.h) is answered kNotFound, exactly
// as if it did not exist; something they see but may not change, kForbidden.
#pragma once

#include "app/command.h"
#include "app/principal.h"
#include "core/model.h"

namespace cairn::app {

// The `can` flags of an API answer: what the caller may do with the resource.
struct Can {
  bool edit = false;
  bool remove = false;  // "delete" in JSON
  bool check_in = false;
  bool comment = false;
  bool align = false;
};

// An objective: edit, delete (archive), align (parents, dependencies), close,
// score and roll over for its editors (objective_editor); comment for every
// non-viewer who can see it; check_in never (key results take check-ins).
Can can(const core::Model& model, const Principal& who, core::ObjectiveId id);
// A key result: edit and delete for its objective's editors and its owner;
// check_in as core::may_check_in when its value comes from check-ins (not
// children, a sum or a KPI); comment for every non-viewer who can see it;
// align (its own parents) for its objective's editors.
Can can(const core::Model& model, const Principal& who, core::KeyResultId id);
// Whether the caller is one who checks in on the key result (core::may_check_in,
// and not a read-only principal), whatever its value comes from.
bool checks_in(const core::Model& model, const Principal& who, core::KeyResultId id);
// An initiative: edit for its owner, the owner and delegates of its key
// result, and its objective's editors (non-viewers who can see it).
Can can(const core::Model& model, const Principal& who, core::InitiativeId id);
// A comment: comment (react, reply) for every non-viewer who can see its target.
Can can(const core::Model& model, const Principal& who, core::CommentId id);
// Units, people, periods and the organisation: admins edit and delete.
Can can_configure(const core::Model& model, const Principal& who);

// Whether `who` writes for an objective owned by `owner`: admins; for a unit,
// the leads of that unit and of every unit above it; for a person, that
// person, their managers up the reporting line, and the leads of the units
// the person belongs to (and above). Viewers never.
bool may_write_for(const core::Model& model, const Principal& who, const core::Owner& owner);

// Whether `who` keeps a KPI (its owner, or an admin): edits it, records its
// values, sets its sources. kNotFound for no such KPI, kForbidden otherwise.
core::Result<void> keeps_kpi(const core::Model& model, const Principal& who, core::KpiId id);
// Setting where the server pulls a KPI from is for admins only: the server
// fetches that URL from inside its own network (a member could otherwise
// point it at internal services). Keepers may still stop a pull.
core::Result<void> sets_kpi_pull(const core::Model& model, const Principal& who, core::KpiId id);

// Whether `who` may run `command` now: ok, kNotFound (touches something they
// may not see) or kForbidden (they see it but may not change it).
core::Result<void> authorize(const core::Model& model, const Principal& who,
                             const Command& command);

}  // namespace cairn::app
