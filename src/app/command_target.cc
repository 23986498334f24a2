#include "app/command_target.h"

#include "app/change_record.h"
#include "app/replay.h"

namespace cairn::app {

core::Result<std::unique_ptr<BulkTarget>> BulkTarget::begin(store::Store& store,
                                                            LiveOrganization& live,
                                                            std::string actor) {
  auto tx = store.begin_write(live.id);
  if (!tx) return tx.error();
  return begin(store, live, std::move(actor), std::move(*tx));
}

core::Result<std::unique_ptr<BulkTarget>> BulkTarget::begin(
    store::Store& store, LiveOrganization& live, std::string actor,
    std::unique_ptr<store::WriteTransaction> write) {
  if (write->head() != live.seq) {
    return core::Error{core::ErrorCode::kConflict,
                       "the organisation changed in the store; load it again",
                       {},
                       {},
                       {}};
  }
  auto target =
      std::unique_ptr<BulkTarget>(new BulkTarget(store, live, std::move(actor), std::move(write)));
  live.model->begin_bulk_load();
  return target;
}

BulkTarget::~BulkTarget() {
  appender_.reset();
  if (committed_) return;
  // The model holds changes the store will not: rebuild it from the store.
  tx_.reset();
  live_.model->end_bulk_load();
  if (seq_ != live_.seq && !reload(store_, live_)) live_.stale = true;
}

core::Result<Applied> BulkTarget::run(const Command& command, core::Instant now) {
  if (failed_ || committed_) {
    return core::Error{core::ErrorCode::kConflict, "this bulk write has ended", {}, {}, {}};
  }
  core::Model& model = *live_.model;
  model.clear_journal();
  auto applied = apply(model, command, now);
  if (!applied) return applied.error();
  // The row and audit entries are made here, while the model shows the
  // change; the appender's thread writes them.
  auto ready = ready_change(model, record_change(model, command, *applied, seq_ + 1, now, actor_));
  auto written = ready ? appender_->add(std::move(*ready)) : core::Result<void>(ready.error());
  model.clear_journal();
  // The model has the command now; a store failure ends the bulk write.
  ++seq_;
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
  if (auto appended = appender_->finish(); !appended) {
    failed_ = true;
    return appended.error();
  }
  CAIRN_TRY(tx_->commit());
  committed_ = true;
  const std::int64_t written = seq_ - live_.seq;
  live_.seq = seq_;
  live_.model->end_bulk_load();
  return written;
}

}  // namespace cairn::app
