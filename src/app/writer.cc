#include "app/writer.h"

#include <mutex>

#include "app/change_record.h"
#include "app/replay.h"

namespace cairn::app {
namespace {

// "person:12" → PersonId 12; any other actor is nobody.
core::PersonId actor_person(const std::string& actor) {
  constexpr std::string_view kPerson = "person:";
  if (!actor.starts_with(kPerson)) return {};
  try {
    return core::PersonId{static_cast<std::uint32_t>(std::stoul(actor.substr(kPerson.size())))};
  } catch (...) {
    return {};
  }
}

}  // namespace

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
  if (notifier_) notifier_->prepare(live_.id, model, live_.seq, now);
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
    if (notifier_) {
      CAIRN_TRY(notifier_->stage(live_.id, live_.slug, model, command, record.touched,
                                 record.change.seq, actor_person(actor), store_, **tx, now));
    }
    return (*tx)->commit();
  }();
  if (notifier_) notifier_->finish(live_.id, written.has_value(), record.change.seq);
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
