#include "http/wire.h"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/write.hpp>

#include "http/security_headers.h"

namespace cairn::http::detail {

namespace asio = boost::asio;
namespace bhttp = beast::http;

Request to_request(bhttp::request<bhttp::string_body>& message, std::string remote) {
  Request request;
  request.method = std::string(message.method_string());
  request.target = std::string(message.target());
  for (const auto& field : message) {
    std::string name(field.name_string());
    for (char& c : name) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    request.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  request.body = std::move(message.body());
  request.remote_address = std::move(remote);
  return request;
}

void set_header(bhttp::response_header<>& header, Response& response) {
  if (response.status < 100 || response.status > 599) {
    response = Response::problem(500, "internal", "Internal Server Error",
                                 "The server produced an invalid status.");
  }
  add_security_headers(response);
  header.result(static_cast<unsigned>(response.status));
  header.set(bhttp::field::content_type, response.content_type);
  // insert, not set: a handler may send a header twice (Set-Cookie).
  for (const auto& [name, value] : response.headers) header.insert(name, value);
}

asio::awaitable<std::size_t> write_response(beast::tcp_stream& stream, Response& response,
                                            const WriteOptions& options, beast::error_code& ec) {
  bhttp::response<bhttp::string_body> message;
  message.version(options.version);
  set_header(message, response);
  // 1xx, 204 and 304 answers have no body and, by RFC 9110, no Content-Length.
  const bool bodiless = response.status < 200 || response.status == 204 || response.status == 304;
  const std::size_t size = bodiless ? 0 : response.body.size();
  if (!bodiless) {
    if (!options.head) message.body() = std::move(response.body);
    // Set by hand: for HEAD the length is the GET body's, not the empty one sent.
    message.content_length(size);
  }
  message.keep_alive(options.keep_alive);
  stream.expires_after(options.timeout);
  co_await bhttp::async_write(stream, message, asio::redirect_error(asio::use_awaitable, ec));
  co_return options.head ? 0 : size;
}

asio::awaitable<void> lingering_close(beast::tcp_stream& stream) {
  constexpr std::size_t kMaxDrained = 8 << 20;
  beast::error_code ec;
  stream.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ec);
  stream.expires_after(std::chrono::seconds(2));
  char scratch[16 * 1024];
  for (std::size_t drained = 0; !ec && drained < kMaxDrained;) {
    drained += co_await stream.async_read_some(asio::buffer(scratch),
                                               asio::redirect_error(asio::use_awaitable, ec));
  }
  stream.close();
}

}  // namespace cairn::http::detail
