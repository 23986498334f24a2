// Turns committed changes into notifications and outbox deliveries, inside
// the writer's store transaction (so they commit with the change, or not at
// all), and remembers the statuses that alerts compare against.
//
// The writer calls, for each command, under the organisation's lock:
//   prepare()  before the command applies: the statuses as they stand;
//   stage()    after it applied, before commit: writes what it means
//              (alerts.h) to the transaction;
//   finish()   with whether the commit succeeded.
// Several commands may share one transaction (group commit): prepare() and
// stage() for each, then one finish() with the last one's seq.
// A person's alert goes in-app and/or by email by their channel preferences
// (defaults: every alert in-app; mentions, delegations, reminders, rollout
// dates and the digest also by email when SMTP is configured). Webhook events
// go to each webhook subscribed to their type, laid out for its format.
// Once in-app notifications committed, listeners (the live event stream) are
// told who got them.
//
// Thread-safe; the writer already serialises the calls of one organisation.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "app/alerts.h"
#include "app/command.h"
#include "app/events.h"
#include "store/store.h"

namespace cairn::app {

struct NotifierOptions {
  bool email = false;  // SMTP is configured: deliveries by email may be made
};

// What Notifier::write wrote.
struct Written {
  bool delivered = false;  // an email or webhook delivery was made
  // Who got an in-app notification: one entry per notification.
  std::vector<core::PersonId> notified;
};

class Notifier {
 public:
  explicit Notifier(NotifierOptions options = {}) : email_(options.email) {}

  void prepare(std::int64_t organization, const core::Model& model, std::int64_t seq,
               core::Instant now);
  core::Result<void> stage(std::int64_t organization, std::string_view slug,
                           const core::Model& model, const Command& command,
                           const std::vector<core::Touched>& touched, std::int64_t seq,
                           core::PersonId actor, store::Store& store, store::WriteTransaction& tx,
                           core::Instant now);
  void finish(std::int64_t organization, bool committed, std::int64_t seq);
  // A committed change published on the event bus: those another instance
  // made (followed from the store) are remembered, so that prepare()
  // refreshes just the items they touched instead of every status.
  void followed(const Event& event);

  // Called after a commit that made deliveries (the outbox worker wakes).
  void on_deliveries(std::function<void()> wake);
  // Wakes the outbox worker (after deliveries committed outside a change).
  void wake();

  // Listeners of committed in-app notifications of an organisation, with
  // who got them (Written::notified). They run on the writer's (or the
  // scheduler's) thread, under the organisation's lock: they must be quick.
  using NotifiedListener =
      std::function<void(std::int64_t organization, const std::vector<core::PersonId>& people)>;
  // Returns a handle for unsubscribe().
  int subscribe(NotifiedListener listener);
  void unsubscribe(int handle);
  // Tells the listeners about notifications committed outside a change (the
  // scheduler's runs); the writer's are told by finish().
  void notified(std::int64_t organization, const std::vector<core::PersonId>& people);

  // The channels a person's `kind` of alert reaches: "in_app" and/or "email".
  std::vector<std::string> channels(store::Store& store, std::int64_t organization,
                                    core::PersonId person, std::string_view kind) const;
  bool email_enabled() const { return email_; }
  // Whether email deliveries may be made (SMTP is configured).
  void set_email(bool enabled) { email_ = enabled; }

  // Writes person alerts and webhook events to `tx` (the scheduler uses it
  // too), for the organisation's `hooks` when the caller has read them.
  core::Result<Written> write(std::int64_t organization, std::string_view slug,
                              const core::Model& model, const Alerts& alerts, std::int64_t seq,
                              store::Store& store, store::WriteTransaction& tx, core::Instant now,
                              const std::vector<store::WebhookRecord>* hooks = nullptr);

 private:
  struct Watched {
    std::int64_t seq = -1;  // the change the statuses are as of; -1: unknown
    StatusMap statuses;
    // What changes followed from other instances touched, up to followed_seq.
    std::vector<core::Touched> followed;
    std::int64_t followed_seq = -1;
    bool delivered = false;
    std::vector<core::PersonId> notified;  // by the change being staged
  };

  std::atomic<bool> email_;
  mutable std::mutex mutex_;
  std::map<std::int64_t, Watched> watched_;
  std::function<void()> wake_;
  int next_handle_ = 0;
  std::vector<std::pair<int, NotifiedListener>> listeners_;
};

}  // namespace cairn::app
