// The HTTP/1.1 server: accepts connections, parses requests, asks the Router
// for a Response and writes it back. Asio and Beast stay inside the .cc files.
//
// Promises, whatever clients do:
// - keep-alive, with an idle timeout between requests and a read timeout for
//   each request's header and body (a slow client cannot hold a connection);
// - at most max_connections connections; the next ones get 503 and are closed;
// - a body over max_body gets 413 before it is read, a header over max_header
//   431, a request that does not parse 400; a handler that throws gives 500
//   and is logged; none of them stops the server;
// - every answer carries the security headers (security_headers.h);
// - one access-log line per request on stderr, never with the query string,
//   headers or body, since tokens may travel there.
//
// Handlers run on the server's threads and should not block for long.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "http/forwarded.h"
#include "http/router.h"

namespace cairn::http {

struct ServerOptions {
  std::size_t max_body = 1 << 20;
  std::size_t max_import_body = 50 << 20;  // POST /api/v1/import, a KPI's CSV history
  std::size_t max_header = 16 * 1024;
  std::chrono::seconds read_timeout{30};  // for a request's header and body, and each write
  std::chrono::seconds idle_timeout{60};  // between requests on a kept-alive connection
  int max_connections = 10'000;
  // Simultaneous connections from one peer address, but for the trusted
  // proxies' (which carry everyone's); over it a client gets 503 while
  // others are still served.
  int max_connections_per_address = 100;
  // The reverse proxies (forwarded.h); none: X-Forwarded-For is ignored.
  TrustedProxies trusted_proxies;
  std::chrono::seconds sse_keepalive{15};  // a comment on an event stream this long idle
  bool access_log = true;
};

class Server {
 public:
  // The router must outlive the server.
  Server(ServerOptions options, Router& router);
  ~Server();  // stops the server
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; port 0 picks a free port (see port()). Throws
  // std::runtime_error when the address cannot be bound: a server that cannot
  // listen has nothing else to do.
  void listen(const std::string& host, unsigned short port);
  unsigned short port() const;

  // Serves on `threads` threads, the caller's among them, until stop().
  void run(int threads);
  // Serves on `threads` new threads and returns.
  void start(int threads);
  // Stops serving and waits for start()'s threads. Requests in flight are
  // abandoned and their connections closed. Call it from outside the handlers.
  void stop();

  // Request counts and latencies in Prometheus text format (metrics.h).
  std::string prometheus_text() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cairn::http
