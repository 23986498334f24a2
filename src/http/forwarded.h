// The address of the client behind a request. Cairn sees its connection's
// peer; behind a reverse proxy that is the proxy. When the server is told
// which peers are its proxies (`cairn serve --trusted-proxy`, an address or a
// range, as often as needed), a request from one of them is taken to come
// from its X-Forwarded-For header, read from the right: each proxy appends
// the address it saw, so the rightmost address that is not itself a trusted
// proxy is the client. Entries left of it are the client's to write, so they
// are never believed; nor is the header from any other peer.
#pragma once

#include <array>
#include <boost/system/result.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cairn::http {

// The address in its usual text form ("10.0.0.1", "2001:db8::1"), or nullopt
// when `text` is not an IPv4 or IPv6 address.
std::optional<std::string> normalized_address(std::string_view text);

// The proxies whose X-Forwarded-For is believed: addresses and CIDR ranges.
class TrustedProxies {
 public:
  // Each entry an address ("10.0.0.2", "2001:db8::2") or a range
  // ("10.0.0.0/8", "fd00::/8"); the error names the first entry that is
  // neither.
  static boost::system::result<TrustedProxies, std::string> parse(
      const std::vector<std::string>& entries);

  bool empty() const { return ranges_.empty(); }
  // Whether `address` (any text form; IPv4-mapped IPv6 counts as IPv4) is one
  // of the proxies. An address that does not parse is not.
  bool contains(std::string_view address) const;
  // The entries as given, normalised ("10.0.0.0/8, 127.0.0.1"), for the log.
  std::string describe() const;

 private:
  // Kept as bytes, so that this header needs no Asio.
  struct Range {
    bool v4 = true;
    std::array<unsigned char, 16> network{};  // the first 4 for IPv4; host bits zero
    unsigned prefix = 0;                      // 32 or 128 for a single address
  };
  std::vector<Range> ranges_;
};

// `peer`, or when `peer` is a trusted proxy the client its X-Forwarded-For
// names: the rightmost entry that is not a trusted proxy (the leftmost when
// they all are). An entry that is not an address stops the walk at the hop to
// its right, which is then the client as far as anyone can tell.
std::string client_address(const std::string& peer, const std::string* forwarded_for,
                           const TrustedProxies& proxies);

}  // namespace cairn::http
