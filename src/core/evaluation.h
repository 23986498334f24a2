// Reading the model at an instant (DOMAIN.md: every read that reports progress
// or status takes an optional `as_of`).
//
// An Evaluation sees every entity as it stood at `as_of`: the versions in force
// then, the check-ins recorded by then, the links that existed. When `as_of` is
// at or after the model's last change it reads the live roll-up; otherwise it
// rebuilds a graph and roll-up from history (a full recompute, ~the cost of
// the benchmark's full roll-up for the largest organisations).
#pragma once

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/forecast.h"
#include "core/model.h"
#include "core/status.h"

namespace cairn::core {

struct KeyResultView {
  KeyResultId id;
  double current = 0;
  double progress = 0;
  double attainment = 0;
  double expected = 0;
  Status status = Status::kNotStarted;
  std::optional<int> confidence;
  bool stale = false;
  std::optional<double> forecast;
  std::optional<double> score;  // effective (override when present), once closed
  bool graded_done = false;
  bool blocked_by_risk = false;  // depends on an item that is at risk
  std::optional<Instant> last_check_in;
};

struct ObjectiveView {
  ObjectiveId id;
  double progress = 0;
  double expected = 0;
  Status status = Status::kNotStarted;
  std::optional<double> confidence;  // weighted mean of the key results' latest confidences
  std::optional<double> score;       // effective, once closed
  bool success = false;              // against the objective type's bar, once closed
  bool blocked_by_risk = false;
};

// One item that produced a number.
struct Contribution {
  NodeRef item;
  double value = 0;   // its progress, or for `sum` its amount (c − s)
  double weight = 0;  // the weight it was counted with
  double share = 0;   // its part of the result, 0–1
};

// How a key result's or objective's number was computed (API `/explain`).
struct Explanation {
  // check_in | kpi | children | sum | key_results | combined | manual
  std::string source;
  double value = 0;
  CheckInId check_in;  // for check_in / kpi sources: the check-in that set the value
  std::vector<Contribution> contributions;
};

class Evaluation {
 public:
  enum class Mode { kAuto, kRebuild };

  // `mode = kRebuild` always rebuilds from history (tests compare both paths).
  Evaluation(const Model& model, Instant as_of, Mode mode = Mode::kAuto);
  Evaluation(const Evaluation&) = delete;
  Evaluation& operator=(const Evaluation&) = delete;

  Instant as_of() const { return as_of_; }
  const Model& model() const { return *model_; }
  const Rollup& rollup() const { return *rollup_; }
  const AlignmentGraph& graph() const { return *graph_; }

  // Entities as they stood at as_of; nullptr when they did not exist yet.
  const Organization& organization() const;
  const Settings& settings() const { return organization().settings; }
  const Unit* unit(UnitId id) const;
  const Person* person(PersonId id) const;
  const Period* period(PeriodId id) const;
  const Objective* objective(ObjectiveId id) const;
  const KeyResult* key_result(KeyResultId id) const;
  const AlignmentLink* link(LinkId id) const;  // nullptr also when removed by then
  const Dependency* dependency(DependencyId id) const;
  const CheckIn* latest_check_in(KeyResultId id) const;
  // The shortest period running at as_of (invalid when none is): "this quarter".
  PeriodId running_period() const;
  // Check-ins visible at as_of, oldest first.
  std::vector<const CheckIn*> check_ins(KeyResultId id) const;

  // Views of an item that existed at as_of: callers check key_result(id) or
  // objective(id) first (an id created later has no view then).
  KeyResultView key_result_view(KeyResultId id) const;
  // The view's figures alone: current, progress, attainment, expected, the
  // latest confidence and the status. No forecast (it reads every check-in),
  // no staleness, score or dependencies: what a check-in's answer shows.
  KeyResultView key_result_figures(KeyResultId id) const;

  // What a check-in of `measurement` (with `confidence`, if given) would make
  // of the key result and of its objective at as_of, without changing
  // anything: the same roll-up and status rules, on the numbers the check-in
  // would give (DOMAIN.md: a check-in preview asks the server).
  struct CheckInPreview {
    KeyResultView key_result;
    ObjectiveView objective;
  };
  CheckInPreview preview_check_in(KeyResultId id, const Measurement& measurement,
                                  std::optional<int> confidence) const;
  ObjectiveView objective_view(ObjectiveId id) const;
  // The same without what depends on its dependencies (blocked_by_risk).
  ObjectiveView objective_figures(ObjectiveId id) const {
    return objective_view_without_dependencies(id);
  }
  // An item's status alone, as its view has it, without what else a view
  // computes (a forecast from every check-in, the dependencies).
  Status status(NodeRef node) const;
  // Weighted mean of P over the objectives the unit owns in the period (objective weights).
  double unit_progress(UnitId unit, PeriodId period) const;
  // The same over the objectives an owner (a unit or a person) owns in the period.
  double owner_progress(const Owner& owner, PeriodId period) const;
  // Calls `f` with each objective `owner` owns in `period` as of the
  // evaluation (archived ones left out), as the owner's figures count them.
  template <class F>
  void for_each_owned(const Owner& owner, PeriodId period, F&& f) const {
    // From the owner's own list, not the period's (a function's dashboard
    // read 100,000 objectives for its 3), in creation order.
    const std::span<const ObjectiveId> ever = model_->objectives_ever_owned(owner, period);
    std::vector<ObjectiveId> ids(ever.begin(), ever.end());
    std::sort(ids.begin(), ids.end());
    for (ObjectiveId id : ids) {
      const Objective* o = objective(id);
      if (!o || o->archived() || o->period != period) continue;
      const bool owned = owner.is_unit() ? o->owner.unit == owner.unit
                                         : !o->owner.is_unit() && o->owner.person == owner.person;
      if (owned) f(*o);
    }
  }

  // Where an objective is heading by its period's end (F40). DOMAIN.md gives
  // the forecast of a key result; an objective's follows its progress mode:
  // the weighted mean of the forecasts of its key results (their weights)
  // and/or of its contributing child objectives (link weights), over the items
  // that have one. None for a manual or closed objective, in a closed period,
  // or when no item has a forecast.
  std::optional<double> objective_forecast(ObjectiveId id) const;
  // "Heading for": the same over the objectives an owner owns in a period,
  // weighted by objective weight, as its progress is.
  std::optional<double> owner_forecast(const Owner& owner, PeriodId period) const;

  Explanation explain(KeyResultId id) const;
  Explanation explain(ObjectiveId id) const;

  // Expected progress of a key result / objective at as_of.
  double expected(KeyResultId id) const;
  double expected(ObjectiveId id) const;
  // A key result's expected progress at any instant `t`, by its pace (linear
  // from its start to its due date, or its plan) as it stood at as_of: for
  // drawing the pace line of its history.
  double expected_at(KeyResultId id, Instant t) const;
  // The instants where its pace line bends: its start, its plan's
  // checkpoints, its due date. Between two of them expected progress is linear.
  std::vector<Instant> pace_corners(KeyResultId id) const;
  // Its progress right after each check-in recorded by as_of, oldest first,
  // by the same formula as its current progress. Empty for a key result fed
  // by children or a sum, whose history is its contributors'.
  std::vector<ProgressPoint> progress_history(KeyResultId id) const;

 private:
  Status key_result_status(KeyResultId id) const;  // without dependencies
  // The same rule on given numbers (a preview's).
  Status key_result_status(const KeyResult& kr, double progress, bool started,
                           std::optional<int> confidence) const;
  std::optional<int> latest_confidence(KeyResultId id) const;
  ObjectiveView objective_view_without_dependencies(ObjectiveId id) const;
  // The same with the objective's progress and one key result's confidence
  // given (a preview's); otherwise as they are.
  struct ObjectiveOverride {
    double progress = 0;
    bool started = false;
    KeyResultId key_result;
    std::optional<int> confidence;
  };
  ObjectiveView objective_view_without_dependencies(ObjectiveId id,
                                                    const ObjectiveOverride* override_) const;
  bool blocked_by_risk(NodeRef node) const;
  std::optional<double> objective_forecast(ObjectiveId id, int depth) const;
  std::optional<double> key_result_forecast(KeyResultId id) const;
  void rebuild();
  // Not rebuilt: as_of is at or after the model's last change, so what the
  // model holds now (current versions, latest confidences) is what was in
  // force at as_of.
  bool live() const { return own_rollup_ == nullptr; }

  const Model* model_;
  Instant as_of_;
  std::unique_ptr<AlignmentGraph> own_graph_;
  std::unique_ptr<Rollup> own_rollup_;
  const AlignmentGraph* graph_;
  const Rollup* rollup_;
  // Objective forecasts found so far, so a read that shows many objectives
  // visits each subtree once. A map, not an array over every objective: most
  // reads ask for one objective, and must not pay for 100,000. An Evaluation
  // lives within one request on one thread.
  mutable std::unordered_map<std::uint32_t, std::optional<double>> forecasts_;
};

}  // namespace cairn::core
