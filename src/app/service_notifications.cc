// The service's notification endpoints: in-app notifications, channel
// preferences, webhooks and the outbox (docs/notifications.md).
#include <sodium.h>

#include "app/access.h"
#include "app/calendar_feed.h"
#include "app/passwords.h"
#include "app/service.h"
#include "app/webhook_layout.h"
#include "core/validation.h"

namespace cairn::app {
namespace {

std::string random_secret() {
  unsigned char bytes[24];
  randombytes_buf(bytes, sizeof bytes);
  char hex[2 * sizeof bytes + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return "whsec_" + std::string(hex);
}

}  // namespace

core::Result<std::vector<store::NotificationRecord>> Service::notifications(
    const Principal& who, const store::NotificationQuery& query) {
  core::Result<std::vector<store::NotificationRecord>> page;
  {
    std::lock_guard lock(store_mutex_);
    page = store_->read_notifications(who.organization, who.person.value(), query);
  }
  if (!page) return page;
  // Visibility is judged now: an objective made private since is left out.
  read(who.organization, [&](const core::Model& model) {
    std::erase_if(*page, [&](const store::NotificationRecord& n) {
      const auto node = node_of_subject(n.subject);
      return node && !can_see(model, who, *node);
    });
  });
  return page;
}

core::Result<void> Service::mark_notification_read(const Principal& who, std::int64_t id,
                                                   core::Instant now) {
  std::lock_guard lock(store_mutex_);
  auto marked = store_->mark_notification_read(who.organization, who.person.value(), id, now);
  if (!marked) return marked.error();
  if (!*marked) return core::not_found("notification");
  return {};
}

core::Result<int> Service::mark_all_notifications_read(const Principal& who, core::Instant now) {
  std::lock_guard lock(store_mutex_);
  return store_->mark_all_notifications_read(who.organization, who.person.value(), now);
}

std::vector<std::string> Service::available_channels() const {
  std::vector<std::string> out{"in_app"};
  if (notifier_.email_enabled()) out.emplace_back("email");
  return out;
}

core::Result<std::vector<store::ChannelPreference>> Service::channel_preferences(
    const Principal& who) {
  std::lock_guard lock(store_mutex_);
  std::vector<store::ChannelPreference> out;
  for (std::string_view kind : kAlertKinds) {
    std::string channels;
    for (const std::string& c : notifier_.channels(*store_, who.organization, who.person, kind)) {
      if (!channels.empty()) channels += ',';
      channels += c;
    }
    out.push_back(store::ChannelPreference{who.organization, who.person.value(), std::string(kind),
                                           channels});
  }
  return out;
}

core::Result<void> Service::set_channel_preference(const Principal& who, std::string kind,
                                                   std::string channels) {
  if (!is_alert_kind(kind)) return core::invalid("kind", "not a kind of alert");
  for (std::string_view one : list_items(channels)) {
    if (one != "in_app" && one != "email") {
      return core::invalid("channels", "channels are in_app and email");
    }
  }
  std::lock_guard lock(store_mutex_);
  return store_->set_channel_preference(
      store::ChannelPreference{who.organization, who.person.value(), kind, channels});
}

core::Result<std::vector<store::WebhookRecord>> Service::webhooks(const Principal& who) {
  if (may_read_security_events(who).has_error())
    return core::forbidden("only admins manage webhooks");
  std::lock_guard lock(store_mutex_);
  return store_->webhooks(who.organization);
}

core::Result<store::WebhookRecord> Service::create_webhook(const Principal& who,
                                                           store::WebhookRecord webhook,
                                                           core::Instant now) {
  if (may_read_security_events(who).has_error())
    return core::forbidden("only admins manage webhooks");
  std::vector<core::FieldError> errors;
  if (!(webhook.url.starts_with("https://") || webhook.url.starts_with("http://")) ||
      webhook.url.size() > 2000 || webhook.url.find_first_of(" \r\n\t") != std::string::npos) {
    errors.push_back({"url", "an http:// or https:// URL of at most 2,000 characters"});
  }
  if (!is_webhook_format(webhook.format)) {
    errors.push_back({"format", "generic, slack or teams"});
  }
  const auto events = list_items(webhook.events);
  if (events.empty()) errors.push_back({"events", "at least one event type, or \"*\""});
  for (std::string_view one : events) {
    if (one != "*" && !is_webhook_event_type(one)) {
      errors.push_back({"events", "unknown event type: " + std::string(one)});
      break;
    }
  }
  if (core::utf8_length(webhook.secret) > 200)
    errors.push_back({"secret", "at most 200 characters"});
  if (!errors.empty()) {
    core::Error e = core::invalid(errors.front().field, errors.front().message);
    e.fields = std::move(errors);
    return e;
  }
  if (webhook.secret.empty()) webhook.secret = random_secret();
  const std::string plain = webhook.secret;
  // Sealed before it reaches the store, like KPI pull headers: a copy of
  // the database alone does not let anyone sign payloads as Cairn.
  auto sealed = secrets_->seal(plain);
  if (!sealed) return sealed.error();
  webhook.secret = std::move(*sealed);
  webhook.secret_sealed = true;
  webhook.organization = who.organization;
  webhook.created_at = now;
  std::lock_guard lock(store_mutex_);
  auto made = store_->create_webhook(webhook);
  if (!made) return made.error();
  // Where the organisation's events will go, for the security log; never the secret.
  record_locked(event_by(who, security_event::kWebhookCreated, now,
                         "webhook:" + std::to_string(made->id),
                         "url=" + url_in_log(made->url) + " format=" + made->format +
                             " events=" + clipped(made->events, 500)));
  made->secret = plain;  // for the answer that shows it once
  return made;
}

core::Result<int> Service::seal_webhook_secrets() {
  std::vector<std::int64_t> organizations;
  {
    std::shared_lock lock(organizations_mutex_);
    for (const auto& [id, live] : organizations_) organizations.push_back(id);
  }
  int sealed_count = 0;
  std::lock_guard lock(store_mutex_);
  for (std::int64_t organization : organizations) {
    auto hooks = store_->webhooks(organization);
    if (!hooks) return hooks.error();
    for (const store::WebhookRecord& hook : *hooks) {
      if (hook.secret_sealed) continue;
      auto sealed = secrets_->seal(hook.secret);
      if (!sealed) return sealed.error();
      CAIRN_TRY(store_->set_webhook_secret(organization, hook.id, *sealed, true));
      ++sealed_count;
    }
  }
  return sealed_count;
}

core::Result<void> Service::delete_webhook(const Principal& who, std::int64_t id,
                                           core::Instant now) {
  if (may_read_security_events(who).has_error())
    return core::forbidden("only admins manage webhooks");
  std::lock_guard lock(store_mutex_);
  auto deleted = store_->delete_webhook(who.organization, id, now);
  if (!deleted) return deleted.error();
  if (!*deleted) return core::not_found("webhook");
  record_locked(
      event_by(who, security_event::kWebhookDeleted, now, "webhook:" + std::to_string(id)));
  return {};
}

core::Result<std::vector<store::DeliveryRecord>> Service::deliveries(
    const Principal& who, const store::DeliveryQuery& query) {
  if (may_read_security_events(who).has_error())
    return core::forbidden("only admins read the outbox");
  std::lock_guard lock(store_mutex_);
  return store_->read_deliveries(who.organization, query);
}

core::Result<void> Service::write_outside_log(
    std::int64_t organization,
    const std::function<core::Result<void>(const LiveOrganization&, store::Store&,
                                           store::WriteTransaction&)>& write) {
  LiveOrganization* live = find(organization);
  if (!live) return core::not_found("organisation");
  std::lock_guard lock(store_mutex_);
  std::shared_lock model_lock(live->mutex);
  auto tx = store_->begin_write(organization);
  if (!tx) return tx.error();
  CAIRN_TRY(write(*live, *store_, **tx));
  return (*tx)->commit();
}

core::Result<std::string> Service::create_calendar_token(const Principal& who, core::Instant now) {
  // new_token() is "cairn_" and 256 random bits; a calendar token says what it is.
  const std::string token = "cal_" + new_token().substr(6);
  std::lock_guard lock(store_mutex_);
  CAIRN_TRY(store_->set_calendar_token(
      store::CalendarTokenRecord{token_hash(token), who.organization, who.person.value(), now}));
  return token;
}

core::Result<Principal> Service::authenticate_calendar(std::string_view token) {
  const core::Error refused{core::ErrorCode::kUnauthenticated, "not a calendar token", {}, {}, {}};
  if (!token.starts_with("cal_") || token.size() > 200) return refused;
  core::Result<std::optional<store::CalendarTokenRecord>> found;
  {
    std::lock_guard lock(store_mutex_);
    found = store_->find_calendar_token(token_hash(token));
  }
  if (!found) return found.error();
  if (!*found || !find((*found)->organization)) return refused;
  const store::CalendarTokenRecord& t = **found;
  std::optional<Principal> who;
  read(t.organization, [&](const core::Model& model) {
    const core::Person* p = model.person(core::PersonId{t.person});
    if (p && p->active) who = Principal{t.organization, p->id, p->role, 0, {}};
  });
  if (!who) return refused;
  return *who;
}

std::string Service::calendar(const Principal& who, core::Instant now) const {
  const LiveOrganization& live = *find(who.organization);
  std::shared_lock lock(live.mutex);
  return calendar_feed(*live.model, live.slug, now);
}

core::Result<std::vector<store::ScheduleRecord>> Service::schedules(std::int64_t organization) {
  std::lock_guard lock(store_mutex_);
  return store_->schedules(organization);
}

std::vector<std::int64_t> Service::organization_ids() const {
  std::shared_lock lock(organizations_mutex_);
  std::vector<std::int64_t> out;
  for (const auto& [id, live] : organizations_) out.push_back(id);
  return out;
}

}  // namespace cairn::app
