// What a webhook receives: the body of each layout (Cairn's generic JSON,
// Slack's and Microsoft Teams' incoming webhook messages), and the signature
// of generic payloads. docs/notifications.md shows an example of each.
#pragma once

#include <string>
#include <string_view>

#include "app/alerts.h"
#include "core/time.h"

namespace cairn::app {

// Whether `format` is a layout: "generic", "slack" or "teams".
bool is_webhook_format(std::string_view format);

// The body for a webhook of `format`. The generic one is
//   {"event": type, "organization": slug, "at": RFC 3339, "title", "text", "data": {...}}.
std::string webhook_body(std::string_view format, const WebhookEvent& event,
                         std::string_view organization, core::Instant at);

// Whether a webhook subscribed to `events` (comma-separated types, or "*")
// receives events of `type`.
bool subscribes(std::string_view events, std::string_view type);

// "sha256=" and the lowercase hex HMAC-SHA256 of `body` keyed by `secret`:
// the X-Cairn-Signature header of a generic webhook.
std::string webhook_signature(std::string_view secret, std::string_view body);

}  // namespace cairn::app
