#include "app/replay.h"

#include "app/audit.h"
#include "app/command.h"
#include "app/parsed_changes.h"

namespace cairn::app {
namespace {

core::Error replay_failure(std::int64_t seq, const core::Error& cause) {
  return core::Error{
      core::ErrorCode::kUnavailable,
      "change " + std::to_string(seq) + " of the store does not apply: " + cause.message,
      {},
      {},
      {}};
}

// Applies one stored change to the model.
core::Result<void> apply_change(core::Model& model, ParsedChange& change) {
  if (change.check_in) {
    auto id = model.add_check_in(*change.check_in, change.at);
    if (!id) return replay_failure(change.seq, id.error());
    // Ids are dense and given in order, so a replay gives every check-in the
    // id it had when it was first written; a difference means divergence.
    if (*id != change.check_in->id) {
      return replay_failure(change.seq, core::invalid("id", "the check-in's id differs"));
    }
    return {};
  }
  if (change.unreadable) return replay_failure(change.seq, *change.unreadable);
  auto applied = apply(model, *change.command, change.at);
  if (!applied) return replay_failure(change.seq, applied.error());
  return {};
}

core::Error gap_before(std::int64_t seq) {
  return core::Error{core::ErrorCode::kUnavailable,
                     "the change log has a gap before change " + std::to_string(seq),
                     {},
                     {},
                     {}};
}

// The whole log into a fresh model (`live.seq` 0), read and parsed on another
// thread while this one applies (parsed_changes.h).
core::Result<void> replay_all(store::Store& store, LiveOrganization& live) {
  live.model->begin_bulk_load();
  auto applied = read_parsed_changes(store, live.id, live.seq,
                                     [&](ParsedChange& change) -> core::Result<void> {
                                       if (change.seq != live.seq + 1)
                                         return gap_before(change.seq);
                                       live.model->clear_journal();  // nobody reads it here
                                       CAIRN_TRY(apply_change(*live.model, change));
                                       live.seq = change.seq;
                                       return {};
                                     });
  live.model->end_bulk_load();
  live.model->clear_journal();
  return applied;
}

}  // namespace

core::Result<std::unique_ptr<LiveOrganization>> load_organization(
    store::Store& store, const store::OrganizationRecord& record) {
  auto live = std::make_unique<LiveOrganization>();
  live->id = record.id;
  live->slug = record.slug;
  CAIRN_TRY(replay_all(store, *live));
  return live;
}

core::Result<std::int64_t> catch_up(store::Store& store, LiveOrganization& live,
                                    const EventBus* events) {
  std::int64_t applied = 0;
  CAIRN_TRY(
      store.read_changes(live.id, live.seq, [&](const store::Change& change) -> core::Result<void> {
        if (change.seq != live.seq + 1) return gap_before(change.seq);
        live.model->clear_journal();
        ParsedChange parsed = parse_change(change);
        CAIRN_TRY(apply_change(*live.model, parsed));
        live.seq = change.seq;
        ++applied;
        if (events) {
          events->publish(Event{live.id, change.seq, change.kind, change.actor, change.at,
                                distinct_touched(live.model->journal())});
        }
        return {};
      }));
  live.model->clear_journal();
  return applied;
}

core::Result<void> reload(store::Store& store, LiveOrganization& live) {
  LiveOrganization fresh;
  fresh.id = live.id;
  CAIRN_TRY(replay_all(store, fresh));
  live.model = std::move(fresh.model);
  live.seq = fresh.seq;
  return {};
}

}  // namespace cairn::app
