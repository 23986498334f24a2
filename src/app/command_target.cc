#include "app/command_target.h"

#include "app/audit.h"
#include "app/command_json.h"
#include "app/replay.h"

namespace cairn::app {

core::Result<std::unique_ptr<BulkTarget>> BulkTarget::begin(store::Store& store,
                                                            LiveOrganization& live,
                                                            std::string actor) {
  auto tx = store.begin_write(live.id);
  if (!tx) return tx.error();
  if ((*tx)->head() != live.seq) {
    return core::Error{core::ErrorCode::kConflict,
                       "the organisation changed in the store; load it again",
                       {},
                       {},
                       {}};
  }
  auto target =
      std::unique_ptr<BulkTarget>(new BulkTarget(store, live, std::move(actor), std::move(*tx)));
  live.model->begin_bulk_load();
  return target;
}

BulkTarget::~BulkTarget() {
  if (committed_) return;
  // The model holds changes the store will not: rebuild it from the store.
  tx_.reset();
  live_.model->end_bulk_load();
  if (seq_ != live_.seq) (void)reload(store_, live_);
}

core::Result<Applied> BulkTarget::run(const Command& command, core::Instant now) {
  if (failed_ || committed_) {
    return core::Error{core::ErrorCode::kConflict, "this bulk write has ended", {}, {}, {}};
  }
  core::Model& model = *live_.model;
  model.clear_journal();
  auto applied = apply(model, command, now);
  if (!applied) return applied.error();
  store::Change change;
  change.seq = seq_ + 1;
  change.at = now;
  change.actor = actor_;
  change.kind = std::string(command_kind(command));
  if (std::holds_alternative<AddCheckIn>(command)) {
    change.check_in = *model.check_in(core::CheckInId{*applied->created});
  } else {
    change.payload = command_payload(command);
  }
  auto written = [&]() -> core::Result<void> {
    CAIRN_TRY(tx_->append(change));
    const auto touched = distinct_touched(model.journal());
    for (const store::AuditEntry& entry : audit_entries(model, touched, change.seq, now, actor_)) {
      CAIRN_TRY(tx_->append_audit(entry));
    }
    return {};
  }();
  model.clear_journal();
  // The model has the command now; a store failure ends the bulk write.
  seq_ = change.seq;
  if (!written) {
    failed_ = true;
    return written.error();
  }
  return applied;
}

core::Result<std::int64_t> BulkTarget::commit() {
  if (failed_ || committed_) {
    return core::Error{core::ErrorCode::kConflict, "this bulk write has ended", {}, {}, {}};
  }
  CAIRN_TRY(tx_->commit());
  committed_ = true;
  const std::int64_t written = seq_ - live_.seq;
  live_.seq = seq_;
  live_.model->end_bulk_load();
  return written;
}

}  // namespace cairn::app
