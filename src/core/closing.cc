// Model commands that close objectives and periods and freeze their scores.
#include "core/model.h"
#include "core/progress.h"
#include "core/scoring.h"
#include "core/validation.h"

namespace cairn::core {
namespace {

Result<void> check_override(const ScoreOverride& o) {
  CAIRN_TRY(check_unit_interval("score", o.score));
  if (o.reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    return invalid("reason", "an override needs a reason");
  }
  return check_text("reason", o.reason);
}

}  // namespace

double Model::computed_objective_score(ObjectiveId id) const {
  const Objective& o = objectives_[id.value()].current();
  if (o.progress_mode == ProgressMode::kManual) return round_score(clamp01(o.manual_progress));
  WeightedMean mean;
  if (o.progress_mode != ProgressMode::kChildren) {
    for (KeyResultId kr_id : graph_.key_results(id)) {
      const KeyResult& kr = key_results_[kr_id.value()].current();
      if (!kr.archived) mean.add(kr.effective_score().value_or(0), kr.weight);
    }
  }
  if (o.progress_mode != ProgressMode::kKeyResults) {
    for (LinkId link : graph_.child_links(NodeRef::of(id))) {
      const AlignmentGraph::Edge& edge = graph_.edge(link);
      if (!edge.contributes || !edge.child.is_objective()) continue;
      const Objective& child = objectives_[edge.child.index].current();
      if (child.archived()) continue;
      // A child closed earlier counts with its frozen score, an open one with
      // its progress now.
      const double score = child.closed() ? child.effective_score().value_or(0)
                                          : round_score(rollup_.objective(child.id).progress);
      mean.add(score, edge.weight);
    }
  }
  return round_score(mean.value());
}

void Model::rescore_closed_ancestors(ObjectiveId changed, Instant now) {
  std::vector<ObjectiveId> todo{changed};
  while (!todo.empty()) {
    const ObjectiveId id = todo.back();
    todo.pop_back();
    for (LinkId link : graph_.parent_links(NodeRef::of(id))) {
      const AlignmentGraph::Edge& edge = graph_.edge(link);
      if (!edge.contributes || !edge.parent.is_objective()) continue;
      const Objective& parent = objectives_[edge.parent.index].current();
      const bool from_children = parent.progress_mode == ProgressMode::kChildren ||
                                 parent.progress_mode == ProgressMode::kCombined;
      if (!parent.closed() || !from_children) continue;
      const double score = computed_objective_score(parent.id);
      if (parent.score == score) continue;
      Objective next = parent;
      next.score = score;
      record(objectives_, next.id, now, std::move(next));
      todo.push_back(ObjectiveId{edge.parent.index});
    }
  }
}

bool Model::succeeded(const Objective& o) const {
  return objective_succeeded(o.type, o.effective_score().value_or(0),
                             !o.retrospective_note.empty());
}

Result<ClosedObjective> Model::close_objective(ObjectiveId id, Instant now) {
  settle_rollup();  // scores and rollover read progress
  const Objective* found = objective(id);
  if (!found) return not_found("objective");
  if (found->closed())
    return Error{ErrorCode::kClosed, "the objective is closed already", {}, {}, {}};
  if (found->archived()) return invalid("state", "an archived objective is not scored");

  for (KeyResultId kr_id : graph_.key_results(id)) {
    KeyResult kr = key_results_[kr_id.value()].current();
    if (kr.archived) continue;
    const double p = rollup_.key_result(kr_id).progress;
    kr.score = round_score(p);
    kr.graded_done = p >= 1;
    record(key_results_, kr_id, now, std::move(kr));
  }
  Objective o = *found;
  o.state = ObjectiveState::kClosed;
  o.closed_at = now;
  o.score = computed_objective_score(id);  // reads the key result scores frozen above
  const ClosedObjective summary{id, *o.effective_score(), succeeded(o)};
  record(objectives_, id, now, std::move(o));
  touch(now);
  return summary;
}

Result<std::vector<ClosedObjective>> Model::close_period(PeriodId id, Instant now) {
  settle_rollup();  // scores and rollover read progress
  const Period* found = period(id);
  if (!found) return not_found("period");
  if (found->closed_at)
    return Error{ErrorCode::kClosed, "the period is closed already", {}, {}, {}};

  // Close children before parents so that a parent scored from its children
  // sees their frozen scores.
  std::vector<bool> in_period(objectives_.size(), false);
  for (ObjectiveId oid : period_objectives_[id.value()]) {
    const Objective& o = objectives_[oid.value()].current();
    in_period[oid.value()] = o.period == id && !o.archived() && !o.closed();
  }
  std::vector<ClosedObjective> closed;
  for (NodeRef node : graph_.rollup_order()) {
    if (!node.is_objective() || !in_period[node.index]) continue;
    auto result = close_objective(node.objective(), now);
    if (!result) return result.error();  // cannot happen: checked above
    closed.push_back(*result);
  }
  Period p = *found;
  p.closed_at = now;
  record(periods_, id, now, std::move(p));
  touch(now);
  return closed;
}

Result<void> Model::override_key_result_score(KeyResultId id, ScoreOverride override_,
                                              Instant now) {
  settle_rollup();  // scores and rollover read progress
  const KeyResult* found = key_result(id);
  if (!found) return not_found("key result");
  if (!objective(found->objective)->closed()) {
    return invalid("score", "a score can be overridden once its objective is closed");
  }
  CAIRN_TRY(check_override(override_));
  override_.at = now;
  KeyResult kr = *found;
  const ObjectiveId objective_id = kr.objective;
  kr.score_override = std::move(override_);
  record(key_results_, id, now, std::move(kr));  // invalidates `found`
  // The objective's computed score follows its key results' effective scores.
  Objective o = *objective(objective_id);
  o.score = computed_objective_score(o.id);
  record(objectives_, o.id, now, std::move(o));
  rescore_closed_ancestors(objective_id, now);
  touch(now);
  return {};
}

Result<void> Model::override_objective_score(ObjectiveId id, ScoreOverride override_, Instant now) {
  settle_rollup();  // scores and rollover read progress
  const Objective* found = objective(id);
  if (!found) return not_found("objective");
  if (!found->closed())
    return invalid("score", "a score can be overridden once the objective is closed");
  CAIRN_TRY(check_override(override_));
  override_.at = now;
  Objective o = *found;
  o.score_override = std::move(override_);
  record(objectives_, id, now, std::move(o));
  rescore_closed_ancestors(id, now);
  touch(now);
  return {};
}

}  // namespace cairn::core
