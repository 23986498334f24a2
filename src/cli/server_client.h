// The CLI's side of the HTTP API, for the commands that work against a
// running server (check-in, status, report). Where the server is and which
// API token to use come from, in order: --server and --token, the
// environment (CAIRN_SERVER, CAIRN_TOKEN), and the config file
// ($CAIRN_CONFIG, else ~/.config/cairn/cli.toml):
//
//   server = "https://okrs.example.com"
//   token = "cairn_…"
//
// libcurl does the HTTP, so Beast stays inside src/http.
#pragma once

#include <boost/json/value.hpp>
#include <string>
#include <string_view>

namespace cairn::cli {

// Exit codes of the commands that talk to a server, for scripts.
inline constexpr int kExitRefused = 1;       // the server said no (unknown key result, 422 …)
inline constexpr int kExitUsage = 2;         // bad options
inline constexpr int kExitUnreachable = 3;   // no server at that address
inline constexpr int kExitUnauthorized = 4;  // no token, or a token the server refuses (401, 403)

struct ClientSettings {
  std::string server;  // "http://localhost:8080"
  std::string token;
};

// Settings from flags, environment and config file; exits 2 when the config
// file is malformed, 4 when there is no token.
ClientSettings client_settings(const std::string& server_flag, const std::string& token_flag,
                               const std::string& command);

struct ApiReply {
  long status = 0;
  boost::json::value body;  // null when the body is not JSON
  std::string text;
};

class ServerClient {
 public:
  ServerClient(ClientSettings settings, std::string command)
      : settings_(std::move(settings)), command_(std::move(command)) {}

  // GET /api/v1 + path; exits 3 when the server cannot be reached, 4 on 401
  // or 403. Other statuses are returned.
  ApiReply get(std::string_view path) const;
  ApiReply post(std::string_view path, const boost::json::value& body) const;

  // The answer of a GET that must succeed (exits 1 with the problem's
  // detail otherwise).
  boost::json::value get_ok(std::string_view path) const;

  // Exits with `code` after printing "cairn COMMAND: message".
  [[noreturn]] void fail(int code, const std::string& message) const;

 private:
  ApiReply send(const char* method, std::string_view path, const std::string* body) const;

  ClientSettings settings_;
  std::string command_;
};

// The problem's detail (or title) of an error reply, for messages.
std::string problem_detail(const ApiReply& reply);

}  // namespace cairn::cli
