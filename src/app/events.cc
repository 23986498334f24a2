#include "app/events.h"

#include <algorithm>

namespace cairn::app {

int EventBus::subscribe(Subscriber subscriber) {
  std::lock_guard lock(mutex_);
  subscribers_.emplace_back(++next_handle_, std::move(subscriber));
  return next_handle_;
}

void EventBus::unsubscribe(int handle) {
  std::lock_guard lock(mutex_);
  std::erase_if(subscribers_, [&](const auto& entry) { return entry.first == handle; });
}

void EventBus::publish(const Event& event) const {
  std::lock_guard lock(mutex_);
  for (const auto& [handle, subscriber] : subscribers_) subscriber(event);
}

}  // namespace cairn::app
