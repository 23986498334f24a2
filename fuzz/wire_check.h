// An answer as a client gets it: written out by the server's own functions
// (http/wire.h), then read back by a second reader, Beast's response parser.
// What any answer must be, whatever the request: one valid HTTP/1.1 message,
// never a 5xx, a JSON body that parses, and UTF-8 text where the header says
// so. Anything else is a finding (finding.h). When tracing, each request is
// printed with its status, and a refusal with its body.
#pragma once

#include <string>

#include "http/response.h"
#include "http/wire.h"

namespace cairn::fuzz {

struct ReadAnswer {
  int status = 0;
  std::string content_type;
  std::string body;  // as sent, but gunzipped when the answer was compressed
};

// Writes `response` (response_head() and body_sent()) and reads it back.
// `request` names the request in a finding.
ReadAnswer check_on_the_wire(http::Response& response, const http::detail::WriteOptions& options,
                             std::string_view request);

}  // namespace cairn::fuzz
