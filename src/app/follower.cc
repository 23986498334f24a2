#include "app/follower.h"

#include <mutex>
#include <thread>

#include "app/replay.h"

namespace cairn::app {

core::Result<std::int64_t> Follower::poll() {
  auto head = store_->head(live_.id);
  if (!head) return head.error();
  {
    // Cheap check first, under the shared lock, so readers are not blocked
    // when nothing changed.
    std::shared_lock peek(live_.mutex);
    if (*head <= live_.seq) return 0;
  }
  std::unique_lock lock(live_.mutex);
  return catch_up(*store_, live_, events_);
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
