// Field checks shared by the model's commands (QUALITY.md "Bad input").
#pragma once

#include <cmath>
#include <string>
#include <string_view>

#include "core/result.h"

namespace cairn::core {

inline constexpr std::size_t kMaxTitleLength = 200;
inline constexpr std::size_t kMaxTextLength = 10'000;
// A check-in may be dated this far in the future to allow for clock skew.
inline constexpr std::int64_t kAllowedClockSkewSeconds = 300;

// Lengths count UTF-8 code points, as a person would.
std::size_t utf8_length(std::string_view text);

Result<void> check_title(std::string_view field, std::string_view title);
Result<void> check_text(std::string_view field, std::string_view text);
Result<void> check_finite(std::string_view field, double value);
Result<void> check_weight(std::string_view field, double weight);
Result<void> check_unit_interval(std::string_view field, double value);

}  // namespace cairn::core
