// Fuzz target http_request: raw bytes as a client sends them on one
// connection, through the server's own steps (serve() in http/connection.cc)
// up to eight requests: Beast's request parser under the server's limits,
// to_request(), the client's address from X-Forwarded-For (the connection
// comes from the trusted proxy), the target's parsing and UTF-8 checks, and
// every route of the API on a fresh copy of the demo organisation, deferred
// answers included. Each answer is written out and read back (wire_check.h),
// and what the requests queued for emails and webhooks is checked
// (outbox_check.h).
//
// Credentials to use in inputs: demo_server.h (the seeds show them).
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cstdint>
#include <cstring>
#include <optional>

#include "fuzz/demo_server.h"
#include "fuzz/finding.h"
#include "fuzz/outbox_check.h"
#include "fuzz/wire_check.h"
#include "http/forwarded.h"
#include "http/wire.h"

namespace cairn::fuzz {
namespace {

namespace beast = boost::beast;
namespace bhttp = beast::http;

// A connection carries this many requests at most: enough for a write and
// the reads that follow it.
constexpr int kMaxRequests = 8;

// What the server reads after the input: nothing, the client has closed.
struct EndOfInput {
  template <class Buffers>
  std::size_t read_some(const Buffers&, beast::error_code& ec) {
    ec = boost::asio::error::eof;
    return 0;
  }
  template <class Buffers>
  std::size_t read_some(const Buffers& buffers) {
    beast::error_code ec;
    read_some(buffers, ec);
    throw beast::system_error(ec);
  }
};

// One turn of serve()'s loop; false when the connection ends after it.
bool serve_one(ServerForInput& server, beast::flat_buffer& buffer) {
  const http::ServerOptions& options = server_options();
  EndOfInput input;
  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(options.max_header));
  parser.body_limit(std::max(options.max_body, options.max_import_body));
  beast::error_code ec;
  bhttp::read_header(input, buffer, parser, ec);
  const std::size_t max_body =
      ec ? options.max_body
         : http::detail::max_body_for(options, parser.get().method_string(), parser.get().target());
  if (!ec) parser.body_limit(max_body);

  std::optional<http::Response> refusal;
  if (ec) {
    if (http::detail::client_gone(ec)) return false;
    refusal = http::detail::read_refusal(ec);
  } else if (auto length = parser.content_length(); length && *length > max_body) {
    refusal = http::detail::read_refusal(bhttp::error::body_limit);
  } else {
    bhttp::read(input, buffer, parser, ec);
    if (ec) {
      if (http::detail::client_gone(ec)) return false;
      refusal = http::detail::read_refusal(ec);
    }
  }
  if (refusal) {
    check_on_the_wire(*refusal, {.keep_alive = false}, "a request the server could not read");
    return false;
  }

  auto& message = parser.get();
  const bool keep_alive = message.keep_alive();
  const unsigned version = message.version();
  const std::string peer(kProxyAddress);
  http::Request request = http::detail::to_request(message, peer);
  request.remote_address =
      http::client_address(peer, request.header("x-forwarded-for"), options.trusted_proxies);
  http::Response response = server.get().answer(request);
  const std::string what = request.method + " " + request.target;
  if (response.stream) {
    // An event stream (GET /events) lasts until the client leaves, which it
    // has: serve() sends the header and stops.
    http::detail::settle(response);
    if (response.status >= 500) finding("a 5xx event stream", what);
    response.stream->detach();
    return false;
  }
  check_on_the_wire(
      response, {.head = request.method == "HEAD", .keep_alive = keep_alive, .version = version},
      what);
  return keep_alive;
}

}  // namespace
}  // namespace cairn::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  cairn::fuzz::ServerForInput server;
  boost::beast::flat_buffer buffer;
  if (size == 0) return 0;
  std::memcpy(buffer.prepare(size).data(), data, size);
  buffer.commit(size);
  for (int i = 0; i < cairn::fuzz::kMaxRequests && buffer.size() > 0; ++i) {
    if (!cairn::fuzz::serve_one(server, buffer)) break;
  }
  // What the requests queued for emails and webhooks.
  if (cairn::fuzz::DemoServer* used = server.current(); used && used->changed()) {
    cairn::fuzz::check_outbox(*used);
  }
  return 0;
}
