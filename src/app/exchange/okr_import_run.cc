// run_import: an ImportPlan's steps as commands, in order.
#include <algorithm>
#include <cctype>
#include <map>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "app/exchange/document_writer.h"
#include "app/exchange/import_plan.h"
#include "app/exchange/okr_import.h"
#include "app/time_zone.h"

namespace cairn::app::exchange {
namespace {

constexpr std::uint32_t kMissing = core::Id<struct Any>::kInvalid;

// The path of the entity a value belongs to: "/objectives/3/key_results/1"
// for "/objectives/3/key_results/1/owner", "/people/0" for "/people/0/name".
std::string entity_of(std::string_view path) {
  static constexpr std::string_view kLists[] = {
      "people",      "units",     "periods",       "kpis",       "objectives",
      "key_results", "check_ins", "parents",       "depends_on", "initiatives",
      "comments",    "reactions", "retrospectives"};
  std::size_t entity_end = 0;
  std::string_view previous;
  std::size_t at = 0;
  while (at < path.size()) {
    const std::size_t next = std::min(path.find('/', at + 1), path.size());
    const std::string_view segment = path.substr(at + 1, next - at - 1);
    const bool index = !segment.empty() && std::isdigit(static_cast<unsigned char>(segment[0]));
    if (index && std::find(std::begin(kLists), std::end(kLists), previous) != std::end(kLists)) {
      entity_end = next;
    }
    if (at == 0 && segment == "organization") entity_end = next;
    previous = segment;
    at = next;
  }
  return std::string(path.substr(0, entity_end));
}

class Runner {
 public:
  Runner(const ImportPlan& plan, CommandTarget& target, std::vector<Problem>& problems)
      : plan_(plan), target_(target), problems_(problems) {
    people_.assign(plan.people.size(), kMissing);
    units_.assign(plan.units.size(), kMissing);
    periods_.assign(plan.periods.size(), kMissing);
    kpis_.assign(plan.kpis.size(), kMissing);
    reused_kpi_.assign(plan.kpis.size(), false);
    objectives_.assign(plan.objectives.size(), kMissing);
    key_results_.assign(plan.key_results.size(), kMissing);
    check_ins_.assign(plan.check_ins.size(), kMissing);
    comments_.assign(plan.comments.size(), kMissing);
    const core::Model& model = target.model();
    empty_ = model.unit_count() == 0 && model.person_count() == 0;
    for (std::uint32_t i = 0; i < model.unit_count(); ++i) {
      const core::Unit& u = *model.unit(core::UnitId{i});
      existing_units_.emplace(std::make_tuple(u.name, u.parent.value()), i);
    }
    for (std::uint32_t i = 0; i < model.period_count(); ++i) {
      const core::Period& p = *model.period(core::PeriodId{i});
      existing_periods_.emplace(std::make_tuple(p.name, p.start_date.days, p.end_date.days), i);
    }
    for (std::uint32_t i = 0; i < model.kpi_count(); ++i) {
      existing_kpis_.emplace(model.kpi(core::KpiId{i})->name, i);
    }
    expected_kpi_check_ins_.resize(plan.key_results.size());
    for (std::size_t i = 0; i < plan.check_ins.size(); ++i) {
      const CheckInEntry& c = plan.check_ins[i];
      if (c.kpi != kNone) expected_kpi_check_ins_[c.key_result].push_back(static_cast<int>(i));
    }
  }

  ImportCounts run() {
    // An entity the document already gets wrong is not run as well: its
    // problem is reported once, where it is.
    for (const Problem& p : problems_) {
      if (!p.entity_usable) broken_.insert(entity_of(p.path));
    }
    for (const Step& step : plan_.steps) run(step);
    report_unmade_kpi_check_ins();
    return counts_;
  }

 private:
  template <class IdType>
  static IdType id_of(const std::vector<std::uint32_t>& ids, int index) {
    return index < 0 ? IdType{} : IdType{ids[static_cast<std::size_t>(index)]};
  }
  core::PersonId person(int index) const { return id_of<core::PersonId>(people_, index); }
  // Whether a reference the document gives resolved to something that exists.
  static bool missing(const std::vector<std::uint32_t>& ids, int index) {
    return index >= 0 && ids[static_cast<std::size_t>(index)] == kMissing;
  }
  bool missing_node(const NodeEntry& n) const {
    return n.index < 0 || missing(n.key_result ? key_results_ : objectives_, n.index);
  }
  core::NodeRef node(const NodeEntry& n) const {
    return n.key_result ? core::NodeRef::of(id_of<core::KeyResultId>(key_results_, n.index))
                        : core::NodeRef::of(id_of<core::ObjectiveId>(objectives_, n.index));
  }

  // Where in the document a step's problem lies. Computed only when needed:
  // building millions of path strings would cost an import of the enterprise
  // workload more than the commands themselves.
  std::string path_of(const Step& step) const {
    const int i = static_cast<int>(step.index);
    switch (step.kind) {
      case StepKind::kOrganization:
        return "/organization";
      case StepKind::kSettings:
        return "/organization/settings/enforce_rules";
      case StepKind::kPerson:
        return plan_.person_path(i);
      case StepKind::kManager:
        return plan_.person_path(i) + "/manager";
      case StepKind::kUnit:
        return plan_.unit_path(i);
      case StepKind::kPeriod:
        return plan_.period_path(i);
      case StepKind::kKpi:
        return plan_.kpi_path(i);
      case StepKind::kKpiValues:
        return plan_.kpi_values_path(i);
      case StepKind::kArchiveKpi:
        return plan_.kpi_path(i) + "/archived";
      case StepKind::kClosePeriod:
        return plan_.period_path(i) + "/closed_at";
      case StepKind::kObjective:
        return plan_.objective_path(i);
      case StepKind::kArchiveObjective:
        return plan_.objective_path(i) + "/state";
      case StepKind::kCloseObjective:
        return plan_.objective_path(i) + "/closed_at";
      case StepKind::kOverrideObjective:
        return plan_.objective_path(i) + "/score_override";
      case StepKind::kKeyResult:
        return plan_.key_result_path(i);
      case StepKind::kArchiveKeyResult:
        return plan_.key_result_path(i) + "/archived";
      case StepKind::kOverrideKeyResult:
        return plan_.key_result_path(i) + "/score_override";
      case StepKind::kCheckIn:
        return plan_.check_in_path(i);
      case StepKind::kDeleteCheckIn:
        return plan_.check_in_path(i) + "/deleted_at";
      case StepKind::kLink:
        return plan_.links[step.index].path;
      case StepKind::kDependency:
        return plan_.dependencies[step.index].path;
      case StepKind::kInitiative:
        return plan_.initiatives[step.index].path;
      case StepKind::kComment:
        return plan_.comments[step.index].path;
      case StepKind::kReaction:
        return plan_.reactions[step.index].path;
      case StepKind::kRetrospective:
        return plan_.retrospectives[step.index].path;
    }
    return "";
  }

  // Runs one step's command at its instant; a refusal becomes a problem at
  // the step's path.
  std::optional<std::uint32_t> apply(const Command& command, const Step& step) {
    if (!broken_.empty() && broken_.count(entity_of(path_of(step)))) return std::nullopt;
    counts_.commands++;
    const std::size_t check_ins_before = target_.model().check_in_count();
    auto applied = target_.run(command, step.at);
    if (!applied) {
      problems_.push_back(Problem{path_of(step), 0, refusal_message(applied.error())});
      return std::nullopt;
    }
    // A KPI's value, or a key result tied to a KPI, makes check-ins of its own.
    adopt_kpi_check_ins(check_ins_before);
    return applied->created.value_or(0);
  }

  // Matches the check-ins a KPI just made with the ones the document lists for
  // their key results, so that comments and deletions find them and a
  // document whose check-ins its values do not make is refused, not imported
  // differently. A key result that lists none (hand-written) takes what its
  // KPI makes; one fed by a KPI the organisation had already is not compared.
  void adopt_kpi_check_ins(std::size_t from) {
    const core::Model& model = target_.model();
    for (std::size_t id = from; id < model.check_in_count(); ++id) {
      const core::CheckIn& made = *model.check_in(core::CheckInId{static_cast<std::uint32_t>(id)});
      if (!made.kpi.valid()) continue;
      counts_.check_ins++;
      auto kr = key_result_index_.find(made.key_result.value());
      if (kr == key_result_index_.end()) continue;
      std::vector<int>& expected = expected_kpi_check_ins_[kr->second];
      auto match = std::find_if(expected.begin(), expected.end(), [&](int i) {
        return check_ins_[static_cast<std::size_t>(i)] == kMissing && same(made, i);
      });
      if (match != expected.end()) {
        check_ins_[static_cast<std::size_t>(*match)] = made.id.value();
      } else if (!expected.empty() && !reused(made.kpi)) {
        problems_.push_back(
            Problem{plan_.key_result_path(kr->second) + "/check_ins", 0,
                    "the KPI's value at " + core::to_rfc3339(made.at) + " makes a check-in of " +
                        shortest_number(made.measurement.value) + " recorded at " +
                        core::to_rfc3339(made.recorded_at) + " that the document does not list"});
      }
    }
  }
  // Whether the check-in a KPI made is the document's check-in `i`.
  bool same(const core::CheckIn& made, int i) const {
    const CheckInEntry& e = plan_.check_ins[static_cast<std::size_t>(i)];
    return made.at == e.check_in.at && made.recorded_at == e.recorded_at &&
           made.measurement.value == e.check_in.measurement.value &&
           made.kpi.value() == kpis_[static_cast<std::size_t>(e.kpi)] &&
           made.author == person(e.author) && made.on_behalf_of == person(e.on_behalf_of) &&
           made.confidence == e.check_in.confidence && made.note == e.check_in.note;
  }
  bool reused(core::KpiId id) const {
    for (std::size_t i = 0; i < kpis_.size(); ++i) {
      if (kpis_[i] == id.value()) return reused_kpi_[i];
    }
    return false;
  }
  // The document's KPI check-ins that no value made (their KPI and key result
  // having been imported: else that is the problem already reported).
  void report_unmade_kpi_check_ins() {
    for (std::size_t i = 0; i < plan_.check_ins.size(); ++i) {
      const CheckInEntry& e = plan_.check_ins[i];
      if (e.kpi == kNone || check_ins_[i] != kMissing) continue;
      if (missing(key_results_, e.key_result) || missing(kpis_, e.kpi) || reused_kpi_[e.kpi]) {
        continue;
      }
      problems_.push_back(Problem{
          plan_.check_in_path(static_cast<int>(i)), 0,
          "no value of the KPI makes this check-in: a KPI's check-ins come from its values, "
          "with the same at, value and recorded_at, in the name of the KPI's owner"});
    }
  }
  void created(std::vector<std::uint32_t>& ids, std::size_t index,
               std::optional<std::uint32_t> id) {
    if (id) ids[index] = *id;
  }

  void run(const Step& step) {
    const std::size_t i = step.index;
    switch (step.kind) {
      case StepKind::kOrganization: {
        if (!empty_) return;  // an organisation that exists keeps its own settings
        core::Organization org = plan_.organization;
        org.settings.enforce.clear();  // restored by the kSettings step, last
        apply(SetOrganization{org}, step);
        return;
      }
      case StepKind::kPerson: {
        const PersonEntry& e = plan_.people[i];
        if (const core::PersonId existing = target_.model().person_by_email(e.person.email);
            existing.valid()) {
          people_[i] = existing.value();
          return;
        }
        core::Person p = e.person;
        if (e.manager >= 0 && e.manager < static_cast<int>(i)) p.manager = person(e.manager);
        created(people_, i, apply(AddPerson{p}, step));
        if (people_[i] != kMissing) counts_.people++;
        return;
      }
      case StepKind::kManager: {
        const PersonEntry& e = plan_.people[i];
        if (missing(people_, static_cast<int>(i)) || missing(people_, e.manager)) return;
        core::Person p = *target_.model().person(person(static_cast<int>(i)));
        p.manager = person(e.manager);
        apply(UpdatePerson{p}, step);
        return;
      }
      case StepKind::kUnit: {
        const UnitEntry& e = plan_.units[i];
        if (missing(units_, e.parent) || missing(people_, e.lead)) return;
        const core::UnitId parent = id_of<core::UnitId>(units_, e.parent);
        const core::Model& model = target_.model();
        if (e.unit.kind == core::UnitKind::kCompany && model.company().valid() &&
            e.parent == kNone) {
          units_[i] = model.company().value();
          return;
        }
        if (auto found = existing_units_.find(std::make_tuple(e.unit.name, parent.value()));
            found != existing_units_.end()) {
          units_[i] = found->second;
          return;
        }
        core::Unit u = e.unit;
        u.parent = parent;
        u.lead = person(e.lead);
        for (int m : e.members) {
          if (!missing(people_, m)) u.members.push_back(person(m));
        }
        created(units_, i, apply(AddUnit{u}, step));
        if (units_[i] != kMissing) counts_.units++;
        return;
      }
      case StepKind::kPeriod: {
        const PeriodEntry& e = plan_.periods[i];
        if (missing(periods_, e.parent)) return;
        if (auto found = existing_periods_.find(
                std::make_tuple(e.period.name, e.period.start_date.days, e.period.end_date.days));
            found != existing_periods_.end()) {
          periods_[i] = found->second;
          return;
        }
        core::Period p = e.period;
        p.parent = id_of<core::PeriodId>(periods_, e.parent);
        if (!e.has_instants) {
          const std::string& zone = target_.model().organization().timezone;
          auto starts = start_of_day(p.start_date, zone);
          auto ends = start_of_day(p.end_date + 1, zone);
          if (!starts || !ends) {
            problems_.push_back(
                Problem{path_of(step), 0, "the organisation's time zone is not known"});
            return;
          }
          p.starts_at = *starts;
          p.ends_at = *ends;
        }
        created(periods_, i, apply(AddPeriod{p}, step));
        if (periods_[i] != kMissing) counts_.periods++;
        return;
      }
      case StepKind::kKpi: {
        const KpiEntry& e = plan_.kpis[i];
        if (missing(people_, e.owner)) return;
        // A KPI the organisation has keeps its own settings and history.
        if (auto found = existing_kpis_.find(e.kpi.name); found != existing_kpis_.end()) {
          kpis_[i] = found->second;
          reused_kpi_[i] = true;
          return;
        }
        core::Kpi k = e.kpi;
        k.owner = person(e.owner);
        k.archived = false;  // archived after its values (kArchiveKpi)
        created(kpis_, i, apply(AddKpi{k}, step));
        if (kpis_[i] != kMissing) counts_.kpis++;
        return;
      }
      case StepKind::kKpiValues: {
        const KpiValuesEntry& e = plan_.kpi_values[i];
        if (missing(kpis_, e.kpi)) return;
        const core::KpiId id = id_of<core::KpiId>(kpis_, e.kpi);
        std::vector<core::KpiValue> values =
            reused_kpi_[e.kpi] ? new_values(id, e.values) : e.values;
        if (values.empty()) return;
        apply(AddKpiValues{id, std::move(values)}, step);
        return;
      }
      case StepKind::kArchiveKpi: {
        if (missing(kpis_, static_cast<int>(i)) || reused_kpi_[i]) return;
        core::Kpi k = *target_.model().kpi(id_of<core::KpiId>(kpis_, static_cast<int>(i)));
        k.archived = true;
        apply(UpdateKpi{k}, step);
        return;
      }
      case StepKind::kObjective: {
        const ObjectiveEntry& e = plan_.objectives[i];
        if (e.period < 0 || missing(periods_, e.period) || e.owner < 0 ||
            missing(e.owned_by_unit ? units_ : people_, e.owner) ||
            missing(objectives_, e.rolled_over_from)) {
          return;
        }
        core::Objective o = e.objective;
        o.period = id_of<core::PeriodId>(periods_, e.period);
        o.owner = e.owned_by_unit ? core::Owner::of_unit(id_of<core::UnitId>(units_, e.owner))
                                  : core::Owner::of_person(person(e.owner));
        o.rolled_over_from = id_of<core::ObjectiveId>(objectives_, e.rolled_over_from);
        if (o.state != core::ObjectiveState::kDraft) o.state = core::ObjectiveState::kActive;
        created(objectives_, i, apply(AddObjective{o}, step));
        if (objectives_[i] != kMissing) counts_.objectives++;
        return;
      }
      case StepKind::kKeyResult: {
        const KeyResultEntry& e = plan_.key_results[i];
        if (missing(objectives_, e.objective) || missing(people_, e.owner) ||
            missing(kpis_, e.kpi)) {
          return;
        }
        core::KeyResult kr = e.key_result;
        kr.kpi = id_of<core::KpiId>(kpis_, e.kpi);
        kr.objective = id_of<core::ObjectiveId>(objectives_, e.objective);
        kr.owner = person(e.owner);
        for (int d : e.delegates) {
          if (!missing(people_, d)) kr.delegates.push_back(person(d));
        }
        kr.archived = false;
        // Known before it runs: adding it may make its KPI's latest value a check-in.
        const std::uint32_t next = static_cast<std::uint32_t>(target_.model().key_result_count());
        key_result_index_[next] = static_cast<int>(i);
        created(key_results_, i, apply(AddKeyResult{kr}, step));
        if (key_results_[i] == kMissing) {
          key_result_index_.erase(next);
        } else {
          counts_.key_results++;
        }
        return;
      }
      case StepKind::kLink: {
        const LinkEntry& e = plan_.links[i];
        if (missing_node(e.child) || missing_node(e.parent)) return;
        core::AlignmentLink link;
        link.child = node(e.child);
        link.parent = node(e.parent);
        link.weight = e.weight;
        link.contributes = e.contributes;
        apply(AddLink{link}, step);
        return;
      }
      case StepKind::kDependency: {
        const DependencyEntry& e = plan_.dependencies[i];
        if (missing_node(e.from) || missing_node(e.to)) return;
        core::Dependency d;
        d.from = node(e.from);
        d.to = node(e.to);
        apply(AddDependency{d}, step);
        return;
      }
      case StepKind::kCheckIn: {
        const CheckInEntry& e = plan_.check_ins[i];
        if (missing(key_results_, e.key_result) || e.author < 0 || missing(people_, e.author) ||
            missing(people_, e.on_behalf_of)) {
          return;
        }
        core::CheckIn c = e.check_in;
        c.key_result = id_of<core::KeyResultId>(key_results_, e.key_result);
        c.author = person(e.author);
        c.on_behalf_of = person(e.on_behalf_of);
        created(check_ins_, i, apply(AddCheckIn{c}, step));
        if (check_ins_[i] != kMissing) counts_.check_ins++;
        return;
      }
      case StepKind::kDeleteCheckIn:
        if (missing(check_ins_, static_cast<int>(i))) return;
        apply(DeleteCheckIn{core::CheckInId{check_ins_[i]}}, step);
        return;
      case StepKind::kInitiative: {
        const InitiativeEntry& e = plan_.initiatives[i];
        if (missing_node(e.target) || missing(people_, e.owner)) return;
        core::Initiative initiative = e.initiative;
        initiative.target = node(e.target);
        initiative.owner = person(e.owner);
        apply(AddInitiative{initiative}, step);
        return;
      }
      case StepKind::kComment: {
        const CommentEntry& e = plan_.comments[i];
        if (missing_node(e.target) || e.author < 0 || missing(people_, e.author) ||
            missing(check_ins_, e.check_in)) {
          return;
        }
        core::Comment comment;
        comment.target = node(e.target);
        comment.check_in = id_of<core::CheckInId>(check_ins_, e.check_in);
        comment.author = person(e.author);
        comment.body = e.body;
        created(comments_, i, apply(AddComment{comment}, step));
        return;
      }
      case StepKind::kReaction: {
        const ReactionEntry& e = plan_.reactions[i];
        if (missing(comments_, e.comment) || e.person < 0 || missing(people_, e.person)) return;
        apply(AddReaction{id_of<core::CommentId>(comments_, e.comment), person(e.person), e.emoji},
              step);
        return;
      }
      case StepKind::kArchiveKeyResult: {
        if (missing(key_results_, static_cast<int>(i))) return;
        core::KeyResult kr = *target_.model().key_result(
            id_of<core::KeyResultId>(key_results_, static_cast<int>(i)));
        kr.archived = true;
        apply(UpdateKeyResult{kr}, step);
        return;
      }
      case StepKind::kArchiveObjective: {
        if (missing(objectives_, static_cast<int>(i))) return;
        core::Objective o =
            *target_.model().objective(id_of<core::ObjectiveId>(objectives_, static_cast<int>(i)));
        o.state = core::ObjectiveState::kArchived;
        apply(UpdateObjective{o}, step);
        return;
      }
      case StepKind::kCloseObjective:
        if (missing(objectives_, static_cast<int>(i))) return;
        apply(CloseObjective{id_of<core::ObjectiveId>(objectives_, static_cast<int>(i))}, step);
        return;
      case StepKind::kClosePeriod:
        if (missing(periods_, static_cast<int>(i))) return;
        apply(ClosePeriod{id_of<core::PeriodId>(periods_, static_cast<int>(i))}, step);
        return;
      case StepKind::kOverrideKeyResult: {
        const KeyResultEntry& e = plan_.key_results[i];
        if (missing(key_results_, static_cast<int>(i)) || e.override_->by < 0 ||
            missing(people_, e.override_->by)) {
          return;
        }
        core::ScoreOverride o = e.override_->value;
        o.by = person(e.override_->by);
        apply(
            OverrideKeyResultScore{id_of<core::KeyResultId>(key_results_, static_cast<int>(i)), o},
            step);
        return;
      }
      case StepKind::kOverrideObjective: {
        const ObjectiveEntry& e = plan_.objectives[i];
        if (missing(objectives_, static_cast<int>(i)) || e.override_->by < 0 ||
            missing(people_, e.override_->by)) {
          return;
        }
        core::ScoreOverride o = e.override_->value;
        o.by = person(e.override_->by);
        apply(OverrideObjectiveScore{id_of<core::ObjectiveId>(objectives_, static_cast<int>(i)), o},
              step);
        return;
      }
      case StepKind::kRetrospective: {
        const RetrospectiveEntry& e = plan_.retrospectives[i];
        if (e.unit < 0 || e.period < 0 || e.author < 0 || missing(units_, e.unit) ||
            missing(periods_, e.period) || missing(people_, e.author)) {
          return;
        }
        core::Retrospective r;
        r.unit = id_of<core::UnitId>(units_, e.unit);
        r.period = id_of<core::PeriodId>(periods_, e.period);
        r.author = person(e.author);
        r.answers = e.answers;
        apply(AddRetrospective{r}, step);
        return;
      }
      case StepKind::kSettings: {
        if (!empty_) return;
        core::Organization org = target_.model().organization();
        org.settings.enforce = plan_.organization.settings.enforce;
        apply(SetOrganization{org}, step);
        return;
      }
    }
  }

  // The values of a KPI the organisation had that it does not have yet (the
  // same instant and value), so that importing a document again adds none.
  std::vector<core::KpiValue> new_values(core::KpiId id,
                                         const std::vector<core::KpiValue>& values) const {
    const auto history = target_.model().kpi_values(id);
    std::vector<core::KpiValue> out;
    for (const core::KpiValue& v : values) {
      const bool has = std::any_of(history.begin(), history.end(), [&](const core::KpiValue& h) {
        return h.at == v.at && h.value == v.value;
      });
      if (!has) out.push_back(v);
    }
    return out;
  }

  const ImportPlan& plan_;
  CommandTarget& target_;
  std::vector<Problem>& problems_;
  bool empty_ = true;
  std::unordered_set<std::string> broken_;  // entities with a problem in the document
  std::vector<std::uint32_t> people_, units_, periods_, kpis_, objectives_, key_results_,
      check_ins_, comments_;
  std::vector<bool> reused_kpi_;  // matched by name to a KPI the organisation had
  std::map<std::string, std::uint32_t> existing_kpis_;
  std::unordered_map<std::uint32_t, int> key_result_index_;  // model id → document index
  std::vector<std::vector<int>> expected_kpi_check_ins_;     // per key result, check-in indexes
  std::map<std::tuple<std::string, std::uint32_t>, std::uint32_t> existing_units_;
  std::map<std::tuple<std::string, std::int32_t, std::int32_t>, std::uint32_t> existing_periods_;
  ImportCounts counts_;
};

}  // namespace

std::string refusal_message(const core::Error& error) {
  std::string message = error.message;
  for (const core::FieldError& field : error.fields) {
    if (message == field.message) {
      message = field.field + " " + field.message;  // "weight must be …"
    } else if (message.find(field.message) == std::string::npos) {
      message += "; " + field.field + " " + field.message;
    }
  }
  return message;
}

ImportCounts run_import(const ImportPlan& plan, CommandTarget& target,
                        std::vector<Problem>& problems) {
  return Runner(plan, target, problems).run();
}

}  // namespace cairn::app::exchange
