#include "core/rollup.h"

#include <unordered_map>

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

void Rollup::grow_objectives(std::size_t size) {
  if (objective_inputs_.size() >= size) return;
  objective_inputs_.resize(size);
  objective_values_.resize(size);
}

void Rollup::grow_key_results(std::size_t size) {
  if (key_result_inputs_.size() >= size) return;
  key_result_inputs_.resize(size);
  measurements_.resize(size);
  has_measurement_.resize(size, 0);
  key_result_values_.resize(size);
  key_result_weights_.resize(size, 1);
  key_result_archived_.resize(size, 0);
}

void Rollup::set_objective(ObjectiveId id, const ObjectiveInputs& inputs) {
  grow_objectives(id.value() + 1);
  objective_inputs_[id.value()] = inputs;
}

void Rollup::set_key_result(KeyResultId id, KeyResultInputs inputs) {
  grow_key_results(id.value() + 1);
  key_result_weights_[id.value()] = inputs.weight;
  key_result_archived_[id.value()] = inputs.archived ? 1 : 0;
  key_result_inputs_[id.value()] = std::move(inputs);
}

void Rollup::set_measurement(KeyResultId id, std::optional<Measurement> measurement) {
  has_measurement_[id.value()] = measurement.has_value() ? 1 : 0;
  measurements_[id.value()] = measurement.value_or(Measurement{});
}

void Rollup::recompute_all() {
  grow_objectives(graph_->objective_count());
  grow_key_results(graph_->key_result_count());
  for (NodeRef node : graph_->rollup_order()) compute(node);
}

std::vector<NodeRef> Rollup::update_from(NodeRef node) {
  // An objective's archived flag also decides whether its key results count in
  // the sums they feed, and those sums are not its ancestors: start from them too.
  std::vector<NodeRef> starts{node};
  if (node.is_objective()) {
    for (KeyResultId kr : graph_->key_results(node.objective())) {
      for (LinkId link : graph_->parent_links(NodeRef::of(kr))) {
        if (graph_->edge(link).contributes) starts.push_back(graph_->edge(link).parent);
      }
    }
  }
  std::vector<NodeRef> order = graph_->ancestors_in_rollup_order(starts);
  for (NodeRef n : order) compute(n);
  return order;
}

template <class Values>
Rollup::ObjectiveValue Rollup::objective_value(std::uint32_t index, const Values& values) const {
  const ObjectiveInputs& in = objective_inputs_[index];
  const ProgressMode mode = in.mode;
  const bool with_key_results =
      mode == ProgressMode::kKeyResults || mode == ProgressMode::kCombined;
  const bool with_children = mode == ProgressMode::kChildren || mode == ProgressMode::kCombined;
  WeightedMean mean;
  bool started = false;
  // Every non-archived key result and contributing child tells whether work has
  // started, whatever the mode; the mode decides what counts toward P.
  for (KeyResultId kr : graph_->key_results(ObjectiveId{index})) {
    const std::uint32_t k = kr.value();
    if (key_result_archived_[k]) continue;
    const KeyResultValue& child = values.key_result(k);
    started = started || child.started;
    if (with_key_results) mean.add(child.progress, key_result_weights_[k]);
  }
  for (LinkId link : graph_->child_links(NodeRef{NodeRef::Kind::kObjective, index})) {
    const AlignmentGraph::Edge& edge = graph_->edge(link);
    if (!edge.contributes || !edge.child.is_objective()) continue;
    if (objective_inputs_[edge.child.index].archived) continue;
    const ObjectiveValue& child = values.objective(edge.child.index);
    started = started || child.started;
    if (with_children) mean.add(child.progress, edge.weight);
  }
  ObjectiveValue out;
  out.progress = mode == ProgressMode::kManual ? clamp01(in.manual_progress) : mean.value();
  out.started = started;
  return out;
}

template <class Values>
Rollup::KeyResultValue Rollup::key_result_value(std::uint32_t index, const Values& values) const {
  const KeyResultInputs& in = key_result_inputs_[index];
  const NodeRef self{NodeRef::Kind::kKeyResult, index};
  KeyResultValue out;

  switch (in.source) {
    case ProgressSource::kCheckIns:
    case ProgressSource::kKpi: {
      const Measurement* latest = values.measurement(index);
      const KeyResultProgress kp = measured_progress(
          {in.kind, in.start, in.target, in.low, in.high, in.milestone_weights}, latest);
      out.current = latest ? latest->value : in.start;
      if (in.kind == KeyResultKind::kBoolean || in.kind == KeyResultKind::kMilestones) {
        out.current = kp.progress;
      }
      out.progress = kp.progress;
      out.attainment = kp.attainment;
      out.started = latest != nullptr;
      return out;
    }
    case ProgressSource::kChildren: {
      // Explicit alignment: the objectives that took this key result on feed it.
      WeightedMean mean;
      bool started = false;
      for (LinkId link : graph_->child_links(self)) {
        const AlignmentGraph::Edge& edge = graph_->edge(link);
        if (!edge.contributes || !edge.child.is_objective()) continue;
        if (objective_inputs_[edge.child.index].archived) continue;
        const ObjectiveValue& child = values.objective(edge.child.index);
        mean.add(child.progress, edge.weight);
        started = started || child.started;
      }
      out.progress = mean.value();
      out.attainment = out.progress;
      out.current = in.target ? in.start + out.progress * (*in.target - in.start) : out.progress;
      out.started = started;
      return out;
    }
    case ProgressSource::kSum: {
      // Cascaded metric: c = s + Σ (child c − child s), so children weigh by their amounts.
      double current = in.start;
      bool started = false;
      for (LinkId link : graph_->child_links(self)) {
        const AlignmentGraph::Edge& edge = graph_->edge(link);
        if (!edge.contributes || edge.child.is_objective()) continue;
        // An archived key result, or one of an archived objective, takes no part.
        if (key_result_archived_[edge.child.index] ||
            objective_inputs_[graph_->objective_of(edge.child.key_result()).value()].archived) {
          continue;
        }
        const KeyResultValue& child = values.key_result(edge.child.index);
        current += child.current - key_result_inputs_[edge.child.index].start;
        started = started || child.started;
      }
      const KeyResultProgress kp = metric_progress(in.start, in.target, current);
      out.current = current;
      out.progress = kp.progress;
      out.attainment = kp.attainment;
      out.started = started;
      return out;
    }
  }
  return out;
}

struct Rollup::LiveValues {
  const Rollup& rollup;
  const ObjectiveValue& objective(std::uint32_t i) const { return rollup.objective_values_[i]; }
  const KeyResultValue& key_result(std::uint32_t k) const { return rollup.key_result_values_[k]; }
  const Measurement* measurement(std::uint32_t k) const {
    return rollup.has_measurement_[k] ? &rollup.measurements_[k] : nullptr;
  }
};

struct Rollup::OverlayValues {
  const Rollup& rollup;
  std::uint32_t measured;  // the key result with the previewed measurement
  const Measurement& measurement_value;
  std::unordered_map<std::uint32_t, ObjectiveValue> objectives;
  std::unordered_map<std::uint32_t, KeyResultValue> key_results;

  const ObjectiveValue& objective(std::uint32_t i) const {
    const auto it = objectives.find(i);
    return it != objectives.end() ? it->second : rollup.objective_values_[i];
  }
  const KeyResultValue& key_result(std::uint32_t k) const {
    const auto it = key_results.find(k);
    return it != key_results.end() ? it->second : rollup.key_result_values_[k];
  }
  const Measurement* measurement(std::uint32_t k) const {
    if (k == measured) return &measurement_value;
    return rollup.has_measurement_[k] ? &rollup.measurements_[k] : nullptr;
  }
};

void Rollup::compute(NodeRef node) {
  const LiveValues live{*this};
  if (node.is_objective()) {
    objective_values_[node.index] = objective_value(node.index, live);
  } else {
    key_result_values_[node.index] = key_result_value(node.index, live);
  }
}

Rollup::Preview Rollup::preview_measurement(KeyResultId kr, const Measurement& measurement) const {
  OverlayValues overlay{*this, kr.value(), measurement, {}, {}};
  Preview preview;
  for (NodeRef node : graph_->ancestors_in_rollup_order(NodeRef::of(kr))) {
    if (node.is_objective()) {
      const ObjectiveValue value = objective_value(node.index, overlay);
      overlay.objectives[node.index] = value;
      preview.objectives.emplace_back(node.objective(), value);
    } else {
      const KeyResultValue value = key_result_value(node.index, overlay);
      overlay.key_results[node.index] = value;
      preview.key_results.emplace_back(node.key_result(), value);
    }
  }
  return preview;
}

}  // namespace cairn::core
