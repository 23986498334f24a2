// What plan_import reads out of a document, before any command runs: each
// entity with its references as indexes into these lists (-1 for none), and
// the steps that create them, in the order they will run.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/model.h"

namespace cairn::app::exchange {

inline constexpr int kNone = -1;

struct PersonEntry {
  core::Person person;  // manager unset; set from `manager`
  int manager = kNone;
};
struct UnitEntry {
  core::Unit unit;  // parent, lead and members unset
  int parent = kNone;
  int lead = kNone;
  std::vector<int> members;
};
struct PeriodEntry {
  core::Period period;  // parent and closed_at unset
  int parent = kNone;
  bool has_instants = false;  // starts_at/ends_at given; else from the dates in the org's zone
  std::optional<core::Instant> closed_at;
};
struct OverrideEntry {
  core::ScoreOverride value;  // `by` unset
  int by = kNone;
};
struct KpiEntry {
  core::Kpi kpi;  // owner unset; archived as it ends
  int owner = kNone;
  std::vector<core::KpiValue> values;  // in the document's order, each with its recorded_at
};
// The values of one KPI recorded at one instant: one AddKpiValues command,
// which also makes the check-ins of the key results the KPI feeds then.
struct KpiValuesEntry {
  int kpi = kNone;
  std::vector<core::KpiValue> values;
  std::uint32_t first = 0;  // the position of the first of them in the KPI's values
};
struct ObjectiveEntry {
  core::Objective objective;  // period, owner, rolled_over_from unset; state as it ends
  int period = kNone;
  bool owned_by_unit = true;
  int owner = kNone;
  int rolled_over_from = kNone;
  core::Instant created_at;
  std::optional<core::Instant> closed_at;
  std::optional<OverrideEntry> override_;
};
struct KeyResultEntry {
  core::KeyResult key_result;  // objective, owner, delegates unset; archived as it ends
  int objective = kNone;
  std::uint32_t position = 0;  // in its objective's key_results
  int owner = kNone;
  std::vector<int> delegates;
  int kpi = kNone;  // progress_source kpi: the KPI that feeds it
  core::Instant created_at;
  std::optional<OverrideEntry> override_;
};
// A node reference: an objective or a key result, by index.
struct NodeEntry {
  bool key_result = false;
  int index = kNone;
};
struct LinkEntry {
  NodeEntry child, parent;
  double weight = 1;
  bool contributes = true;
  core::Instant created_at;
  std::string path;
};
struct DependencyEntry {
  NodeEntry from, to;
  core::Instant created_at;
  std::string path;
};
struct CheckInEntry {
  core::CheckIn check_in;  // key_result, author, on_behalf_of unset
  int key_result = kNone;
  std::uint32_t position = 0;  // in its key result's check_ins
  int author = kNone;
  int on_behalf_of = kNone;
  // Set for a check-in a KPI's value wrote: not run as a command, but made
  // again by that value (KpiValuesEntry) and matched to this entry.
  int kpi = kNone;
  core::Instant recorded_at;
  std::optional<core::Instant> deleted_at;
};
struct InitiativeEntry {
  core::Initiative initiative;  // target and owner unset
  NodeEntry target;
  int owner = kNone;
  std::string path;
};
struct CommentEntry {
  NodeEntry target;
  int check_in = kNone;  // set for a comment on a check-in
  int author = kNone;
  std::string body;
  core::Instant at;
  std::string path;
};
struct ReactionEntry {
  int comment = kNone;
  int person = kNone;
  std::string emoji;
  core::Instant at;
  std::string path;
};
struct RetrospectiveEntry {
  int unit = kNone;
  int period = kNone;
  int author = kNone;
  core::RetrospectiveAnswers answers;
  core::Instant recorded_at;
  std::string path;
};

// What a step does; the order here breaks ties between steps at one instant.
enum class StepKind : std::uint8_t {
  kOrganization,
  kPerson,
  kManager,  // a manager listed after the person
  kUnit,
  kPeriod,
  kKpi,
  kKpiValues,  // before key results: a key result made at the same instant takes these values
  kObjective,
  kKeyResult,
  kLink,
  kDependency,
  kCheckIn,
  kDeleteCheckIn,
  kInitiative,
  kComment,
  kReaction,
  kArchiveKeyResult,
  kArchiveKpi,  // after its values: an archived KPI takes none
  kArchiveObjective,
  kCloseObjective,
  kClosePeriod,
  kOverrideKeyResult,
  kOverrideObjective,
  kRetrospective,
  kSettings,  // the enforced rules, last: the document's state may predate them
};

struct Step {
  core::Instant at;
  StepKind kind;
  std::uint32_t index;  // into the list of its kind
};

struct ImportPlan {
  bool has_organization = false;
  core::Organization organization;
  std::vector<PersonEntry> people;
  std::vector<UnitEntry> units;
  std::vector<PeriodEntry> periods;
  std::vector<KpiEntry> kpis;
  std::vector<KpiValuesEntry> kpi_values;
  std::vector<ObjectiveEntry> objectives;
  std::vector<KeyResultEntry> key_results;
  std::vector<LinkEntry> links;
  std::vector<DependencyEntry> dependencies;
  std::vector<CheckInEntry> check_ins;
  std::vector<InitiativeEntry> initiatives;
  std::vector<CommentEntry> comments;
  std::vector<ReactionEntry> reactions;
  std::vector<RetrospectiveEntry> retrospectives;
  std::vector<Step> steps;  // sorted by (at, kind), stable

  // JSON Pointers of entities, for problems found while running.
  std::string person_path(int i) const { return "/people/" + std::to_string(i); }
  std::string unit_path(int i) const { return "/units/" + std::to_string(i); }
  std::string period_path(int i) const { return "/periods/" + std::to_string(i); }
  std::string kpi_path(int i) const { return "/kpis/" + std::to_string(i); }
  std::string kpi_values_path(int i) const {
    const KpiValuesEntry& v = kpi_values[static_cast<std::size_t>(i)];
    return kpi_path(v.kpi) + "/values/" + std::to_string(v.first);
  }
  std::string objective_path(int i) const { return "/objectives/" + std::to_string(i); }
  std::string key_result_path(int i) const {
    const KeyResultEntry& kr = key_results[static_cast<std::size_t>(i)];
    return objective_path(kr.objective) + "/key_results/" + std::to_string(kr.position);
  }
  std::string check_in_path(int i) const {
    const CheckInEntry& c = check_ins[static_cast<std::size_t>(i)];
    return key_result_path(c.key_result) + "/check_ins/" + std::to_string(c.position);
  }
};

}  // namespace cairn::app::exchange
