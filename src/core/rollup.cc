#include "core/rollup.h"

#include "core/progress.h"

namespace cairn::core {
namespace {
// How many key results ahead a full recompute asks for the memory it will read.
constexpr std::size_t kPrefetchDistance = 16;
}  // namespace

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
  objective_archived_.resize(size, 0);
}

void Rollup::grow_key_results(std::size_t size) {
  if (measure_inputs_.size() >= size) return;
  measure_inputs_.resize(size);
  measurements_.resize(size);
  has_measurement_.resize(size, 0);
  key_result_values_.resize(size);
  key_result_weights_.resize(size, 1);
  key_result_archived_.resize(size, 0);
}

void Rollup::set_objective(ObjectiveId id, const ObjectiveInputs& inputs) {
  grow_objectives(id.value() + 1);
  objective_inputs_[id.value()] = inputs;
  objective_archived_[id.value()] = inputs.archived ? 1 : 0;
}

void Rollup::set_key_result(KeyResultId id, KeyResultInputs inputs) {
  grow_key_results(id.value() + 1);
  key_result_weights_[id.value()] = inputs.weight;
  key_result_archived_[id.value()] = inputs.archived ? 1 : 0;
  measure_inputs_[id.value()] = {
      inputs.start,  inputs.target.value_or(0), inputs.low, inputs.high, inputs.kind,
      inputs.source, inputs.target.has_value()};
  if (inputs.milestone_weights.empty()) {
    milestone_weights_.erase(id.value());
  } else {
    milestone_weights_[id.value()] = std::move(inputs.milestone_weights);
  }
}

Rollup::KeyResultInputs Rollup::key_result_inputs(KeyResultId id) const {
  const MeasureInputs& in = measure_inputs_[id.value()];
  const std::span<const double> weights = milestone_weights(id.value());
  return {in.kind,
          in.source,
          in.start,
          in.target_or_none(),
          in.low,
          in.high,
          {weights.begin(), weights.end()},
          key_result_weights_[id.value()],
          key_result_archived_[id.value()] != 0};
}

std::span<const double> Rollup::milestone_weights(std::uint32_t index) const {
  const auto it = milestone_weights_.find(index);
  return it == milestone_weights_.end() ? std::span<const double>() : it->second;
}

void Rollup::set_measurement(KeyResultId id, std::optional<Measurement> measurement) {
  has_measurement_[id.value()] = measurement.has_value() ? 1 : 0;
  measurements_[id.value()] = measurement.value_or(Measurement{});
}

template <class Values, class ForEachChild>
Rollup::ObjectiveValue Rollup::objective_value(std::uint32_t index,
                                               std::span<const KeyResultId> key_results,
                                               ForEachChild&& for_each_child,
                                               const Values& values) const {
  const ObjectiveInputs& in = objective_inputs_[index];
  const ProgressMode mode = in.mode;
  const bool with_key_results =
      mode == ProgressMode::kKeyResults || mode == ProgressMode::kCombined;
  const bool with_children = mode == ProgressMode::kChildren || mode == ProgressMode::kCombined;
  WeightedMean mean;
  bool started = false;
  // Every non-archived key result and contributing child tells whether work has
  // started, whatever the mode; the mode decides what counts toward P.
  for (KeyResultId kr : key_results) {
    const std::uint32_t k = kr.value();
    if (key_result_archived_[k]) continue;
    const KeyResultValue& child = values.key_result(k);
    started |= child.started;  // not ||: no branch on a value read from memory
    if (with_key_results) mean.add(child.progress, key_result_weights_[k]);
  }
  for_each_child([&](NodeRef node, double weight) {
    if (!node.is_objective() || objective_archived_[node.index]) return;
    const ObjectiveValue& child = values.objective(node.index);
    started |= child.started;  // not ||: no branch on a value read from memory
    if (with_children) mean.add(child.progress, weight);
  });
  ObjectiveValue out;
  out.progress = mode == ProgressMode::kManual ? clamp01(in.manual_progress) : mean.value();
  out.started = started;
  return out;
}

template <class Values, class ForEachChild>
Rollup::KeyResultValue Rollup::key_result_value(std::uint32_t index, ForEachChild&& for_each_child,
                                                const Values& values) const {
  const MeasureInputs& in = measure_inputs_[index];
  KeyResultValue out;

  switch (in.source) {
    case ProgressSource::kCheckIns:
    case ProgressSource::kKpi: {
      const Measurement* latest = values.measurement(index);
      const std::span<const double> weights = in.kind == KeyResultKind::kMilestones
                                                  ? milestone_weights(index)
                                                  : std::span<const double>();
      const KeyResultProgress kp = measured_progress(
          {in.kind, in.start, in.target_or_none(), in.low, in.high, weights}, latest);
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
      for_each_child([&](NodeRef node, double weight) {
        if (!node.is_objective() || objective_archived_[node.index]) return;
        const ObjectiveValue& child = values.objective(node.index);
        mean.add(child.progress, weight);
        started |= child.started;  // not ||: no branch on a value read from memory
      });
      out.progress = mean.value();
      out.attainment = out.progress;
      out.current = in.has_target ? in.start + out.progress * (in.target - in.start) : out.progress;
      out.started = started;
      return out;
    }
    case ProgressSource::kSum: {
      // Cascaded metric: c = s + Σ (child c − child s), so children weigh by their amounts.
      double current = in.start;
      bool started = false;
      for_each_child([&](NodeRef node, double) {
        if (node.is_objective()) return;
        // An archived key result, or one of an archived objective, takes no part.
        if (key_result_archived_[node.index] ||
            objective_archived_[graph_->objective_of(node.key_result()).value()]) {
          return;
        }
        const KeyResultValue& child = values.key_result(node.index);
        current += child.current - measure_inputs_[node.index].start;
        started |= child.started;  // not ||: no branch on a value read from memory
      });
      const KeyResultProgress kp = metric_progress(in.start, in.target_or_none(), current);
      out.current = current;
      out.progress = kp.progress;
      out.attainment = kp.attainment;
      out.started = started;
      return out;
    }
  }
  return out;
}

// Calls f(child, weight) for each contributing child of `node`, in link order.
struct GraphChildren {
  const AlignmentGraph& graph;
  NodeRef node;
  template <class F>
  void operator()(F&& f) const {
    for (LinkId link : graph.child_links(node)) {
      const AlignmentGraph::Edge& edge = graph.edge(link);
      if (edge.contributes) f(edge.child, edge.weight);
    }
  }
};

template <class Values>
Rollup::ObjectiveValue Rollup::objective_value(std::uint32_t index, const Values& values) const {
  return objective_value(index, graph_->key_results(ObjectiveId{index}),
                         GraphChildren{*graph_, NodeRef{NodeRef::Kind::kObjective, index}}, values);
}

template <class Values>
Rollup::KeyResultValue Rollup::key_result_value(std::uint32_t index, const Values& values) const {
  return key_result_value(index, GraphChildren{*graph_, NodeRef{NodeRef::Kind::kKeyResult, index}},
                          values);
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

void Rollup::recompute_all() {
  grow_objectives(graph_->objective_count());
  grow_key_results(graph_->key_result_count());
  const AlignmentGraph::RollupPlan& plan = graph_->rollup_plan();
  const LiveValues live{*this};
  const auto no_children = [](auto&&) {};
  const std::vector<std::uint32_t>& leaves = plan.leaf_key_results;
  for (std::size_t i = 0; i < leaves.size(); ++i) {
    if (i + kPrefetchDistance < leaves.size()) {
      const std::uint32_t ahead = leaves[i + kPrefetchDistance];
      __builtin_prefetch(&measure_inputs_[ahead]);
      __builtin_prefetch(&measurements_[ahead]);
      __builtin_prefetch(&key_result_values_[ahead], 1);
    }
    const std::uint32_t k = leaves[i];
    key_result_values_[k] = key_result_value(k, no_children, live);
  }
  std::uint32_t key_results_begin = 0;
  std::uint32_t children_begin = 0;
  for (const AlignmentGraph::RollupPlan::Step& step : plan.steps) {
    for (std::uint32_t ahead = key_results_begin + kPrefetchDistance;
         ahead < step.key_results_end + kPrefetchDistance && ahead < plan.key_results.size();
         ++ahead) {
      __builtin_prefetch(&key_result_values_[plan.key_results[ahead].value()]);
    }
    const auto children = [&](auto&& f) {
      for (std::uint32_t c = children_begin; c < step.children_end; ++c) {
        f(plan.children[c].node, plan.children[c].weight);
      }
    };
    if (step.node.is_objective()) {
      const std::span<const KeyResultId> own(plan.key_results.data() + key_results_begin,
                                             step.key_results_end - key_results_begin);
      objective_values_[step.node.index] = objective_value(step.node.index, own, children, live);
    } else {
      key_result_values_[step.node.index] = key_result_value(step.node.index, children, live);
    }
    key_results_begin = step.key_results_end;
    children_begin = step.children_end;
  }
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
