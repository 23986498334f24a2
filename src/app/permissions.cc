#include "app/permissions.h"

#include <algorithm>

#include "app/access.h"
#include "core/permissions.h"

namespace cairn::app {
namespace {

using namespace cairn::core;

// The caller's role as the model holds it now: a role change or a
// deactivation takes effect on the next request, whatever the token says.
Role role_of(const Model& model, const Principal& who) {
  const Person* person = model.person(who.person);
  if (!person || !person->active) return Role::kViewer;
  return person->role;
}

bool is_admin(const Model& model, const Principal& who) {
  return role_of(model, who) == Role::kAdmin;
}

bool writes(const Model& model, const Principal& who) {
  return role_of(model, who) != Role::kViewer;
}

// Whether `person` leads `unit` or a unit above it. The walk is bounded by the
// number of units, so a cycle in the data cannot hang a request.
bool leads_unit_or_above(const Model& model, PersonId person, UnitId unit) {
  const Unit* u = model.unit(unit);
  for (std::size_t steps = 0; u && steps <= model.unit_count(); ++steps) {
    if (!u->archived && u->lead == person) return true;
    if (!u->parent.valid()) return false;
    u = model.unit(u->parent);
  }
  return false;
}

// Whether `lead` leads a unit `person` belongs to, or a unit above one.
bool leads_a_unit_of(const Model& model, PersonId lead, PersonId person) {
  for (std::uint32_t i = 0; i < model.unit_count(); ++i) {
    const Unit& u = *model.unit(UnitId{i});
    if (u.archived) continue;
    const bool member = u.lead == person ||
                        std::find(u.members.begin(), u.members.end(), person) != u.members.end();
    if (member && leads_unit_or_above(model, lead, u.id)) return true;
  }
  return false;
}

const Error kViewersRead = forbidden("viewers read; they do not change anything");

// The objective exists and the caller may see it, else kNotFound.
Result<const Objective*> visible(const Model& model, const Principal& who, ObjectiveId id) {
  const Objective* objective = model.objective(id);
  if (!objective || !can_see(model, who, id)) return not_found("objective");
  return objective;
}

Result<const KeyResult*> visible(const Model& model, const Principal& who, KeyResultId id) {
  const KeyResult* kr = model.key_result(id);
  if (!kr || !can_see(model, who, id)) return not_found("key result");
  return kr;
}

Result<void> visible(const Model& model, const Principal& who, NodeRef node) {
  if (node.is_objective()) {
    CAIRN_TRY(visible(model, who, node.objective()));
  } else {
    CAIRN_TRY(visible(model, who, node.key_result()));
  }
  return {};
}

// The caller writes for this (visible) objective.
Result<void> edits(const Model& model, const Principal& who, ObjectiveId id) {
  auto objective_found = visible(model, who, id);
  if (!objective_found) return objective_found.error();
  const Objective* objective = *objective_found;
  if (!may_write_for(model, who, objective->owner)) {
    return forbidden("only the objective's owners, the leads of its unit and admins change it");
  }
  return {};
}

// The objective a node belongs to (a key result's objective).
ObjectiveId objective_of(const Model& model, NodeRef node) {
  if (node.is_objective()) return node.objective();
  const KeyResult* kr = model.key_result(node.key_result());
  return kr ? kr->objective : ObjectiveId{};
}

// Aligning `child`: the caller edits the child's objective, and sees the child.
Result<void> aligns(const Model& model, const Principal& who, NodeRef child) {
  CAIRN_TRY(visible(model, who, child));
  return edits(model, who, objective_of(model, child));
}

Result<void> configures(const Model& model, const Principal& who) {
  if (!is_admin(model, who)) return forbidden("only admins change the organisation's setup");
  return {};
}

Result<void> edits_key_result(const Model& model, const Principal& who, KeyResultId id) {
  auto kr_found = visible(model, who, id);
  if (!kr_found) return kr_found.error();
  const KeyResult* kr = *kr_found;
  if (kr->owner == who.person && writes(model, who)) return {};
  return edits(model, who, kr->objective);
}

Result<void> authorize_command(const Model& model, const Principal& who, const Command& command) {
  return std::visit(
      [&](const auto& c) -> Result<void> {
        using C = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<C, SetOrganization> || std::is_same_v<C, AddUnit> ||
                      std::is_same_v<C, UpdateUnit> || std::is_same_v<C, AddPerson> ||
                      std::is_same_v<C, UpdatePerson> || std::is_same_v<C, AddPeriod> ||
                      std::is_same_v<C, UpdatePeriod> || std::is_same_v<C, ClosePeriod>) {
          return configures(model, who);
        } else if constexpr (std::is_same_v<C, AddObjective>) {
          if (!may_write_for(model, who, c.objective.owner)) {
            return forbidden("objectives are created by their owner, the unit's leads or admins");
          }
          return {};
        } else if constexpr (std::is_same_v<C, UpdateObjective>) {
          CAIRN_TRY(edits(model, who, c.objective.id));
          if (c.objective.owner != model.objective(c.objective.id)->owner &&
              !may_write_for(model, who, c.objective.owner)) {
            return forbidden("you may not give the objective to an owner you do not write for");
          }
          return {};
        } else if constexpr (std::is_same_v<C, AddKeyResult>) {
          return edits(model, who, c.key_result.objective);
        } else if constexpr (std::is_same_v<C, CreateObjective>) {
          if (!may_write_for(model, who, c.objective.owner)) {
            return forbidden("objectives are created by their owner, the unit's leads or admins");
          }
          for (const AlignmentLink& link : c.parents) CAIRN_TRY(visible(model, who, link.parent));
          return {};
        } else if constexpr (std::is_same_v<C, CreateKeyResult>) {
          CAIRN_TRY(edits(model, who, c.key_result.objective));
          for (const AlignmentLink& link : c.parents) CAIRN_TRY(visible(model, who, link.parent));
          return {};
        } else if constexpr (std::is_same_v<C, UpdateKeyResult>) {
          auto before_found = visible(model, who, c.key_result.id);
          if (!before_found) return before_found.error();
          const KeyResult* before = *before_found;
          if (c.key_result.owner != before->owner || c.key_result.objective != before->objective) {
            // Moving or reassigning a key result is the objective's editors' call.
            CAIRN_TRY(edits(model, who, before->objective));
            if (c.key_result.objective != before->objective) {
              CAIRN_TRY(edits(model, who, c.key_result.objective));
            }
            return {};
          }
          return edits_key_result(model, who, c.key_result.id);
        } else if constexpr (std::is_same_v<C, AddCheckIn>) {
          CAIRN_TRY(visible(model, who, c.check_in.key_result));
          // Admins may record others' check-ins (imports of a history); anyone
          // else checks in as themselves.
          if (c.check_in.author != who.person && !is_admin(model, who)) {
            return forbidden("a check-in is the caller's own");
          }
          if (!writes(model, who) || !may_check_in(model, who.person, c.check_in.key_result)) {
            return forbidden(
                "only the key result's owner, its delegates, the unit's leads and admins check in");
          }
          return {};
        } else if constexpr (std::is_same_v<C, DeleteCheckIn>) {
          const CheckIn* check_in = model.check_in(c.id);
          if (!check_in) return not_found("check-in");
          CAIRN_TRY(visible(model, who, check_in->key_result));
          if (check_in->author != who.person && !is_admin(model, who)) {
            return forbidden("only its author and admins delete a check-in");
          }
          return {};
        } else if constexpr (std::is_same_v<C, AddLink>) {
          CAIRN_TRY(aligns(model, who, c.link.child));
          return visible(model, who, c.link.parent);
        } else if constexpr (std::is_same_v<C, UpdateLink> || std::is_same_v<C, RemoveLink>) {
          const AlignmentLink* link = model.link(c.id);
          if (!link) return not_found("alignment link");
          return aligns(model, who, link->child);
        } else if constexpr (std::is_same_v<C, AddDependency>) {
          CAIRN_TRY(aligns(model, who, c.dependency.from));
          return visible(model, who, c.dependency.to);
        } else if constexpr (std::is_same_v<C, RemoveDependency>) {
          const Dependency* dependency = model.dependency(c.id);
          if (!dependency) return not_found("dependency");
          return aligns(model, who, dependency->from);
        } else if constexpr (std::is_same_v<C, AddInitiative>) {
          CAIRN_TRY(visible(model, who, c.initiative.target));
          if (!writes(model, who)) return kViewersRead;
          const NodeRef target = c.initiative.target;
          if (!target.is_objective() && may_check_in(model, who.person, target.key_result())) {
            return {};
          }
          return edits(model, who, objective_of(model, target));
        } else if constexpr (std::is_same_v<C, UpdateInitiative>) {
          const Initiative* before = model.initiative(c.initiative.id);
          if (!before) return not_found("initiative");
          CAIRN_TRY(visible(model, who, before->target));
          if (!writes(model, who)) return kViewersRead;
          if (before->owner.valid() && before->owner == who.person) return {};
          if (!before->target.is_objective() &&
              may_check_in(model, who.person, before->target.key_result())) {
            return {};
          }
          auto edited = edits(model, who, objective_of(model, before->target));
          if (!edited && edited.error().code == ErrorCode::kForbidden) {
            return forbidden(
                "only the initiative's owner, the key result's owner and delegates, and the "
                "objective's editors change an initiative");
          }
          return edited;
        } else if constexpr (std::is_same_v<C, AddReaction>) {
          const Comment* comment = model.comment(c.comment);
          if (!comment) return not_found("comment");
          CAIRN_TRY(visible(model, who, comment->target));
          if (c.person != who.person && !is_admin(model, who)) {
            return forbidden("a reaction is the caller's own");
          }
          if (!writes(model, who)) return kViewersRead;
          return {};
        } else if constexpr (std::is_same_v<C, AddComment>) {
          CAIRN_TRY(visible(model, who, c.comment.target));
          if (c.comment.author != who.person && !is_admin(model, who)) {
            return forbidden("a comment is the caller's own");
          }
          if (!writes(model, who)) return kViewersRead;
          return {};
        } else if constexpr (std::is_same_v<C, AddRetrospective>) {
          // The same rule as writing the unit's objectives: its leads (and
          // those of the units above it) and admins; viewers never.
          if (!may_write_for(model, who, Owner::of_unit(c.retrospective.unit))) {
            return forbidden("a unit's retrospective is written by its leads and admins");
          }
          if (c.retrospective.author != who.person && !is_admin(model, who)) {
            return forbidden("a retrospective is recorded in the caller's name");
          }
          return {};
        } else if constexpr (std::is_same_v<C, AddKpi>) {
          // KPIs are the organisation's to see; each has an owner who keeps it.
          if (!writes(model, who)) return kViewersRead;
          if (c.kpi.owner != who.person && !is_admin(model, who)) {
            return forbidden("a KPI is created in the caller's name unless they are an admin");
          }
          return {};
        } else if constexpr (std::is_same_v<C, UpdateKpi> || std::is_same_v<C, AddKpiValues>) {
          const core::KpiId id = [&] {
            if constexpr (std::is_same_v<C, UpdateKpi>) {
              return c.kpi.id;
            } else {
              return c.kpi;
            }
          }();
          return keeps_kpi(model, who, id);
        } else if constexpr (std::is_same_v<C, CloseObjective>) {
          return edits(model, who, c.id);
        } else if constexpr (std::is_same_v<C, OverrideObjectiveScore>) {
          return edits(model, who, c.id);
        } else if constexpr (std::is_same_v<C, OverrideKeyResultScore>) {
          auto kr_found = visible(model, who, c.id);
          if (!kr_found) return kr_found.error();
          const KeyResult* kr = *kr_found;
          return edits(model, who, kr->objective);
        } else if constexpr (std::is_same_v<C, Rollover>) {
          return edits(model, who, c.id);
        } else {
          static_assert(sizeof(C) == 0, "every command needs a permission rule");
        }
      },
      command);
}

}  // namespace

Result<void> keeps_kpi(const Model& model, const Principal& who, core::KpiId id) {
  const core::Kpi* kpi = model.kpi(id);
  if (!kpi) return not_found("KPI");
  if (who.kpi_source.valid()) {
    if (who.kpi_source == id) return {};
    return forbidden("a KPI's source records that KPI's values only");
  }
  if (!writes(model, who)) return kViewersRead;
  if (kpi->owner == who.person || is_admin(model, who)) return {};
  return forbidden("only the KPI's owner and admins change it or record its values");
}

Result<void> sets_kpi_pull(const Model& model, const Principal& who, core::KpiId id) {
  CAIRN_TRY(keeps_kpi(model, who, id));
  if (who.kpi_source.valid() || !is_admin(model, who)) {
    return forbidden(
        "only admins set where a KPI is pulled from: the server fetches that URL from inside its "
        "network");
  }
  return {};
}

bool may_write_for(const Model& model, const Principal& who, const Owner& owner) {
  const Role role = role_of(model, who);
  if (role == Role::kAdmin) return true;
  if (role == Role::kViewer) return false;
  if (owner.is_unit()) return leads_unit_or_above(model, who.person, owner.unit);
  if (!owner.person.valid()) return false;
  return owner.person == who.person || manages(model, who.person, owner.person) ||
         leads_a_unit_of(model, who.person, owner.person);
}

Can can(const Model& model, const Principal& who, ObjectiveId id) {
  Can flags;
  const Objective* objective = model.objective(id);
  if (!objective || !can_see(model, who, id)) return flags;
  const bool editor = may_write_for(model, who, objective->owner);
  flags.edit = flags.remove = flags.align = editor;
  flags.comment = writes(model, who);
  return flags;
}

Can can(const Model& model, const Principal& who, KeyResultId id) {
  Can flags;
  const KeyResult* kr = model.key_result(id);
  if (!kr || !can_see(model, who, id)) return flags;
  const bool editor = may_write_for(model, who, model.objective(kr->objective)->owner);
  const bool writer = writes(model, who);
  flags.edit = flags.remove = editor || (writer && kr->owner == who.person);
  flags.align = editor;
  // A value computed from children, a sum or a KPI takes no check-in by hand.
  flags.check_in = checks_in(model, who, id) && kr->source == core::ProgressSource::kCheckIns;
  flags.comment = writer;
  return flags;
}

bool checks_in(const Model& model, const Principal& who, KeyResultId id) {
  return writes(model, who) && may_check_in(model, who.person, id);
}

Can can(const Model& model, const Principal& who, InitiativeId id) {
  Can flags;
  const Initiative* initiative = model.initiative(id);
  if (!initiative || !can_see(model, who, initiative->target)) return flags;
  flags.edit = authorize_command(model, who, UpdateInitiative{*initiative}).has_value();
  return flags;
}

Can can(const Model& model, const Principal& who, CommentId id) {
  Can flags;
  const Comment* comment = model.comment(id);
  if (!comment || !can_see(model, who, comment->target)) return flags;
  flags.comment = writes(model, who);  // reacting, and answering with a comment
  return flags;
}

Can can_configure(const Model& model, const Principal& who) {
  Can flags;
  flags.edit = flags.remove = is_admin(model, who);
  return flags;
}

Result<void> authorize(const Model& model, const Principal& who, const Command& command) {
  const Person* caller = model.person(who.person);
  if (!caller || !caller->active) {
    return Error{ErrorCode::kUnauthenticated, "this account is not active", {}, {}, {}};
  }
  if (who.kpi_source.valid() && !std::holds_alternative<AddKpiValues>(command)) {
    return forbidden("a KPI's source records that KPI's values only");
  }
  return authorize_command(model, who, command);
}

}  // namespace cairn::app
