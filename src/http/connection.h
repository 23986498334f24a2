// Internal to the server: what one connection's coroutine needs, and the
// coroutines themselves. Only server.cc and connection.cc include this.
#pragma once

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <mutex>
#include <string>
#include <unordered_map>

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
  // Connections per peer address (the trusted proxy's are not counted here).
  std::mutex per_address_mutex;
  std::unordered_map<std::string, int> per_address;

  // Takes a place for a connection from `peer` (normalized), or returns false
  // when the server or that address is at its limit. Called by the accept loop only.
  bool admit(const std::string& peer);
  // Gives the place back; serve() calls it however it ends.
  void release(const std::string& peer);
};

// The peer's address of a connection, normalized (forwarded.h); empty if unknown.
std::string peer_address(const boost::asio::ip::tcp::socket& socket);

// Serves requests on `socket` until the client leaves, a timeout fires or an
// answer closes the connection. The caller has counted it in `connections`;
// this releases it (admit() and release()).
boost::asio::awaitable<void> serve(boost::asio::ip::tcp::socket socket, ServerState& state,
                                   std::string peer);

// Answers 503 on a connection over the limit and closes it.
boost::asio::awaitable<void> refuse(boost::asio::ip::tcp::socket socket, ServerState& state);

}  // namespace cairn::http::detail
