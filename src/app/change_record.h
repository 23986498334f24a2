// The change-log row and audit entries of one command just applied to a model:
// what the writer and bulk writes hand to a store transaction.
#pragma once

#include <string>
#include <vector>

#include "app/command.h"
#include "store/store.h"

namespace cairn::app {

struct ChangeRecord {
  store::Change change;
  std::vector<core::Touched> touched;  // each changed entity once
};

// Reads the model's journal (the caller cleared it before applying), so call
// it right after `apply` succeeded.
ChangeRecord record_change(const core::Model& model, const Command& command, const Applied& applied,
                           std::int64_t seq, core::Instant now, const std::string& actor);

// Appends the record, and the audit entries of what it touched as `model`
// has them, to an open store transaction. Call it before the model changes
// again: the entries are made as they are written, not kept (audit.h).
core::Result<void> append(store::WriteTransaction& tx, const core::Model& model,
                          const ChangeRecord& record);

// One change ready for the store: its row and its audit entries, kept, for a
// store transaction written on another thread (bulk_appender.h).
struct ReadyChange {
  store::Change change;
  std::vector<store::AuditEntry> audit;
};

// The record's row and the audit entries of what it touched as `model` has
// them; call it, like append, before the model changes again.
core::Result<ReadyChange> ready_change(const core::Model& model, ChangeRecord record);

}  // namespace cairn::app
