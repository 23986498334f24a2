// Internal to the server: what one connection's coroutine needs, and the
// coroutines themselves. Only server.cc and connection.cc include this.
#pragma once

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "http/access_log.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/server.h"

namespace cairn::http::detail {

// Lets work outside the server (the commit thread) wake a connection only
// while the server runs: once stop() closed it, nothing is posted to an
// io_context about to go away. Shared with that work, so it may outlive the
// server.
class Gate {
 public:
  // Runs `f` (which posts to the server's io_context) unless closed; close()
  // waits for it.
  template <class F>
  void run_if_open(F&& f) {
    std::lock_guard lock(mutex_);
    if (open_) f();
  }
  void close() {
    std::lock_guard lock(mutex_);
    open_ = false;
  }

 private:
  std::mutex mutex_;
  bool open_ = true;
};

// Shared by all connections; outlives them (Server::Impl owns it and destroys
// the io_context, and with it every coroutine frame, first).
struct ServerState {
  ServerOptions options;
  Router& router;
  Metrics metrics;
  std::atomic<int> connections{0};  // counted by the accept loop, released by serve()
  // Connections per peer address (the trusted proxies' are not counted here).
  std::mutex per_address_mutex;
  std::unordered_map<std::string, int> per_address;
  std::shared_ptr<Gate> gate = std::make_shared<Gate>();
  AccessLog access_log;

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
