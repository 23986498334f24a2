#include "app/follower.h"

#include <mutex>
#include <thread>

#include "app/replay.h"

namespace cairn::app {

core::Result<std::int64_t> Follower::poll(LiveOrganization& live) {
  auto head = store_->head(live.id);
  if (!head) return head.error();
  {
    // Cheap check first, under the shared lock, so readers are not blocked
    // when nothing changed.
    std::shared_lock peek(live.mutex);
    if (*head <= live.seq && !live.stale) return 0;
  }
  std::unique_lock lock(live.mutex);
  if (live.stale) {
    CAIRN_TRY(reload(*store_, live));
    live.stale = false;
    return live.seq;
  }
  return catch_up(*store_, live, events_);
}

core::Result<std::int64_t> Follower::poll() {
  std::int64_t applied = 0;
  std::optional<core::Error> first_error;
  for (LiveOrganization* live : organizations_()) {
    auto polled = poll(*live);
    if (polled) {
      applied += *polled;
    } else if (!first_error) {
      first_error = polled.error();
    }
  }
  if (first_error) return *first_error;
  return applied;
}

void Follower::run(std::stop_token stop, std::chrono::milliseconds interval) {
  while (!stop.stop_requested()) {
    if (!store_->wait_for_changes(interval)) {
      std::this_thread::sleep_for(interval);
      continue;
    }
    if (stop.stop_requested()) break;
    (void)poll();  // a failure is retried on the next round
  }
}

}  // namespace cairn::app
