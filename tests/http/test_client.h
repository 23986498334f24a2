// A deliberately small HTTP/1.1 client over POSIX sockets for the server
// tests: it reads what the server really sends, byte for byte, with its own
// parser (not Beast's), and can misbehave on purpose (half a header, a huge
// body, silence).
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/router.h"
#include "http/server.h"

namespace cairn::http::testing {

using namespace std::chrono_literals;

struct Reply {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
  std::string body;

  const std::string* header(std::string_view name) const;  // name in lower case
};

class TestClient {
 public:
  // Connects to 127.0.0.1, from the loopback address `from` when given (such
  // as "127.0.0.2", to be another client), or fails the test.
  explicit TestClient(unsigned short port, const char* from = nullptr);
  ~TestClient();
  TestClient(const TestClient&) = delete;
  TestClient& operator=(const TestClient&) = delete;

  bool connected() const { return fd_ >= 0; }
  // False when the server has closed or reset the connection.
  bool send(std::string_view data);
  // Reads one answer; nullopt on timeout, close or garbage. `head`: the answer
  // to a HEAD request, which has no body whatever its Content-Length says.
  std::optional<Reply> read_reply(bool head = false, std::chrono::milliseconds timeout = 5s);
  // Reads until `needle` has arrived (anywhere in what was received so far).
  bool wait_for(std::string_view needle, std::chrono::milliseconds timeout = 5s);
  // True when the server closes (or resets) the connection within `timeout`.
  bool closed_within(std::chrono::milliseconds timeout);
  // What was received and not consumed by read_reply.
  const std::string& received() const { return buffer_; }
  void close();

 private:
  enum class Fill { kData, kClosed, kTimeout };
  Fill fill(std::chrono::steady_clock::time_point deadline);

  int fd_ = -1;
  std::string buffer_;
};

// "METHOD target HTTP/1.1" with Host, the given header lines and the body
// (with its Content-Length when there is one).
std::string request_text(std::string_view method, std::string_view target,
                         std::string_view header_lines = "", std::string_view body = "");

// One request on a new connection.
std::optional<Reply> fetch(unsigned short port, std::string_view method, std::string_view target,
                           std::string_view header_lines = "", std::string_view body = "");

// A server on 127.0.0.1 at an ephemeral port, serving on two threads.
class TestServer {
 public:
  explicit TestServer(Router& router, ServerOptions options = quiet());
  ~TestServer() { server.stop(); }
  unsigned short port() const { return server.port(); }

  // Test options: no access log on the test output.
  static ServerOptions quiet();

  Server server;
};

}  // namespace cairn::http::testing
