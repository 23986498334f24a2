// Organisation settings that the rules read: status thresholds, check-in
// cadence, rules of engagement. Defaults are DOMAIN.md's.
#pragma once

#include <set>

namespace cairn::core {

enum class Cadence { kWeekly, kBiweekly, kMonthly };

struct CheckInCadence {
  Cadence cadence = Cadence::kWeekly;
  int weekday = 1;  // ISO weekday of the check-in day, 1 = Monday
  int hour = 9;     // local hour of the reminder
};

// Days between expected check-ins for a cadence (monthly counts as 31 days, so
// a check-in on the same date each month is never late).
int cadence_days(Cadence cadence);

struct StatusThresholds {
  double behind_gap = 0.10;           // g = e − p above this is behind
  double at_risk_gap = 0.25;          // g above this is at risk
  double not_started_until = 0.15;    // with no check-in, e up to this is not started
  double at_risk_confidence_max = 3;  // confidence at or below: at least at risk
  double behind_confidence_max = 6;   // confidence at or below: at least behind
};

// The rules of engagement (DOMAIN.md), by their stable ids.
enum class RuleId {
  kMaxObjectivesPerOwner,   // "max_objectives_per_owner"
  kKeyResultsPerObjective,  // "key_results_per_objective"
  kKeyResultHasOwner,       // "key_result_has_owner"
  kMetricIsMeasurable,      // "metric_is_measurable": a metric has a target and a unit
  kObjectiveHasKeyResults,  // "objective_has_key_results"
  kOutputNotOutcome,        // "output_not_outcome"
};

struct Settings {
  int max_objectives_per_owner = 3;
  int min_key_results = 3;
  int max_key_results = 5;
  std::set<RuleId> enforce;  // rules that refuse a breaking write instead of warning
  CheckInCadence check_in;
  StatusThresholds status;
  int stale_grace_days = 2;  // a key result is stale after the cadence plus this
};

}  // namespace cairn::core
