// GET /api/v1/events: Server-Sent Events (see event_hub.h).
#include "http/api_handler.h"
#include "http/api_routes.h"
#include "http/event_hub.h"

namespace cairn::http {
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
}

}  // namespace cairn::http
