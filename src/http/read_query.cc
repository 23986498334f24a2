#include "http/read_query.h"

#include <charconv>

namespace cairn::http {
namespace {

// Cursors are opaque to clients; inside they hold the offset of the next page.
// Offsets (rather than the last id) keep one scheme for lists in any order,
// such as check-ins newest first.
constexpr std::string_view kCursorPrefix = "cur_";

std::optional<std::size_t> parse_count(std::string_view text) {
  std::size_t value = 0;
  if (text.empty() || text.size() > 9) return std::nullopt;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

core::Result<core::Instant> as_of(const Request& request, core::Instant now) {
  const auto it = request.query.find("as_of");
  if (it == request.query.end()) return now;
  const auto instant = core::parse_rfc3339(it->second);
  if (!instant) {
    return core::invalid("as_of", "an RFC 3339 instant is expected, e.g. 2026-05-15T12:00:00Z");
  }
  return *instant;
}

std::optional<std::string> Page::next_cursor(std::size_t total) const {
  if (end(total) >= total) return std::nullopt;
  return std::string(kCursorPrefix) + std::to_string(end(total));
}

core::Result<Page> page(const Request& request) {
  Page page;
  if (const auto it = request.query.find("limit"); it != request.query.end()) {
    const auto limit = parse_count(it->second);
    if (!limit || *limit < 1 || *limit > kMaxLimit) {
      return core::invalid("limit", "an integer from 1 to 1000 is expected");
    }
    page.limit = *limit;
  }
  if (const auto it = request.query.find("cursor"); it != request.query.end()) {
    const std::string_view text = it->second;
    const auto offset = text.starts_with(kCursorPrefix)
                            ? parse_count(text.substr(kCursorPrefix.size()))
                            : std::nullopt;
    if (!offset) return core::invalid("cursor", "not a cursor from a previous answer");
    page.offset = *offset;
  }
  return page;
}

core::PeriodId running_period(const core::Evaluation& eval) {
  return eval.running_period();
}

core::Result<core::PeriodId> named_or_running_period(const core::Evaluation& eval,
                                                     std::optional<core::PeriodId> named) {
  if (named) {
    if (!eval.period(*named)) return core::not_found("period");
    return *named;
  }
  const core::PeriodId running = eval.running_period();
  if (!running.valid()) {
    return core::invalid("period_id", "no period is running at as_of: name one");
  }
  return running;
}

}  // namespace cairn::http
