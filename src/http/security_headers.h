// The headers every answer carries (QUALITY.md: security headers on every
// page), and the check that a handler's own headers cannot break the framing.
#pragma once

#include "http/response.h"

namespace cairn::http {

inline constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

// Adds Content-Security-Policy, X-Content-Type-Options, Referrer-Policy,
// X-Frame-Options, Strict-Transport-Security, X-XSS-Protection and
// Cache-Control: no-store, each unless the handler set it
// (static files may want caching). Drops headers whose name or value holds a
// line break or NUL, which would let a value smuggle in a header of its own.
void add_security_headers(Response& response);

}  // namespace cairn::http
