#include "app/webhook_layout.h"

#include <sodium.h>

#include <boost/json/array.hpp>

#include "app/json_text.h"

namespace cairn::app {

bool is_webhook_format(std::string_view format) {
  return format == "generic" || format == "slack" || format == "teams";
}

std::string webhook_body(std::string_view format, const WebhookEvent& event,
                         std::string_view organization, core::Instant at) {
  namespace json = boost::json;
  if (format == "slack") {
    // Block Kit: a header and the text; `text` is the notification fallback.
    json::array blocks;
    blocks.push_back(
        {{"type", "header"}, {"text", {{"type", "plain_text"}, {"text", event.title}}}});
    blocks.push_back({{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", event.text}}}});
    json::array elements;
    elements.push_back({{"type", "mrkdwn"}, {"text", "Cairn · " + std::string(event.type)}});
    blocks.push_back({{"type", "context"}, {"elements", std::move(elements)}});
    return json_text(json::object{{"text", event.title}, {"blocks", std::move(blocks)}});
  }
  if (format == "teams") {
    // An Adaptive Card in a message, as Teams' incoming webhooks (and
    // Workflows) take it.
    json::array body;
    body.push_back({{"type", "TextBlock"},
                    {"size", "Medium"},
                    {"weight", "Bolder"},
                    {"wrap", true},
                    {"text", event.title}});
    body.push_back({{"type", "TextBlock"}, {"wrap", true}, {"text", event.text}});
    body.push_back({{"type", "TextBlock"},
                    {"isSubtle", true},
                    {"spacing", "Small"},
                    {"text", "Cairn · " + std::string(event.type)}});
    json::object card{{"$schema", "http://adaptivecards.io/schemas/adaptive-card.json"},
                      {"type", "AdaptiveCard"},
                      {"version", "1.4"},
                      {"body", std::move(body)}};
    json::array attachments;
    attachments.push_back(
        {{"contentType", "application/vnd.microsoft.card.adaptive"}, {"content", std::move(card)}});
    return json_text(json::object{{"type", "message"}, {"attachments", std::move(attachments)}});
  }
  return json_text(json::object{{"event", event.type},
                                {"organization", organization},
                                {"at", core::to_rfc3339(at)},
                                {"title", event.title},
                                {"text", event.text},
                                {"data", event.data}});
}

bool subscribes(std::string_view events, std::string_view type) {
  for (std::string_view one : list_items(events)) {
    if (one == "*" || one == type) return true;
  }
  return false;
}

std::string webhook_signature(std::string_view secret, std::string_view body) {
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()),
                              secret.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(body.data()),
                                body.size());
  crypto_auth_hmacsha256_final(&state, mac);
  char hex[2 * sizeof mac + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return "sha256=" + std::string(hex);
}

}  // namespace cairn::app
