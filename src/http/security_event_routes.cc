// GET /audit/security?since&kind&limit&cursor: the security log (QUALITY.md
// "Authentication and sessions"): sign-ins and their failures, throttled
// sign-ins, sign-outs, denied writes, tokens created, revoked or rejected,
// password changes, ended sessions, exports, webhook and KPI source
// settings, and rejected KPI push tokens, newest first.
//
// Admins read their organisation's events; a server admin (an admin of the
// first organisation) also reads the events that belong to no organisation:
// sign-ins with an email nobody has, and rejected API and KPI tokens. Everyone else
// gets 403. Events hold no secret: no password, token or session id.
#include <charconv>

#include "app/security_log.h"
#include "http/api_body.h"
#include "http/api_handler.h"
#include "http/api_routes.h"
#include "http/json_writer.h"
#include "http/read_query.h"

namespace cairn::http {
namespace {

constexpr std::string_view kSecurityEventPrefix = "sev_";

constexpr std::string_view kEventKinds[] = {
    app::security_event::kSignIn,           app::security_event::kSignInFailed,
    app::security_event::kSignInThrottled,  app::security_event::kSignOut,
    app::security_event::kAccessDenied,     app::security_event::kTokenCreated,
    app::security_event::kTokenRevoked,     app::security_event::kTokenRejected,
    app::security_event::kPasswordChanged,  app::security_event::kSessionsEnded,
    app::security_event::kExport,           app::security_event::kWebhookCreated,
    app::security_event::kWebhookDeleted,   app::security_event::kKpiSourceChanged,
    app::security_event::kKpiTokenRejected,
};

struct SecurityRequest {
  store::SecurityEventQuery query;
  std::size_t limit = kDefaultLimit;
};

core::Result<SecurityRequest> security_request(const Request& request) {
  SecurityRequest out;
  const auto param = [&](const char* name) -> const std::string* {
    const auto it = request.query.find(name);
    return it == request.query.end() ? nullptr : &it->second;
  };
  if (const std::string* since = param("since")) {
    out.query.since = core::parse_rfc3339(*since);
    if (!out.query.since) return core::invalid("since", "an RFC 3339 instant is expected");
  }
  if (const std::string* kind = param("kind")) {
    if (std::find(std::begin(kEventKinds), std::end(kEventKinds), *kind) == std::end(kEventKinds)) {
      return core::invalid("kind", "not a kind of security event");
    }
    out.query.kind = *kind;
  }
  if (const std::string* limit = param("limit")) {
    // The same rule as every list's ?limit= (read_query.h); the cursor differs.
    Request only_limit;
    only_limit.query.emplace("limit", *limit);
    auto paging = page(only_limit);
    if (!paging) return paging.error();
    out.limit = paging->limit;
  }
  if (const std::string* cursor = param("cursor")) {
    // The id of the last event of the previous page.
    const char* end = cursor->data() + cursor->size();
    auto [at, error] = std::from_chars(cursor->data(), end, out.query.before_id);
    if (error != std::errc() || at != end || out.query.before_id <= 0) {
      return core::invalid("cursor", "not a cursor from a previous answer");
    }
  }
  // One more than asked, to know whether another page follows.
  out.query.limit = static_cast<int>(out.limit) + 1;
  return out;
}

void optional_text(JsonWriter& w, const std::optional<std::string>& text) {
  if (text) {
    w.value(*text);
  } else {
    w.null();
  }
}

void write_event(JsonWriter& w, const store::SecurityEvent& e) {
  w.begin_object();
  w.key("id").value(api_id(kSecurityEventPrefix, static_cast<std::uint64_t>(e.id)));
  w.key("at").value(core::to_rfc3339(e.at));
  w.key("kind").value(e.kind);
  w.key("actor_id");
  if (e.actor && e.actor->starts_with("person:")) {
    w.value(std::string(kPersonPrefix) + e.actor->substr(7));
  } else {
    w.null();
  }
  w.key("subject");
  optional_text(w, e.subject);
  w.key("address");
  optional_text(w, e.address);
  w.key("detail").value(e.detail);
  w.end_object();
}

Response security_events(ApiContext& context, Request& request, const app::Principal& who) {
  // Who may read comes first: a member gets 403 whatever the query says.
  if (auto allowed = context.service.may_read_security_events(who); !allowed) {
    return problem_for(allowed.error());
  }
  auto asked = security_request(request);
  if (!asked) return problem_for(asked.error());
  auto events = context.service.read_security_events(who, asked->query);
  if (!events) return problem_for(events.error());
  const bool more = events->size() > asked->limit;
  if (more) events->resize(asked->limit);
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const store::SecurityEvent& e : *events) write_event(w, e);
  w.end_array().key("next_cursor");
  if (more && !events->empty()) {
    w.value(std::to_string(events->back().id));
  } else {
    w.null();
  }
  w.end_object();
  return Response::json(200, w.take());
}

}  // namespace

void add_security_event_routes(Router& router, ApiContext& context) {
  add_route(router, context, "GET", route("/audit/security"),
            "The security log for admins, newest first: sign-ins and failures, denied access, "
            "tokens, password changes, ended sessions",
            signed_in(context, [&context](Request& r, const app::Principal& who) {
              return security_events(context, r, who);
            }));
}

}  // namespace cairn::http
