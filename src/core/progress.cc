#include "core/progress.h"

namespace cairn::core {

KeyResultProgress milestones_progress(std::span<const double> weights, std::uint64_t done) {
  WeightedMean mean;
  for (std::size_t i = 0; i < weights.size() && i < kMaxMilestones; ++i) {
    mean.add((done >> i) & 1U ? 1.0 : 0.0, weights[i]);
  }
  const double p = mean.value();
  return {p, p};
}

}  // namespace cairn::core
