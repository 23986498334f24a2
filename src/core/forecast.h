// Forecast (DOMAIN.md "Forecast", F40): where a key result is heading by its due date.
#pragma once

#include <optional>
#include <span>

#include "core/time.h"

namespace cairn::core {

struct ProgressPoint {
  Instant at;
  double progress = 0;  // p right after the check-in
};

// With two or more check-ins: the least-squares line through (time, p),
// extended to `due`, clamped to [0, 1]. With one: p / e, where e is the
// expected progress at that check-in (the line from the start through it),
// clamped; no forecast when e = 0. With none: no forecast.
std::optional<double> forecast(std::span<const ProgressPoint> points, Instant start, Instant due);

}  // namespace cairn::core
