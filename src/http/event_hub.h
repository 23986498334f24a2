// GET /api/v1/events: Server-Sent Events of an organisation's changes, each
// filtered for the person who listens (QUALITY.md: a private objective's
// check-in never reaches someone who may not see it).
//
// The service publishes events on the writer's thread while it still holds
// the organisation's lock, so the hub only queues them there; one hub thread
// then reads the model, decides per listener what it may see, and pushes to
// the streams. No thread per listener: the server writes each stream from its
// connection's coroutine (event_stream.h).
//
// Besides the changes, a listener who got in-app notifications is sent
// `event: notification` with `{"new": n}`, so the app's count can follow
// without asking. Only the person notified gets it, and it names nothing.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "app/events.h"
#include "app/principal.h"
#include "app/service.h"
#include "http/event_stream.h"

namespace cairn::http {

class EventHub {
 public:
  EventHub(app::Service& service, std::function<core::Instant()> now);
  ~EventHub();
  EventHub(const EventHub&) = delete;
  EventHub& operator=(const EventHub&) = delete;

  // A new stream of `who`'s organisation's events, as `who` may see them.
  std::shared_ptr<EventStream> listen(const app::Principal& who);
  // Listeners still connected (for tests and /metrics).
  std::size_t listeners() const;

 private:
  struct Listener {
    app::Principal who;
    std::weak_ptr<EventStream> stream;
  };

  // In-app notifications of an organisation, one entry per notification.
  struct Notified {
    std::int64_t organization = 0;
    std::vector<core::PersonId> people;
  };

  void run();
  void deliver(const app::Event& event);
  void deliver(const Notified& notified);

  app::Service& service_;
  std::function<core::Instant()> now_;
  int subscription_ = -1;
  int notified_subscription_ = -1;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<app::Event> queue_;
  std::deque<Notified> notified_;
  std::vector<Listener> listeners_;
  bool stopping_ = false;
  std::thread thread_;
};

// The SSE `event:` name of a change kind ("add_check_in" → "check_in").
std::string_view event_type(std::string_view change_kind);

}  // namespace cairn::http
