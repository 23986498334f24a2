// How deliveries leave the server: an HTTP POST (webhooks) and an email
// (SMTP). Behind an interface so the outbox can be tested with failures
// injected; curl_transport.h is the real one.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/result.h"

namespace cairn::app {

struct HttpPost {
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

struct Email {
  std::string to;
  std::string subject;
  std::string body;  // plain text, UTF-8
};

class Transport {
 public:
  virtual ~Transport() = default;
  // Succeeds only on a 2xx answer; the error's message says what went wrong
  // ("HTTP 503", "connection refused", "timed out").
  virtual core::Result<void> post(const HttpPost& post) = 0;
  // kUnavailable when SMTP is not configured or the server refused it.
  virtual core::Result<void> send(const Email& email) = 0;
};

}  // namespace cairn::app
