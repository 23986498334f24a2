// Turning what a command changed (the model's journal) into audit log
// entries: every entity once, as it was before the command and after it.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/model.h"
#include "store/store.h"

namespace cairn::app {

// Each entity of `journal` once, in the order it was first touched, keeping
// the version count from before the first touch.
std::vector<core::Touched> distinct_touched(std::span<const core::Touched> journal);

// The audit entries of change `seq`, read from the model right after the
// command was applied. New check-ins have none: the check-in table is their
// audit record.
std::vector<store::AuditEntry> audit_entries(const core::Model& model,
                                             std::span<const core::Touched> touched,
                                             std::int64_t seq, core::Instant at,
                                             const std::string& actor);

}  // namespace cairn::app
