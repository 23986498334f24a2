#include "cli/terminal.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/validation.h"

namespace cairn::cli {

Style Style::for_stdout(bool no_colour) {
  return Style(!no_colour && isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr);
}

std::string Style::paint(std::string_view text, const char* code) const {
  if (!colour_) return std::string(text);
  return std::string("\x1b[") + code + "m" + std::string(text) + "\x1b[0m";
}

std::string Style::status(core::Status status) const {
  switch (status) {
    case core::Status::kOnTrack:
      return paint("on track   ", "32");
    case core::Status::kDone:
      return paint("done       ", "1;32");
    case core::Status::kBehind:
      return paint("behind     ", "33");
    case core::Status::kAtRisk:
      return paint("at risk    ", "1;31");
    case core::Status::kNotStarted:
      return paint("not started", "2");
    case core::Status::kClosed:
      return paint("closed     ", "34");
  }
  return "";
}

std::string Style::score(double score) const {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.2f", score);
  switch (core::score_colour(score)) {
    case core::ScoreColour::kRed:
      return paint(buffer, "31");
    case core::ScoreColour::kYellow:
      return paint(buffer, "33");
    case core::ScoreColour::kGreen:
      return paint(buffer, "32");
  }
  return buffer;
}

std::string Style::bar(double progress, int width) const {
  const int filled = static_cast<int>(std::lround(std::clamp(progress, 0.0, 1.0) * width));
  std::string full, empty;
  for (int i = 0; i < filled; ++i) full += "█";
  for (int i = filled; i < width; ++i) empty += "░";
  return paint(full, "36") + paint(empty, "2");
}

std::string Style::dim(std::string_view text) const {
  return paint(text, "2");
}
std::string Style::bold(std::string_view text) const {
  return paint(text, "1");
}

std::string fit(std::string_view text, std::size_t width) {
  const std::size_t length = core::utf8_length(text);
  if (length <= width) return std::string(text) + std::string(width - length, ' ');
  // Cut at a character boundary, leaving room for the ellipsis.
  std::string out;
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) != 0x80) {
      if (count == width - 1) break;
      ++count;
    }
    out += text[i];
  }
  return out + "…";
}

std::string format_value(double value) {
  char buffer[64];
  if (std::abs(value) >= 1000 && value == std::floor(value)) {
    std::snprintf(buffer, sizeof buffer, "%.0f", std::abs(value));
    std::string digits = buffer, grouped;
    for (std::size_t i = 0; i < digits.size(); ++i) {
      if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
      grouped += digits[i];
    }
    return (value < 0 ? "-" : "") + grouped;
  }
  std::snprintf(buffer, sizeof buffer, "%.10g", std::round(value * 100) / 100);
  return buffer;
}

std::string percent(double ratio) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%3.0f%%", ratio * 100);
  return buffer;
}

}  // namespace cairn::cli
