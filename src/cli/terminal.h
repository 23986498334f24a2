// Small helpers for readable terminal output: colours (only on a terminal),
// progress bars, and padding that counts characters, not bytes.
#pragma once

#include <string>
#include <string_view>

#include "core/scoring.h"
#include "core/status.h"

namespace cairn::cli {

class Style {
 public:
  explicit Style(bool colour) : colour_(colour) {}
  // Colours on a terminal, unless --no-color or NO_COLOR says otherwise.
  static Style for_stdout(bool no_colour);

  std::string status(core::Status status) const;           // "on track" in its colour
  std::string score(double score) const;                   // "0.72" in its band's colour
  std::string bar(double progress, int width = 10) const;  // "██████░░░░"
  std::string dim(std::string_view text) const;
  std::string bold(std::string_view text) const;

 private:
  std::string paint(std::string_view text, const char* code) const;
  bool colour_;
};

// Pads or cuts `text` to exactly `width` characters (UTF-8 aware), cutting with "…".
std::string fit(std::string_view text, std::size_t width);

// "41.2", "600,000", "0.5": a value as a person would write it.
std::string format_value(double value);

// "62%"
std::string percent(double ratio);

}  // namespace cairn::cli
