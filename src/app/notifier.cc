#include "app/notifier.h"

#include <algorithm>
#include <boost/json/serialize.hpp>

#include "app/webhook_layout.h"
#include "core/evaluation.h"

namespace cairn::app {
namespace {

bool default_email(std::string_view kind) {
  return kind == "mention" || kind == "delegation" || kind == "digest" ||
         kind == "check_in_reminder" || kind == "rollout";
}

}  // namespace

void Notifier::prepare(std::int64_t organization, const core::Model& model, std::int64_t seq,
                       core::Instant now) {
  std::lock_guard lock(mutex_);
  Watched& w = watched_[organization];
  if (w.seq == seq) return;
  core::Evaluation eval(model, std::max(now, model.last_change()));
  if (w.seq >= 0 && w.followed_seq == seq) {
    // Changes of other instances came in between: they alerted about what
    // they did; take the statuses of what they touched as they stand.
    (void)update_statuses(eval, w.followed, w.statuses);
  } else {
    // The first write since start (or after a failure): every status as it
    // stands, so only what this change does alerts.
    w.statuses = watched_statuses(eval);
  }
  w.followed.clear();
  w.followed_seq = -1;
  w.seq = seq;
}

void Notifier::followed(const Event& event) {
  std::lock_guard lock(mutex_);
  auto it = watched_.find(event.organization);
  if (it == watched_.end()) return;
  Watched& w = it->second;
  if (w.seq < 0 || event.seq <= w.seq) return;  // unknown yet, or this instance's own change
  if (w.followed_seq >= 0 && event.seq != w.followed_seq + 1) {
    w.seq = -1;  // a gap: look at everything again
    return;
  }
  if (w.followed_seq < 0 && event.seq != w.seq + 1) {
    w.seq = -1;
    return;
  }
  w.followed.insert(w.followed.end(), event.touched.begin(), event.touched.end());
  w.followed_seq = event.seq;
}

core::Result<void> Notifier::stage(std::int64_t organization, std::string_view slug,
                                   const core::Model& model, const Command& command,
                                   const std::vector<core::Touched>& touched, std::int64_t seq,
                                   core::PersonId actor, store::Store& store,
                                   store::WriteTransaction& tx, core::Instant now) {
  auto hooks = store.webhooks(organization);
  if (!hooks) return hooks.error();
  const auto wanted = [&hooks](std::string_view type) {
    return std::ranges::any_of(
        *hooks, [type](const store::WebhookRecord& h) { return subscribes(h.events, type); });
  };
  Alerts alerts;
  {
    std::lock_guard lock(mutex_);
    Watched& w = watched_[organization];
    // The statuses move forward in place: copying them per write would cost
    // as much as the organisation is large. Should the change not commit,
    // finish() forgets them and the next write reads them all again.
    core::Evaluation eval(model, std::max(now, model.last_change()));
    alerts = alerts_for_change(eval, command, touched, actor, w.statuses, wanted);
  }
  auto written = write(organization, slug, model, alerts, seq, store, tx, now, &*hooks);
  if (!written) return written.error();
  std::lock_guard lock(mutex_);
  Watched& w = watched_[organization];
  // The statuses are now as of this change, so the next command of the same
  // transaction (group commit) starts from them; finish() announces what
  // every change of the transaction staged, or forgets it all.
  w.seq = seq;
  w.delivered = w.delivered || written->delivered;
  w.notified.insert(w.notified.end(), written->notified.begin(), written->notified.end());
  return {};
}

void Notifier::finish(std::int64_t organization, bool committed, std::int64_t seq) {
  std::function<void()> wake;
  std::vector<core::PersonId> notified;
  {
    std::lock_guard lock(mutex_);
    Watched& w = watched_[organization];
    if (committed) {
      w.seq = seq;
      if (w.delivered) wake = wake_;
      notified = std::move(w.notified);
    } else {
      w.seq = -1;  // the model is rebuilt from the store: look again
    }
    w.delivered = false;
    w.notified.clear();
  }
  if (wake) wake();
  if (!notified.empty()) this->notified(organization, notified);
}

int Notifier::subscribe(NotifiedListener listener) {
  std::lock_guard lock(mutex_);
  listeners_.emplace_back(++next_handle_, std::move(listener));
  return next_handle_;
}

void Notifier::unsubscribe(int handle) {
  std::lock_guard lock(mutex_);
  std::erase_if(listeners_, [handle](const auto& l) { return l.first == handle; });
}

void Notifier::notified(std::int64_t organization, const std::vector<core::PersonId>& people) {
  if (people.empty()) return;
  std::vector<NotifiedListener> listeners;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [handle, listener] : listeners_) listeners.push_back(listener);
  }
  for (const NotifiedListener& listener : listeners) listener(organization, people);
}

void Notifier::on_deliveries(std::function<void()> wake) {
  std::lock_guard lock(mutex_);
  wake_ = std::move(wake);
}

void Notifier::wake() {
  std::function<void()> wake;
  {
    std::lock_guard lock(mutex_);
    wake = wake_;
  }
  if (wake) wake();
}

std::vector<std::string> Notifier::channels(store::Store& store, std::int64_t organization,
                                            core::PersonId person, std::string_view kind) const {
  std::vector<std::string> out;
  auto prefs = store.channel_preferences(organization, person.value());
  if (prefs) {
    for (const store::ChannelPreference& p : *prefs) {
      if (p.kind != kind) continue;
      for (std::string_view c : list_items(p.channels)) {
        if (c == "in_app" || (c == "email" && email_)) out.emplace_back(c);
      }
      return out;
    }
  }
  out.emplace_back("in_app");
  if (email_ && default_email(kind)) out.emplace_back("email");
  return out;
}

core::Result<Written> Notifier::write(std::int64_t organization, std::string_view slug,
                                      const core::Model& model, const Alerts& alerts,
                                      std::int64_t seq, store::Store& store,
                                      store::WriteTransaction& tx, core::Instant now,
                                      const std::vector<store::WebhookRecord>* hooks) {
  Written out;
  bool& delivered = out.delivered;
  for (const PersonAlert& a : alerts.people) {
    for (const std::string& channel : channels(store, organization, a.person, a.kind)) {
      if (channel == "in_app") {
        auto written =
            tx.append_notification(store::NotificationRecord{0,
                                                             organization,
                                                             a.person.value(),
                                                             a.kind,
                                                             a.subject,
                                                             a.text,
                                                             now,
                                                             seq,
                                                             {},
                                                             boost::json::serialize(a.params)});
        if (!written) return written.error();
        out.notified.push_back(a.person);
      } else if (channel == "email") {
        const core::Person* p = model.person(a.person);
        if (!p || p->email.empty()) continue;
        store::DeliveryRecord d;
        d.channel = "email";
        d.target = p->email;
        d.event = a.kind;
        d.subject = a.title;
        d.body = "Hello " + p->name + ",\n\n" + a.text +
                 "\n\n-- \nCairn. Choose which alerts reach you by email in your "
                 "notification settings.\n";
        d.created_at = now;
        d.next_attempt_at = now;
        auto written = tx.append_delivery(d);
        if (!written) return written.error();
        delivered = true;
      }
    }
  }
  if (alerts.webhooks.empty()) return out;
  core::Result<std::vector<store::WebhookRecord>> read;
  if (!hooks) {
    read = store.webhooks(organization);
    if (!read) return read.error();
    hooks = &*read;
  }
  for (const WebhookEvent& e : alerts.webhooks) {
    for (const store::WebhookRecord& h : *hooks) {
      if (!subscribes(h.events, e.type)) continue;
      store::DeliveryRecord d;
      d.channel = "webhook";
      d.target = "webhook:" + std::to_string(h.id);
      d.event = e.type;
      d.body = webhook_body(h.format, e, slug, now);
      d.created_at = now;
      d.next_attempt_at = now;
      auto written = tx.append_delivery(d);
      if (!written) return written.error();
      delivered = true;
    }
  }
  return out;
}

}  // namespace cairn::app
