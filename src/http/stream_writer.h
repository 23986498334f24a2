// Internal to the server: writing a Server-Sent Events answer (event_stream.h)
// as a chunked text/event-stream response.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <chrono>
#include <cstddef>
#include <functional>

#include "http/response.h"

namespace cairn::http::detail {

struct StreamOptions {
  std::chrono::seconds write_timeout{30};  // for each write: a client must keep reading
  std::chrono::seconds keepalive{15};      // a comment after this long without events
};

// Sends the header, then the events of `response.stream` as they are pushed,
// until the stream closes, the client leaves or a write times out. Calls
// `on_header` (once) when the header is sent, with whether that worked. The
// connection is not reused afterwards. Returns the body bytes sent.
boost::asio::awaitable<std::size_t> write_event_stream(boost::beast::tcp_stream& stream,
                                                       Response& response,
                                                       const StreamOptions& options,
                                                       const std::function<void(bool)>& on_header);

}  // namespace cairn::http::detail
