// The commands of core::Model as values, so that each one can be stored in the
// change log (command_json.h) and replayed into a fresh model on start.
//
// One plain struct per Model command, holding exactly that command's arguments
// (never `now`: the change log stores the instant beside the command). Each
// struct names its kind in `kKind`: the snake_case name of the Model method.
//
// The kinds are stored in databases forever: never rename or reuse one. A
// command whose arguments change gets a new kind (e.g. "add_unit_v2"), and the
// old kind stays readable.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "core/model.h"

namespace cairn::app {

struct SetOrganization {
  static constexpr std::string_view kKind = "set_organization";
  core::Organization organization;
};

struct AddUnit {
  static constexpr std::string_view kKind = "add_unit";
  core::Unit unit;
};
struct UpdateUnit {
  static constexpr std::string_view kKind = "update_unit";
  core::Unit unit;
};

struct AddPerson {
  static constexpr std::string_view kKind = "add_person";
  core::Person person;
};
struct UpdatePerson {
  static constexpr std::string_view kKind = "update_person";
  core::Person person;
};

struct AddPeriod {
  static constexpr std::string_view kKind = "add_period";
  core::Period period;
};
struct UpdatePeriod {
  static constexpr std::string_view kKind = "update_period";
  core::Period period;
};

struct AddObjective {
  static constexpr std::string_view kKind = "add_objective";
  core::Objective objective;
};
struct UpdateObjective {
  static constexpr std::string_view kKind = "update_objective";
  core::Objective objective;
};

struct AddKeyResult {
  static constexpr std::string_view kKind = "add_key_result";
  core::KeyResult key_result;
};
struct UpdateKeyResult {
  static constexpr std::string_view kKind = "update_key_result";
  core::KeyResult key_result;
};

struct AddCheckIn {
  static constexpr std::string_view kKind = "add_check_in";
  core::CheckIn check_in;
};
struct DeleteCheckIn {
  static constexpr std::string_view kKind = "delete_check_in";
  core::CheckInId id;
};

struct AddLink {
  static constexpr std::string_view kKind = "add_link";
  core::AlignmentLink link;
};
struct UpdateLink {
  static constexpr std::string_view kKind = "update_link";
  core::LinkId id;
  double weight = 1;
  bool contributes = true;
};
struct RemoveLink {
  static constexpr std::string_view kKind = "remove_link";
  core::LinkId id;
};

struct AddDependency {
  static constexpr std::string_view kKind = "add_dependency";
  core::Dependency dependency;
};
struct RemoveDependency {
  static constexpr std::string_view kKind = "remove_dependency";
  core::DependencyId id;
};

struct AddInitiative {
  static constexpr std::string_view kKind = "add_initiative";
  core::Initiative initiative;
};
struct UpdateInitiative {
  static constexpr std::string_view kKind = "update_initiative";
  core::Initiative initiative;
};
struct AddComment {
  static constexpr std::string_view kKind = "add_comment";
  core::Comment comment;
};
struct AddReaction {
  static constexpr std::string_view kKind = "add_reaction";
  core::CommentId comment;
  core::PersonId person;
  std::string emoji;
};
struct AddRetrospective {
  static constexpr std::string_view kKind = "add_retrospective";
  core::Retrospective retrospective;
};

struct AddKpi {
  static constexpr std::string_view kKind = "add_kpi";
  core::Kpi kpi;
};
struct UpdateKpi {
  static constexpr std::string_view kKind = "update_kpi";
  core::Kpi kpi;
};
// New values of a KPI, fed to the key results tied to it (Model::add_kpi_values).
struct AddKpiValues {
  static constexpr std::string_view kKind = "add_kpi_values";
  core::KpiId kpi;
  std::vector<core::KpiValue> values;
};

struct CloseObjective {
  static constexpr std::string_view kKind = "close_objective";
  core::ObjectiveId id;
};
struct ClosePeriod {
  static constexpr std::string_view kKind = "close_period";
  core::PeriodId id;
};
struct OverrideKeyResultScore {
  static constexpr std::string_view kKind = "override_key_result_score";
  core::KeyResultId id;
  core::ScoreOverride override_;
};
struct OverrideObjectiveScore {
  static constexpr std::string_view kKind = "override_objective_score";
  core::ObjectiveId id;
  core::ScoreOverride override_;
};

struct Rollover {
  static constexpr std::string_view kKind = "rollover";
  core::ObjectiveId id;
  core::PeriodId into;
};

// An objective together with its parents, as one change: the API creates
// both in one request, and a refused parent must leave no objective behind.
// Each link's `child` is set to the new objective when it applies.
struct CreateObjective {
  static constexpr std::string_view kKind = "create_objective";
  core::Objective objective;
  std::vector<core::AlignmentLink> parents;
};
// A key result with the key results it contributes to (cascaded, `sum`).
struct CreateKeyResult {
  static constexpr std::string_view kKind = "create_key_result";
  core::KeyResult key_result;
  std::vector<core::AlignmentLink> parents;
};

using Command = std::variant<SetOrganization, AddUnit, UpdateUnit, AddPerson, UpdatePerson,
                             AddPeriod, UpdatePeriod, AddObjective, UpdateObjective, AddKeyResult,
                             UpdateKeyResult, AddCheckIn, DeleteCheckIn, AddLink, UpdateLink,
                             RemoveLink, AddDependency, RemoveDependency, AddInitiative, AddComment,
                             AddRetrospective, CloseObjective, ClosePeriod, OverrideKeyResultScore,
                             OverrideObjectiveScore, Rollover, UpdateInitiative, AddReaction,
                             CreateObjective, CreateKeyResult, AddKpi, UpdateKpi, AddKpiValues>;

// The stable name of the command's kind ("add_unit", "add_check_in", …).
std::string_view command_kind(const Command& command);

// What a successful command produced.
struct Applied {
  // The index of the id a creating command made (AddUnit → the UnitId,
  // Rollover → the copy's ObjectiveId, …); empty for the other commands.
  std::optional<std::uint32_t> created;
};

// Runs `command` on `model` at `now`. Like every Model command, it changes
// nothing when it fails — except the composite ones (CreateObjective,
// CreateKeyResult), which may fail part way: then model.journal() is not
// empty, and the writer rebuilds the model from the store. Replaying the same commands at the same
// instants into a fresh model gives the same ids and the same state.
core::Result<Applied> apply(core::Model& model, const Command& command, core::Instant now);

}  // namespace cairn::app
