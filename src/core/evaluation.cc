#include "core/evaluation.h"

#include <span>

#include "core/forecast.h"
#include "core/progress.h"
#include "core/scoring.h"

namespace cairn::core {
namespace {

template <class T>
const T* version_at(const History<T>& history, Instant t) {
  return history.empty() ? nullptr : history.at(t);
}

}  // namespace

Evaluation::Evaluation(const Model& model, Instant as_of, Mode mode)
    : model_(&model), as_of_(as_of), graph_(&model.graph()), rollup_(&model.rollup()) {
  if (mode == Mode::kRebuild || as_of < model.last_change()) rebuild();
}

void Evaluation::rebuild() {
  own_graph_ = std::make_unique<AlignmentGraph>();
  own_rollup_ = std::make_unique<Rollup>(*own_graph_);
  for (std::uint32_t i = 0; i < model_->objective_count(); ++i) {
    const ObjectiveId id{i};
    own_graph_->add_objective(id);
    if (const Objective* o = objective(id)) own_rollup_->set_objective(id, rollup_inputs(*o));
  }
  // Ascending ids are creation order: the same child order as the live graph,
  // so sums come out bit for bit the same.
  for (std::uint32_t i = 0; i < model_->key_result_count(); ++i) {
    const KeyResultId id{i};
    const KeyResult* kr = key_result(id);
    if (!kr) continue;
    own_graph_->add_key_result(id, kr->objective);
    own_rollup_->set_key_result(id, rollup_inputs(*kr));
    const CheckIn* latest = latest_check_in(id);
    own_rollup_->set_measurement(
        id, latest ? std::optional<Measurement>(latest->measurement) : std::nullopt);
  }
  for (std::uint32_t i = 0; i < model_->link_count(); ++i) {
    const LinkId id{i};
    if (const AlignmentLink* l = link(id)) {
      own_graph_->add_link(id, l->child, l->parent, l->weight, l->contributes);
    }
  }
  own_rollup_->recompute_all();
  graph_ = own_graph_.get();
  rollup_ = own_rollup_.get();
}

const Organization& Evaluation::organization() const {
  const Organization* o = model_->organization_history().at(as_of_);
  return o ? *o : model_->organization_history().versions().front().value;
}

const Unit* Evaluation::unit(UnitId id) const {
  return id.valid() && id.value() < model_->unit_count()
             ? version_at(model_->unit_history(id), as_of_)
             : nullptr;
}
const Person* Evaluation::person(PersonId id) const {
  return id.valid() && id.value() < model_->person_count()
             ? version_at(model_->person_history(id), as_of_)
             : nullptr;
}
const Period* Evaluation::period(PeriodId id) const {
  return id.valid() && id.value() < model_->period_count()
             ? version_at(model_->period_history(id), as_of_)
             : nullptr;
}
// Live, every entity's version at as_of is its current one: no search of its
// versions.
const Objective* Evaluation::objective(ObjectiveId id) const {
  if (live()) return model_->objective(id);
  return id.valid() && id.value() < model_->objective_count()
             ? version_at(model_->objective_history(id), as_of_)
             : nullptr;
}
const KeyResult* Evaluation::key_result(KeyResultId id) const {
  if (live()) return model_->key_result(id);
  return id.valid() && id.value() < model_->key_result_count()
             ? version_at(model_->key_result_history(id), as_of_)
             : nullptr;
}
const AlignmentLink* Evaluation::link(LinkId id) const {
  if (!id.valid() || id.value() >= model_->link_count()) return nullptr;
  const AlignmentLink* l = version_at(model_->link_history(id), as_of_);
  return l && !l->removed ? l : nullptr;
}
const Dependency* Evaluation::dependency(DependencyId id) const {
  if (!id.valid() || id.value() >= model_->dependency_count()) return nullptr;
  const Dependency* d = version_at(model_->dependency_history(id), as_of_);
  return d && !d->removed ? d : nullptr;
}

const CheckIn* Evaluation::latest_check_in(KeyResultId id) const {
  return model_->latest_check_in(id, as_of_);
}

std::vector<const CheckIn*> Evaluation::check_ins(KeyResultId id) const {
  std::vector<const CheckIn*> out;
  for (const CheckIn& c : model_->check_ins(id)) {
    if (c.visible_at(as_of_)) out.push_back(&c);
  }
  return out;
}

double Evaluation::expected(KeyResultId id) const {
  return expected_at(id, as_of_);
}

double Evaluation::expected_at(KeyResultId id, Instant t) const {
  const KeyResult& kr = *key_result(id);
  const Period& p = *period(objective(kr.objective)->period);
  const Instant start = kr.starts_at.value_or(p.starts_at);
  const Instant due = kr.due_at.value_or(p.ends_at);
  if (kr.kind == KeyResultKind::kMetric && kr.target && !kr.plan.empty()) {
    return expected_planned(start, due, kr.start, *kr.target, kr.plan, t);
  }
  return expected_linear(start, due, t);
}

std::vector<Instant> Evaluation::pace_corners(KeyResultId id) const {
  const KeyResult& kr = *key_result(id);
  const Period& p = *period(objective(kr.objective)->period);
  const Instant start = kr.starts_at.value_or(p.starts_at);
  const Instant due = kr.due_at.value_or(p.ends_at);
  std::vector<Instant> corners{start};
  if (kr.kind == KeyResultKind::kMetric && kr.target) {
    for (const PlanPoint& point : kr.plan) {
      if (start < point.at && point.at < due) corners.push_back(point.at);
    }
  }
  corners.push_back(due);
  return corners;
}

std::vector<ProgressPoint> Evaluation::progress_history(KeyResultId id) const {
  const KeyResult& kr = *key_result(id);
  std::vector<ProgressPoint> points;
  if (kr.source != ProgressSource::kCheckIns && kr.source != ProgressSource::kKpi) return points;
  std::vector<double> weights;
  for (const Milestone& m : kr.milestones) weights.push_back(m.weight);
  const MeasureSpec spec{kr.kind, kr.start, kr.target, kr.low, kr.high, weights};
  for (const CheckIn* c : check_ins(id)) {
    points.push_back({c->at, measured_progress(spec, &c->measurement).progress});
  }
  return points;
}

double Evaluation::expected(ObjectiveId id) const {
  const Period& p = *period(objective(id)->period);
  return expected_linear(p.starts_at, p.ends_at, as_of_);
}

Status Evaluation::key_result_status(KeyResultId id) const {
  const Rollup::KeyResultValue& v = rollup_->key_result(id);
  return key_result_status(*key_result(id), v.progress, v.started, latest_confidence(id));
}

Status Evaluation::key_result_status(const KeyResult& kr, double progress, bool started,
                                     std::optional<int> confidence) const {
  const Objective& o = *objective(kr.objective);
  const Period& p = *period(o.period);
  StatusInputs in;
  in.closed = o.closed() || p.state_at(as_of_) == PeriodState::kClosed;
  in.can_be_done = kr.kind != KeyResultKind::kBand;
  in.progress = progress;
  in.expected = expected(kr.id);
  in.started = started;
  if (confidence) in.confidence = *confidence;
  return status_of(in, settings().status);
}

std::optional<int> Evaluation::latest_confidence(KeyResultId id) const {
  if (live()) return model_->latest_confidence(id);
  // Backwards over the model's own list, without copying it.
  const auto checks = model_->check_ins(id);
  for (auto it = checks.rbegin(); it != checks.rend(); ++it) {
    if (it->visible_at(as_of_) && it->confidence) return it->confidence;
  }
  return std::nullopt;
}

Evaluation::CheckInPreview Evaluation::preview_check_in(KeyResultId id,
                                                        const Measurement& measurement,
                                                        std::optional<int> confidence) const {
  const KeyResult& kr = *key_result(id);
  CheckInPreview out;
  out.key_result = key_result_view(id);
  ObjectiveOverride objective{rollup_->objective(kr.objective).progress,
                              rollup_->objective(kr.objective).started, id,
                              confidence ? confidence : latest_confidence(id)};
  const Rollup::Preview preview = rollup_->preview_measurement(id, measurement);
  for (const auto& [k, v] : preview.key_results) {
    if (k != id) continue;
    out.key_result.current = v.current;
    out.key_result.progress = v.progress;
    out.key_result.attainment = v.attainment;
    out.key_result.stale = false;  // a check-in now is recent activity
    out.key_result.confidence = objective.confidence;
    out.key_result.status = key_result_status(kr, v.progress, v.started, objective.confidence);
  }
  for (const auto& [o, v] : preview.objectives) {
    if (o != kr.objective) continue;
    objective.progress = v.progress;
    objective.started = v.started;
  }
  out.objective = objective_view_without_dependencies(kr.objective, &objective);
  out.objective.blocked_by_risk = blocked_by_risk(NodeRef::of(kr.objective));
  return out;
}

bool Evaluation::blocked_by_risk(NodeRef node) const {
  for (DependencyId id : model_->dependencies_from(node)) {
    const Dependency* d = dependency(id);
    if (!d) continue;
    // The target's own status, without its dependencies: dependencies may form
    // loops, and "blocked" is not "at risk".
    const Status target = d->to.is_objective()
                              ? objective_view_without_dependencies(d->to.objective()).status
                              : key_result_status(d->to.key_result());
    if (target == Status::kAtRisk) return true;
  }
  return false;
}

namespace {

// DOMAIN.md "Forecast" for a key result fed by values, from its check-ins
// visible at the evaluation's instant.
std::optional<double> forecast_of(const KeyResult& kr, const Period& p,
                                  std::span<const CheckIn* const> checks) {
  const Instant start = kr.starts_at.value_or(p.starts_at);
  const Instant due = kr.due_at.value_or(p.ends_at);
  std::vector<double> weights;
  for (const Milestone& m : kr.milestones) weights.push_back(m.weight);
  const MeasureSpec spec{kr.kind, kr.start, kr.target, kr.low, kr.high, weights};
  std::vector<ProgressPoint> points;
  for (const CheckIn* c : checks) {
    if (c->at < start) continue;
    points.push_back({c->at, measured_progress(spec, &c->measurement).progress});
  }
  return forecast(points, start, due);
}

}  // namespace

std::optional<double> Evaluation::key_result_forecast(KeyResultId id) const {
  const KeyResult& kr = *key_result(id);
  if (kr.source != ProgressSource::kCheckIns && kr.source != ProgressSource::kKpi) {
    return std::nullopt;
  }
  return forecast_of(kr, *period(objective(kr.objective)->period), check_ins(id));
}

KeyResultView Evaluation::key_result_figures(KeyResultId id) const {
  const KeyResult& kr = *key_result(id);
  const Rollup::KeyResultValue& v = rollup_->key_result(id);
  KeyResultView view;
  view.id = id;
  view.current = v.current;
  view.progress = v.progress;
  view.attainment = v.attainment;
  view.expected = expected(id);
  view.confidence = latest_confidence(id);
  view.status = key_result_status(kr, v.progress, v.started, view.confidence);
  return view;
}

KeyResultView Evaluation::key_result_view(KeyResultId id) const {
  const KeyResult& kr = *key_result(id);
  const Objective& o = *objective(kr.objective);
  const Period& p = *period(o.period);
  const Rollup::KeyResultValue& v = rollup_->key_result(id);
  KeyResultView view = key_result_figures(id);
  view.score = kr.effective_score();
  view.graded_done = kr.graded_done;

  if (const CheckIn* latest = latest_check_in(id)) view.last_check_in = latest->at;

  const bool fed_by_values =
      kr.source == ProgressSource::kCheckIns || kr.source == ProgressSource::kKpi;
  const bool period_running = p.state_at(as_of_) == PeriodState::kActive && as_of_ < p.ends_at;
  const bool done = kr.kind != KeyResultKind::kBand && v.progress >= 1;
  if (fed_by_values && period_running && o.state == ObjectiveState::kActive && !kr.archived &&
      !done) {
    view.stale = is_stale(view.last_check_in.value_or(kr.created_at), as_of_, settings());
  }

  if (fed_by_values) view.forecast = forecast_of(kr, p, check_ins(id));
  view.blocked_by_risk = blocked_by_risk(NodeRef::of(id));
  return view;
}

ObjectiveView Evaluation::objective_view(ObjectiveId id) const {
  ObjectiveView view = objective_view_without_dependencies(id);
  view.blocked_by_risk = blocked_by_risk(NodeRef::of(id));
  return view;
}

Status Evaluation::status(NodeRef node) const {
  return node.is_objective() ? objective_view_without_dependencies(node.objective()).status
                             : key_result_status(node.key_result());
}

ObjectiveView Evaluation::objective_view_without_dependencies(ObjectiveId id) const {
  return objective_view_without_dependencies(id, nullptr);
}

ObjectiveView Evaluation::objective_view_without_dependencies(
    ObjectiveId id, const ObjectiveOverride* override_) const {
  const Objective& o = *objective(id);
  const Period& p = *period(o.period);
  const Rollup::ObjectiveValue& v = rollup_->objective(id);
  const double progress = override_ ? override_->progress : v.progress;
  const bool started = override_ ? override_->started : v.started;
  ObjectiveView view;
  view.id = id;
  view.progress = progress;
  view.expected = expected(id);

  WeightedMean confidence;
  for (KeyResultId kr_id : graph_->key_results(id)) {
    const KeyResult* kr = key_result(kr_id);
    if (!kr || kr->archived) continue;
    const std::optional<int> latest = override_ && override_->key_result == kr_id
                                          ? override_->confidence
                                          : latest_confidence(kr_id);
    if (latest) confidence.add(*latest, kr->weight);
  }
  if (confidence.count() > 0) view.confidence = confidence.value();

  StatusInputs in;
  in.closed = o.closed() || p.state_at(as_of_) == PeriodState::kClosed;
  in.progress = progress;
  in.expected = view.expected;
  in.started = started || o.progress_mode == ProgressMode::kManual;
  in.confidence = view.confidence;
  view.status = status_of(in, settings().status);
  view.score = o.effective_score();
  if (o.closed() && view.score) {
    view.success = objective_succeeded(o.type, *view.score, !o.retrospective_note.empty());
  }
  return view;
}

double Evaluation::unit_progress(UnitId unit, PeriodId period_id) const {
  return owner_progress(Owner::of_unit(unit), period_id);
}

double Evaluation::owner_progress(const Owner& owner, PeriodId period_id) const {
  WeightedMean mean;
  for_each_owned(owner, period_id, [&](const Objective& o) {
    mean.add(rollup_->objective(o.id).progress, o.weight);
  });
  return mean.value();
}

namespace {

// Fills shares from weights by the weighted-mean rule (all-zero weights: equal shares).
void share_by_weight(std::vector<Contribution>& items) {
  double total = 0;
  for (const Contribution& c : items) total += c.weight;
  for (Contribution& c : items) {
    c.share = total > 0 ? c.weight / total : 1.0 / static_cast<double>(items.size());
  }
}

}  // namespace

Explanation Evaluation::explain(KeyResultId id) const {
  const KeyResult& kr = *key_result(id);
  const Rollup::KeyResultValue& v = rollup_->key_result(id);
  Explanation out;
  out.value = v.progress;
  switch (kr.source) {
    case ProgressSource::kCheckIns:
    case ProgressSource::kKpi: {
      out.source = kr.source == ProgressSource::kKpi ? "kpi" : "check_in";
      if (const CheckIn* latest = latest_check_in(id)) out.check_in = latest->id;
      break;
    }
    case ProgressSource::kChildren:
    case ProgressSource::kSum: {
      const bool sum = kr.source == ProgressSource::kSum;
      out.source = sum ? "sum" : "children";
      for (LinkId link : graph_->child_links(NodeRef::of(id))) {
        const AlignmentGraph::Edge& e = graph_->edge(link);
        if (!e.contributes || e.child.is_objective() == sum || !rollup_->counts(e.child)) continue;
        if (sum) {
          const double amount = rollup_->key_result(e.child.key_result()).current -
                                rollup_->key_result_start(e.child.key_result());
          out.contributions.push_back({e.child, amount, 1, 0});
        } else {
          out.contributions.push_back(
              {e.child, rollup_->objective(e.child.objective()).progress, e.weight, 0});
        }
      }
      if (sum) {
        double total = 0;
        for (const Contribution& c : out.contributions) total += c.value;
        for (Contribution& c : out.contributions) c.share = total != 0 ? c.value / total : 0;
      } else {
        share_by_weight(out.contributions);
      }
      break;
    }
  }
  return out;
}

Explanation Evaluation::explain(ObjectiveId id) const {
  const Objective& o = *objective(id);
  Explanation out;
  out.value = rollup_->objective(id).progress;
  switch (o.progress_mode) {
    case ProgressMode::kManual:
      out.source = "manual";
      return out;
    case ProgressMode::kKeyResults:
      out.source = "key_results";
      break;
    case ProgressMode::kChildren:
      out.source = "children";
      break;
    case ProgressMode::kCombined:
      out.source = "combined";
      break;
  }
  if (o.progress_mode != ProgressMode::kChildren) {
    for (KeyResultId kr : graph_->key_results(id)) {
      if (!rollup_->counts(NodeRef::of(kr))) continue;
      out.contributions.push_back(
          {NodeRef::of(kr), rollup_->key_result(kr).progress, rollup_->key_result_weight(kr), 0});
    }
  }
  if (o.progress_mode != ProgressMode::kKeyResults) {
    for (LinkId link : graph_->child_links(NodeRef::of(id))) {
      const AlignmentGraph::Edge& e = graph_->edge(link);
      if (!e.contributes || !e.child.is_objective() || !rollup_->counts(e.child)) continue;
      out.contributions.push_back(
          {e.child, rollup_->objective(e.child.objective()).progress, e.weight, 0});
    }
  }
  share_by_weight(out.contributions);
  return out;
}

PeriodId Evaluation::running_period() const {
  PeriodId best;
  std::int64_t best_length = 0;
  for (std::uint32_t n = 0; n < model_->period_count(); ++n) {
    const Period* p = period(PeriodId{n});
    if (!p || as_of_ < p->starts_at || !(as_of_ < p->ends_at)) continue;
    const std::int64_t length = p->ends_at - p->starts_at;
    if (!best.valid() || length < best_length) best = p->id, best_length = length;
  }
  return best;
}

}  // namespace cairn::core
