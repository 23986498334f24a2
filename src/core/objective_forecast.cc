// Forecasts of objectives and owners (F40): where they are heading by the end
// of their period, rolled up from the key results' forecasts (DOMAIN.md
// "Forecast") by the same weights and progress modes as progress.
#include "core/evaluation.h"
#include "core/progress.h"

namespace cairn::core {

std::optional<double> Evaluation::objective_forecast(ObjectiveId id) const {
  return objective_forecast(id, 0);
}

std::optional<double> Evaluation::objective_forecast(ObjectiveId id, int depth) const {
  if (const auto known = forecasts_.find(id.value()); known != forecasts_.end()) {
    return known->second;
  }
  // Reading the live state (as_of at or after the last change), the
  // forecast depends on the model alone: every check-in is visible, and a
  // period is closed or not for good.
  const bool live = !own_rollup_;
  if (live) {
    if (const auto shared = model_->live_forecasts().find(model_->generation(), id.value())) {
      forecasts_.emplace(id.value(), *shared);
      return *shared;
    }
  }
  const Objective* o = objective(id);
  std::optional<double> out;
  const bool open = o && !o->archived() && !o->closed() &&
                    period(o->period)->state_at(as_of_) != PeriodState::kClosed;
  // The graph is acyclic and at most kMaxAlignmentDepth deep; the bound only
  // guards against a corrupt store.
  if (open && o->progress_mode != ProgressMode::kManual && depth <= kMaxAlignmentDepth) {
    const bool with_key_results = o->progress_mode == ProgressMode::kKeyResults ||
                                  o->progress_mode == ProgressMode::kCombined;
    const bool with_children =
        o->progress_mode == ProgressMode::kChildren || o->progress_mode == ProgressMode::kCombined;
    WeightedMean mean;
    if (with_key_results) {
      for (KeyResultId kr_id : graph_->key_results(id)) {
        const KeyResult* kr = key_result(kr_id);
        if (!kr || kr->archived) continue;
        if (const auto f = key_result_forecast(kr_id)) mean.add(*f, kr->weight);
      }
    }
    if (with_children) {
      for (LinkId link : graph_->child_links(NodeRef::of(id))) {
        const AlignmentGraph::Edge& edge = graph_->edge(link);
        if (!edge.contributes || !edge.child.is_objective()) continue;
        const auto f = objective_forecast(edge.child.objective(), depth + 1);
        if (f) mean.add(*f, edge.weight);
      }
    }
    if (mean.count() > 0) out = mean.value();
  }
  forecasts_.emplace(id.value(), out);
  if (live) model_->live_forecasts().store(model_->generation(), id.value(), out);
  return out;
}

std::optional<double> Evaluation::owner_forecast(const Owner& owner, PeriodId period_id) const {
  WeightedMean mean;
  for_each_owned(owner, period_id, [&](const Objective& o) {
    if (const auto f = objective_forecast(o.id)) mean.add(*f, o.weight);
  });
  if (mean.count() == 0) return std::nullopt;
  return mean.value();
}

}  // namespace cairn::core
