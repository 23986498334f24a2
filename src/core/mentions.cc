#include "core/mentions.h"

#include <algorithm>
#include <cctype>

#include "core/text.h"

namespace cairn::core {
namespace {

bool local_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

bool domain_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || c == '.' || c == '-';
}

}  // namespace

std::vector<std::string> mentioned_emails(std::string_view body) {
  std::vector<std::string> out;
  for (std::size_t at = body.find('@'); at != std::string_view::npos; at = body.find('@', at + 1)) {
    // Inside a word or an address: not a mention.
    if (at > 0 && (local_char(body[at - 1]) || body[at - 1] == '@')) continue;
    std::size_t i = at + 1;
    const std::size_t local_start = i;
    while (i < body.size() && local_char(body[i])) ++i;
    if (i == local_start || i >= body.size() || body[i] != '@') continue;
    const std::size_t domain_start = ++i;
    while (i < body.size() && domain_char(body[i])) ++i;
    std::size_t end = i;
    // A sentence may end right after the address.
    while (end > domain_start && (body[end - 1] == '.' || body[end - 1] == '-')) --end;
    const std::string_view domain = body.substr(domain_start, end - domain_start);
    const std::size_t dot = domain.find('.');
    if (dot == std::string_view::npos || dot == 0) continue;
    std::string email = ascii_lowercase(body.substr(local_start, end - local_start));
    if (email.size() > 254) continue;
    if (std::find(out.begin(), out.end(), email) == out.end()) out.push_back(std::move(email));
    at = end - 1;
  }
  return out;
}

}  // namespace cairn::core
