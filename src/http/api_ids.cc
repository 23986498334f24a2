#include "http/api_ids.h"

#include <charconv>

namespace cairn::http {

std::string api_id(std::string_view prefix, std::uint64_t index) {
  return std::string(prefix) + std::to_string(index);
}

std::optional<std::uint32_t> parse_api_id(std::string_view prefix, std::string_view text) {
  if (!text.starts_with(prefix)) return std::nullopt;
  text.remove_prefix(prefix.size());
  if (text.empty() || text.size() > 10 || (text.size() > 1 && text[0] == '0')) return std::nullopt;
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() ||
      value >= core::Id<struct Any>::kInvalid) {
    return std::nullopt;
  }
  return static_cast<std::uint32_t>(value);
}

}  // namespace cairn::http
