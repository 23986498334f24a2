#include "http/forwarded.h"

#include <boost/asio/ip/address.hpp>

namespace cairn::http {
namespace {

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

std::optional<std::string> normalized_address(std::string_view text) {
  boost::system::error_code ec;
  auto address = boost::asio::ip::make_address(std::string(trimmed(text)), ec);
  if (ec) return std::nullopt;
  // An IPv4 client on a dual-stack socket shows as ::ffff:a.b.c.d.
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, address.to_v6())
        .to_string();
  }
  return address.to_string();
}

std::string client_address(const std::string& peer, const std::string* forwarded_for,
                           const std::string& trusted_proxy) {
  if (trusted_proxy.empty() || !forwarded_for) return peer;
  if (normalized_address(peer) != trusted_proxy) return peer;
  std::string_view header = *forwarded_for;
  const std::size_t comma = header.rfind(',');
  if (comma != std::string_view::npos) header.remove_prefix(comma + 1);
  return normalized_address(header).value_or(peer);
}

}  // namespace cairn::http
