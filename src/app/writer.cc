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

void fail(std::span<Writer::Job* const> jobs, const core::Error& error) {
  for (Writer::Job* job : jobs) job->result = error;
}

// The store's error, and the rebuild's when that failed too (the model is
// then stale: live_organization.h).
core::Error with_rebuild(core::Error error, const core::Result<void>& rebuilt) {
  if (rebuilt) return error;
  return core::Error{
      core::ErrorCode::kUnavailable,
      error.message + "; rebuilding the model also failed: " + rebuilt.error().message,
      {},
      {},
      {}};
}

}  // namespace

void Writer::execute(std::span<Job> jobs) {
  // Usually one transaction; another only after a composite command failed
  // part way and the rest must run again on the rebuilt model.
  std::vector<Job*> pending;
  pending.reserve(jobs.size());
  for (Job& job : jobs) pending.push_back(&job);
  while (!pending.empty()) pending = run_transaction(pending);
}

core::Result<Committed> Writer::execute(const Command& command, const std::string& actor,
                                        core::Instant now, const Check& check) {
  Job job{&command, actor, now, check};
  execute(std::span<Job>(&job, 1));
  return std::move(job.result);
}

std::vector<Writer::Job*> Writer::run_transaction(std::span<Job*> jobs) {
  std::unique_lock lock(live_.mutex);
  auto tx = store_.begin_write(live_.id);
  if (!tx) {
    fail(jobs, tx.error());
    return {};
  }
  if (live_.stale) {
    // A failed commit left changes in the model that the store may not have.
    if (auto rebuilt = reload(store_, live_); !rebuilt) {
      fail(jobs, rebuilt.error());
      return {};
    }
    live_.stale = false;
  } else if ((*tx)->head() != live_.seq) {
    // Another instance wrote since this model last caught up.
    auto followed = catch_up(store_, live_, events_);
    if (!followed) {
      fail(jobs, followed.error());
      return {};
    }
  }

  core::Model& model = *live_.model;
  struct Staged {
    Job* job;
    Applied applied;
    Event event;
  };
  std::vector<Staged> staged;
  std::int64_t seq = live_.seq;
  // The model holds changes the store will not: forget them, rebuild it.
  auto roll_back = [&] {
    if (notifier_) notifier_->finish(live_.id, false, seq);
    tx->reset();
    auto rebuilt = reload(store_, live_);
    live_.stale = !rebuilt;
    return rebuilt;
  };

  for (std::size_t i = 0; i < jobs.size(); ++i) {
    Job& job = *jobs[i];
    if (job.check) {
      if (auto allowed = job.check(model); !allowed) {
        job.result = allowed.error();
        continue;
      }
    }
    if (notifier_) notifier_->prepare(live_.id, model, seq, job.now);
    model.clear_journal();
    auto applied = apply(model, *job.command, job.now);
    if (!applied) {
      job.result = applied.error();
      if (model.journal().empty()) continue;  // it changed nothing: the others go on
      // A composite command failed part way and changed the model. Rebuild
      // it from the store and run the others again in a new transaction.
      model.clear_journal();
      std::vector<Job*> again;
      for (const Staged& s : staged) again.push_back(s.job);
      again.insert(again.end(), jobs.begin() + static_cast<std::ptrdiff_t>(i) + 1, jobs.end());
      if (auto rebuilt = roll_back(); !rebuilt) {
        fail(again, rebuilt.error());
        return {};
      }
      return again;
    }

    ChangeRecord record = record_change(model, *job.command, *applied, seq + 1, job.now, job.actor);
    model.clear_journal();
    auto written = [&]() -> core::Result<void> {
      CAIRN_TRY(append(**tx, model, record));
      if (notifier_) {
        CAIRN_TRY(notifier_->stage(live_.id, live_.slug, model, *job.command, record.touched,
                                   record.change.seq, actor_person(job.actor), store_, **tx,
                                   job.now));
      }
      return {};
    }();
    if (!written) {
      // The store is failing: every command of this transaction fails, and
      // so do the ones still waiting (each retry would rebuild the model).
      const core::Error error = with_rebuild(written.error(), roll_back());
      for (const Staged& s : staged) s.job->result = error;
      fail(jobs.subspan(i), error);
      return {};
    }
    seq = record.change.seq;
    staged.push_back(
        {&job, *applied,
         Event{live_.id, seq, record.change.kind, job.actor, job.now, std::move(record.touched)}});
  }
  if (staged.empty()) return {};  // the transaction rolls back: nothing was written

  auto committed = (*tx)->commit();
  if (!committed) {
    const core::Error error = with_rebuild(committed.error(), roll_back());
    for (const Staged& s : staged) s.job->result = error;
    return {};
  }
  if (notifier_) notifier_->finish(live_.id, true, seq);
  live_.seq = seq;
  for (Staged& s : staged) {
    s.job->result = Committed{s.event.seq, s.applied};
    if (s.job->observe) s.job->observe(model, *s.job->result);
    if (events_) events_->publish(s.event);
  }
  return {};
}

}  // namespace cairn::app
