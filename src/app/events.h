// What the service tells the rest of the server after a change is committed:
// one event per change, from this instance's writer or followed from another
// instance. Subscribers (the live event stream, notifications) must be quick;
// they run on the writer's thread.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "core/entity_kind.h"
#include "core/time.h"

namespace cairn::app {

struct Event {
  std::int64_t organization = 0;
  std::int64_t seq = 0;
  std::string kind;  // the command's stable name, e.g. "add_check_in"
  std::string actor;
  core::Instant at;
  std::vector<core::Touched> touched;  // each changed entity once
};

class EventBus {
 public:
  using Subscriber = std::function<void(const Event&)>;

  // Returns a handle for unsubscribe().
  int subscribe(Subscriber subscriber);
  void unsubscribe(int handle);
  void publish(const Event& event) const;

 private:
  mutable std::mutex mutex_;
  int next_handle_ = 0;
  std::vector<std::pair<int, Subscriber>> subscribers_;
};

}  // namespace cairn::app
