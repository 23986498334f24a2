// Turning what a command changed (the model's journal) into audit log
// entries: every entity once, as it was before the command and after it.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <vector>

#include "core/model.h"
#include "store/store.h"

namespace cairn::app {

// Each entity of `journal` once, in the order it was first touched, keeping
// the version count from before the first touch.
std::vector<core::Touched> distinct_touched(std::span<const core::Touched> journal);

// Calls `each` with the audit entries of change `seq`, one at a time (the
// same object, refilled: copy what must outlive the call), read from the model
// right after the command was applied; stops at the first error. New
// check-ins have none: the check-in table is their audit record. One at a
// time because closing a quarter writes half a million of them.
core::Result<void> for_each_audit_entry(
    const core::Model& model, std::span<const core::Touched> touched, std::int64_t seq,
    core::Instant at, const std::string& actor,
    const std::function<core::Result<void>(const store::AuditEntry&)>& each);

}  // namespace cairn::app
