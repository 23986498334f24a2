// GET /api/v1/events (Server-Sent Events, see event_hub.h), and the rows of
// API.md whose features come with later work: they answer 501 with a
// problem, after authentication, so clients can tell "not yet" from "wrong".
#include "http/api_handler.h"
#include "http/api_routes.h"
#include "http/event_hub.h"

namespace cairn::http {
namespace {

Response not_yet(std::string_view what) {
  return Response::problem(501, "urn:cairn:problem:not_implemented", "Not implemented yet",
                           std::string(what) + " come with a later release of Cairn.");
}

}  // namespace

void add_live_routes(Router& router, ApiContext& context) {
  context.event_hub = std::make_shared<EventHub>(context.service, context.now);
  add_route(router, context, "GET", route("/events"),
            "Server-Sent Events of the changes you may see: check_in, objective_updated, "
            "key_result_updated, comment, alignment_changed, ...",
            signed_in(context, [&context](Request&, const app::Principal& who) {
              Response response;
              response.content_type = "text/event-stream";
              response.headers.emplace_back("Cache-Control", "no-store");
              response.stream = context.event_hub->listen(who);
              // A first event, so a client knows it is connected.
              response.stream->push("ready", "{}");
              return response;
            }));

  const struct {
    const char* method;
    const char* path;
    const char* what;
  } pending[] = {
      {"GET", "/retrospectives", "Retrospectives"},
      {"POST", "/retrospectives", "Retrospectives"},
  };
  for (const auto& p : pending) {
    const std::string what = p.what;
    add_route(
        router, context, p.method, route(p.path),
        "Not implemented yet: " + what + " come later (501)",
        signed_in(context, [what](Request&, const app::Principal&) { return not_yet(what); }));
  }
}

}  // namespace cairn::http
