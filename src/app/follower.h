// Keeps an instance's model in step with writes made by other instances on the
// same store (several servers on one PostgreSQL). It waits on the store's
// change notifications (or polls), and applies whatever the change log holds
// beyond the model, under the organisation's exclusive lock.
#pragma once

#include <chrono>
#include <memory>
#include <stop_token>

#include "app/events.h"
#include "app/live_organization.h"
#include "store/store.h"

namespace cairn::app {

class Follower {
 public:
  // `store` is the follower's own connection (a Store is used by one thread).
  Follower(std::unique_ptr<store::Store> store, LiveOrganization& live, const EventBus* events)
      : store_(std::move(store)), live_(live), events_(events) {}

  // Applies the changes the model lacks; returns how many.
  core::Result<std::int64_t> poll();

  // Polls until `stop` is requested, waiting at most `interval` between polls.
  // A store error is retried after the interval (a restarting database).
  void run(std::stop_token stop, std::chrono::milliseconds interval);

 private:
  std::unique_ptr<store::Store> store_;
  LiveOrganization& live_;
  const EventBus* events_;
};

}  // namespace cairn::app
