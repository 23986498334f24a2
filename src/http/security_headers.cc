#include "http/security_headers.h"

#include <algorithm>
#include <string_view>

namespace cairn::http {
namespace {

bool unsafe(std::string_view text) {
  return text.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos;
}

}  // namespace

void add_security_headers(Response& response) {
  std::erase_if(response.headers,
                [](const auto& header) { return unsafe(header.first) || unsafe(header.second); });
  auto set_default = [&](const char* name, const char* value) {
    if (response.header(name) == nullptr) response.headers.emplace_back(name, value);
  };
  // No inline script and no framing: the web app loads everything from its own
  // origin, so this costs it nothing and stops injected markup and clickjacking.
  // Plugins and a <base> pointing elsewhere are refused by name: neither falls
  // back to default-src in every browser, and the app uses neither.
  set_default("Content-Security-Policy", kContentSecurityPolicy);
  set_default("X-Content-Type-Options", "nosniff");
  set_default("Referrer-Policy", "same-origin");
  set_default("X-Frame-Options", "DENY");
  // Browsers heed HSTS only over HTTPS (RFC 6797, 8.1), so it costs a plain
  // HTTP server nothing; behind a TLS proxy it keeps them on HTTPS for a year.
  set_default("Strict-Transport-Security", "max-age=31536000");
  // Only browsers from before CSP filter reflected scripts; blocking the page
  // is their safe mode (their filter's rewriting could itself be abused).
  set_default("X-XSS-Protection", "1; mode=block");
  // API answers hold private data; no cache along the way may keep them.
  set_default("Cache-Control", "no-store");
}

}  // namespace cairn::http
