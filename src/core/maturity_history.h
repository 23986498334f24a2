// How the maturity stage grew, cycle by cycle (docs/maturity.md "History"):
// the assessment as it stood at the end of each period that had ended.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/maturity.h"

namespace cairn::core {

// The assessment as of one period's end.
struct MaturityMilestone {
  PeriodId period;
  std::string name;  // as the period was named at the evaluation's instant
  Date end_date;
  Instant ends_at;
  MaturityStage stage = MaturityStage::kCurious;
  std::size_t passed = 0;  // criteria that passed …
  std::size_t total = 0;   // … of all criteria listed
};

// Every period of any kind that existed at eval.as_of() and had ended by then
// (its end, the start of the day after its end date, is at or before as_of),
// oldest first: by end, then by start (a year before its last quarter), then
// by id. Each is assessed as of its end: what was known then, not what was
// recorded later about that period.
std::vector<MaturityMilestone> maturity_history(const Evaluation& eval);

}  // namespace cairn::core
