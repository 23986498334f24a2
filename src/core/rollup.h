// Progress roll-up (DOMAIN.md "Weights and roll-up"): the progress of every key
// result and objective, computed over an AlignmentGraph.
//
// Two ways to compute, which must always agree bit for bit:
//  - recompute_all(): every node, children before parents;
//  - update_from(node): `node` and exactly its ancestors, after one change
//    (a check-in, a weight, a link, an archived item).
// Both compute a node with the same function over its children in the same
// order, so they produce identical doubles.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <unordered_map>
#include <vector>

#include "core/check_in.h"
#include "core/graph.h"
#include "core/key_result.h"
#include "core/objective.h"

namespace cairn::core {

class Rollup {
 public:
  // What the roll-up needs to know about an objective.
  struct ObjectiveInputs {
    ProgressMode mode = ProgressMode::kKeyResults;
    double manual_progress = 0;
    bool archived = false;
  };
  // What the roll-up needs to know about a key result (no titles, no people).
  struct KeyResultInputs {
    KeyResultKind kind = KeyResultKind::kMetric;
    ProgressSource source = ProgressSource::kCheckIns;
    double start = 0;
    std::optional<double> target;
    double low = 0;
    double high = 0;
    std::vector<double> milestone_weights;
    double weight = 1;
    bool archived = false;
  };
  struct ObjectiveValue {
    double progress = 0;   // P
    bool started = false;  // some contributing key result has a value
  };
  struct KeyResultValue {
    double current = 0;     // c: latest value, or computed for children / sum sources
    double progress = 0;    // p in [0, 1]
    double attainment = 0;  // unclamped ratio
    bool started = false;   // has a value of its own or from a contributor
  };

  explicit Rollup(const AlignmentGraph& graph) : graph_(&graph) {}

  // Inputs. Setting an input does not recompute anything: call update_from()
  // for the changed node, or recompute_all().
  void set_objective(ObjectiveId id, const ObjectiveInputs& inputs);
  void set_key_result(KeyResultId id, KeyResultInputs inputs);
  // The latest measurement of a check-in or KPI fed key result (nullopt: none yet).
  void set_measurement(KeyResultId id, std::optional<Measurement> measurement);

  void recompute_all();
  // Recomputes `node` and every node it rolls up into; returns them in the order
  // they were computed (children first). For an objective this also includes
  // the key results its own key results feed, and their ancestors.
  std::vector<NodeRef> update_from(NodeRef node);

  // What update_from(kr) would compute if `measurement` were the key result's
  // latest, without changing anything: the new values of the key result and
  // of every node it rolls up into, children first (a check-in preview). The
  // same functions compute them, so they equal what the check-in would give,
  // bit for bit.
  struct Preview {
    std::vector<std::pair<KeyResultId, KeyResultValue>> key_results;
    std::vector<std::pair<ObjectiveId, ObjectiveValue>> objectives;
  };
  Preview preview_measurement(KeyResultId kr, const Measurement& measurement) const;

  const ObjectiveValue& objective(ObjectiveId id) const { return objective_values_[id.value()]; }
  const KeyResultValue& key_result(KeyResultId id) const { return key_result_values_[id.value()]; }
  const ObjectiveInputs& objective_inputs(ObjectiveId id) const {
    return objective_inputs_[id.value()];
  }
  // The inputs as they were set (put together again from where they are kept).
  KeyResultInputs key_result_inputs(KeyResultId id) const;
  double key_result_start(KeyResultId id) const { return measure_inputs_[id.value()].start; }
  double key_result_weight(KeyResultId id) const { return key_result_weights_[id.value()]; }
  const AlignmentGraph& graph() const { return *graph_; }

  // Whether a contribution from `child` to its parents counts (not archived).
  bool counts(NodeRef child) const {
    return child.is_objective() ? !objective_archived_[child.index]
                                : !key_result_archived_[child.index];
  }

 private:
  // Where computing a node reads the values of the nodes below it: the live
  // arrays, or those with a preview's new values laid over them.
  struct LiveValues;
  struct OverlayValues;
  // A node's value from the values below it. `for_each_child(f)` calls
  // f(child, weight) for each contributing child, in link order: read from
  // the graph for one node, or from its plan in a full recompute. Either way
  // the same additions happen in the same order, so the doubles agree.
  template <class Values, class ForEachChild>
  ObjectiveValue objective_value(std::uint32_t index, std::span<const KeyResultId> key_results,
                                 ForEachChild&& for_each_child, const Values& values) const;
  template <class Values, class ForEachChild>
  KeyResultValue key_result_value(std::uint32_t index, ForEachChild&& for_each_child,
                                  const Values& values) const;
  // The same, with the children read from the graph.
  template <class Values>
  ObjectiveValue objective_value(std::uint32_t index, const Values& values) const;
  template <class Values>
  KeyResultValue key_result_value(std::uint32_t index, const Values& values) const;

  void compute(NodeRef node);
  void grow_objectives(std::size_t size);
  void grow_key_results(std::size_t size);

  const AlignmentGraph* graph_;
  // Flat arrays, one slot per id: a full recompute streams through them, and
  // computing an objective reads its key results' weight, archived flag and
  // value from compact arrays instead of whole records.
  std::vector<ObjectiveInputs> objective_inputs_;
  std::vector<ObjectiveValue> objective_values_;
  std::vector<std::uint8_t> objective_archived_;
  // A key result's inputs without its weight and archived flag (kept in
  // their own arrays for its objective) and without its milestone weights
  // (kept aside for the few that have them): 40 bytes a key result, which a
  // full recompute streams through.
  struct MeasureInputs {
    double start = 0;
    double target = 0;
    double low = 0;
    double high = 0;
    KeyResultKind kind = KeyResultKind::kMetric;
    ProgressSource source = ProgressSource::kCheckIns;
    bool has_target = false;

    std::optional<double> target_or_none() const {
      return has_target ? std::optional<double>(target) : std::nullopt;
    }
  };
  std::span<const double> milestone_weights(std::uint32_t index) const;

  std::vector<MeasureInputs> measure_inputs_;
  std::unordered_map<std::uint32_t, std::vector<double>> milestone_weights_;
  std::vector<Measurement> measurements_;
  std::vector<std::uint8_t> has_measurement_;
  std::vector<KeyResultValue> key_result_values_;
  std::vector<double> key_result_weights_;
  std::vector<std::uint8_t> key_result_archived_;
};

// The roll-up inputs of an entity version.
Rollup::ObjectiveInputs rollup_inputs(const Objective& objective);
Rollup::KeyResultInputs rollup_inputs(const KeyResult& key_result);

}  // namespace cairn::core
