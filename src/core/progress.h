// Key result progress formulas (DOMAIN.md "Key result progress") and the
// weighted mean every roll-up uses.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>

#include "core/check_in.h"
#include "core/key_result.h"

namespace cairn::core {

// Accumulates a weighted mean by DOMAIN.md's rule: items whose weights are all
// 0 give the plain mean; no items give 0. Items must be added in a fixed order
// for results to be bit-for-bit repeatable.
class WeightedMean {
 public:
  void add(double value, double weight) {
    sum_weighted_ += value * weight;
    sum_weights_ += weight;
    sum_plain_ += value;
    ++count_;
  }
  std::size_t count() const { return count_; }
  double value() const {
    if (count_ == 0) return 0;
    if (sum_weights_ == 0) return sum_plain_ / static_cast<double>(count_);
    return sum_weighted_ / sum_weights_;
  }

 private:
  double sum_weighted_ = 0;
  double sum_weights_ = 0;
  double sum_plain_ = 0;
  std::size_t count_ = 0;
};

inline double clamp01(double x) {
  return std::clamp(x, 0.0, 1.0);
}

// Progress of a key result from its current state.
struct KeyResultProgress {
  double progress = 0;    // p, clamped to [0, 1]
  double attainment = 0;  // the same ratio unclamped, for display
};

// These are inline: a full roll-up calls them for every key result.

// metric: (c − s) / (t − s); 0 while there is no target or s = t.
inline KeyResultProgress metric_progress(double start, std::optional<double> target,
                                         double current) {
  if (!target || *target == start) return {};
  // + 0.0 turns −0 (no change on a decreasing metric) into 0.
  const double ratio = (current - start) / (*target - start) + 0.0;
  return {clamp01(ratio), ratio};
}
// boolean: 1 if done, else 0.
inline KeyResultProgress boolean_progress(bool done) {
  return done ? KeyResultProgress{1, 1} : KeyResultProgress{};
}
// milestones: Σ weight of done milestones / Σ weight (all-zero weights: count of done / count).
KeyResultProgress milestones_progress(std::span<const double> weights, std::uint64_t done);
// band: 1 while low ≤ c ≤ high, else 0; 0 before any value.
inline KeyResultProgress band_progress(double low, double high, std::optional<double> current) {
  if (!current) return {};
  const bool inside = low <= *current && *current <= high;
  return inside ? KeyResultProgress{1, 1} : KeyResultProgress{};
}

// How a key result turns a measurement into progress.
struct MeasureSpec {
  KeyResultKind kind = KeyResultKind::kMetric;
  double start = 0;
  std::optional<double> target;
  double low = 0;
  double high = 0;
  std::span<const double> milestone_weights;
};

// Progress of a check-in or KPI fed key result given its latest measurement
// (nullptr before the first one).
inline KeyResultProgress measured_progress(const MeasureSpec& spec, const Measurement* latest) {
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
