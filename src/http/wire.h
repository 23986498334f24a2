// Internal to the server: turning plain Requests and Responses into Beast
// messages and back, and the few socket chores every writer shares.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/fields.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <string>
#include <string_view>

#include "http/request.h"
#include "http/response.h"

namespace cairn::http::detail {

namespace beast = boost::beast;

// Method, target, lower-cased headers and the body (moved out of `message`).
Request to_request(beast::http::request<beast::http::string_body>& message, std::string remote);

// What every answer gets before it is written, whichever way: an
// out-of-range status becomes 500, and the security headers are added.
void settle(Response& response);

// Status, Content-Type, the security headers and the handler's headers
// (settle() first), for the answers Beast writes: event streams.
void set_header(beast::http::response_header<>& header, Response& response);

struct WriteOptions {
  bool head = false;  // no body, but the Content-Length a GET would have
  bool keep_alive = false;
  unsigned version = 11;  // the request's HTTP version (10 or 11)
  std::chrono::seconds timeout{30};
};

// The status line and header of `response` as sent (settle() first):
// Content-Type, the security headers, the handler's headers, Content-Length
// and Connection.
std::string response_head(Response& response, const WriteOptions& options);

// The part of `response.body` sent after response_head(): none for HEAD, nor
// for a status without a body (1xx, 204, 304).
std::string_view body_sent(const Response& response, const WriteOptions& options);

// Writes `response`; returns the body bytes sent.
boost::asio::awaitable<std::size_t> write_response(beast::tcp_stream& stream, Response& response,
                                                   const WriteOptions& options,
                                                   beast::error_code& ec);

// Closes after an error answer. Stops sending, then reads and drops what the
// client still sends for a moment: closing with unread data makes the kernel
// send a reset, which can destroy the answer before the client reads it.
boost::asio::awaitable<void> lingering_close(beast::tcp_stream& stream);

}  // namespace cairn::http::detail
