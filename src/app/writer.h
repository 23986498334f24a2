// The single writer of an organisation (one per instance). A command is
//  1. applied to the in-memory model under the organisation's exclusive lock
//     (the model validates first and changes nothing when the command fails),
//  2. written, with its audit entries, in one store transaction that holds the
//     organisation's write lock in the store — changes other instances made in
//     the meantime are applied first, so every command sees the latest state;
//  3. committed durably, and only then is the lock released and the change
//     published as an event.
// Readers take the shared lock, so nobody sees a command before its commit.
// When the store fails after the model changed, the model is rebuilt from the
// store: a failed command changes nothing anywhere.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

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

  core::Result<Committed> execute(const Command& command, const std::string& actor,
                                  core::Instant now, const Check& check = {});

 private:
  store::Store& store_;
  LiveOrganization& live_;
  const EventBus* events_;
  Notifier* notifier_;
};

}  // namespace cairn::app
