#include "http/stream_writer.h"

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/chunk_encode.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/serializer.hpp>
#include <boost/beast/http/write.hpp>
#include <memory>

#include "http/wire.h"

namespace cairn::http::detail {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using Clock = std::chrono::steady_clock;

constexpr auto kKeepAliveComment = ": keep-alive\n\n";

// True when the `||` below cancelled this coroutine (the other side finished),
// as opposed to push() waking the timer.
asio::awaitable<bool> cancelled() {
  auto state = co_await asio::this_coro::cancellation_state;
  co_return state.cancelled() != asio::cancellation_type::none;
}

// Writes events as they come. Between taking the pending text and starting
// the wait nothing suspends, and push() wakes the timer through the same
// strand, so an event pushed at any moment is either taken or wakes the wait.
asio::awaitable<void> send_events(beast::tcp_stream& stream, EventStream& events,
                                  asio::steady_timer& timer, const StreamOptions& options,
                                  std::size_t& bytes) {
  auto last_sent = Clock::now();
  while (true) {
    bool closed = false;
    std::string text = events.take(closed);
    if (text.empty() && !closed) {
      if (Clock::now() < last_sent + options.keepalive) {
        timer.expires_at(last_sent + options.keepalive);
        beast::error_code ec;
        co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        if (co_await cancelled()) co_return;
        continue;
      }
      text = kKeepAliveComment;
    }
    beast::error_code ec;
    stream.expires_after(options.write_timeout);
    if (!text.empty()) {
      co_await asio::async_write(stream, bhttp::make_chunk(asio::buffer(text)),
                                 asio::redirect_error(asio::use_awaitable, ec));
      if (ec) co_return;
      bytes += text.size();
    }
    if (closed) {
      co_await asio::async_write(stream, bhttp::make_chunk_last(),
                                 asio::redirect_error(asio::use_awaitable, ec));
      co_return;
    }
    // Events may be far apart; only the writes have a deadline.
    stream.expires_never();
    last_sent = Clock::now();
  }
}

// Finishes when the client closes its side (or the socket fails). A client of
// an event stream sends nothing more, so whatever arrives is dropped.
asio::awaitable<void> watch_client(asio::ip::tcp::socket& socket) {
  char scratch[1024];
  beast::error_code ec;
  while (!ec) {
    co_await socket.async_read_some(asio::buffer(scratch),
                                    asio::redirect_error(asio::use_awaitable, ec));
  }
}

}  // namespace

asio::awaitable<std::size_t> write_event_stream(beast::tcp_stream& stream, Response& response,
                                                const StreamOptions& options,
                                                const std::function<void(bool)>& on_header) {
  std::shared_ptr<EventStream> events = response.stream;
  // Detached also when this frame is destroyed unfinished: the server stops,
  // perhaps before the header went out.
  struct Detach {
    EventStream& events;
    ~Detach() { events.detach(); }
  } detach{*events};

  response.content_type = "text/event-stream";
  bhttp::response<bhttp::empty_body> message;
  set_header(message, response);
  message.set(bhttp::field::cache_control, "no-store");
  message.chunked(true);
  message.keep_alive(false);
  bhttp::response_serializer<bhttp::empty_body> serializer(message);
  beast::error_code ec;
  stream.expires_after(options.write_timeout);
  co_await bhttp::async_write_header(stream, serializer,
                                     asio::redirect_error(asio::use_awaitable, ec));
  on_header(!ec);
  if (ec) co_return 0;
  stream.expires_never();

  // push() may run on any thread; it wakes the writer by cancelling the timer
  // from the connection's strand. The weak pointer covers a wake that was
  // posted just before the writer finished.
  auto timer = std::make_shared<asio::steady_timer>(co_await asio::this_coro::executor);
  events->attach([weak = std::weak_ptr(timer), executor = timer->get_executor()] {
    asio::post(executor, [weak] {
      if (auto timer = weak.lock()) timer->cancel();
    });
  });

  using namespace asio::experimental::awaitable_operators;
  std::size_t bytes = 0;
  co_await (send_events(stream, *events, *timer, options, bytes) || watch_client(stream.socket()));
  co_return bytes;
}

}  // namespace cairn::http::detail
