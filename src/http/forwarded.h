// The address of the client behind a request. Cairn sees its connection's
// peer; behind a reverse proxy that is the proxy. When the server is told the
// proxy's address (`cairn serve --trusted-proxy`), a request from that peer is
// taken to come from the last address in its X-Forwarded-For header: the one
// the proxy itself appended. Earlier entries are the client's to write, so
// they are never believed; nor is the header from any other peer.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cairn::http {

// The address in its usual text form ("10.0.0.1", "2001:db8::1"), or nullopt
// when `text` is not an IPv4 or IPv6 address.
std::optional<std::string> normalized_address(std::string_view text);

// `peer`, or the last X-Forwarded-For address when `peer` is `trusted_proxy`
// (normalized; empty: none) and the header's last entry is an address.
std::string client_address(const std::string& peer, const std::string* forwarded_for,
                           const std::string& trusted_proxy);

}  // namespace cairn::http
