#include "core/progress.h"

#include <algorithm>

namespace cairn::core {

double clamp01(double x) {
  return std::clamp(x, 0.0, 1.0);
}

KeyResultProgress metric_progress(double start, std::optional<double> target, double current) {
  if (!target || *target == start) return {};
  // + 0.0 turns −0 (no change on a decreasing metric) into 0.
  const double ratio = (current - start) / (*target - start) + 0.0;
  return {clamp01(ratio), ratio};
}

KeyResultProgress boolean_progress(bool done) {
  return done ? KeyResultProgress{1, 1} : KeyResultProgress{};
}

KeyResultProgress milestones_progress(std::span<const double> weights, std::uint64_t done) {
  WeightedMean mean;
  for (std::size_t i = 0; i < weights.size() && i < kMaxMilestones; ++i) {
    mean.add((done >> i) & 1U ? 1.0 : 0.0, weights[i]);
  }
  const double p = mean.value();
  return {p, p};
}

KeyResultProgress band_progress(double low, double high, std::optional<double> current) {
  if (!current) return {};
  const bool inside = low <= *current && *current <= high;
  return inside ? KeyResultProgress{1, 1} : KeyResultProgress{};
}

KeyResultProgress measured_progress(const MeasureSpec& spec, const Measurement* latest) {
  switch (spec.kind) {
    case KeyResultKind::kMetric:
      return metric_progress(spec.start, spec.target, latest ? latest->value : spec.start);
    case KeyResultKind::kBoolean:
      return boolean_progress(latest && latest->done);
    case KeyResultKind::kMilestones:
      return milestones_progress(spec.milestone_weights, latest ? latest->milestones_done : 0);
    case KeyResultKind::kBand:
      return band_progress(spec.low, spec.high,
                           latest ? std::optional<double>(latest->value) : std::nullopt);
  }
  return {};
}

}  // namespace cairn::core
