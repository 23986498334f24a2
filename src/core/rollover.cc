// Rolling an objective over into a later period (DOMAIN.md "Rollover", F23).
#include "core/model.h"

namespace cairn::core {
namespace {

bool parent_still_open(const Model& model, NodeRef parent) {
  const ObjectiveId oid =
      parent.is_objective() ? parent.objective() : model.key_result(parent.key_result())->objective;
  const Objective& o = *model.objective(oid);
  if (!parent.is_objective() && model.key_result(parent.key_result())->archived) return false;
  return o.state == ObjectiveState::kDraft || o.state == ObjectiveState::kActive;
}

}  // namespace

Result<ObjectiveId> Model::rollover(ObjectiveId id, PeriodId into, Instant now) {
  settle_rollup();  // scores and rollover read progress
  const Objective* found = objective(id);
  if (!found) return not_found("objective");
  if (found->archived()) return invalid("objective_id", "an archived objective is not rolled over");
  const Period* target = period(into);
  if (!target) return invalid("period_id", "no such period");
  if (target->state_at(now) == PeriodState::kClosed) {
    return Error{ErrorCode::kClosed, "the target period is closed", {}, {}, {}};
  }
  if (!(period(found->period)->starts_at < target->starts_at)) {
    return invalid("period_id", "roll over into a period that starts later");
  }
  const Objective original = *found;

  // The copy: a draft in the new period, so its owner reviews it in planning.
  Objective copy;
  copy.title = original.title;
  copy.description = original.description;
  copy.period = into;
  copy.owner = original.owner;
  copy.type = original.type;
  copy.state = ObjectiveState::kDraft;
  copy.visibility = original.visibility;
  copy.weight = original.weight;
  copy.progress_mode = original.progress_mode;
  copy.manual_progress = original.manual_progress;
  copy.tags = original.tags;
  copy.rolled_over_from = id;

  // Its key results: those not done, each starting where the original ended.
  std::vector<std::pair<KeyResultId, KeyResult>> copies;
  for (KeyResultId kr_id : graph_.key_results(id)) {
    const KeyResult& kr = key_results_[kr_id.value()].current();
    if (kr.archived) continue;
    const Rollup::KeyResultValue& value = rollup_.key_result(kr_id);
    const bool done = original.closed() ? kr.graded_done : value.progress >= 1;
    if (done) continue;
    KeyResult next;
    next.title = kr.title;
    next.owner = kr.owner;
    next.kind = kr.kind;
    next.unit = kr.unit;
    next.target = kr.target;
    next.low = kr.low;
    next.high = kr.high;
    next.weight = kr.weight;
    next.source = kr.source;
    next.kpi = kr.kpi;
    next.delegates = kr.delegates;
    next.start = kr.kind == KeyResultKind::kMetric ? value.current : kr.start;
    if (kr.kind == KeyResultKind::kMilestones) {
      // The milestones already reached are behind us; the copy carries the rest.
      const CheckIn* latest = latest_check_in(kr_id, Instant::max());
      const std::uint64_t reached = latest ? latest->measurement.milestones_done : 0;
      for (std::size_t i = 0; i < kr.milestones.size(); ++i) {
        if (!((reached >> i) & 1U)) next.milestones.push_back(kr.milestones[i]);
      }
    }
    copies.emplace_back(kr_id, std::move(next));
  }

  // Check every enforced rule before creating anything, so that a refusal
  // leaves nothing half-copied.
  std::vector<Warning> after = objective_warnings(copy, static_cast<int>(copies.size()), 1);
  for (const auto& [_, kr] : copies) {
    for (Warning& w : key_result_rule_warnings(kr)) after.push_back(std::move(w));
  }
  CAIRN_TRY(enforce_rules({}, after));
  for (auto& [_, kr] : copies) {
    kr.objective = id;  // validated against the original; the new period's bounds are the defaults
    CAIRN_TRY(validate_key_result(kr));
  }

  auto created = add_objective(copy, now);
  if (!created) return created.error();
  const ObjectiveId copy_id = *created;
  for (auto& [original_kr, kr] : copies) {
    kr.objective = copy_id;
    auto kr_id = add_key_result(kr, now);
    if (!kr_id) return kr_id.error();  // validated above; cannot fail
    for (LinkId link : graph_.parent_links(NodeRef::of(original_kr))) {
      const AlignmentGraph::Edge edge = graph_.edge(link);
      if (!parent_still_open(*this, edge.parent)) continue;
      (void)add_link(
          AlignmentLink{
              {}, NodeRef::of(*kr_id), edge.parent, edge.weight, edge.contributes, false, now},
          now);
    }
  }
  // Parents that are still open, and whose period reaches the new one, carry over.
  const std::vector<LinkId> parents(graph_.parent_links(NodeRef::of(id)).begin(),
                                    graph_.parent_links(NodeRef::of(id)).end());
  for (LinkId link : parents) {
    const AlignmentGraph::Edge edge = graph_.edge(link);
    if (!parent_still_open(*this, edge.parent)) continue;
    (void)add_link(
        AlignmentLink{
            {}, NodeRef::of(copy_id), edge.parent, edge.weight, edge.contributes, false, now},
        now);
  }
  return copy_id;
}

}  // namespace cairn::core
