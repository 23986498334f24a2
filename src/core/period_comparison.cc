#include "core/period_comparison.h"

#include <set>

#include "core/progress.h"

namespace cairn::core {
namespace {

// The unit's objectives in the period as they stood: the set unit progress weighs.
std::vector<const Objective*> unit_objectives(const Evaluation& eval, UnitId unit,
                                              PeriodId period) {
  std::vector<const Objective*> out;
  for (ObjectiveId id : eval.model().objectives_in(period)) {
    const Objective* o = eval.objective(id);
    // An objective may have moved to another period since it was created there.
    if (!o || o->archived() || o->period != period || o->owner.unit != unit) continue;
    out.push_back(o);
  }
  return out;
}

}  // namespace

std::optional<double> unit_score(const Evaluation& eval, UnitId unit, PeriodId period) {
  WeightedMean mean;
  for (const Objective* o : unit_objectives(eval, unit, period)) {
    if (const std::optional<double> score = eval.objective_view(o->id).score) {
      mean.add(*score, o->weight);
    }
  }
  if (mean.count() == 0) return std::nullopt;
  return mean.value();
}

PeriodComparison compare_periods(const Evaluation& eval, UnitId unit,
                                 std::span<const PeriodId> periods) {
  PeriodComparison out;
  std::set<std::uint32_t> compared;
  for (PeriodId period : periods) {
    ComparedPeriod p;
    p.period = period;
    p.progress = eval.unit_progress(unit, period);
    p.score = unit_score(eval, unit, period);
    for (const Objective* o : unit_objectives(eval, unit, period)) {
      p.objectives.push_back(o->id);
      compared.insert(o->id.value());
    }
    out.periods.push_back(std::move(p));
  }
  for (const ComparedPeriod& p : out.periods) {
    for (ObjectiveId id : p.objectives) {
      const ObjectiveId from = eval.objective(id)->rolled_over_from;
      if (from.valid() && compared.contains(from.value())) {
        out.rollovers.push_back(RolloverLink{from, id});
      }
    }
  }
  return out;
}

}  // namespace cairn::core
