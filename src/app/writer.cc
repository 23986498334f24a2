#include "app/writer.h"

#include <mutex>

#include "app/audit.h"
#include "app/command_json.h"
#include "app/replay.h"

namespace cairn::app {

core::Result<Committed> Writer::execute(const Command& command, const std::string& actor,
                                        core::Instant now) {
  std::unique_lock lock(live_.mutex);
  auto tx = store_.begin_write(live_.id);
  if (!tx) return tx.error();
  if ((*tx)->head() != live_.seq) {
    // Another instance wrote since this model last caught up.
    auto followed = catch_up(store_, live_, events_);
    if (!followed) return followed.error();
  }

  core::Model& model = *live_.model;
  model.clear_journal();
  auto applied = apply(model, command, now);
  if (!applied) return applied.error();  // the model is unchanged; the transaction rolls back

  const std::vector<core::Touched> touched = distinct_touched(model.journal());
  model.clear_journal();
  store::Change change;
  change.seq = live_.seq + 1;
  change.at = now;
  change.actor = actor;
  change.kind = std::string(command_kind(command));
  if (std::holds_alternative<AddCheckIn>(command)) {
    // Stored typed, as the model recorded it (with its id).
    change.check_in = *model.check_in(core::CheckInId{*applied->created});
  } else {
    change.payload = command_payload(command);
  }

  auto written = [&]() -> core::Result<void> {
    CAIRN_TRY((*tx)->append(change));
    for (const store::AuditEntry& entry : audit_entries(model, touched, change.seq, now, actor)) {
      CAIRN_TRY((*tx)->append_audit(entry));
    }
    return (*tx)->commit();
  }();
  if (!written) {
    // The model holds a change the store does not: rebuild it from the store.
    tx->reset();
    auto rebuilt = reload(store_, live_);
    if (!rebuilt) {
      return core::Error{core::ErrorCode::kUnavailable,
                         written.error().message +
                             "; rebuilding the model also failed: " + rebuilt.error().message,
                         {},
                         {},
                         {}};
    }
    return written.error();
  }
  live_.seq = change.seq;
  if (events_) {
    events_->publish(Event{live_.id, change.seq, change.kind, actor, now, touched});
  }
  return Committed{change.seq, *applied};
}

}  // namespace cairn::app
