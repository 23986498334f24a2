// Key results (F6): metric, boolean, milestones or band, and where their value
// comes from.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/objective.h"
#include "core/time.h"

namespace cairn::core {

enum class KeyResultKind : std::uint8_t { kMetric, kBoolean, kMilestones, kBand };
enum class ProgressSource : std::uint8_t { kCheckIns, kChildren, kKpi, kSum };

// Milestones are kept as a bit set in check-ins, so a key result has at most 64.
inline constexpr std::size_t kMaxMilestones = 64;

struct Milestone {
  std::string title;
  double weight = 1;
};

// A checkpoint of a phased target (F17b): the value planned at an instant.
struct PlanPoint {
  Instant at;
  double value = 0;
};

struct KeyResult {
  KeyResultId id;
  ObjectiveId objective;
  std::string title;
  PersonId owner;  // "every key result has an owner" is a rule, so it may be missing
  KeyResultKind kind = KeyResultKind::kMetric;
  double start = 0;              // metric: s (also c until the first check-in)
  std::optional<double> target;  // metric: t (≠ s)
  std::string unit;              // %, $, count, ...
  double low = 0;                // band
  double high = 0;               // band
  std::vector<Milestone> milestones;
  double weight = 1;
  std::optional<Instant> starts_at;  // own start; default the period start
  std::optional<Instant> due_at;     // due date's end; default the period end
  ProgressSource source = ProgressSource::kCheckIns;
  KpiId kpi;
  std::vector<PersonId> delegates;
  std::vector<PlanPoint> plan;  // sorted by instant
  bool archived = false;
  Instant created_at;

  // Frozen at close (score = p rounded to two decimals), plus an optional override.
  std::optional<double> score;
  bool graded_done = false;
  std::optional<ScoreOverride> score_override;

  std::optional<double> effective_score() const {
    return score_override ? std::optional<double>(score_override->score) : score;
  }
};

}  // namespace cairn::core
