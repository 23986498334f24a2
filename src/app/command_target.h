// Where builders of whole organisations (the demo, the benchmark workload,
// imports) send their commands: straight into a model, through the writer one
// durable transaction per command, or in bulk into one store transaction.
// The builder reads the model it writes to through model().
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "app/bulk_appender.h"
#include "app/command.h"
#include "app/live_organization.h"
#include "store/store.h"

namespace cairn::app {

class CommandTarget {
 public:
  virtual ~CommandTarget() = default;
  virtual const core::Model& model() const = 0;
  virtual core::Result<Applied> run(const Command& command, core::Instant now) = 0;
};

// Typed shorthands for builders that send commands to a target and read the
// model back (the demo, the workload).
class TargetUser {
 protected:
  explicit TargetUser(CommandTarget& target) : target_(target) {}
  const core::Model& model() const { return target_.model(); }
  // Runs a command that creates something and returns the id it made.
  template <class IdType>
  core::Result<IdType> run(const Command& command, core::Instant at) {
    auto applied = target_.run(command, at);
    if (!applied) return applied.error();
    return IdType{*applied->created};
  }
  core::Result<void> run_void(const Command& command, core::Instant at) {
    auto applied = target_.run(command, at);
    if (!applied) return applied.error();
    return {};
  }

  CommandTarget& target_;
};

// Applies commands to a model in memory only (`cairn demo`, tests).
class ModelTarget final : public CommandTarget {
 public:
  explicit ModelTarget(core::Model& model) : model_(model) {}
  const core::Model& model() const override { return model_; }
  core::Result<Applied> run(const Command& command, core::Instant now) override {
    auto applied = apply(model_, command, now);
    // Nobody reads the journal here; kept, it would hold an entry for every
    // change a generator or a dry-run import ever made (16 bytes each).
    model_.clear_journal();
    return applied;
  }

 private:
  core::Model& model_;
};

// Writes every command into one store transaction, as it is applied to the
// organisation's model in bulk-load mode; commit() makes them durable at once
// and ends the bulk load. Nothing is kept when commit() is not reached. For
// generating or importing a whole organisation into an empty one: the target
// holds the organisation's lock for its whole life. The transaction is
// written on a thread of the target's own (bulk_appender.h): the caller must
// not use the store until commit() has returned or the target has ended.
class BulkTarget final : public CommandTarget {
 public:
  static core::Result<std::unique_ptr<BulkTarget>> begin(store::Store& store,
                                                         LiveOrganization& live, std::string actor);
  // The same in the transaction `write`, begun already on `live`'s
  // organisation (Store::begin_new_organization's).
  static core::Result<std::unique_ptr<BulkTarget>> begin(
      store::Store& store, LiveOrganization& live, std::string actor,
      std::unique_ptr<store::WriteTransaction> write);
  ~BulkTarget() override;

  const core::Model& model() const override { return *live_.model; }
  core::Result<Applied> run(const Command& command, core::Instant now) override;
  // Returns how many changes were committed.
  core::Result<std::int64_t> commit();

 private:
  BulkTarget(store::Store& store, LiveOrganization& live, std::string actor,
             std::unique_ptr<store::WriteTransaction> tx)
      : store_(store),
        live_(live),
        lock_(live.mutex),
        actor_(std::move(actor)),
        tx_(std::move(tx)),
        appender_(std::make_unique<BulkAppender>(*tx_)),
        seq_(live.seq) {}

  store::Store& store_;
  LiveOrganization& live_;
  std::unique_lock<std::shared_mutex> lock_;
  std::string actor_;
  std::unique_ptr<store::WriteTransaction> tx_;
  // Writes into tx_ on its own thread (bulk_appender.h); ended before tx_.
  std::unique_ptr<BulkAppender> appender_;
  std::int64_t seq_;
  bool failed_ = false;
  bool committed_ = false;
};

}  // namespace cairn::app
