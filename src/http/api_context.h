// What every API handler needs: the service, the clock, and the caller.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "app/service.h"
#include "core/time.h"
#include "http/kept_answers.h"
#include "http/openapi.h"
#include "http/request.h"

namespace cairn::http {

class EventHub;

struct ApiContext {
  app::Service& service;
  std::function<core::Instant()> now;
  // Behind TLS the session cookie is __Host-cairn_session with Secure.
  bool secure_cookies = false;
  // One line of documentation per route, for /api/v1/openapi.json.
  ApiDocs docs = {};
  // The live event streams (GET /events), made when that route is added.
  std::shared_ptr<EventHub> event_hub = {};
  // Answers of the costliest reads, kept until the organisation changes.
  std::shared_ptr<KeptAnswers> kept_answers = std::make_shared<KeptAnswers>();

  std::string session_cookie_name() const {
    return secure_cookies ? "__Host-cairn_session" : "cairn_session";
  }
};

// The caller of a request: `Authorization: Bearer <api token>`, or the
// session cookie set at sign-in. Tokens are never accepted in the URL. A
// state-changing request made with the cookie must carry the session's
// X-CSRF-Token (kForbidden otherwise). kUnauthenticated without credentials.
core::Result<app::Principal> authenticate(ApiContext& context, const Request& request);
// The same credentials and refusals, without reading the organisation's
// model: who they name (app::Identity), for Service::submit_unverified(),
// whose writer confirms the person. A person who is no longer active is
// refused there.
core::Result<app::Identity> identify(ApiContext& context, const Request& request);

// The value of cookie `name` in the request, if sent.
std::optional<std::string> cookie(const Request& request, std::string_view name);

}  // namespace cairn::http
