#include "app/replay.h"

#include "app/audit.h"
#include "app/command.h"
#include "app/command_json.h"

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
core::Result<void> apply_change(core::Model& model, const store::Change& change) {
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
  auto command = parse_command(change.kind, change.payload);
  if (!command) return replay_failure(change.seq, command.error());
  auto applied = apply(model, *command, change.at);
  if (!applied) return replay_failure(change.seq, applied.error());
  return {};
}

}  // namespace

core::Result<std::unique_ptr<LiveOrganization>> load_organization(
    store::Store& store, const store::OrganizationRecord& record) {
  auto live = std::make_unique<LiveOrganization>();
  live->id = record.id;
  live->slug = record.slug;
  live->model->begin_bulk_load();
  auto applied = catch_up(store, *live, nullptr);
  live->model->end_bulk_load();
  if (!applied) return applied.error();
  return live;
}

core::Result<std::int64_t> catch_up(store::Store& store, LiveOrganization& live,
                                    const EventBus* events) {
  std::int64_t applied = 0;
  CAIRN_TRY(
      store.read_changes(live.id, live.seq, [&](const store::Change& change) -> core::Result<void> {
        if (change.seq != live.seq + 1) {
          return core::Error{core::ErrorCode::kUnavailable,
                             "the change log has a gap before change " + std::to_string(change.seq),
                             {},
                             {},
                             {}};
        }
        live.model->clear_journal();
        CAIRN_TRY(apply_change(*live.model, change));
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
  fresh.model->begin_bulk_load();
  auto applied = catch_up(store, fresh, nullptr);
  fresh.model->end_bulk_load();
  if (!applied) return applied.error();
  live.model = std::move(fresh.model);
  live.seq = fresh.seq;
  return {};
}

}  // namespace cairn::app
