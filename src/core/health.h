// Program health (DOMAIN.md "Program health", F39): how an OKR program is doing
// for a set of units — a pilot group or the whole organisation — in a period.
#pragma once

#include <optional>
#include <span>

#include "core/evaluation.h"

namespace cairn::core {

// "12 / 15": a share with its parts, so people see what it was computed from.
struct HealthFigure {
  std::size_t numerator = 0;
  std::size_t denominator = 0;
  // numerator / denominator; 0 when there is nothing to count (see `defined`).
  double ratio = 0;
  bool defined = false;
};

struct ProgramHealth {
  HealthFigure onboarding;  // people who signed in at least once / people invited
  HealthFigure activity;    // active key results checked in within the cadence / active key results
  HealthFigure alignment;   // aligned non-company objectives / non-company objectives
  HealthFigure transparency;        // public objectives / objectives
  HealthFigure focus;               // owners within max_objectives_per_owner / owners
  double objectives_per_owner = 0;  // the mean number of objectives per owner
  // Closed period: the mean score of its closed objectives. Open period: the mean
  // of P − e over its objectives (above 0: ahead of pace). nullopt: no objectives.
  std::optional<double> attainment;
  bool attainment_is_score = false;
};

// `units` empty means the whole organisation. A unit includes its sub-units,
// the people who are their members, and those people's own objectives.
ProgramHealth program_health(const Evaluation& eval, PeriodId period,
                             std::span<const UnitId> units = {});

}  // namespace cairn::core
