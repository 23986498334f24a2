// Program health over a period (docs/maturity.md "Trend"): the figures of
// health.h as they stood at a series of instants, one per check-in cadence
// step, so a chart shows whether a pilot group is getting healthier.
#pragma once

#include <span>
#include <vector>

#include "core/health.h"

namespace cairn::core {

// A chart stays readable, and the cost bounded, with at most this many points.
inline constexpr std::size_t kMaxHealthTrendPoints = 26;

// The instants of a trend: `start`, `start + step`, … while before
// min(end, as_of), then `as_of` itself as the last point. The step is the
// cadence (`cadence_days`), widened to a whole multiple of it when needed to
// keep at most kMaxHealthTrendPoints in all. Before `start` there is only
// `as_of`.
std::vector<Instant> health_trend_instants(Instant start, Instant end, Instant as_of,
                                           int cadence_days);

struct HealthPoint {
  Instant at;
  ProgramHealth health;
};

// Program health of `period` for `units` (health.h) at each instant of
// health_trend_instants over the period, with the organisation's check-in
// cadence as it stood at eval.as_of(). The last point equals
// program_health(eval, period, units). Empty for a period unknown at as_of.
std::vector<HealthPoint> health_trend(const Evaluation& eval, PeriodId period,
                                      std::span<const UnitId> units = {});

}  // namespace cairn::core
