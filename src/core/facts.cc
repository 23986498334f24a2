#include "core/facts.h"

#include <algorithm>

namespace cairn::core {

bool counts(const Objective& o) {
  return o.state == ObjectiveState::kActive || o.state == ObjectiveState::kClosed;
}

int unit_depth(const Evaluation& eval, UnitId unit) {
  int depth = 0;
  // Bounded by the number of units: the hierarchy is a tree, but a guard costs nothing.
  for (const Unit* u = eval.unit(unit);
       u && u->parent.valid() && depth <= static_cast<int>(eval.model().unit_count());
       u = eval.unit(u->parent)) {
    ++depth;
  }
  return depth;
}

int objective_level(const Evaluation& eval, const Objective& o) {
  if (o.owner.is_unit()) return unit_depth(eval, o.owner.unit);
  for (std::uint32_t i = 0; i < eval.model().unit_count(); ++i) {
    const Unit* u = eval.unit(UnitId{i});
    if (u && !u->archived &&
        std::find(u->members.begin(), u->members.end(), o.owner.person) != u->members.end()) {
      return unit_depth(eval, u->id) + 1;
    }
  }
  return 1;
}

std::size_t parent_count(const Evaluation& eval, ObjectiveId id) {
  if (id.value() >= eval.graph().objective_count()) return 0;
  return eval.graph().parent_links(NodeRef::of(id)).size();
}

bool is_aligned(const Evaluation& eval, ObjectiveId id) {
  return parent_count(eval, id) > 0;
}

bool is_company_objective(const Evaluation& eval, const Objective& o) {
  const UnitId company = eval.model().company();
  return o.owner.is_unit() && company.valid() && o.owner.unit == company;
}

std::vector<double> check_in_intervals_days(const Evaluation& eval) {
  std::vector<double> intervals;
  const Model& model = eval.model();
  for (std::uint32_t i = 0; i < model.key_result_count(); ++i) {
    const KeyResult* kr = eval.key_result(KeyResultId{i});
    if (!kr || kr->archived) continue;
    const Objective* o = eval.objective(kr->objective);
    if (!o || o->state != ObjectiveState::kActive) continue;
    const Period* p = eval.period(o->period);
    if (!p || p->state_at(eval.as_of()) != PeriodState::kActive || !(eval.as_of() < p->ends_at))
      continue;
    const auto checks = eval.check_ins(kr->id);
    for (std::size_t k = 1; k < checks.size(); ++k) {
      intervals.push_back(static_cast<double>(checks[k]->at - checks[k - 1]->at) / kSecondsPerDay);
    }
  }
  return intervals;
}

std::optional<double> median(std::vector<double> values) {
  if (values.empty()) return std::nullopt;
  const std::size_t mid = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + mid, values.end());
  if (values.size() % 2 == 1) return values[mid];
  const double upper = values[mid];
  const double lower = *std::max_element(values.begin(), values.begin() + mid);
  return (lower + upper) / 2;
}

}  // namespace cairn::core
