#include "http/wire.h"

#include <array>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
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

void settle(Response& response) {
  if (response.status < 100 || response.status > 599) {
    response = Response::problem(500, "internal", "Internal Server Error",
                                 "The server produced an invalid status.");
  }
  add_security_headers(response);
}

void set_header(bhttp::response_header<>& header, Response& response) {
  settle(response);
  header.result(static_cast<unsigned>(response.status));
  header.set(bhttp::field::content_type, response.content_type);
  // insert, not set: a handler may send a header twice (Set-Cookie).
  for (const auto& [name, value] : response.headers) header.insert(name, value);
}

namespace {

// A header line, with any CR or LF in it dropped: a value that carries
// request data (a file name, say) cannot start a header of its own.
void append_field(std::string& out, std::string_view name, std::string_view value) {
  out += name;
  out += ": ";
  for (char c : value) {
    if (c != '\r' && c != '\n') out += c;
  }
  out += "\r\n";
}

// 1xx, 204 and 304 answers have no body and, by RFC 9110, no Content-Length.
bool bodiless(int status) {
  return status < 200 || status == 204 || status == 304;
}

}  // namespace

std::string response_head(Response& response, const WriteOptions& options) {
  settle(response);
  std::string head;
  head.reserve(512);
  head += options.version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
  head += std::to_string(response.status);
  head += ' ';
  head += bhttp::obsolete_reason(static_cast<bhttp::status>(response.status));
  head += "\r\n";
  append_field(head, "Content-Type", response.content_type);
  for (const auto& [name, value] : response.headers) append_field(head, name, value);
  // For HEAD too: the length the GET body has.
  if (!bodiless(response.status)) {
    append_field(head, "Content-Length", std::to_string(response.body.size()));
  }
  // HTTP/1.1 keeps the connection unless told; HTTP/1.0 closes unless told.
  if (options.version == 10 && options.keep_alive) append_field(head, "Connection", "keep-alive");
  if (options.version != 10 && !options.keep_alive) append_field(head, "Connection", "close");
  head += "\r\n";
  return head;
}

std::string_view body_sent(const Response& response, const WriteOptions& options) {
  if (options.head || bodiless(response.status)) return {};
  return response.body;
}

asio::awaitable<std::size_t> write_response(beast::tcp_stream& stream, Response& response,
                                            const WriteOptions& options, beast::error_code& ec) {
  // Written by hand and sent with the body in one gathered write: Beast's
  // message fields cost an allocation per header, and every answer has a
  // dozen (the security headers).
  const std::string head = response_head(response, options);
  const std::string_view body = body_sent(response, options);
  const std::array<asio::const_buffer, 2> buffers{asio::buffer(head), asio::buffer(body)};
  stream.expires_after(options.timeout);
  co_await asio::async_write(stream, buffers, asio::redirect_error(asio::use_awaitable, ec));
  co_return body.size();
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
