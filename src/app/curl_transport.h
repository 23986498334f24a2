// The Transport of a running server, on libcurl: webhooks as HTTP POSTs and
// email over SMTP, each with short timeouts so a dead endpoint costs the
// outbox worker seconds, never the server's request threads.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "app/transport.h"

namespace cairn::app {

struct SmtpOptions {
  // "smtp://host:port" (STARTTLS when tls is "starttls") or "smtps://host:port"
  // (TLS from the start); empty: no email.
  std::string url;
  std::string tls = "starttls";  // "none", "starttls" (required) or "tls"
  std::string username;
  std::string password;
  std::string from;  // the sender address, e.g. "cairn@example.com"
};

class CurlTransport final : public Transport {
 public:
  explicit CurlTransport(SmtpOptions smtp = {},
                         std::chrono::milliseconds timeout = std::chrono::seconds(10));
  core::Result<void> post(const HttpPost& post) override;
  core::Result<void> send(const Email& email) override;

 private:
  SmtpOptions smtp_;
  std::chrono::milliseconds timeout_;
};

// An HTTP(S) GET, for KPI pulls (kpi_puller.h).
struct HttpGet {
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::chrono::milliseconds timeout = std::chrono::seconds(10);
  std::size_t max_body = 1 << 20;  // a longer answer is an error, not a value
};
struct HttpAnswer {
  long status = 0;
  std::string body;
};
// The answer whatever its status; kUnavailable when there is none ("timed
// out", "connection refused", "answer longer than 1 MiB").
core::Result<HttpAnswer> http_get(const HttpGet& get);

}  // namespace cairn::app
