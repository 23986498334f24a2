// Internal to the server: what one connection's coroutine needs, and the
// coroutines themselves. Only server.cc and connection.cc include this, and
// the fuzz targets (fuzz/), which drive a request through the same steps.
#pragma once

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/system/error_code.hpp>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
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

// Errors of a read after which the client is gone or too slow: nobody to answer.
bool client_gone(const boost::system::error_code& ec);

// The largest body a request may have, known from its header: imports and a
// KPI's CSV history take options.max_import_body, the rest options.max_body.
std::size_t max_body_for(const ServerOptions& options, std::string_view method,
                         std::string_view target);

// The answer to a request that could not be read, the client still there:
// 431 for a header over the limit, 413 for a body, else 400.
Response read_refusal(const boost::system::error_code& ec);

// Parses the request's target and asks the router, waiting (without holding
// a thread) for an answer given later (Response::later). A handler that
// throws, or a target that does not parse, is answered too: this never throws.
boost::asio::awaitable<Response> answer(ServerState& state, Request& request);

// Serves requests on `socket` until the client leaves, a timeout fires or an
// answer closes the connection. The caller has counted it in `connections`;
// this releases it (admit() and release()).
boost::asio::awaitable<void> serve(boost::asio::ip::tcp::socket socket, ServerState& state,
                                   std::string peer);

// Answers 503 on a connection over the limit and closes it.
boost::asio::awaitable<void> refuse(boost::asio::ip::tcp::socket socket, ServerState& state);

}  // namespace cairn::http::detail
