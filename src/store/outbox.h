// What the store keeps for notifications (PRODUCT.md F16–F19, F29): in-app
// notifications, the outbox of deliveries to other channels (email, Slack,
// Teams, webhooks), the outgoing webhooks and their secrets, each person's
// choice of channels per alert, and the scheduler's next run times.
//
// Notifications and deliveries are written inside the organisation's write
// transaction (WriteTransaction::append_notification, append_delivery), so
// they commit together with the change or the scheduler step that caused
// them, and a restart neither loses nor repeats one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/time.h"

namespace cairn::store {

// One in-app notification for one person. `subject` names what it is about
// ("objective:12", "key_result:5", "comment:3", "" for none); readers check
// that the person may still see it before they show it.
struct NotificationRecord {
  std::int64_t id = 0;  // per organisation, assigned by the store
  std::int64_t organization = 0;
  std::uint32_t person = 0;
  std::string kind;  // "mention", "delegation", "status_changed", ... (app/alerts.h)
  std::string subject;
  std::string text;  // a readable line, written for this person
  core::Instant at;
  std::int64_t seq = 0;  // the change that caused it, 0 for the scheduler
  std::optional<core::Instant> read_at;
  // A JSON object of the message's variable parts (app/alerts.h), so the app
  // can write `text` in the reader's language; "{}" for notifications made
  // before the store kept them (schema version 6).
  std::string params = "{}";
};

struct NotificationQuery {
  std::int64_t before_id = INT64_MAX;  // newest first, strictly before this id
  bool unread_only = false;
  int limit = 100;
};

// One message waiting to leave (or gone) through a channel.
enum class DeliveryState { kPending, kDelivered, kFailed };
const char* to_string(DeliveryState state);
std::optional<DeliveryState> delivery_state(std::string_view name);

struct DeliveryRecord {
  std::int64_t id = 0;  // per organisation, assigned by the store
  std::int64_t organization = 0;
  std::string channel;  // "webhook" (generic, slack or teams by its format) or "email"
  std::string target;   // "webhook:3" or an email address
  std::string event;    // the event type, e.g. "key_result.status_changed"
  std::string subject;  // an email's subject; empty for webhooks
  std::string body;     // exactly what is sent: JSON for webhooks, text for email
  core::Instant created_at;
  DeliveryState state = DeliveryState::kPending;
  int attempts = 0;
  core::Instant next_attempt_at;
  std::string last_error;
  std::optional<core::Instant> delivered_at;
};

struct DeliveryQuery {
  std::int64_t before_id = INT64_MAX;  // newest first
  std::optional<DeliveryState> state;
  int limit = 100;
};

// An outgoing webhook of an organisation. `format` chooses the layout:
// "generic" (Cairn's JSON, signed), "slack" or "teams" (their incoming
// webhooks' message layouts). The secret signs generic payloads; it is never
// shown again once set.
struct WebhookRecord {
  std::int64_t id = 0;  // per organisation
  std::int64_t organization = 0;
  std::string url;
  std::string format = "generic";
  std::string events;  // comma-separated event types, "*" for all
  std::string secret;  // sealed (app/secret_box.h) when secret_sealed
  core::Instant created_at;
  std::optional<core::Instant> deleted_at;
  // Stores before schema 7 kept secrets as given; the service seals those
  // rows when it starts (see Service::open).
  bool secret_sealed = false;
};

// Which channels one kind of alert reaches for one person: a comma-separated
// subset of "in_app,email". Absent rows mean the defaults (notifier.h).
struct ChannelPreference {
  std::int64_t organization = 0;
  std::uint32_t person = 0;
  std::string kind;
  std::string channels;
};

// When the scheduler runs a job of an organisation next ("check_in_reminder",
// "digest", "rollout", "period"). Persisted so that a restart neither skips a
// run nor repeats one.
struct ScheduleRecord {
  std::int64_t organization = 0;
  std::string job;
  core::Instant next_run_at;
};

// The read-only token of a person's calendar feed (GET /calendar.ics?token=),
// kept as a hash like API tokens. One per person: a new one replaces it.
struct CalendarTokenRecord {
  std::string token_hash;
  std::int64_t organization = 0;
  std::uint32_t person = 0;
  core::Instant created_at;
};

}  // namespace cairn::store
