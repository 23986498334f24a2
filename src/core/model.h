// The in-memory model of one organisation: every entity with its history, the
// live alignment graph and roll-up, and the commands that change them.
//
// Invariants:
//  - every command validates first and changes nothing when it fails;
//  - after a successful command the live roll-up is consistent: the changed
//    node and all its ancestors are recomputed before the command returns;
//  - history is append-only: each change records a new version at `now`, so
//    Evaluation can answer as of any past instant;
//  - check-ins are never edited; a deletion only marks the instant.
// The model is not thread-safe: one writer at a time (src/app serialises).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "core/alignment.h"
#include "core/check_in.h"
#include "core/collaboration.h"
#include "core/entity_kind.h"
#include "core/graph.h"
#include "core/history.h"
#include "core/key_result.h"
#include "core/kpi.h"
#include "core/live_forecasts.h"
#include "core/objective.h"
#include "core/organization.h"
#include "core/period.h"
#include "core/result.h"
#include "core/rollup.h"
#include "core/rules.h"

namespace cairn::core {

// What closing one objective produced.
struct ClosedObjective {
  ObjectiveId id;
  double score = 0;  // the effective score
  bool success = false;
};

class Model {
 public:
  Model();
  Model(const Model&) = delete;
  Model& operator=(const Model&) = delete;

  // ---- Reading the current state --------------------------------------------
  const Organization& organization() const { return organization_.current(); }
  const History<Organization>& organization_history() const { return organization_; }
  const Settings& settings() const { return organization().settings; }

  std::size_t unit_count() const { return units_.size(); }
  std::size_t person_count() const { return people_.size(); }
  std::size_t period_count() const { return periods_.size(); }
  std::size_t objective_count() const { return objectives_.size(); }
  std::size_t key_result_count() const { return key_results_.size(); }
  std::size_t link_count() const { return links_.size(); }
  std::size_t dependency_count() const { return dependencies_.size(); }
  std::size_t check_in_count() const { return check_in_owner_.size(); }

  // Current versions; nullptr for an unknown id.
  const Unit* unit(UnitId id) const { return current(units_, id); }
  const Person* person(PersonId id) const { return current(people_, id); }
  const Period* period(PeriodId id) const { return current(periods_, id); }
  const Objective* objective(ObjectiveId id) const { return current(objectives_, id); }
  const KeyResult* key_result(KeyResultId id) const { return current(key_results_, id); }
  const AlignmentLink* link(LinkId id) const { return current(links_, id); }
  const Dependency* dependency(DependencyId id) const { return current(dependencies_, id); }

  const History<Unit>& unit_history(UnitId id) const { return units_[id.value()]; }
  const History<Person>& person_history(PersonId id) const { return people_[id.value()]; }
  const History<Period>& period_history(PeriodId id) const { return periods_[id.value()]; }
  const History<Objective>& objective_history(ObjectiveId id) const {
    return objectives_[id.value()];
  }
  const History<KeyResult>& key_result_history(KeyResultId id) const {
    return key_results_[id.value()];
  }
  const History<AlignmentLink>& link_history(LinkId id) const { return links_[id.value()]; }
  const History<Dependency>& dependency_history(DependencyId id) const {
    return dependencies_[id.value()];
  }

  // A key result's check-ins ordered by (at, id): the last visible one is the latest.
  std::span<const CheckIn> check_ins(KeyResultId id) const { return check_ins_[id.value()]; }
  const CheckIn* check_in(CheckInId id) const;
  // The latest check-in visible at `as_of` (recorded by then, not deleted by then).
  const CheckIn* latest_check_in(KeyResultId id, Instant as_of) const;
  // The confidence of the newest check-in that has one, among those not
  // deleted: what a live evaluation shows. Kept in a flat array beside the
  // roll-up, so that a read of many objectives (an alignment tree, a status
  // after each check-in) does not walk every key result's check-ins.
  std::optional<int> latest_confidence(KeyResultId id) const {
    const std::int8_t c = latest_confidence_[id.value()];
    return c > 0 ? std::optional<int>(c) : std::nullopt;
  }

  // The unit whose kind is company, if any.
  UnitId company() const { return company_; }
  // Objectives ever created in a period, in creation order (filter by state).
  std::span<const ObjectiveId> objectives_in(PeriodId id) const;
  // Every objective that had `owner` in `period` in any of its versions: a
  // superset of those the owner has there at any instant (filter by the
  // version in force). A few per owner, where the period may hold 100,000.
  std::span<const ObjectiveId> objectives_ever_owned(const Owner& owner, PeriodId period) const;
  // Key results ever created in an objective, in creation order.
  std::span<const KeyResultId> key_results_of(ObjectiveId id) const {
    return graph_.key_results(id);
  }

  // Dependencies ever made from `node` (filter by `removed` and by version).
  std::span<const DependencyId> dependencies_from(NodeRef node) const;
  // Dependencies ever made on `node`, in creation order (the same filters).
  std::span<const DependencyId> dependencies_to(NodeRef node) const;
  // The person with this email (case-insensitive), if any.
  PersonId person_by_email(std::string_view email) const;

  std::size_t initiative_count() const { return initiatives_.size(); }
  std::size_t comment_count() const { return comments_.size(); }
  const Initiative* initiative(InitiativeId id) const { return current(initiatives_, id); }
  const Comment* comment(CommentId id) const { return current(comments_, id); }
  const History<Initiative>& initiative_history(InitiativeId id) const {
    return initiatives_[id.value()];
  }
  // A comment's versions: each reaction records a new one.
  const History<Comment>& comment_history(CommentId id) const { return comments_[id.value()]; }
  std::span<const Retrospective> retrospectives() const { return retrospectives_; }

  std::size_t kpi_count() const { return kpis_.size(); }
  const Kpi* kpi(KpiId id) const { return current(kpis_, id); }
  const History<Kpi>& kpi_history(KpiId id) const { return kpis_[id.value()]; }
  // A KPI's values ordered by (at, recording order): the last visible one is the latest.
  std::span<const KpiValue> kpi_values(KpiId id) const { return kpi_values_[id.value()]; }
  // The latest value recorded by `as_of`, if any.
  const KpiValue* latest_kpi_value(KpiId id, Instant as_of) const;
  // Key results ever tied to a KPI (filter by their current source and KPI).
  std::span<const KeyResultId> key_results_of_kpi(KpiId id) const {
    return kpi_key_results_[id.value()];
  }

  // The live graph and roll-up (the state after the last command).
  const AlignmentGraph& graph() const { return graph_; }
  const Rollup& rollup() const { return rollup_; }
  // The instant of the latest change; evaluations at or after it use the live roll-up.
  Instant last_change() const { return last_change_; }
  // Moves on with every change: what is derived from the live state and
  // kept (live_forecasts(), the server's kept answers) is valid for one
  // generation. Numbered across the process, so that no two states share one,
  // not even those of a model rebuilt from the store (app/replay.cc) and of
  // the model it replaced.
  std::uint64_t generation() const { return generation_; }
  LiveForecasts& live_forecasts() const { return live_forecasts_; }

  // Warnings of the rules of engagement for an objective as it stands now.
  std::vector<Warning> warnings(ObjectiveId id) const;

  // ---- What the last commands changed ----------------------------------------
  // Every entity version recorded since the last clear_journal(), in order (an
  // entity may appear more than once). The writer turns it into audit rows.
  std::span<const Touched> journal() const { return journal_; }
  void clear_journal() { journal_.clear(); }

  // ---- Loading a history in bulk ------------------------------------------------
  // While a stored history is replayed, recomputing ancestors after every
  // check-in is wasted work: between begin_bulk_load() and end_bulk_load() the
  // roll-up is recomputed once at the end, and before any command that reads it
  // (closing, scoring, rollover). Evaluations need end_bulk_load() first.
  void begin_bulk_load() { bulk_load_ = true; }
  void end_bulk_load();

  // ---- Commands ----------------------------------------------------------------
  Result<void> set_organization(Organization organization, Instant now);

  Result<UnitId> add_unit(Unit unit, Instant now);
  Result<void> update_unit(Unit unit, Instant now);
  Result<PersonId> add_person(Person person, Instant now);
  Result<void> update_person(Person person, Instant now);
  Result<PeriodId> add_period(Period period, Instant now);
  Result<void> update_period(Period period, Instant now);

  // Creates an objective (state draft or active). `objective.id` is ignored.
  Result<ObjectiveId> add_objective(Objective objective, Instant now);
  // Replaces the editable fields of an objective. Archiving is state = archived.
  Result<void> update_objective(Objective objective, Instant now);
  Result<KeyResultId> add_key_result(KeyResult key_result, Instant now);
  Result<void> update_key_result(KeyResult key_result, Instant now);

  // Records a check-in; `check_in.recorded_at` is set to `now`.
  Result<CheckInId> add_check_in(CheckIn check_in, Instant now);
  Result<void> delete_check_in(CheckInId id, Instant now);

  Result<LinkId> add_link(AlignmentLink link, Instant now);
  Result<void> update_link(LinkId id, double weight, bool contributes, Instant now);
  Result<void> remove_link(LinkId id, Instant now);
  Result<DependencyId> add_dependency(Dependency dependency, Instant now);
  Result<void> remove_dependency(DependencyId id, Instant now);

  Result<InitiativeId> add_initiative(Initiative initiative, Instant now);
  // Replaces an initiative's title, owner, state, due date and url; it stays
  // with its key result or objective.
  Result<void> update_initiative(Initiative initiative, Instant now);
  // Records a comment; its `mentions` are set from the body's @email mentions
  // of people the organisation has (mentions.h), its reactions start empty.
  Result<CommentId> add_comment(Comment comment, Instant now);
  // `person` reacts with `emoji` (a name of kReactionNames). Giving the same
  // reaction again changes nothing.
  Result<void> add_reaction(CommentId id, PersonId person, std::string emoji, Instant now);
  Result<RetrospectiveId> add_retrospective(Retrospective retrospective, Instant now);

  // KPIs (kpi.h). A KPI needs a name and an owner; its band's ends are
  // optional, low ≤ high.
  Result<KpiId> add_kpi(Kpi kpi, Instant now);
  // Replaces a KPI's name, unit, description, owner, band and archived flag.
  Result<void> update_kpi(Kpi kpi, Instant now);
  // Records values of a KPI (each `recorded_at` is set to `now`) and feeds
  // each one, in the order of their instants, as a check-in to every open key
  // result tied to the KPI whose period had started by the value's instant.
  // An archived KPI takes no values. Returns how many check-ins it made.
  Result<int> add_kpi_values(KpiId id, std::vector<KpiValue> values, Instant now);

  // Closing and scoring (DOMAIN.md "Closing a period, scoring").
  Result<ClosedObjective> close_objective(ObjectiveId id, Instant now);
  Result<std::vector<ClosedObjective>> close_period(PeriodId id, Instant now);
  Result<void> override_key_result_score(KeyResultId id, ScoreOverride override_, Instant now);
  Result<void> override_objective_score(ObjectiveId id, ScoreOverride override_, Instant now);

  // Copies an objective with its unfinished key results into a later period
  // (DOMAIN.md "Rollover"); returns the copy.
  Result<ObjectiveId> rollover(ObjectiveId id, PeriodId into, Instant now);

  // The rules-of-engagement warnings a new objective or key result would
  // raise, before it is made (for previews while it is being written): the
  // same validation and rules as the writes; nothing changes.
  Result<std::vector<Warning>> warnings_for_new(const Objective& objective) const;
  Result<std::vector<Warning>> warnings_for_new(const KeyResult& key_result) const;

 private:
  template <class T, class I>
  static const T* current(const std::vector<History<T>>& all, I id) {
    return id.valid() && id.value() < all.size() ? &all[id.value()].current() : nullptr;
  }
  void touch(Instant now) {
    last_change_ = std::max(last_change_, now);
    generation_ = next_generation();
  }

  void note(EntityKind kind, std::uint32_t index, std::size_t versions_before) {
    journal_.push_back(Touched{kind, index, versions_before});
  }
  // Records a version of an entity kept with history, creating it when `id` is
  // the next index, and notes it in the journal.
  template <class T, class I>
  void record(std::vector<History<T>>& all, I id, Instant now, T value) {
    if (id.value() == all.size()) all.emplace_back();
    History<T>& history = all[id.value()];
    note(kind_of<T>(), id.value(), history.versions().size());
    history.record(now, std::move(value));
  }
  template <class T>
  static constexpr EntityKind kind_of() {
    if constexpr (std::is_same_v<T, Unit>) return EntityKind::kUnit;
    if constexpr (std::is_same_v<T, Person>) return EntityKind::kPerson;
    if constexpr (std::is_same_v<T, Period>) return EntityKind::kPeriod;
    if constexpr (std::is_same_v<T, Objective>) return EntityKind::kObjective;
    if constexpr (std::is_same_v<T, KeyResult>) return EntityKind::kKeyResult;
    if constexpr (std::is_same_v<T, AlignmentLink>) return EntityKind::kLink;
    if constexpr (std::is_same_v<T, Dependency>) return EntityKind::kDependency;
    if constexpr (std::is_same_v<T, Initiative>) return EntityKind::kInitiative;
    if constexpr (std::is_same_v<T, Comment>) return EntityKind::kComment;
    if constexpr (std::is_same_v<T, Kpi>) return EntityKind::kKpi;
  }

  // Recomputes `node` and its ancestors, or defers that during a bulk load.
  void roll_up_from(NodeRef node);
  // Brings a roll-up deferred by a bulk load up to date before it is read.
  void settle_rollup();

  // Validation shared by add and update.
  Result<void> validate_objective(const Objective& objective) const;
  Result<void> validate_key_result(const KeyResult& key_result) const;
  Result<void> validate_initiative(const Initiative& initiative) const;
  // Refuses when `after` breaks an enforced rule that `before` did not.
  Result<void> enforce_rules(const std::vector<Warning>& before,
                             const std::vector<Warning>& after) const;
  // The rule facts of an objective, with optional changes applied.
  std::vector<Warning> objective_warnings(const Objective& objective, int key_result_delta,
                                          int owner_objective_delta) const;
  int active_key_result_count(ObjectiveId id) const;
  int owner_objective_count(const Owner& owner, PeriodId period) const;

  Result<void> validate_kpi(const Kpi& kpi) const;
  // Indexes a key result fed by a KPI and, when it was not fed by that KPI
  // before, gives it the KPI's latest value (DOMAIN.md: the latest value of
  // the linked KPI is the current value).
  Result<void> tie_to_kpi(const KeyResult* before, KeyResultId id, Instant now);
  // The check-in a KPI value makes on a key result it feeds.
  Result<CheckInId> feed(const Kpi& kpi, KeyResultId id, const KpiValue& value, Instant at,
                         Instant now);

  // Pushes the current inputs of a node into the live roll-up and recomputes
  // it and its ancestors.
  void refresh_objective(ObjectiveId id);
  void refresh_key_result(KeyResultId id);

  // Scores an objective (already holding frozen key result scores) from its
  // key results and children, by its progress mode.
  double computed_objective_score(ObjectiveId id) const;
  // After a score changed by hand: the closed objectives scored from their
  // children take the new effective score, up the alignment.
  void rescore_closed_ancestors(ObjectiveId changed, Instant now);
  bool succeeded(const Objective& objective) const;

  History<Organization> organization_;
  std::vector<History<Unit>> units_;
  std::vector<History<Person>> people_;
  std::vector<History<Period>> periods_;
  std::vector<History<Objective>> objectives_;
  std::vector<History<KeyResult>> key_results_;
  std::vector<History<AlignmentLink>> links_;
  std::vector<History<Dependency>> dependencies_;
  std::vector<std::vector<CheckIn>> check_ins_;  // per key result, by (at, id)
  std::vector<KeyResultId> check_in_owner_;      // CheckInId → its key result
  std::vector<std::int8_t> latest_confidence_;   // per key result; 0: none (confidences are 1–10)
  std::vector<History<Initiative>> initiatives_;
  std::vector<History<Comment>> comments_;
  std::vector<Retrospective> retrospectives_;
  std::vector<History<Kpi>> kpis_;
  std::vector<std::vector<KpiValue>> kpi_values_;          // per KPI, by (at, recording)
  std::vector<std::vector<KeyResultId>> kpi_key_results_;  // per KPI, ever tied

  UnitId company_;
  std::unordered_map<std::string, PersonId> people_by_email_;  // lowercased email
  std::unordered_map<std::uint64_t, std::vector<DependencyId>> dependencies_from_;
  std::unordered_map<std::uint64_t, std::vector<DependencyId>> dependencies_to_;
  std::vector<std::vector<ObjectiveId>> period_objectives_;
  // (owner, period) → objectives ever created there, for the per-owner rule.
  std::unordered_map<std::uint64_t, std::vector<ObjectiveId>> owner_period_objectives_;

  AlignmentGraph graph_;
  Rollup rollup_{graph_};
  Instant last_change_ = Instant::min();
  static std::uint64_t next_generation();
  std::uint64_t generation_ = next_generation();
  mutable LiveForecasts live_forecasts_;
  std::vector<Touched> journal_;
  bool bulk_load_ = false;
  bool rollup_stale_ = false;
};

}  // namespace cairn::core
