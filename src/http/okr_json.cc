#include "http/okr_json.h"

#include "app/access.h"
#include "app/cadence.h"
#include "app/permissions.h"
#include "core/names.h"
#include "core/rules.h"
#include "http/api_ids.h"
#include "http/api_json.h"

namespace cairn::http {
namespace {

using namespace cairn::core;

template <class I>
void id_or_null(JsonWriter& w, std::string_view key, std::string_view prefix, I id) {
  w.key(key);
  if (id.valid()) {
    w.value(api_id(prefix, id.value()));
  } else {
    w.null();
  }
}

// The computed score frozen at close, and a score set by hand over it, with
// its reason (F22): both are kept, and the answer shows both.
void write_score_parts(JsonWriter& w, const std::optional<double>& computed,
                       const std::optional<core::ScoreOverride>& override_) {
  w.key("computed_score").value(computed);
  w.key("score_override");
  if (!override_) {
    w.null();
    return;
  }
  w.begin_object();
  w.key("score").value(override_->score);
  w.key("reason").value(override_->reason);
  id_or_null(w, "by_id", kPersonPrefix, override_->by);
  w.key("at").value(to_rfc3339(override_->at));
  w.end_object();
}

// Instants mark the end of a due date (exclusive); the API speaks in dates.
// The organisation's zone is UTC in everything the server builds today.
std::string date_before(Instant end) {
  return Date{static_cast<std::int32_t>((end.seconds - 1) / kSecondsPerDay)}.to_string();
}

void write_warnings(JsonWriter& w, const Model& model, ObjectiveId id) {
  write_warnings(w, model.warnings(id));
}

void write_parents(JsonWriter& w, const Evaluation& eval, const app::Principal& who,
                   ObjectiveId id) {
  w.key("parents").begin_array();
  for (LinkId link : eval.graph().parent_links(NodeRef::of(id))) {
    const AlignmentGraph::Edge& edge = eval.graph().edge(link);
    w.begin_object();
    if (write_node(w, eval, who, edge.parent)) {
      w.key("weight").value(edge.weight);
      w.key("contributes").value(edge.contributes);
    }
    w.end_object();
  }
  w.end_array();
}

// One aligned child objective; `via` is the key result it aligned to, if any.
void write_child(JsonWriter& w, const Evaluation& eval, const app::Principal& who, LinkId link,
                 KeyResultId via) {
  const AlignmentGraph::Edge& edge = eval.graph().edge(link);
  if (!edge.child.is_objective()) return;  // cascaded key results show on the key result
  const Objective* child = eval.objective(edge.child.objective());
  if (!child || child->archived()) return;
  w.begin_object();
  if (write_node(w, eval, who, edge.child)) {
    id_or_null(w, "via_key_result_id", kKeyResultPrefix, via);
    w.key("weight").value(edge.weight);
    w.key("contributes").value(edge.contributes);
    const ObjectiveView view = eval.objective_view(child->id);
    w.key("progress").value(view.progress);
    w.key("status").value(core::to_string(view.status));
  }
  w.end_object();
}

void write_children(JsonWriter& w, const Evaluation& eval, const app::Principal& who,
                    const Objective& o) {
  w.key("children").begin_array();
  for (LinkId link : eval.graph().child_links(NodeRef::of(o.id))) {
    write_child(w, eval, who, link, {});
  }
  for (KeyResultId kr : eval.model().key_results_of(o.id)) {
    const KeyResult* k = eval.key_result(kr);
    if (!k || k->archived) continue;
    for (LinkId link : eval.graph().child_links(NodeRef::of(kr)))
      write_child(w, eval, who, link, kr);
  }
  w.end_array();
}

void write_dependencies(JsonWriter& w, const Evaluation& eval, const app::Principal& who,
                        ObjectiveId id) {
  w.key("dependencies").begin_array();
  for (DependencyId dep : eval.model().dependencies_from(NodeRef::of(id))) {
    const Dependency* d = eval.dependency(dep);
    if (!d || d->removed) continue;
    w.begin_object();
    if (write_node(w, eval, who, d->to)) w.key("id").value(api_id(kDependencyPrefix, dep.value()));
    w.end_object();
  }
  w.end_array();
}

void write_measurement(JsonWriter& w, const KeyResult& kr, const Measurement& m) {
  switch (kr.kind) {
    case KeyResultKind::kMetric:
    case KeyResultKind::kBand:
      w.key("value").value(m.value);
      break;
    case KeyResultKind::kBoolean:
      w.key("done").value(m.done);
      break;
    case KeyResultKind::kMilestones:
      w.key("milestones_done").begin_array();
      for (std::size_t i = 0; i < kr.milestones.size(); ++i) {
        if (m.milestones_done & (1ULL << i)) w.value(static_cast<std::int64_t>(i));
      }
      w.end_array();
      break;
  }
}

}  // namespace

void instant_or_null(JsonWriter& w, std::string_view key, const std::optional<Instant>& t) {
  w.key(key);
  if (t) {
    w.value(to_rfc3339(*t));
  } else {
    w.null();
  }
}

void write_warnings(JsonWriter& w, const std::vector<core::Warning>& warnings) {
  w.key("warnings").begin_array();
  for (const Warning& warning : warnings) {
    w.begin_object();
    w.key("rule").value(core::to_string(warning.rule));
    w.key("message").value(warning.message);
    id_or_null(w, "key_result_id", kKeyResultPrefix, warning.key_result);
    w.end_object();
  }
  w.end_array();
}

std::string warnings_object(const std::vector<core::Warning>& warnings) {
  JsonWriter w;
  w.begin_object();
  write_warnings(w, warnings);
  w.end_object();
  return w.take();
}

// A linked objective or key result: its id and title, or only
// {"private": true} when the caller may not see it (QUALITY.md).
bool write_node(JsonWriter& w, const Evaluation& eval, const app::Principal& who, NodeRef node) {
  if (!app::can_see(eval.model(), who, node)) {
    w.key("private").value(true);
    return false;
  }
  if (node.is_objective()) {
    const Objective* o = eval.objective(node.objective());
    w.key("objective_id").value(api_id(kObjectivePrefix, node.index));
    w.key("title").value(o ? o->title : "");
  } else {
    const KeyResult* kr = eval.key_result(node.key_result());
    w.key("key_result_id").value(api_id(kKeyResultPrefix, node.index));
    w.key("title").value(kr ? kr->title : "");
    w.key("objective_id").value(api_id(kObjectivePrefix, kr ? kr->objective.value() : 0));
  }
  return true;
}

void write_unit(JsonWriter& w, const Unit& u, const std::optional<app::Can>& can) {
  w.begin_object();
  w.key("id").value(api_id(kUnitPrefix, u.id.value()));
  w.key("name").value(u.name);
  w.key("kind").value(core::to_string(u.kind));
  id_or_null(w, "parent_id", kUnitPrefix, u.parent);
  id_or_null(w, "lead_id", kPersonPrefix, u.lead);
  w.key("member_ids").begin_array();
  for (PersonId p : u.members) w.value(api_id(kPersonPrefix, p.value()));
  w.end_array();
  w.key("archived").value(u.archived);
  write_configurable_can(w, can);
  w.end_object();
}

void write_period(JsonWriter& w, const Period& p, Instant as_of,
                  const std::optional<app::Can>& can) {
  w.begin_object();
  w.key("id").value(api_id(kPeriodPrefix, p.id.value()));
  w.key("name").value(p.name);
  w.key("kind").value(core::to_string(p.kind));
  w.key("start_date").value(p.start_date.to_string());
  w.key("end_date").value(p.end_date.to_string());
  // The dates are in the organisation's time zone; these are the instants.
  w.key("starts_at").value(core::to_rfc3339(p.starts_at));
  w.key("ends_at").value(core::to_rfc3339(p.ends_at));
  // F16: the rollout timeline, as the scheduler's reminders follow it.
  const app::RolloutDates rollout = app::rollout_dates(p);
  w.key("rollout").begin_object();
  w.key("drafts_due").value(rollout.drafts_due.to_string());
  w.key("review").value(rollout.review.to_string());
  w.key("commit").value(rollout.commit.to_string());
  w.end_object();
  id_or_null(w, "parent_id", kPeriodPrefix, p.parent);
  w.key("state").value(core::to_string(p.state_at(as_of)));
  instant_or_null(w, "closed_at", p.closed_at);
  write_configurable_can(w, can);
  w.end_object();
}

namespace {

// Members only: the caller opens and closes the object, so the detail can add more.
void write_objective_members(JsonWriter& w, const Evaluation& eval, const Objective& o) {
  const ObjectiveView view = eval.objective_view(o.id);
  w.key("id").value(api_id(kObjectivePrefix, o.id.value()));
  w.key("title").value(o.title);
  w.key("description").value(o.description);
  w.key("period_id").value(api_id(kPeriodPrefix, o.period.value()));
  w.key("owner").begin_object();
  if (o.owner.is_unit()) {
    w.key("unit_id").value(api_id(kUnitPrefix, o.owner.unit.value()));
  } else {
    w.key("person_id").value(api_id(kPersonPrefix, o.owner.person.value()));
  }
  w.end_object();
  w.key("type").value(core::to_string(o.type));
  w.key("visibility").value(core::to_string(o.visibility));
  w.key("state").value(core::to_string(o.state));  // the version in force at as_of
  w.key("weight").value(o.weight);
  w.key("progress_mode").value(core::to_string(o.progress_mode));
  w.key("progress").value(view.progress);
  w.key("expected").value(view.expected);
  w.key("status").value(core::to_string(view.status));
  w.key("confidence").value(view.confidence);
  w.key("forecast").value(eval.objective_forecast(o.id));  // null when it has none
  w.key("score").value(view.score);
  w.key("success");
  if (view.score) {
    w.value(view.success);
  } else {
    w.null();
  }
  write_score_parts(w, o.score, o.score_override);
  w.key("blocked_by_risk").value(view.blocked_by_risk);
  id_or_null(w, "rolled_over_from_id", kObjectivePrefix, o.rolled_over_from);
  instant_or_null(w, "closed_at", o.closed_at);
  w.key("version").value(version_at(eval.model().objective_history(o.id), eval.as_of()));
}

}  // namespace

namespace {

// What the caller may do with it (API.md "can"), computed by the service's
// rules so clients never guess.
void write_can(JsonWriter& w, const app::Can& can, bool key_result) {
  w.key("can").begin_object();
  w.key("edit").value(can.edit);
  w.key("delete").value(can.remove);
  if (key_result) w.key("check_in").value(can.check_in);
  w.key("comment").value(can.comment);
  w.key("align").value(can.align);
  w.end_object();
}

}  // namespace

void write_objective(JsonWriter& w, const Evaluation& eval, const app::Principal& who,
                     const Objective& o) {
  w.begin_object();
  write_objective_members(w, eval, o);
  write_can(w, app::can(eval.model(), who, o.id), false);
  w.end_object();
}

void write_objective_detail(JsonWriter& w, const Evaluation& eval, const app::Principal& who,
                            const Objective& o) {
  w.begin_object();
  write_objective_members(w, eval, o);
  write_can(w, app::can(eval.model(), who, o.id), false);
  // Rules of engagement judge the objective as it stands now (Model::warnings).
  write_warnings(w, eval.model(), o.id);
  w.key("key_results").begin_array();
  for (KeyResultId id : eval.model().key_results_of(o.id)) {
    const KeyResult* kr = eval.key_result(id);
    if (kr && !kr->archived) write_key_result(w, eval, who, *kr);
  }
  w.end_array();
  write_parents(w, eval, who, o.id);
  write_children(w, eval, who, o);
  write_dependencies(w, eval, who, o.id);
  w.end_object();
}

void write_key_result(JsonWriter& w, const Evaluation& eval, const app::Principal& who,
                      const KeyResult& kr) {
  const KeyResultView view = eval.key_result_view(kr.id);
  w.begin_object();
  write_can(w, app::can(eval.model(), who, kr.id), true);
  w.key("id").value(api_id(kKeyResultPrefix, kr.id.value()));
  w.key("objective_id").value(api_id(kObjectivePrefix, kr.objective.value()));
  w.key("title").value(kr.title);
  id_or_null(w, "owner_id", kPersonPrefix, kr.owner);
  w.key("kind").value(core::to_string(kr.kind));
  w.key("start").value(kr.start);
  w.key("target").value(kr.target);
  w.key("unit").value(kr.unit);
  if (kr.kind == KeyResultKind::kBand) {
    w.key("low").value(kr.low);
    w.key("high").value(kr.high);
  }
  if (kr.kind == KeyResultKind::kMilestones) {
    w.key("milestones").begin_array();
    for (const Milestone& m : kr.milestones) {
      w.begin_object().key("title").value(m.title).key("weight").value(m.weight).end_object();
    }
    w.end_array();
  }
  w.key("weight").value(kr.weight);
  w.key("due_date");
  if (kr.due_at) {
    w.value(date_before(*kr.due_at));
  } else {
    w.null();
  }
  w.key("progress_source").value(core::to_string(kr.source));
  id_or_null(w, "kpi_id", kKpiPrefix, kr.source == core::ProgressSource::kKpi ? kr.kpi : KpiId{});
  w.key("delegates").begin_array();
  for (PersonId p : kr.delegates) w.value(api_id(kPersonPrefix, p.value()));
  w.end_array();
  w.key("archived").value(kr.archived);
  w.key("current").value(view.current);
  w.key("progress").value(view.progress);
  w.key("attainment").value(view.attainment);
  w.key("expected").value(view.expected);
  w.key("status").value(core::to_string(view.status));
  w.key("confidence").value(view.confidence);
  w.key("stale").value(view.stale);
  w.key("forecast").value(view.forecast);
  w.key("score").value(view.score);
  write_score_parts(w, kr.score, kr.score_override);
  w.key("blocked_by_risk").value(view.blocked_by_risk);
  instant_or_null(w, "last_check_in_at", view.last_check_in);
  w.key("version").value(version_at(eval.model().key_result_history(kr.id), eval.as_of()));
  w.end_object();
}

void write_check_in(JsonWriter& w, const KeyResult& kr, const CheckIn& c) {
  w.begin_object();
  w.key("id").value(api_id(kCheckInPrefix, c.id.value()));
  w.key("key_result_id").value(api_id(kKeyResultPrefix, c.key_result.value()));
  id_or_null(w, "author_id", kPersonPrefix, c.author);
  id_or_null(w, "on_behalf_of_id", kPersonPrefix, c.on_behalf_of);
  write_measurement(w, kr, c.measurement);
  w.key("confidence").value(c.confidence);
  w.key("note").value(c.note.view());
  w.key("at").value(to_rfc3339(c.at));
  w.key("recorded_at").value(to_rfc3339(c.recorded_at));
  // A KPI's value: written by the KPI's source in its owner's name.
  id_or_null(w, "kpi_id", kKpiPrefix, c.kpi);
  w.end_object();
}

}  // namespace cairn::http
