#include "core/status.h"

#include <algorithm>

#include "core/progress.h"

namespace cairn::core {

const char* to_string(Status status) {
  switch (status) {
    case Status::kNotStarted:
      return "not_started";
    case Status::kOnTrack:
      return "on_track";
    case Status::kBehind:
      return "behind";
    case Status::kAtRisk:
      return "at_risk";
    case Status::kDone:
      return "done";
    case Status::kClosed:
      return "closed";
  }
  return "not_started";
}

double expected_linear(Instant start, Instant due, Instant t) {
  if (!(start < due)) return t < start ? 0.0 : 1.0;
  return clamp01(static_cast<double>(t - start) / static_cast<double>(due - start));
}

double expected_planned(Instant start, Instant due, double s, double target,
                        std::span<const PlanPoint> plan, Instant t) {
  if (plan.empty() || target == s) return expected_linear(start, due, t);
  // Walk the segments (start, s) → plan… → (due, target) and interpolate in the one holding t.
  Instant from_at = start;
  double from_value = s;
  double planned = target;
  bool placed = false;
  auto segment = [&](Instant to_at, double to_value) {
    if (placed) return;
    if (t <= to_at) {
      const double span = static_cast<double>(to_at - from_at);
      const double f =
          span <= 0 ? 1.0 : std::clamp(static_cast<double>(t - from_at) / span, 0.0, 1.0);
      planned = from_value + f * (to_value - from_value);
      placed = true;
    }
    from_at = to_at;
    from_value = to_value;
  };
  if (t <= start) return 0;
  for (const PlanPoint& point : plan) segment(point.at, point.value);
  segment(due, target);
  return clamp01((planned - s) / (target - s));
}

Status status_of(const StatusInputs& in, const StatusThresholds& th) {
  if (in.closed) return Status::kClosed;
  if (in.can_be_done && in.progress >= 1) return Status::kDone;
  if (!in.started && in.expected <= th.not_started_until) return Status::kNotStarted;
  const double gap = in.expected - in.progress;
  Status status = Status::kOnTrack;
  if (gap > th.at_risk_gap) {
    status = Status::kAtRisk;
  } else if (gap > th.behind_gap) {
    status = Status::kBehind;
  }
  if (in.confidence) {
    if (*in.confidence <= th.at_risk_confidence_max) {
      status = Status::kAtRisk;
    } else if (*in.confidence <= th.behind_confidence_max && status == Status::kOnTrack) {
      status = Status::kBehind;
    }
  }
  return status;
}

bool is_stale(Instant last_activity, Instant t, const Settings& settings) {
  const std::int64_t allowed = static_cast<std::int64_t>(cadence_days(settings.check_in.cadence) +
                                                         settings.stale_grace_days) *
                               kSecondsPerDay;
  return t - last_activity > allowed;
}

}  // namespace cairn::core
