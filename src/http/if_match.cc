#include "http/if_match.h"

#include <charconv>
#include <string>

namespace cairn::http {

core::Result<std::optional<std::int64_t>> if_match(const Request& request) {
  const std::string* header = request.header("if-match");
  if (!header || *header == "*") return std::optional<std::int64_t>();
  const std::string& h = *header;
  std::int64_t version = 0;
  if (h.size() >= 3 && h.front() == '"' && h.back() == '"') {
    const char* first = h.data() + 1;
    const char* last = h.data() + h.size() - 1;
    auto [end, error] = std::from_chars(first, last, version);
    if (error == std::errc() && end == last && version >= 0) {
      return std::optional<std::int64_t>(version);
    }
  }
  return core::Error{
      core::ErrorCode::kMalformed, "If-Match must be a quoted version, such as \"3\"", {}, {}, {}};
}

}  // namespace cairn::http
