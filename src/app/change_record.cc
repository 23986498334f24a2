#include "app/change_record.h"

#include "app/audit.h"
#include "app/command_json.h"

namespace cairn::app {

ChangeRecord record_change(const core::Model& model, const Command& command, const Applied& applied,
                           std::int64_t seq, core::Instant now, const std::string& actor) {
  ChangeRecord record;
  store::Change& change = record.change;
  change.seq = seq;
  change.at = now;
  change.actor = actor;
  change.kind = std::string(command_kind(command));
  const auto* check_in = std::get_if<AddCheckIn>(&command);
  // The check-ins table has no column for a KPI source: a KPI's check-in
  // (from an import of a history) is stored as a payload like other commands.
  if (check_in && !check_in->check_in.kpi.valid()) {
    // Stored typed, as the model recorded it (with its id).
    change.check_in = *model.check_in(core::CheckInId{*applied.created});
  } else {
    change.payload = command_payload(command);
  }
  record.touched = distinct_touched(model.journal());
  return record;
}

core::Result<ReadyChange> ready_change(const core::Model& model, ChangeRecord record) {
  ReadyChange ready;
  const store::Change& c = record.change;
  CAIRN_TRY(for_each_audit_entry(model, record.touched, c.seq, c.at, c.actor,
                                 [&](const store::AuditEntry& entry) -> core::Result<void> {
                                   ready.audit.push_back(entry);
                                   return {};
                                 }));
  ready.change = std::move(record.change);
  return ready;
}

core::Result<void> append(store::WriteTransaction& tx, const core::Model& model,
                          const ChangeRecord& record) {
  CAIRN_TRY(tx.append(record.change));
  const store::Change& c = record.change;
  return for_each_audit_entry(
      model, record.touched, c.seq, c.at, c.actor,
      [&](const store::AuditEntry& entry) { return tx.append_audit(entry); });
}

}  // namespace cairn::app
