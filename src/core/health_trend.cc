#include "core/health_trend.h"

#include <algorithm>

namespace cairn::core {

std::vector<Instant> health_trend_instants(Instant start, Instant end, Instant as_of,
                                           int cadence_days) {
  std::vector<Instant> out;
  const Instant stop = std::min(end, as_of);
  if (start < stop) {
    const std::int64_t cadence = std::max(cadence_days, 1) * kSecondsPerDay;
    const std::int64_t span = stop - start;
    // Points at start + k·step for k with k·step < span: ceil(span / step) of
    // them, which must leave room for as_of.
    const std::int64_t room = static_cast<std::int64_t>(kMaxHealthTrendPoints) - 1;
    const std::int64_t multiple =
        std::max<std::int64_t>(1, (span + room * cadence - 1) / (room * cadence));
    const std::int64_t step = multiple * cadence;
    for (Instant t = start; t < stop; t = t + step) out.push_back(t);
  }
  out.push_back(as_of);
  return out;
}

std::vector<HealthPoint> health_trend(const Evaluation& eval, PeriodId period_id,
                                      std::span<const UnitId> units) {
  const Period* period = eval.period(period_id);
  if (!period) return {};
  const std::vector<Instant> instants =
      health_trend_instants(period->starts_at, period->ends_at, eval.as_of(),
                            cadence_days(eval.settings().check_in.cadence));
  std::vector<HealthPoint> out;
  out.reserve(instants.size());
  for (Instant t : instants) {
    if (t == eval.as_of()) {
      out.push_back(HealthPoint{t, program_health(eval, period_id, units)});
    } else {
      out.push_back(HealthPoint{t, program_health(Evaluation(eval.model(), t), period_id, units)});
    }
  }
  return out;
}

}  // namespace cairn::core
