// What the outbox would send, emails and webhook calls (app/outbox.h), must
// be what their receivers can read. The fuzz targets run no outbox worker:
// the deliveries wait in the store, and this reads them there.
#pragma once

#include "fuzz/demo_server.h"

namespace cairn::fuzz {

// A finding unless every queued webhook body is JSON that parses (generic,
// Slack and Teams alike), and every email has a recipient without control
// characters and a subject and body in UTF-8.
void check_outbox(DemoServer& server);

}  // namespace cairn::fuzz
