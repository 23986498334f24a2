// Model commands for objectives, key results, alignment links and dependencies.
#include <algorithm>

#include "core/model.h"
#include "core/validation.h"

namespace cairn::core {
namespace {

std::uint64_t owner_period_key(const Owner& owner, PeriodId period) {
  const std::uint64_t who =
      owner.is_unit() ? (1ULL << 32) | owner.unit.value() : owner.person.value();
  return (static_cast<std::uint64_t>(period.value()) << 33) | who;
}

bool same_warning(const Warning& a, const Warning& b) {
  return a.rule == b.rule && a.key_result == b.key_result;
}

bool counts_for_owner(const Objective& o) {
  return o.state == ObjectiveState::kDraft || o.state == ObjectiveState::kActive ||
         o.state == ObjectiveState::kClosed;
}

}  // namespace

int Model::active_key_result_count(ObjectiveId id) const {
  int count = 0;
  for (KeyResultId kr : graph_.key_results(id))
    count += key_results_[kr.value()].current().archived ? 0 : 1;
  return count;
}

std::span<const ObjectiveId> Model::objectives_ever_owned(const Owner& owner,
                                                          PeriodId period) const {
  auto it = owner_period_objectives_.find(owner_period_key(owner, period));
  if (it == owner_period_objectives_.end()) return {};
  return it->second;
}

int Model::owner_objective_count(const Owner& owner, PeriodId period) const {
  auto it = owner_period_objectives_.find(owner_period_key(owner, period));
  if (it == owner_period_objectives_.end()) return 0;
  int count = 0;
  for (ObjectiveId id : it->second) {
    const Objective& o = objectives_[id.value()].current();
    if (o.owner == owner && o.period == period && counts_for_owner(o)) ++count;
  }
  return count;
}

std::vector<Warning> Model::objective_warnings(const Objective& o, int key_result_delta,
                                               int owner_objective_delta) const {
  ObjectiveFacts facts{o.state, 0,
                       owner_objective_count(o.owner, o.period) + owner_objective_delta};
  if (o.id.valid() && o.id.value() < objectives_.size())
    facts.key_results = active_key_result_count(o.id);
  facts.key_results += key_result_delta;
  return objective_rule_warnings(facts, settings());
}

std::vector<Warning> Model::warnings(ObjectiveId id) const {
  const Objective* o = objective(id);
  if (!o) return {};
  std::vector<Warning> out = objective_warnings(*o, 0, 0);
  if (o->state != ObjectiveState::kDraft && o->state != ObjectiveState::kActive) return out;
  for (KeyResultId kr : graph_.key_results(id)) {
    for (Warning& w : key_result_rule_warnings(key_results_[kr.value()].current())) {
      out.push_back(std::move(w));
    }
  }
  return out;
}

Result<void> Model::enforce_rules(const std::vector<Warning>& before,
                                  const std::vector<Warning>& after) const {
  for (const Warning& w : after) {
    if (!w.blocks || !settings().enforce.contains(w.rule)) continue;
    const bool existed = std::any_of(before.begin(), before.end(), [&](const Warning& b) {
      return b.blocks && same_warning(b, w);
    });
    if (existed) continue;
    Error error{ErrorCode::kRuleViolation, w.message, {}, {}, to_string(w.rule)};
    return error;
  }
  return {};
}

Result<std::vector<Warning>> Model::warnings_for_new(const Objective& o) const {
  CAIRN_TRY(validate_objective(o));
  Objective fresh = o;
  fresh.id = ObjectiveId{};  // not counted yet: the owner's count grows by one
  return objective_warnings(fresh, 0, 1);
}

Result<std::vector<Warning>> Model::warnings_for_new(const KeyResult& kr) const {
  CAIRN_TRY(validate_key_result(kr));
  std::vector<Warning> out = key_result_rule_warnings(kr);
  // Its objective's rules, with one more key result.
  if (const Objective* o = objective(kr.objective)) {
    for (Warning& w : objective_warnings(*o, 1, 0)) out.push_back(std::move(w));
  }
  return out;
}

Result<void> Model::validate_objective(const Objective& o) const {
  CAIRN_TRY(check_title("title", o.title));
  CAIRN_TRY(check_text("description", o.description));
  if (!period(o.period)) return invalid("period_id", "no such period");
  if (o.owner.unit.valid() == o.owner.person.valid()) {
    return invalid("owner", "give exactly one owner: a unit or a person");
  }
  if (o.owner.unit.valid() && !unit(o.owner.unit)) return invalid("owner.unit_id", "no such unit");
  if (o.owner.person.valid() && !person(o.owner.person)) {
    return invalid("owner.person_id", "no such person");
  }
  CAIRN_TRY(check_weight("weight", o.weight));
  CAIRN_TRY(check_unit_interval("manual_progress", o.manual_progress));
  for (const std::string& tag : o.tags) CAIRN_TRY(check_title("tags", tag));
  CAIRN_TRY(check_text("retrospective_note", o.retrospective_note));
  return {};
}

Result<ObjectiveId> Model::add_objective(Objective o, Instant now) {
  o.id = ObjectiveId{static_cast<std::uint32_t>(objectives_.size())};
  o.created_at = now;
  o.closed_at.reset();
  o.score.reset();
  o.score_override.reset();
  if (o.state != ObjectiveState::kDraft && o.state != ObjectiveState::kActive) {
    return invalid("state", "a new objective is a draft or active");
  }
  CAIRN_TRY(validate_objective(o));
  if (o.rolled_over_from.valid() && !objective(o.rolled_over_from)) {
    return invalid("rolled_over_from", "no such objective");
  }
  if (period(o.period)->state_at(now) == PeriodState::kClosed) {
    return Error{ErrorCode::kClosed, "the period is closed", {}, {}, {}};
  }
  CAIRN_TRY(enforce_rules({}, objective_warnings(o, 0, 1)));

  const ObjectiveId id = o.id;
  period_objectives_[o.period.value()].push_back(id);
  owner_period_objectives_[owner_period_key(o.owner, o.period)].push_back(id);
  record(objectives_, id, now, std::move(o));
  graph_.add_objective(id);
  touch(now);
  refresh_objective(id);
  return id;
}

Result<void> Model::update_objective(Objective o, Instant now) {
  const Objective* found = objective(o.id);
  if (!found) return not_found("objective");
  const Objective old = *found;
  // What only the model may set stays as it was.
  o.created_at = old.created_at;
  o.closed_at = old.closed_at;
  o.score = old.score;
  o.score_override = old.score_override;
  o.rolled_over_from = old.rolled_over_from;

  if (old.closed()) {
    // A closed objective keeps what its score depends on; it can still be
    // archived, described, and given its retrospective.
    const bool frozen_changed = o.period != old.period || !(o.owner == old.owner) ||
                                o.weight != old.weight || o.progress_mode != old.progress_mode ||
                                o.manual_progress != old.manual_progress || o.type != old.type;
    if (frozen_changed ||
        (o.state != ObjectiveState::kClosed && o.state != ObjectiveState::kArchived)) {
      return Error{ErrorCode::kClosed,
                   "the objective is closed; its scored fields cannot change",
                   {},
                   {},
                   {}};
    }
  } else if (o.state == ObjectiveState::kClosed) {
    return invalid("state", "close an objective with the close command, which scores it");
  }
  CAIRN_TRY(validate_objective(o));
  if (o.period != old.period) {
    if (period(o.period)->state_at(now) == PeriodState::kClosed) {
      return Error{ErrorCode::kClosed, "the period is closed", {}, {}, {}};
    }
    const Period& p = *period(o.period);
    auto other_period = [&](NodeRef n) {
      const ObjectiveId oid =
          n.is_objective() ? n.objective() : graph_.objective_of(n.key_result());
      return *period(objective(oid)->period);
    };
    for (LinkId l : graph_.parent_links(NodeRef::of(o.id))) {
      if (!p.overlaps(other_period(graph_.edge(l).parent))) {
        return Error{ErrorCode::kPeriodMismatch,
                     "a parent's period would not overlap the new period",
                     {},
                     {},
                     {}};
      }
    }
    for (LinkId l : graph_.child_links(NodeRef::of(o.id))) {
      if (!p.overlaps(other_period(graph_.edge(l).child))) {
        return Error{ErrorCode::kPeriodMismatch,
                     "a child's period would not overlap the new period",
                     {},
                     {},
                     {}};
      }
    }
  }

  const bool same_bucket = o.owner == old.owner && o.period == old.period;
  const int delta = (counts_for_owner(o) ? 1 : 0) - (same_bucket && counts_for_owner(old) ? 1 : 0);
  CAIRN_TRY(enforce_rules(warnings(o.id), objective_warnings(o, 0, delta)));

  // An objective that moves back to a period (or owner) it was in before is
  // listed there already: listing it twice would count it twice.
  auto list_once = [](std::vector<ObjectiveId>& list, ObjectiveId id) {
    if (std::find(list.begin(), list.end(), id) == list.end()) list.push_back(id);
  };
  if (o.period != old.period) list_once(period_objectives_[o.period.value()], o.id);
  if (!same_bucket) list_once(owner_period_objectives_[owner_period_key(o.owner, o.period)], o.id);
  const ObjectiveId id = o.id;
  record(objectives_, id, now, std::move(o));
  touch(now);
  refresh_objective(id);
  return {};
}

Result<void> Model::validate_key_result(const KeyResult& kr) const {
  CAIRN_TRY(check_title("title", kr.title));
  if (kr.owner.valid() && !person(kr.owner)) return invalid("owner_id", "no such person");
  CAIRN_TRY(check_weight("weight", kr.weight));
  // Every number that comes in is finite, whether or not this kind uses it
  // (QUALITY.md): a stored NaN would surface in exports and later edits.
  CAIRN_TRY(check_finite("start", kr.start));
  if (kr.target) CAIRN_TRY(check_finite("target", *kr.target));
  CAIRN_TRY(check_finite("low", kr.low));
  CAIRN_TRY(check_finite("high", kr.high));
  if (utf8_length(kr.unit) > 32) return invalid("unit", "must be at most 32 characters");
  switch (kr.kind) {
    case KeyResultKind::kMetric:
      if (kr.target && *kr.target == kr.start) return invalid("target", "must differ from start");
      break;
    case KeyResultKind::kBand:
      if (kr.high < kr.low) return invalid("high", "must be at least low");
      break;
    case KeyResultKind::kMilestones:
      if (kr.milestones.empty() || kr.milestones.size() > kMaxMilestones) {
        return invalid("milestones", "give 1 to 64 milestones");
      }
      for (const Milestone& m : kr.milestones) {
        CAIRN_TRY(check_title("milestones.title", m.title));
        CAIRN_TRY(check_weight("milestones.weight", m.weight));
      }
      break;
    case KeyResultKind::kBoolean:
      break;
  }
  if (kr.source == ProgressSource::kSum && kr.kind != KeyResultKind::kMetric) {
    return invalid("progress_source", "only a metric key result can sum its children");
  }
  if (kr.source == ProgressSource::kKpi) {
    if (!kr.kpi.valid()) return invalid("kpi_id", "a KPI-fed key result needs its KPI");
    if (!kpi(kr.kpi)) return invalid("kpi_id", "no such KPI");
    if (kr.kind != KeyResultKind::kMetric && kr.kind != KeyResultKind::kBand) {
      return invalid("progress_source", "a KPI feeds metric and band key results");
    }
  }
  for (PersonId d : kr.delegates) {
    if (!person(d)) return invalid("delegates", "no such person");
  }
  const Objective* o = objective(kr.objective);
  if (!o) return invalid("objective_id", "no such objective");
  const Period& p = *period(o->period);
  const Instant starts = kr.starts_at.value_or(p.starts_at);
  const Instant due = kr.due_at.value_or(p.ends_at);
  if (!(starts < due)) return invalid("due_date", "must be after the start");
  if (!kr.plan.empty() && kr.kind != KeyResultKind::kMetric) {
    return invalid("plan", "only a metric key result has planned values");
  }
  for (std::size_t i = 0; i < kr.plan.size(); ++i) {
    CAIRN_TRY(check_finite("plan.value", kr.plan[i].value));
    if (kr.plan[i].at < starts || due < kr.plan[i].at) {
      return invalid("plan.date", "planned values lie between the start and the due date");
    }
    if (i > 0 && !(kr.plan[i - 1].at < kr.plan[i].at)) {
      return invalid("plan.date", "planned values are in date order, one per date");
    }
  }
  return {};
}

Result<KeyResultId> Model::add_key_result(KeyResult kr, Instant now) {
  const Objective* o = objective(kr.objective);
  if (!o) return invalid("objective_id", "no such objective");
  if (o->closed()) return Error{ErrorCode::kClosed, "the objective is closed", {}, {}, {}};
  if (o->archived()) return invalid("objective_id", "the objective is archived");
  kr.id = KeyResultId{static_cast<std::uint32_t>(key_results_.size())};
  kr.created_at = now;
  kr.archived = false;
  kr.score.reset();
  kr.graded_done = false;
  kr.score_override.reset();
  CAIRN_TRY(validate_key_result(kr));

  std::vector<Warning> after = objective_warnings(*o, 1, 0);
  for (Warning& w : key_result_rule_warnings(kr)) after.push_back(std::move(w));
  CAIRN_TRY(enforce_rules(warnings(o->id), after));
  // An objective already over the maximum (from before the rule was enforced)
  // warns already, so the comparison above lets it pass; one more key result
  // only makes it worse.
  if (settings().enforce.contains(RuleId::kKeyResultsPerObjective) &&
      active_key_result_count(o->id) + 1 > settings().max_key_results) {
    return Error{ErrorCode::kRuleViolation,
                 "this objective has " + std::to_string(active_key_result_count(o->id)) +
                     " key results already; the most is " +
                     std::to_string(settings().max_key_results),
                 {},
                 {},
                 to_string(RuleId::kKeyResultsPerObjective)};
  }

  const KeyResultId id = kr.id;
  graph_.add_key_result(id, kr.objective);
  record(key_results_, id, now, std::move(kr));
  check_ins_.emplace_back();
  latest_confidence_.push_back(0);
  touch(now);
  refresh_key_result(id);
  // The KPI's latest value arrives as a check-in, which fails only on what
  // validation ruled out; a failure leaves the journal for the writer's rebuild.
  CAIRN_TRY(tie_to_kpi(nullptr, id, now));
  return id;
}

Result<void> Model::update_key_result(KeyResult kr, Instant now) {
  const KeyResult* found = key_result(kr.id);
  if (!found) return not_found("key result");
  const KeyResult old = *found;
  const Objective& o = *objective(old.objective);
  if (o.closed()) return Error{ErrorCode::kClosed, "the objective is closed", {}, {}, {}};
  kr.objective = old.objective;
  kr.created_at = old.created_at;
  kr.score = old.score;
  kr.graded_done = old.graded_done;
  kr.score_override = old.score_override;
  if (kr.kind != old.kind && !check_ins_[kr.id.value()].empty()) {
    return invalid("kind", "the kind cannot change once the key result has check-ins");
  }
  CAIRN_TRY(validate_key_result(kr));

  const int delta = (kr.archived ? 0 : 1) - (old.archived ? 0 : 1);
  std::vector<Warning> after = objective_warnings(o, delta, 0);
  for (KeyResultId other : graph_.key_results(o.id)) {
    const KeyResult& each = other == kr.id ? kr : key_results_[other.value()].current();
    for (Warning& w : key_result_rule_warnings(each)) after.push_back(std::move(w));
  }
  CAIRN_TRY(enforce_rules(warnings(o.id), after));

  const KeyResultId id = kr.id;
  record(key_results_, id, now, std::move(kr));
  touch(now);
  refresh_key_result(id);
  return tie_to_kpi(&old, id, now);
}

Result<LinkId> Model::add_link(AlignmentLink link, Instant now) {
  auto describe = [&](NodeRef n, const char* field) -> Result<const Period*> {
    ObjectiveId oid;
    if (n.is_objective()) {
      const Objective* o = objective(n.objective());
      if (!o) return invalid(field, "no such objective");
      if (o->archived()) return invalid(field, "the objective is archived");
      oid = o->id;
    } else {
      const KeyResult* kr = key_result(n.key_result());
      if (!kr) return invalid(field, "no such key result");
      if (kr->archived) return invalid(field, "the key result is archived");
      oid = kr->objective;
    }
    return period(objective(oid)->period);
  };
  auto child_period = describe(link.child, "child");
  if (!child_period) return child_period.error();
  auto parent_period = describe(link.parent, "parent");
  if (!parent_period) return parent_period.error();
  CAIRN_TRY(check_weight("weight", link.weight));
  if (!(*child_period)->overlaps(**parent_period)) {
    return Error{ErrorCode::kPeriodMismatch,
                 "the parent's period (" + (*parent_period)->name +
                     ") does not overlap the child's period (" + (*child_period)->name + ")",
                 {},
                 {},
                 {}};
  }
  CAIRN_TRY(graph_.check_link(link.child, link.parent));

  link.id = LinkId{static_cast<std::uint32_t>(links_.size())};
  link.created_at = now;
  link.removed = false;
  graph_.add_link(link.id, link.child, link.parent, link.weight, link.contributes);
  record(links_, link.id, now, link);
  touch(now);
  roll_up_from(link.parent);
  return link.id;
}

Result<void> Model::update_link(LinkId id, double weight, bool contributes, Instant now) {
  const AlignmentLink* found = link(id);
  if (!found || found->removed) return not_found("alignment link");
  CAIRN_TRY(check_weight("weight", weight));
  AlignmentLink next = *found;
  next.weight = weight;
  next.contributes = contributes;
  graph_.update_link(id, weight, contributes);
  record(links_, id, now, next);
  touch(now);
  roll_up_from(next.parent);
  return {};
}

Result<void> Model::remove_link(LinkId id, Instant now) {
  const AlignmentLink* found = link(id);
  if (!found || found->removed) return not_found("alignment link");
  AlignmentLink next = *found;
  next.removed = true;
  graph_.remove_link(id);
  record(links_, id, now, next);
  touch(now);
  roll_up_from(next.parent);
  return {};
}

Result<DependencyId> Model::add_dependency(Dependency dependency, Instant now) {
  auto exists = [&](NodeRef n) {
    return n.is_objective() ? objective(n.objective()) != nullptr
                            : key_result(n.key_result()) != nullptr;
  };
  if (!exists(dependency.from)) return invalid("from", "no such objective or key result");
  if (!exists(dependency.to)) return invalid("to", "no such objective or key result");
  if (dependency.from == dependency.to) return invalid("to", "an item cannot depend on itself");
  for (DependencyId existing : dependencies_from(dependency.from)) {
    const Dependency& other = dependencies_[existing.value()].current();
    if (!other.removed && other.to == dependency.to) {
      return Error{ErrorCode::kConflict, "this dependency exists already", {}, {}, {}};
    }
  }
  dependency.id = DependencyId{static_cast<std::uint32_t>(dependencies_.size())};
  dependencies_from_[dependency.from.key()].push_back(dependency.id);
  dependencies_to_[dependency.to.key()].push_back(dependency.id);
  dependency.created_at = now;
  dependency.removed = false;
  record(dependencies_, dependency.id, now, dependency);
  touch(now);
  return dependency.id;
}

Result<void> Model::remove_dependency(DependencyId id, Instant now) {
  const Dependency* found = dependency(id);
  if (!found || found->removed) return not_found("dependency");
  Dependency next = *found;
  next.removed = true;
  record(dependencies_, id, now, next);
  touch(now);
  return {};
}

}  // namespace cairn::core
