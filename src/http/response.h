// What a handler answers: plain values, no Beast or Asio. The server adds the
// security headers and the framing (Content-Length, Connection) when it writes.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/event_stream.h"

namespace cairn::http {

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;  // besides Content-Type
  std::string body;
  std::string content_type = "application/json";
  // Set to answer with Server-Sent Events: the server sends the status and
  // headers, ignores `body`, and writes the stream's events until it closes or
  // the client leaves (event_stream.h).
  std::shared_ptr<EventStream> stream;

  // Set to answer later without holding a server thread meanwhile: a write
  // waiting for its group commit (app/commit_queue.h). The server calls
  // `later` once, right after the handler returns, with a Resume; the work
  // calls that once, from any thread, with the function that makes the
  // answer, and the server runs it on the connection's own thread. The rest
  // of this Response is ignored.
  using Finish = std::function<Response()>;
  using Resume = std::function<void(Finish)>;
  std::function<void(Resume)> later;

  static Response deferred(std::function<void(Resume)> later);

  // A JSON answer; `body` must already be JSON text.
  static Response json(int status, std::string body);

  // An RFC 9457 problem (application/problem+json) with `type`, `title`,
  // `status` and `detail`. `extra` adds members: each value is JSON text
  // written as is, e.g. {"errors", "[{\"field\":\"title\",...}]"}.
  static Response problem(int status, std::string type, std::string title, std::string detail,
                          const std::vector<std::pair<std::string, std::string>>& extra = {});

  // The value of the first header called `name` (any case), or nullptr.
  const std::string* header(std::string_view name) const;
};

}  // namespace cairn::http
