#include "http/forwarded.h"

#include <boost/asio/ip/address.hpp>
#include <charconv>

namespace cairn::http {
namespace {

namespace ip = boost::asio::ip;

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// An IPv4 client on a dual-stack socket shows as ::ffff:a.b.c.d.
std::optional<ip::address> parsed_address(std::string_view text) {
  boost::system::error_code ec;
  ip::address address = ip::make_address(std::string(trimmed(text)), ec);
  if (ec) return std::nullopt;
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    return ip::make_address_v4(ip::v4_mapped, address.to_v6());
  }
  return address;
}

std::array<unsigned char, 16> bytes_of(const ip::address& address) {
  std::array<unsigned char, 16> bytes{};
  if (address.is_v4()) {
    const auto v4 = address.to_v4().to_bytes();
    std::copy(v4.begin(), v4.end(), bytes.begin());
  } else {
    bytes = address.to_v6().to_bytes();
  }
  return bytes;
}

// Whether the first `prefix` bits of `a` and `b` are the same.
bool same_prefix(const std::array<unsigned char, 16>& a, const std::array<unsigned char, 16>& b,
                 unsigned prefix) {
  const unsigned whole = prefix / 8;
  for (unsigned i = 0; i < whole; ++i) {
    if (a[i] != b[i]) return false;
  }
  const unsigned bits = prefix % 8;
  if (bits == 0) return true;
  const auto mask = static_cast<unsigned char>(0xFF << (8 - bits));
  return (a[whole] & mask) == (b[whole] & mask);
}

}  // namespace

std::optional<std::string> normalized_address(std::string_view text) {
  auto address = parsed_address(text);
  if (!address) return std::nullopt;
  return address->to_string();
}

boost::system::result<TrustedProxies, std::string> TrustedProxies::parse(
    const std::vector<std::string>& entries) {
  TrustedProxies proxies;
  for (const std::string& entry : entries) {
    const std::string_view text = trimmed(entry);
    const std::size_t slash = text.find('/');
    auto address = parsed_address(text.substr(0, slash));
    if (!address) return entry;
    Range range{address->is_v4(), bytes_of(*address), address->is_v4() ? 32u : 128u};
    if (slash != std::string_view::npos) {
      const std::string_view digits = text.substr(slash + 1);
      unsigned prefix = 0;
      const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
      if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() ||
          prefix > range.prefix) {
        return entry;
      }
      // "10.0.0.1/8" is a slip for one address or for 10.0.0.0/8: refused
      // rather than guessed.
      const std::array<unsigned char, 16> zero{};
      std::array<unsigned char, 16> host = range.network;
      for (unsigned bit = 0; bit < prefix; ++bit) host[bit / 8] &= ~(0x80 >> (bit % 8));
      if (host != zero) return entry;
      range.prefix = prefix;
    }
    proxies.ranges_.push_back(range);
  }
  return proxies;
}

bool TrustedProxies::contains(std::string_view text) const {
  if (ranges_.empty()) return false;
  const auto address = parsed_address(text);
  if (!address) return false;
  const auto bytes = bytes_of(*address);
  for (const Range& range : ranges_) {
    if (range.v4 == address->is_v4() && same_prefix(range.network, bytes, range.prefix)) {
      return true;
    }
  }
  return false;
}

std::string TrustedProxies::describe() const {
  std::string text;
  for (const Range& range : ranges_) {
    if (!text.empty()) text += ", ";
    if (range.v4) {
      ip::address_v4::bytes_type v4;
      std::copy_n(range.network.begin(), 4, v4.begin());
      text += ip::address_v4(v4).to_string();
    } else {
      text += ip::address_v6(range.network).to_string();
    }
    if (range.prefix != (range.v4 ? 32u : 128u)) text += "/" + std::to_string(range.prefix);
  }
  return text;
}

std::string client_address(const std::string& peer, const std::string* forwarded_for,
                           const TrustedProxies& proxies) {
  if (!forwarded_for || !proxies.contains(peer)) return peer;
  std::string client = peer;
  std::string_view rest = *forwarded_for;
  while (true) {
    const std::size_t comma = rest.rfind(',');
    const std::string_view entry = comma == std::string_view::npos ? rest : rest.substr(comma + 1);
    auto address = normalized_address(entry);
    if (!address) return client;
    client = std::move(*address);
    if (comma == std::string_view::npos || !proxies.contains(client)) return client;
    rest = rest.substr(0, comma);
  }
}

}  // namespace cairn::http
