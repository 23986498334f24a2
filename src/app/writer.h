// The single writer of an organisation (one per instance). A batch of
// commands (one, or the writes that waited together: group commit) is
//  1. applied to the in-memory model one by one under the organisation's
//     exclusive lock (the model validates each first and changes nothing when
//     it fails; a failed command fails alone);
//  2. written, with the audit entries, in one store transaction that holds the
//     organisation's write lock in the store — changes other instances made in
//     the meantime are applied first, so every command sees the latest state;
//  3. committed durably, once for the whole batch, and only then is the lock
//     released and each change published as an event.
// Readers take the shared lock, so nobody sees a command before its commit.
// When the store fails after the model changed, the model is rebuilt from the
// store: the commands of that transaction fail, and change nothing anywhere.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "app/command.h"
#include "app/events.h"
#include "app/live_organization.h"
#include "app/notifier.h"
#include "store/store.h"

namespace cairn::app {

struct Committed {
  std::int64_t seq = 0;
  Applied applied;
};

class Writer {
 public:
  // `store` is this writer's own connection; `events` and `notifier` may be
  // null. With a notifier, the notifications and deliveries a change causes
  // are written in its transaction (notifier.h).
  Writer(store::Store& store, LiveOrganization& live, const EventBus* events,
         Notifier* notifier = nullptr)
      : store_(store), live_(live), events_(events), notifier_(notifier) {}

  // Runs before the command applies, under the organisation's exclusive lock
  // and after catching up with other instances: the command runs only when
  // it succeeds against the state the command will change (permissions,
  // If-Match versions).
  using Check = std::function<core::Result<void>(const core::Model&)>;

  // Runs right after the commit, still under the exclusive lock, for a
  // command that committed: it reads what the answer needs from the state
  // the command left, so that the answer does not wait for the lock again.
  using Observe = std::function<void(const core::Model&, const Committed&)>;

  // One command of a batch, and what became of it.
  struct Job {
    const Command* command = nullptr;
    std::string actor;
    core::Instant now;
    Check check;
    Observe observe;
    core::Result<Committed> result =
        core::Error{core::ErrorCode::kUnavailable, "not run", {}, {}, {}};
  };

  // Runs the jobs in order; each gets its own result. Those that apply are
  // committed together, once.
  void execute(std::span<Job> jobs);

  core::Result<Committed> execute(const Command& command, const std::string& actor,
                                  core::Instant now, const Check& check = {});

 private:
  // One store transaction over `jobs`. Returns the jobs to run again in a new
  // transaction: those after (and staged before) a command that failed part
  // way through, which left the model to be rebuilt.
  std::vector<Job*> run_transaction(std::span<Job*> jobs);

  store::Store& store_;
  LiveOrganization& live_;
  const EventBus* events_;
  Notifier* notifier_;
};

}  // namespace cairn::app
