// Expected progress, status and staleness (DOMAIN.md "Expected progress and
// status"): pure functions of numbers and instants.
#pragma once

#include <optional>
#include <span>

#include "core/key_result.h"
#include "core/settings.h"
#include "core/time.h"

namespace cairn::core {

enum class Status { kNotStarted, kOnTrack, kBehind, kAtRisk, kDone, kClosed };

const char* to_string(Status status);

// e = clamp((T − start) / (due − start), 0, 1).
double expected_linear(Instant start, Instant due, Instant t);

// e following a plan of checkpoints: the planned value at T is interpolated
// between the surrounding checkpoints, with (start, s) before the first and
// (due, target) after the last; e = (planned − s) / (target − s), clamped.
double expected_planned(Instant start, Instant due, double s, double target,
                        std::span<const PlanPoint> plan, Instant t);

struct StatusInputs {
  bool closed = false;               // the objective or its period is closed
  bool can_be_done = true;           // false for a band, judged only at the end
  double progress = 0;               // p or P
  double expected = 0;               // e
  bool started = false;              // there is a check-in (or a contribution) already
  std::optional<double> confidence;  // latest, or a weighted mean for objectives
};

// The five steps of DOMAIN.md in order: closed, done, not started, pace, then
// confidence can only make it worse.
Status status_of(const StatusInputs& in, const StatusThresholds& thresholds);

// A key result is stale when its last check-in (or its creation) is older than
// the cadence plus the grace days while its period runs.
bool is_stale(Instant last_activity, Instant t, const Settings& settings);

}  // namespace cairn::core
