// A request to the demo server as an API client sends it, for the targets
// that make their requests from parts of the input (api_body, query).
#pragma once

#include <string>
#include <string_view>

#include "fuzz/demo_server.h"
#include "fuzz/wire_check.h"

namespace cairn::fuzz {

// `method` `target` with `Authorization: Bearer <token>`, and `body` as JSON
// when not empty; the answer as read back from the wire (wire_check.h).
ReadAnswer call(DemoServer& server, std::string method, std::string target, std::string_view token,
                std::string body = "");

}  // namespace cairn::fuzz
