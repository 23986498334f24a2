// Keeps an instance's models in step with the store: writes made by other
// instances on the same store (several servers on one PostgreSQL), and a
// model left stale by a failed commit whose rebuild failed too (the database
// was away). It waits on the store's change notifications (or polls), and
// applies whatever the change log holds beyond each model, or rebuilds a stale
// one, under the organisation's exclusive lock.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <stop_token>
#include <vector>

#include "app/events.h"
#include "app/live_organization.h"
#include "store/store.h"

namespace cairn::app {

class Follower {
 public:
  // The organisations to follow, asked at every round (new ones come).
  using Organizations = std::function<std::vector<LiveOrganization*>()>;

  // `store` is the follower's own connection (a Store is used by one thread).
  Follower(std::unique_ptr<store::Store> store, Organizations organizations, const EventBus* events)
      : store_(std::move(store)), organizations_(std::move(organizations)), events_(events) {}
  // One organisation.
  Follower(std::unique_ptr<store::Store> store, LiveOrganization& live, const EventBus* events)
      : Follower(
            std::move(store), [&live] { return std::vector<LiveOrganization*>{&live}; }, events) {}

  // Brings every organisation up to the store; returns how many changes it
  // applied (a rebuild counts its organisation's whole log). The first error
  // is returned after the others were tried.
  core::Result<std::int64_t> poll();

  // Polls until `stop` is requested, waiting at most `interval` between polls.
  // A store error is retried after the interval (a restarting database).
  void run(std::stop_token stop, std::chrono::milliseconds interval);

 private:
  core::Result<std::int64_t> poll(LiveOrganization& live);

  std::unique_ptr<store::Store> store_;
  Organizations organizations_;
  const EventBus* events_;
};

}  // namespace cairn::app
