// Comparing one unit's OKRs across periods (issue 9, "compare periods"): per
// period the unit's progress, its score and its objectives, and which
// objectives were rolled over from one compared period into another.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "core/evaluation.h"

namespace cairn::core {

// A unit's period score: the mean of the effective scores of the unit's
// scored objectives in the period, weighted by objective weight (all weights 0:
// the plain mean). nullopt when none of them is scored yet. Archived
// objectives take no part, as in unit progress.
std::optional<double> unit_score(const Evaluation& eval, UnitId unit, PeriodId period);

// One compared period.
struct ComparedPeriod {
  PeriodId period;
  double progress = 0;          // Evaluation::unit_progress
  std::optional<double> score;  // unit_score
  // The objectives unit progress weighs (owned by the unit, not archived), in
  // creation order.
  std::vector<ObjectiveId> objectives;
};

// An objective of one compared period and its rollover copy in another.
struct RolloverLink {
  ObjectiveId from;
  ObjectiveId to;
};

struct PeriodComparison {
  std::vector<ComparedPeriod> periods;  // in the order asked for
  // Every copy among the compared objectives whose original is also among
  // them, ordered by the copy's period (as asked) and then its creation.
  std::vector<RolloverLink> rollovers;
};

// `periods` must exist at eval.as_of() and be distinct (callers check).
PeriodComparison compare_periods(const Evaluation& eval, UnitId unit,
                                 std::span<const PeriodId> periods);

}  // namespace cairn::core
