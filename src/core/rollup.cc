#include "core/rollup.h"

#include "core/progress.h"

namespace cairn::core {

Rollup::ObjectiveInputs rollup_inputs(const Objective& o) {
  return {o.progress_mode, o.manual_progress, o.archived()};
}

Rollup::KeyResultInputs rollup_inputs(const KeyResult& kr) {
  Rollup::KeyResultInputs in{kr.kind, kr.source, kr.start,  kr.target,  kr.low,
                             kr.high, {},        kr.weight, kr.archived};
  in.milestone_weights.reserve(kr.milestones.size());
  for (const Milestone& m : kr.milestones) in.milestone_weights.push_back(m.weight);
  return in;
}

void Rollup::set_objective(ObjectiveId id, const ObjectiveInputs& inputs) {
  if (id.value() >= objectives_.size()) objectives_.resize(id.value() + 1);
  objectives_[id.value()].inputs = inputs;
}

void Rollup::set_key_result(KeyResultId id, KeyResultInputs inputs) {
  if (id.value() >= key_results_.size()) key_results_.resize(id.value() + 1);
  key_results_[id.value()].inputs = std::move(inputs);
}

void Rollup::set_measurement(KeyResultId id, std::optional<Measurement> measurement) {
  KeyResultNode& node = key_results_[id.value()];
  node.has_measurement = measurement.has_value();
  node.measurement = measurement.value_or(Measurement{});
}

void Rollup::recompute_all() {
  if (objectives_.size() < graph_->objective_count()) objectives_.resize(graph_->objective_count());
  if (key_results_.size() < graph_->key_result_count()) {
    key_results_.resize(graph_->key_result_count());
  }
  for (NodeRef node : graph_->rollup_order()) compute(node);
}

std::vector<NodeRef> Rollup::update_from(NodeRef node) {
  std::vector<NodeRef> order = graph_->ancestors_in_rollup_order(node);
  for (NodeRef n : order) compute(n);
  return order;
}

void Rollup::compute(NodeRef node) {
  if (node.is_objective()) {
    compute_objective(node.index);
  } else {
    compute_key_result(node.index);
  }
}

void Rollup::compute_objective(std::uint32_t index) {
  ObjectiveNode& node = objectives_[index];
  const ProgressMode mode = node.inputs.mode;
  const NodeRef self{NodeRef::Kind::kObjective, index};
  WeightedMean mean;
  bool started = false;
  // Every non-archived key result and contributing child tells whether work has
  // started, whatever the mode; the mode decides what counts toward P.
  for (KeyResultId kr : graph_->key_results(ObjectiveId{index})) {
    const KeyResultNode& child = key_results_[kr.value()];
    if (child.inputs.archived) continue;
    started = started || child.value.started;
    if (mode == ProgressMode::kKeyResults || mode == ProgressMode::kCombined) {
      mean.add(child.value.progress, child.inputs.weight);
    }
  }
  for (LinkId link : graph_->child_links(self)) {
    const AlignmentGraph::Edge& edge = graph_->edge(link);
    if (!edge.contributes || !edge.child.is_objective()) continue;
    const ObjectiveNode& child = objectives_[edge.child.index];
    if (child.inputs.archived) continue;
    started = started || child.value.started;
    if (mode == ProgressMode::kChildren || mode == ProgressMode::kCombined) {
      mean.add(child.value.progress, edge.weight);
    }
  }
  node.value.progress =
      mode == ProgressMode::kManual ? clamp01(node.inputs.manual_progress) : mean.value();
  node.value.started = started;
}

void Rollup::compute_key_result(std::uint32_t index) {
  KeyResultNode& node = key_results_[index];
  const KeyResultInputs& in = node.inputs;
  const NodeRef self{NodeRef::Kind::kKeyResult, index};
  KeyResultValue& out = node.value;

  switch (in.source) {
    case ProgressSource::kCheckIns:
    case ProgressSource::kKpi: {
      const Measurement* latest = node.has_measurement ? &node.measurement : nullptr;
      const KeyResultProgress kp = measured_progress(
          {in.kind, in.start, in.target, in.low, in.high, in.milestone_weights}, latest);
      out.current = latest ? latest->value : in.start;
      if (in.kind == KeyResultKind::kBoolean || in.kind == KeyResultKind::kMilestones) {
        out.current = kp.progress;
      }
      out.progress = kp.progress;
      out.attainment = kp.attainment;
      out.started = latest != nullptr;
      return;
    }
    case ProgressSource::kChildren: {
      // Explicit alignment: the objectives that took this key result on feed it.
      WeightedMean mean;
      bool started = false;
      for (LinkId link : graph_->child_links(self)) {
        const AlignmentGraph::Edge& edge = graph_->edge(link);
        if (!edge.contributes || !edge.child.is_objective()) continue;
        const ObjectiveNode& child = objectives_[edge.child.index];
        if (child.inputs.archived) continue;
        mean.add(child.value.progress, edge.weight);
        started = started || child.value.started;
      }
      out.progress = mean.value();
      out.attainment = out.progress;
      out.current = in.target ? in.start + out.progress * (*in.target - in.start) : out.progress;
      out.started = started;
      return;
    }
    case ProgressSource::kSum: {
      // Cascaded metric: c = s + Σ (child c − child s), so children weigh by their amounts.
      double current = in.start;
      bool started = false;
      for (LinkId link : graph_->child_links(self)) {
        const AlignmentGraph::Edge& edge = graph_->edge(link);
        if (!edge.contributes || edge.child.is_objective()) continue;
        const KeyResultNode& child = key_results_[edge.child.index];
        if (child.inputs.archived) continue;
        current += child.value.current - child.inputs.start;
        started = started || child.value.started;
      }
      const KeyResultProgress kp = metric_progress(in.start, in.target, current);
      out.current = current;
      out.progress = kp.progress;
      out.attainment = kp.attainment;
      out.started = started;
      return;
    }
  }
}

}  // namespace cairn::core
