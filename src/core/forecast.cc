#include "core/forecast.h"

#include "core/progress.h"
#include "core/status.h"

namespace cairn::core {

std::optional<double> forecast(std::span<const ProgressPoint> points, Instant start, Instant due) {
  if (points.empty()) return std::nullopt;
  if (points.size() == 1) {
    const double e = expected_linear(start, due, points[0].at);
    if (e <= 0) return std::nullopt;
    return clamp01(points[0].progress / e);
  }
  // Times relative to the first point, in days, keep the sums well conditioned.
  const Instant origin = points[0].at;
  double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (const ProgressPoint& p : points) {
    const double x = static_cast<double>(p.at - origin) / kSecondsPerDay;
    n += 1;
    sx += x;
    sy += p.progress;
    sxx += x * x;
    sxy += x * p.progress;
  }
  const double denominator = n * sxx - sx * sx;
  if (denominator == 0) return clamp01(sy / n);  // all at one instant: no slope to extend
  const double slope = (n * sxy - sx * sy) / denominator;
  const double intercept = (sy - slope * sx) / n;
  const double x_due = static_cast<double>(due - origin) / kSecondsPerDay;
  return clamp01(intercept + slope * x_due);
}

}  // namespace cairn::core
