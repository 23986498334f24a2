// GET /notifications, POST /notifications/{id}/read and /notifications/read-all,
// the caller's channel preferences (GET, PUT /notifications/preferences), and
// for admins the
// outgoing webhooks (GET, POST /webhooks, DELETE /webhooks/{id}) and the
// outbox of deliveries with their last error (GET /outbox); the calendar
// feed (GET /calendar.ics?token=) and its token (POST /calendar/token).
// docs/notifications.md describes the events and payloads.
#include <charconv>

#include "app/alerts.h"
#include "http/api_body.h"
#include "http/api_handler.h"
#include "http/api_routes.h"
#include "http/json_writer.h"
#include "http/read_query.h"
#include "http/write_support.h"

namespace cairn::http {
namespace {

constexpr std::string_view kNotificationPrefix = "ntf_";
constexpr std::string_view kWebhookPrefix = "whk_";
constexpr std::string_view kDeliveryPrefix = "dlv_";

// "objective:3" → "obj_3"; "key_result:5" → "kr_5"; others as they are.
std::string subject_id(const std::string& subject) {
  if (subject.starts_with("objective:")) {
    return std::string(kObjectivePrefix) + subject.substr(10);
  }
  if (subject.starts_with("key_result:")) {
    return std::string(kKeyResultPrefix) + subject.substr(11);
  }
  return subject;
}

// `?cursor=` of these lists: the id of the last item of the previous page.
core::Result<std::int64_t> before_id(const Request& request) {
  const auto it = request.query.find("cursor");
  if (it == request.query.end()) return INT64_MAX;
  std::int64_t id = 0;
  const char* end = it->second.data() + it->second.size();
  auto [ptr, error] = std::from_chars(it->second.data(), end, id);
  if (error != std::errc() || ptr != end || id <= 0) {
    return core::invalid("cursor", "not a cursor from a previous answer");
  }
  return id;
}

// `next_cursor`: the last id of a full page (a page cut short by filtering
// may still have more behind it), else null.
template <class Items>
void write_next_cursor(JsonWriter& w, const Items& items, std::size_t limit) {
  w.key("next_cursor");
  if (!items.empty() && items.size() == limit) {
    w.value(std::to_string(items.back().id));
  } else {
    w.null();
  }
}

// A JSON array of strings → "a,b"; kInvalid naming `field` otherwise.
core::Result<std::string> joined(const boost::json::object& body, std::string_view field) {
  const auto* value = body.if_contains(field);
  if (!value || !value->is_array()) return core::invalid(std::string(field), "an array of strings");
  std::string out;
  for (const auto& item : value->as_array()) {
    if (!item.is_string() || item.as_string().empty() ||
        item.as_string().find(',') != boost::json::string::npos) {
      return core::invalid(std::string(field), "an array of strings");
    }
    if (!out.empty()) out += ',';
    out += item.as_string();
  }
  return out;
}

Response list_notifications(ApiContext& context, Request& request, const app::Principal& who) {
  auto paging = page(request);
  if (!paging) return problem_for(paging.error());
  auto before = before_id(request);
  if (!before) return problem_for(before.error());
  store::NotificationQuery query;
  query.before_id = *before;
  query.limit = static_cast<int>(paging->limit);
  if (auto it = request.query.find("unread"); it != request.query.end()) {
    if (it->second != "true" && it->second != "false") {
      return problem_for(core::invalid("unread", "true or false"));
    }
    query.unread_only = it->second == "true";
  }
  auto items = context.service.notifications(who, query);
  if (!items) return problem_for(items.error());
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const store::NotificationRecord& n : *items) {
    w.begin_object();
    w.key("id").value(api_id(kNotificationPrefix, static_cast<std::uint64_t>(n.id)));
    w.key("kind").value(n.kind);
    w.key("subject_id");
    if (n.subject.empty()) {
      w.null();
    } else {
      w.value(subject_id(n.subject));
    }
    w.key("text").value(n.text);
    // Stored as the JSON the notifier serialised (app/alerts.h).
    w.key("params").raw(n.params.empty() ? std::string_view("{}") : std::string_view(n.params));
    w.key("at").value(core::to_rfc3339(n.at));
    w.key("read_at");
    if (n.read_at) {
      w.value(core::to_rfc3339(*n.read_at));
    } else {
      w.null();
    }
    w.end_object();
  }
  w.end_array();
  write_next_cursor(w, *items, paging->limit);
  w.end_object();
  return Response::json(200, w.take());
}

Response read_notification(ApiContext& context, Request& request, const app::Principal& who) {
  const auto id = parse_api_id(kNotificationPrefix, request.params.at("id"));
  if (!id) return problem_for(core::not_found("notification"));
  auto marked = context.service.mark_notification_read(who, *id, context.now());
  if (!marked) return problem_for(marked.error());
  return no_content();
}

Response read_all_notifications(ApiContext& context, const app::Principal& who) {
  auto marked = context.service.mark_all_notifications_read(who, context.now());
  if (!marked) return problem_for(marked.error());
  JsonWriter w;
  w.begin_object().key("marked").value(*marked).end_object();
  return Response::json(200, w.take());
}

Response preferences(ApiContext& context, const app::Principal& who) {
  auto prefs = context.service.channel_preferences(who);
  if (!prefs) return problem_for(prefs.error());
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const store::ChannelPreference& p : *prefs) {
    w.begin_object().key("kind").value(p.kind).key("channels").begin_array();
    for (std::string_view c : app::list_items(p.channels)) w.value(c);
    w.end_array().end_object();
  }
  w.end_array();
  // What a choice can name now: email only when the server can send it.
  w.key("available_channels").begin_array();
  for (const std::string& c : context.service.available_channels()) w.value(c);
  w.end_array().end_object();
  return Response::json(200, w.take());
}

Response set_preference(ApiContext& context, Request& request, const app::Principal& who) {
  auto body = json_body(request);
  if (!body) return problem_for(body.error());
  FieldErrors errors;
  const std::string kind = errors.take(required_string(*body, "kind", "kind"));
  const std::string channels = errors.take(joined(*body, "channels"));
  if (!errors.empty()) return problem_for(errors.error());
  auto set = context.service.set_channel_preference(who, kind, channels);
  if (!set) return problem_for(set.error());
  return preferences(context, who);
}

void write_webhook(JsonWriter& w, const store::WebhookRecord& h, bool with_secret) {
  w.begin_object();
  w.key("id").value(api_id(kWebhookPrefix, static_cast<std::uint64_t>(h.id)));
  w.key("url").value(h.url);
  w.key("format").value(h.format);
  w.key("events").begin_array();
  for (std::string_view e : app::list_items(h.events)) w.value(e);
  w.end_array();
  w.key("created_at").value(core::to_rfc3339(h.created_at));
  // The secret is shown once, when the webhook is made.
  if (with_secret) w.key("secret").value(h.secret);
  w.end_object();
}

Response list_webhooks(ApiContext& context, const app::Principal& who) {
  auto hooks = context.service.webhooks(who);
  if (!hooks) return problem_for(hooks.error());
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const store::WebhookRecord& h : *hooks) write_webhook(w, h, false);
  w.end_array().key("next_cursor").null().end_object();
  return Response::json(200, w.take());
}

Response create_webhook(ApiContext& context, Request& request, const app::Principal& who) {
  auto body = json_body(request);
  if (!body) return problem_for(body.error());
  FieldErrors errors;
  store::WebhookRecord hook;
  hook.url = errors.take(required_string(*body, "url", "url"));
  hook.events = errors.take(joined(*body, "events"));
  hook.format = errors.take(optional_string(*body, "format", "format")).value_or("generic");
  hook.secret = errors.take(optional_string(*body, "secret", "secret")).value_or("");
  if (!errors.empty()) return problem_for(errors.error());
  auto made = context.service.create_webhook(who, hook, context.now());
  if (!made) return problem_for(made.error());
  JsonWriter w;
  write_webhook(w, *made, true);
  return Response::json(201, w.take());
}

Response delete_webhook(ApiContext& context, Request& request, const app::Principal& who) {
  const auto id = parse_api_id(kWebhookPrefix, request.params.at("id"));
  if (!id) return problem_for(core::not_found("webhook"));
  auto deleted = context.service.delete_webhook(who, *id, context.now());
  if (!deleted) return problem_for(deleted.error());
  return no_content();
}

Response outbox(ApiContext& context, Request& request, const app::Principal& who) {
  auto paging = page(request);
  if (!paging) return problem_for(paging.error());
  auto before = before_id(request);
  if (!before) return problem_for(before.error());
  store::DeliveryQuery query;
  query.before_id = *before;
  query.limit = static_cast<int>(paging->limit);
  if (auto it = request.query.find("state"); it != request.query.end()) {
    query.state = store::delivery_state(it->second);
    if (!query.state) return problem_for(core::invalid("state", "pending, delivered or failed"));
  }
  auto items = context.service.deliveries(who, query);
  if (!items) return problem_for(items.error());
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const store::DeliveryRecord& d : *items) {
    w.begin_object();
    w.key("id").value(api_id(kDeliveryPrefix, static_cast<std::uint64_t>(d.id)));
    w.key("channel").value(d.channel);
    w.key("target").value(d.target.starts_with("webhook:")
                              ? api_id(kWebhookPrefix, std::stoull(d.target.substr(8)))
                              : d.target);
    w.key("event").value(d.event);
    w.key("state").value(store::to_string(d.state));
    w.key("attempts").value(static_cast<std::int64_t>(d.attempts));
    w.key("created_at").value(core::to_rfc3339(d.created_at));
    w.key("next_attempt_at");
    if (d.state == store::DeliveryState::kPending) {
      w.value(core::to_rfc3339(d.next_attempt_at));
    } else {
      w.null();
    }
    w.key("delivered_at");
    if (d.delivered_at) {
      w.value(core::to_rfc3339(*d.delivered_at));
    } else {
      w.null();
    }
    w.key("last_error").value(d.last_error);
    w.end_object();
  }
  w.end_array();
  write_next_cursor(w, *items, paging->limit);
  w.end_object();
  return Response::json(200, w.take());
}

Response calendar_token(ApiContext& context, const app::Principal& who) {
  auto token = context.service.create_calendar_token(who, context.now());
  if (!token) return problem_for(token.error());
  JsonWriter w;
  w.begin_object()
      .key("token")
      .value(*token)
      .key("url")
      .value("/api/v1/calendar.ics?token=" + *token)
      .end_object();
  return Response::json(201, w.take());
}

// Calendar apps cannot send headers: this one read-only feed takes its own
// token in the URL (QUALITY.md), never an API token.
Response calendar(ApiContext& context, Request& request) {
  const auto it = request.query.find("token");
  if (it == request.query.end()) {
    return problem_for(core::Error{
        core::ErrorCode::kUnauthenticated, "a calendar token is needed: ?token=", {}, {}, {}});
  }
  auto who = context.service.authenticate_calendar(it->second);
  if (!who) return problem_for(who.error());
  Response response;
  response.status = 200;
  response.content_type = "text/calendar; charset=utf-8";
  response.headers.emplace_back("Cache-Control", "private, max-age=300");
  response.body = context.service.calendar(*who, context.now());
  return response;
}

}  // namespace

void add_notification_routes(Router& router, ApiContext& context) {
  add_route(router, context, "GET", route("/notifications"),
            "The caller's notifications, newest first (?unread=true, ?limit, ?cursor)",
            signed_in_call(context, list_notifications));
  add_route(router, context, "POST", route("/notifications/{id}/read"),
            "Marks one of the caller's notifications read (204)",
            signed_in_call(context, read_notification));
  add_route(router, context, "POST", route("/notifications/read-all"),
            "Marks all the caller's unread notifications read → 200 {marked}",
            signed_in(context, [&context](Request&, const app::Principal& who) {
              return read_all_notifications(context, who);
            }));
  add_route(router, context, "GET", route("/notifications/preferences"),
            "Which channels (in_app, email) each kind of alert reaches for the caller, and "
            "available_channels",
            signed_in(context, [&context](Request&, const app::Principal& who) {
              return preferences(context, who);
            }));
  add_route(router, context, "PUT", route("/notifications/preferences"),
            "Sets the channels of one kind of alert: {kind, channels:[\"in_app\"|\"email\"]}",
            signed_in_call(context, set_preference));
  add_route(router, context, "GET", route("/webhooks"),
            "Outgoing webhooks (admins), without their secrets",
            signed_in(context, [&context](Request&, const app::Principal& who) {
              return list_webhooks(context, who);
            }));
  add_route(router, context, "POST", route("/webhooks"),
            "Creates an outgoing webhook (admins): {url, events:[type|\"*\"], "
            "format:\"generic\"|\"slack\"|\"teams\", secret?} → 201 with the secret, shown once",
            signed_in_call(context, create_webhook));
  add_route(router, context, "DELETE", route("/webhooks/{id}"), "Deletes a webhook (admins, 204)",
            signed_in_call(context, delete_webhook));
  add_route(router, context, "POST", route("/calendar/token"),
            "A new read-only token for the caller's calendar feed (the earlier one stops "
            "working) → 201 {token, url}",
            signed_in(context, [&context](Request&, const app::Principal& who) {
              return calendar_token(context, who);
            }));
  add_route(router, context, "GET", route("/calendar.ics"),
            "The cadence calendar (iCalendar, RFC 5545): check-in days, period starts and ends, "
            "rollout dates; ?token= a calendar token",
            [&context](Request& r) { return calendar(context, r); });
  add_route(router, context, "GET", route("/outbox"),
            "Deliveries to email and webhooks with their state, attempts and last error "
            "(admins; ?state=pending|delivered|failed)",
            signed_in_call(context, outbox));
}

}  // namespace cairn::http
