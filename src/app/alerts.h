// Smart alerts (PRODUCT.md F18, F27, F29) as pure functions of the model: what
// a committed change means for people (in-app notifications and email) and
// for the organisation's webhooks. Nothing here writes; notifier.h stores
// what these return inside the writer's transaction.
//
// Privacy (QUALITY.md "Access control"): a person alert is made only for a
// recipient who may see its subject (app/access.h), and an event for the
// webhooks only when everything it names is public, because a webhook posts
// into a shared place (a Slack channel, another system) whose readers Cairn
// cannot check.
#pragma once

#include <boost/json/object.hpp>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "app/command.h"
#include "core/evaluation.h"
#include "core/model.h"

namespace cairn::app {

// The kinds of alert a person receives, as people choose channels for them.
inline constexpr std::string_view kAlertKinds[] = {
    "mention", "delegation",        "status_changed", "dependency_at_risk", "stale",
    "digest",  "check_in_reminder", "rollout",        "period_changed",
};
bool is_alert_kind(std::string_view kind);

// One alert for one person. `title` and `text` are English (emails and
// webhooks send them as they are); `params` holds the message's variable
// parts (titles, names, statuses, dates), so that the app can say the same in
// the reader's language. docs/notifications.md lists them per kind.
struct PersonAlert {
  core::PersonId person;
  std::string kind;     // one of kAlertKinds
  std::string subject;  // "objective:3", "key_result:5", "" for none
  std::string title;    // a short line (an email's subject)
  std::string text;     // the whole message, plain text
  boost::json::object params;
};

// One event for the webhooks that subscribe to its type.
struct WebhookEvent {
  std::string type;  // "check_in.created", "key_result.status_changed", ...
  std::string title;
  std::string text;
  boost::json::object data;  // the generic payload's "data"
};

// The webhook event types, as a webhook subscribes to them ("*" for all).
inline constexpr std::string_view kWebhookEventTypes[] = {
    "check_in.created",         "comment.created",
    "key_result.delegated",     "key_result.status_changed",
    "objective.status_changed", "dependency.at_risk",
    "reminder.check_in",        "digest.weekly",
    "period.started",           "period.ended",
    "rollout.reminder",
};
bool is_webhook_event_type(std::string_view type);

struct Alerts {
  std::vector<PersonAlert> people;
  std::vector<WebhookEvent> webhooks;
};

// Statuses of key results and objectives as last seen. One byte per item, by
// id: a hash map of the half a million items of a large organisation took 40
// bytes each and a cache miss for each of the dozen ancestors every check-in
// compares, on the writer's thread.
class StatusMap {
 public:
  std::optional<core::Status> find(core::NodeRef node) const;
  void set(core::NodeRef node, core::Status status);
  void erase(core::NodeRef node);

 private:
  std::vector<std::uint8_t>& slots(core::NodeRef node) {
    return node.is_objective() ? objectives_ : key_results_;
  }
  const std::vector<std::uint8_t>& slots(core::NodeRef node) const {
    return node.is_objective() ? objectives_ : key_results_;
  }
  // 0: not known; otherwise the status + 1.
  std::vector<std::uint8_t> objectives_;
  std::vector<std::uint8_t> key_results_;
};

// The status of every key result and objective that alerts watch (active
// objectives and their key results) at `eval`'s instant.
StatusMap watched_statuses(const core::Evaluation& eval);

// Brings `statuses` up to date for the items `touched` names and everything
// their numbers roll up into; returns the known ones whose status changed.
struct StatusChange {
  core::NodeRef node;
  core::Status before, now;
};
std::vector<StatusChange> update_statuses(const core::Evaluation& eval,
                                          const std::vector<core::Touched>& touched,
                                          StatusMap& statuses);

// Whether some webhook of the organisation takes events of `type`; empty:
// every type is taken.
using WebhookWanted = std::function<bool(std::string_view type)>;

// What the change `command` (already applied; `touched` from its record)
// means. `statuses` holds the statuses before the change and is brought up to
// date; a status that turned behind or at risk alerts. `actor` made the change
// and is not alerted about it. Only the webhook events `wanted` are made:
// their payloads cost the writer about a tenth of a check-in.
Alerts alerts_for_change(const core::Evaluation& eval, const Command& command,
                         const std::vector<core::Touched>& touched, core::PersonId actor,
                         StatusMap& statuses, const WebhookWanted& wanted = {});

// Who is told about a key result (its owner and delegates) or an objective
// (its person owner, or its unit's lead).
std::vector<core::PersonId> people_of(const core::Model& model, core::NodeRef node);

// Whether an item and everything above it is public, so a webhook may name it.
bool is_public(const core::Model& model, core::NodeRef node);

// "key_result:5" / "objective:3", and back (nullopt for anything else).
std::string subject_of(core::NodeRef node);
std::optional<core::NodeRef> node_of_subject(std::string_view subject);

// Whether `person` (active) may see `node` (app/access.h).
bool may_see(const core::Model& model, core::PersonId person, core::NodeRef node);

// A title in typographic quotes, as messages show it.
std::string quoted(std::string_view text);

// The items of a comma-separated list ("a, b,c"), spaces trimmed, empty
// items kept (so callers can refuse them).
std::vector<std::string_view> list_items(std::string_view list);
// The title of an objective or key result.
std::string title_of(const core::Model& model, core::NodeRef node);

// The params every alert about `node` carries: "subject" ("objective" or
// "key_result"), "title", and for a key result its "objective_id" (an API id,
// so the app can link to the objective's page).
boost::json::object subject_params(const core::Model& model, core::NodeRef node);
// One key result as reminders and digests list it: "id", "title",
// "objective_id", "objective_title".
boost::json::object key_result_item(const core::KeyResult& kr, const core::Objective& objective);

}  // namespace cairn::app
