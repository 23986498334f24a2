#include "app/writer.h"

#include <mutex>

#include "app/change_record.h"
#include "app/replay.h"

namespace cairn::app {

core::Result<Committed> Writer::execute(const Command& command, const std::string& actor,
                                        core::Instant now, const Check& check) {
  std::unique_lock lock(live_.mutex);
  auto tx = store_.begin_write(live_.id);
  if (!tx) return tx.error();
  if ((*tx)->head() != live_.seq) {
    // Another instance wrote since this model last caught up.
    auto followed = catch_up(store_, live_, events_);
    if (!followed) return followed.error();
  }

  core::Model& model = *live_.model;
  if (check) {
    auto allowed = check(model);
    if (!allowed) return allowed.error();  // nothing changed; the transaction rolls back
  }
  model.clear_journal();
  auto applied = apply(model, command, now);
  if (!applied) {
    // A composite command that failed part way changed the model: rebuild it
    // from the store (the transaction rolls back, nothing was written).
    if (!model.journal().empty()) {
      model.clear_journal();
      tx->reset();
      if (auto rebuilt = reload(store_, live_); !rebuilt) return rebuilt.error();
    }
    return applied.error();
  }

  const ChangeRecord record = record_change(model, command, *applied, live_.seq + 1, now, actor);
  model.clear_journal();
  auto written = [&]() -> core::Result<void> {
    CAIRN_TRY(append(**tx, record));
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
  live_.seq = record.change.seq;
  if (events_) {
    events_->publish(
        Event{live_.id, record.change.seq, record.change.kind, actor, now, record.touched});
  }
  return Committed{record.change.seq, *applied};
}

}  // namespace cairn::app
