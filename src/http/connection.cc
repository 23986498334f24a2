#include "http/connection.h"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <exception>
#include <optional>

#include "http/access_log.h"
#include "http/compression.h"
#include "http/forwarded.h"
#include "http/stream_writer.h"
#include "http/wire.h"

namespace cairn::http::detail {
namespace {

// POST /api/v1/kpis/{id}/values: a CSV history may be as long as an import.
bool is_kpi_values(std::string_view target) {
  target = target.substr(0, target.find('?'));
  return target.starts_with("/api/v1/kpis/") && target.ends_with("/values");
}

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using Clock = std::chrono::steady_clock;

auto with(beast::error_code& ec) {
  return asio::redirect_error(asio::use_awaitable, ec);
}

// Releases the connection's place under the limits however serve() ends.
struct ConnectionSlot {
  ServerState& state;
  const std::string& peer;
  ~ConnectionSlot() { state.release(peer); }
};

double milliseconds_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

void record(ServerState& state, std::string_view method, std::string_view target, int status,
            Clock::time_point start, std::size_t bytes) {
  double ms = milliseconds_since(start);
  state.metrics.record(status, ms / 1000);
  if (state.options.access_log) {
    state.access_log.add(access_log_line({method, target, status, ms, bytes}));
  }
}

// Runs `answer` (a handler, or a deferred answer's Finish); an exception is
// a 500, never a lost connection.
template <class F>
Response guarded(const Request& request, F&& answer) {
  try {
    Response response = answer();
    if (!response.later) compress_if_accepted(request, response);
    return response;
  } catch (const std::exception& e) {
    write_log_line("http handler failed: " + std::string(e.what()));
  } catch (...) {
    write_log_line("http handler failed with an unknown exception");
  }
  return Response::problem(500, "internal", "Internal Server Error",
                           "The server failed to answer this request.");
}

Response handle(ServerState& state, Request& request) {
  if (!parse_target(request)) {
    return Response::problem(400, "malformed_target", "Bad Request",
                             "The request target is not a valid path and query.");
  }
  return guarded(request, [&] { return state.router.dispatch(request); });
}

// Where a deferred answer's Finish waits for its connection. The work that
// fills it holds no executor (a strand must not outlive its io_context): it
// reaches the connection through `timer`, and only while the gate is open.
struct Awaited {
  std::mutex mutex;
  Response::Finish finish;
  asio::steady_timer* timer = nullptr;  // while the connection waits
};

// Waits, without holding a thread, for a deferred answer (Response::later)
// and makes it on this connection's strand.
asio::awaitable<Response> answer_later(ServerState& state, const Request& request,
                                       std::function<void(Response::Resume)> later) {
  asio::steady_timer timer(co_await asio::this_coro::executor,
                           asio::steady_timer::time_point::max());
  auto awaited = std::make_shared<Awaited>();
  awaited->timer = &timer;
  // However the coroutine ends, even destroyed with the io_context.
  struct Forget {
    Awaited& awaited;
    ~Forget() {
      std::lock_guard lock(awaited.mutex);
      awaited.timer = nullptr;
    }
  } forget{*awaited};

  bool started = false;
  Response failed = guarded(request, [&] {
    later([awaited, gate = state.gate](Response::Finish finish) {
      std::lock_guard lock(awaited->mutex);
      awaited->finish = std::move(finish);
      gate->run_if_open([&] {
        if (!awaited->timer) return;
        // Runs after the coroutine's current step, so it finds the timer
        // waiting, or already forgotten.
        asio::post(awaited->timer->get_executor(), [awaited] {
          std::lock_guard lock(awaited->mutex);
          if (awaited->timer) awaited->timer->cancel();
        });
      });
    });
    started = true;
    return Response();
  });
  if (!started) co_return failed;  // `later` threw: it will not resume

  Response::Finish finish;
  while (true) {
    {
      std::lock_guard lock(awaited->mutex);
      if (awaited->finish) {
        finish = std::move(awaited->finish);
        break;
      }
    }
    beast::error_code ec;
    co_await timer.async_wait(with(ec));
  }
  co_return guarded(request, finish);
}

}  // namespace

bool client_gone(const beast::error_code& ec) {
  return ec == beast::error::timeout || ec == bhttp::error::end_of_stream ||
         ec == asio::error::eof || ec == asio::error::connection_reset ||
         ec == asio::error::operation_aborted || ec == bhttp::error::partial_message;
}

std::size_t max_body_for(const ServerOptions& options, std::string_view method,
                         std::string_view target) {
  if (method == "POST" && (target.starts_with("/api/v1/import") || is_kpi_values(target))) {
    return options.max_import_body;
  }
  return options.max_body;
}

Response read_refusal(const beast::error_code& ec) {
  if (ec == bhttp::error::header_limit) {
    return Response::problem(431, "header_too_large", "Request Header Fields Too Large",
                             "The request's header is larger than the server accepts.");
  }
  if (ec == bhttp::error::body_limit) {
    return Response::problem(413, "too_large", "Content Too Large",
                             "The request's body is larger than the server accepts.");
  }
  return Response::problem(400, "malformed_request", "Bad Request",
                           "The request is not valid HTTP/1.1.");
}

asio::awaitable<Response> answer(ServerState& state, Request& request) {
  Response response = handle(state, request);
  if (response.later) response = co_await answer_later(state, request, std::move(response.later));
  co_return response;
}

std::string peer_address(const asio::ip::tcp::socket& socket) {
  beast::error_code ec;
  auto endpoint = socket.remote_endpoint(ec);
  if (ec) return {};
  return normalized_address(endpoint.address().to_string()).value_or(std::string());
}

bool ServerState::admit(const std::string& peer) {
  // Only the accept loop adds connections, so the total's check and count cannot race.
  if (connections.load() >= options.max_connections) return false;
  if (!options.trusted_proxies.contains(peer)) {
    std::lock_guard lock(per_address_mutex);
    int& count = per_address[peer];
    if (count >= options.max_connections_per_address) return false;
    ++count;
  }
  connections.fetch_add(1);
  return true;
}

void ServerState::release(const std::string& peer) {
  if (!options.trusted_proxies.contains(peer)) {
    std::lock_guard lock(per_address_mutex);
    auto it = per_address.find(peer);
    if (it != per_address.end() && --it->second <= 0) per_address.erase(it);
  }
  connections.fetch_sub(1);
}

asio::awaitable<void> serve(asio::ip::tcp::socket socket, ServerState& state, std::string peer) {
  ConnectionSlot slot{state, peer};
  const ServerOptions& options = state.options;
  const std::string& remote = peer;
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;

  while (true) {
    beast::error_code ec;
    // Between requests the idle timeout applies; from the first byte of a
    // request on, the read timeout, so trickling a header in cannot hold on.
    if (buffer.size() == 0) {
      stream.expires_after(options.idle_timeout);
      std::size_t n = co_await stream.async_read_some(buffer.prepare(4096), with(ec));
      if (ec) break;
      buffer.commit(n);
    }
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(options.max_header));
    // Beast compares a Content-Length with the limit as the header ends, so
    // the header is read under the larger limit and the request's own is
    // checked below: imports carry whole organisations and have their own.
    parser.body_limit(std::max(options.max_body, options.max_import_body));
    stream.expires_after(options.read_timeout);
    co_await bhttp::async_read_header(stream, buffer, parser, with(ec));
    const auto start = Clock::now();

    const std::size_t max_body =
        ec ? options.max_body
           : max_body_for(options, parser.get().method_string(), parser.get().target());
    if (!ec) parser.body_limit(max_body);  // for a chunked body, whose length comes later
    std::optional<Response> refusal;
    if (ec) {
      if (client_gone(ec)) break;
      refusal = read_refusal(ec);
    } else if (auto length = parser.content_length(); length && *length > max_body) {
      // Known too large from the header: answer without reading the body.
      refusal = read_refusal(bhttp::error::body_limit);
    } else {
      if (bhttp::header<true>& header = parser.get();
          beast::iequals(header[bhttp::field::expect], "100-continue")) {
        // The client waits for this before sending the body.
        static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
        co_await asio::async_write(stream, asio::buffer(kContinue), with(ec));
        if (ec) break;
      }
      co_await bhttp::async_read(stream, buffer, parser, with(ec));
      if (ec) {
        if (client_gone(ec)) break;
        refusal = read_refusal(ec);
      }
    }
    if (refusal) {
      // The rest of the request is not read, so the connection cannot carry another.
      std::string target(parser.is_header_done() ? parser.get().target() : "");
      std::string method(parser.is_header_done() ? parser.get().method_string() : "-");
      std::size_t bytes = co_await write_response(
          stream, *refusal, {.keep_alive = false, .timeout = options.read_timeout}, ec);
      record(state, method, target, refusal->status, start, bytes);
      co_await lingering_close(stream);
      co_return;
    }

    auto& message = parser.get();
    const bool keep_alive = message.keep_alive();
    const unsigned version = message.version();
    Request request = to_request(message, remote);
    request.remote_address =
        client_address(remote, request.header("x-forwarded-for"), options.trusted_proxies);
    Response response = co_await answer(state, request);

    if (response.stream) {
      StreamOptions stream_options{options.read_timeout, options.sse_keepalive};
      co_await write_event_stream(stream, response, stream_options, [&](bool) {
        // Logged when the header goes out: a stream may last for hours.
        record(state, request.method, request.target, response.status, start, 0);
      });
      break;
    }
    std::size_t bytes = co_await write_response(stream, response,
                                                {.head = request.method == "HEAD",
                                                 .keep_alive = keep_alive,
                                                 .version = version,
                                                 .timeout = options.read_timeout},
                                                ec);
    record(state, request.method, request.target, response.status, start, bytes);
    if (ec || !keep_alive) break;
  }
  beast::error_code ec;
  stream.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ec);
  stream.close();
}

asio::awaitable<void> refuse(asio::ip::tcp::socket socket, ServerState& state) {
  const auto start = Clock::now();
  beast::tcp_stream stream(std::move(socket));
  Response response = Response::problem(503, "unavailable", "Service Unavailable",
                                        "The server has too many connections; try again shortly.");
  response.headers.emplace_back("Retry-After", "1");
  beast::error_code ec;
  // A short deadline: refused connections are not counted, so they must not linger.
  std::size_t bytes = co_await write_response(
      stream, response, {.keep_alive = false, .timeout = std::chrono::seconds(2)}, ec);
  record(state, "-", "", response.status, start, bytes);
  co_await lingering_close(stream);
}

}  // namespace cairn::http::detail
