#include "cli/clock.h"

#include <chrono>
#include <cstdlib>
#include <optional>

namespace cairn::cli {

core::Instant system_now() {
  static const std::optional<core::Instant> fixed = [] {
    const char* text = std::getenv("CAIRN_FIXED_NOW");
    return text ? core::parse_rfc3339(text) : std::nullopt;
  }();
  if (fixed) return *fixed;
  return core::Instant{std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count()};
}

}  // namespace cairn::cli
