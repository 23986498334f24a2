// Internal to the server: what one connection's coroutine needs, and the
// coroutines themselves. Only server.cc and connection.cc include this.
#pragma once

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "http/metrics.h"
#include "http/router.h"
#include "http/server.h"

namespace cairn::http::detail {

// Shared by all connections; outlives them (Server::Impl owns it and destroys
// the io_context, and with it every coroutine frame, first).
struct ServerState {
  ServerOptions options;
  Router& router;
  Metrics metrics;
  std::atomic<int> connections{0};  // counted by the accept loop, released by serve()
};

// Serves requests on `socket` until the client leaves, a timeout fires or an
// answer closes the connection. The caller has counted it in `connections`;
// this releases it.
boost::asio::awaitable<void> serve(boost::asio::ip::tcp::socket socket, ServerState& state);

// Answers 503 on a connection over the limit and closes it.
boost::asio::awaitable<void> refuse(boost::asio::ip::tcp::socket socket, ServerState& state);

}  // namespace cairn::http::detail
