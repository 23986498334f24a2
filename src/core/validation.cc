#include "core/validation.h"

namespace cairn::core {

std::size_t utf8_length(std::string_view text) {
  std::size_t count = 0;
  for (unsigned char c : text) count += (c & 0xC0) != 0x80 ? 1 : 0;
  return count;
}

Result<void> check_title(std::string_view field, std::string_view title) {
  if (title.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return invalid(std::string(field), "must not be empty");
  }
  if (utf8_length(title) > kMaxTitleLength) {
    return invalid(std::string(field), "must be at most 200 characters");
  }
  return {};
}

Result<void> check_text(std::string_view field, std::string_view text) {
  if (utf8_length(text) > kMaxTextLength) {
    return invalid(std::string(field), "must be at most 10000 characters");
  }
  return {};
}

Result<void> check_finite(std::string_view field, double value) {
  if (!std::isfinite(value)) return invalid(std::string(field), "must be a finite number");
  return {};
}

Result<void> check_weight(std::string_view field, double weight) {
  if (!std::isfinite(weight) || weight < 0) {
    return invalid(std::string(field), "must be a finite number ≥ 0");
  }
  return {};
}

Result<void> check_unit_interval(std::string_view field, double value) {
  if (!std::isfinite(value) || value < 0 || value > 1) {
    return invalid(std::string(field), "must be a number between 0 and 1");
  }
  return {};
}

}  // namespace cairn::core
