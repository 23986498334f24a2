#include "http/server.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <optional>
#include <thread>
#include <vector>

#include "http/access_log.h"
#include "http/connection.h"

namespace cairn::http {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

// Member order matters: the io_context is destroyed before `state` (its
// pending coroutine frames still release their connection slots there) and
// after the acceptor, which it owns the service of.
struct Server::Impl {
  Impl(ServerOptions options, Router& router) : state{std::move(options), router} {}

  detail::ServerState state;
  asio::io_context io;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work{
      asio::make_work_guard(io)};
  tcp::acceptor acceptor{io};
  std::vector<std::thread> threads;

  asio::awaitable<void> accept_loop();
  asio::awaitable<void> flush_loop();
};

namespace {

// Nothing may escape a connection's coroutine into io_context::run; what does
// is logged and the connection is dropped.
void log_exception(std::exception_ptr error) {
  if (!error) return;
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    write_log_line("http connection failed: " + std::string(e.what()));
  } catch (...) {
    write_log_line("http connection failed with an unknown exception");
  }
}

}  // namespace

asio::awaitable<void> Server::Impl::accept_loop() {
  while (true) {
    // Each connection gets a strand, so its coroutine and the wake-ups of its
    // event stream never run at the same time, whatever the thread count.
    tcp::socket socket(asio::make_strand(io));
    boost::system::error_code ec;
    co_await acceptor.async_accept(socket, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
      // Out of file descriptors, most likely: back off instead of spinning.
      write_log_line("http accept failed: " + ec.message());
      asio::steady_timer pause(io, std::chrono::milliseconds(50));
      co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      continue;
    }
    // Answers are written whole; Nagle would only hold back the second of two
    // pipelined answers until the client's delayed ACK (40 ms).
    socket.set_option(tcp::no_delay(true), ec);
    auto executor = socket.get_executor();
    std::string peer = detail::peer_address(socket);
    if (!state.admit(peer)) {
      asio::co_spawn(executor, detail::refuse(std::move(socket), state), log_exception);
    } else {
      asio::co_spawn(executor, detail::serve(std::move(socket), state, std::move(peer)),
                     log_exception);
    }
  }
}

// The access log reaches stderr at most 100 ms after its request.
asio::awaitable<void> Server::Impl::flush_loop() {
  asio::steady_timer timer(io);
  while (true) {
    timer.expires_after(std::chrono::milliseconds(100));
    boost::system::error_code ec;
    co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return;
    state.access_log.flush();
  }
}

Server::Server(ServerOptions options, Router& router)
    : impl_(std::make_unique<Impl>(std::move(options), router)) {}

Server::~Server() {
  stop();
}

void Server::listen(const std::string& host, unsigned short port) {
  tcp::resolver resolver(impl_->io);
  auto endpoints = resolver.resolve(host, std::to_string(port), tcp::resolver::passive);
  tcp::endpoint endpoint = endpoints.begin()->endpoint();
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol());
  acceptor.set_option(asio::socket_base::reuse_address(true));
  acceptor.bind(endpoint);
  acceptor.listen(asio::socket_base::max_listen_connections);
  asio::co_spawn(impl_->io, impl_->accept_loop(), log_exception);
  if (impl_->state.options.access_log) {
    asio::co_spawn(impl_->io, impl_->flush_loop(), log_exception);
  }
}

unsigned short Server::port() const {
  boost::system::error_code ec;
  auto endpoint = impl_->acceptor.local_endpoint(ec);
  return ec ? 0 : endpoint.port();
}

void Server::run(int threads) {
  std::vector<std::thread> helpers;
  for (int i = 1; i < threads; ++i) helpers.emplace_back([this] { impl_->io.run(); });
  impl_->io.run();
  for (auto& thread : helpers) thread.join();
}

void Server::start(int threads) {
  for (int i = 0; i < std::max(threads, 1); ++i) {
    impl_->threads.emplace_back([this] { impl_->io.run(); });
  }
}

void Server::stop() {
  impl_->state.gate->close();
  impl_->work.reset();
  impl_->io.stop();
  for (auto& thread : impl_->threads) {
    if (thread.joinable()) thread.join();
  }
  impl_->threads.clear();
  impl_->state.access_log.flush();
}

std::string Server::prometheus_text() const {
  return impl_->state.metrics.prometheus_text();
}

}  // namespace cairn::http
