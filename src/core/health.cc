#include "core/health.h"

#include <map>
#include <set>

#include "core/facts.h"

namespace cairn::core {
namespace {

HealthFigure figure(std::size_t numerator, std::size_t denominator) {
  HealthFigure f{numerator, denominator, 0, denominator > 0};
  if (f.defined) f.ratio = static_cast<double>(numerator) / static_cast<double>(denominator);
  return f;
}

// The units in scope (with their sub-units) and the people in them.
struct Scope {
  bool everything = true;
  std::set<std::uint32_t> units;
  std::set<std::uint32_t> people;

  bool holds(const Objective& o) const {
    if (everything) return true;
    return o.owner.is_unit() ? units.contains(o.owner.unit.value())
                             : people.contains(o.owner.person.value());
  }
};

Scope scope_of(const Evaluation& eval, std::span<const UnitId> roots) {
  Scope scope;
  if (roots.empty()) return scope;
  scope.everything = false;
  for (UnitId root : roots) scope.units.insert(root.value());
  // Sub-units: keep adding units whose parent is in scope until nothing changes.
  for (bool grew = true; grew;) {
    grew = false;
    for (std::uint32_t i = 0; i < eval.model().unit_count(); ++i) {
      const Unit* u = eval.unit(UnitId{i});
      if (u && u->parent.valid() && scope.units.contains(u->parent.value()) &&
          scope.units.insert(i).second) {
        grew = true;
      }
    }
  }
  for (std::uint32_t i : scope.units) {
    if (const Unit* u = eval.unit(UnitId{i})) {
      for (PersonId p : u->members) scope.people.insert(p.value());
      if (u->lead.valid()) scope.people.insert(u->lead.value());
    }
  }
  return scope;
}

}  // namespace

ProgramHealth program_health(const Evaluation& eval, PeriodId period_id,
                             std::span<const UnitId> units) {
  const Model& model = eval.model();
  const Instant t = eval.as_of();
  const Scope scope = scope_of(eval, units);
  ProgramHealth out;

  std::size_t invited = 0, signed_in = 0;
  for (std::uint32_t i = 0; i < model.person_count(); ++i) {
    const Person* p = eval.person(PersonId{i});
    if (!p || !p->active || (!scope.everything && !scope.people.contains(i))) continue;
    ++invited;
    signed_in += p->first_sign_in && *p->first_sign_in <= t ? 1 : 0;
  }
  out.onboarding = figure(signed_in, invited);

  const Period* period = eval.period(period_id);
  if (!period) return out;
  const std::vector<const Objective*> objectives = objectives_where(eval, [&](const Objective& o) {
    return o.period == period_id && counts(o) && scope.holds(o);
  });

  const std::int64_t cadence = cadence_days(eval.settings().check_in.cadence) * kSecondsPerDay;
  std::size_t active_krs = 0, recent = 0, non_company = 0, aligned = 0, open = 0;
  std::map<std::uint64_t, std::size_t> per_owner;
  for (const Objective* o : objectives) {
    open += o->visibility == Visibility::kPublic ? 1 : 0;
    ++per_owner[o->owner.is_unit() ? (1ULL << 32) | o->owner.unit.value()
                                   : o->owner.person.value()];
    if (!is_company_objective(eval, *o)) {
      ++non_company;
      aligned += is_aligned(eval, o->id) ? 1 : 0;
    }
    if (o->state != ObjectiveState::kActive) continue;
    for (KeyResultId kr : model.key_results_of(o->id)) {
      const KeyResult* k = eval.key_result(kr);
      if (!k || k->archived) continue;
      ++active_krs;
      const CheckIn* last = eval.latest_check_in(kr);
      recent += last && t - last->at <= cadence ? 1 : 0;
    }
  }
  out.activity = figure(recent, active_krs);
  out.alignment = figure(aligned, non_company);
  out.transparency = figure(open, objectives.size());
  std::size_t within = 0;
  for (const auto& [owner, count] : per_owner) {
    within += static_cast<int>(count) <= eval.settings().max_objectives_per_owner ? 1 : 0;
  }
  out.focus = figure(within, per_owner.size());
  out.objectives_per_owner = per_owner.empty() ? 0
                                               : static_cast<double>(objectives.size()) /
                                                     static_cast<double>(per_owner.size());

  if (period->state_at(t) == PeriodState::kClosed) {
    out.attainment_is_score = true;
    double sum = 0;
    std::size_t n = 0;
    for (const Objective* o : objectives) {
      if (o->closed() && o->effective_score()) {
        sum += *o->effective_score();
        ++n;
      }
    }
    if (n > 0) out.attainment = sum / static_cast<double>(n);
  } else if (!objectives.empty()) {
    double sum = 0;
    for (const Objective* o : objectives) {
      const ObjectiveView v = eval.objective_view(o->id);
      sum += v.progress - v.expected;
    }
    out.attainment = sum / static_cast<double>(objectives.size());
  }
  return out;
}

}  // namespace cairn::core
