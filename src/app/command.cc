#include "app/command.h"

namespace cairn::app {
namespace {

using core::Instant;
using core::Model;
using core::Result;

template <class Tag>
Result<Applied> created(Result<core::Id<Tag>> id) {
  if (!id) return id.error();
  return Applied{id->value()};
}

template <class T>
Result<Applied> done(Result<T> result) {
  if (!result) return result.error();
  return Applied{};
}

// One overload per command: the Model method it stands for.
Result<Applied> run(Model& m, const SetOrganization& c, Instant now) {
  return done(m.set_organization(c.organization, now));
}
Result<Applied> run(Model& m, const AddUnit& c, Instant now) {
  return created(m.add_unit(c.unit, now));
}
Result<Applied> run(Model& m, const UpdateUnit& c, Instant now) {
  return done(m.update_unit(c.unit, now));
}
Result<Applied> run(Model& m, const AddPerson& c, Instant now) {
  return created(m.add_person(c.person, now));
}
Result<Applied> run(Model& m, const UpdatePerson& c, Instant now) {
  return done(m.update_person(c.person, now));
}
Result<Applied> run(Model& m, const AddPeriod& c, Instant now) {
  return created(m.add_period(c.period, now));
}
Result<Applied> run(Model& m, const UpdatePeriod& c, Instant now) {
  return done(m.update_period(c.period, now));
}
Result<Applied> run(Model& m, const AddObjective& c, Instant now) {
  return created(m.add_objective(c.objective, now));
}
Result<Applied> run(Model& m, const UpdateObjective& c, Instant now) {
  return done(m.update_objective(c.objective, now));
}
Result<Applied> run(Model& m, const AddKeyResult& c, Instant now) {
  return created(m.add_key_result(c.key_result, now));
}
Result<Applied> run(Model& m, const UpdateKeyResult& c, Instant now) {
  return done(m.update_key_result(c.key_result, now));
}
Result<Applied> run(Model& m, const AddCheckIn& c, Instant now) {
  return created(m.add_check_in(c.check_in, now));
}
Result<Applied> run(Model& m, const DeleteCheckIn& c, Instant now) {
  return done(m.delete_check_in(c.id, now));
}
Result<Applied> run(Model& m, const AddLink& c, Instant now) {
  return created(m.add_link(c.link, now));
}
Result<Applied> run(Model& m, const UpdateLink& c, Instant now) {
  return done(m.update_link(c.id, c.weight, c.contributes, now));
}
Result<Applied> run(Model& m, const RemoveLink& c, Instant now) {
  return done(m.remove_link(c.id, now));
}
Result<Applied> run(Model& m, const AddDependency& c, Instant now) {
  return created(m.add_dependency(c.dependency, now));
}
Result<Applied> run(Model& m, const RemoveDependency& c, Instant now) {
  return done(m.remove_dependency(c.id, now));
}
Result<Applied> run(Model& m, const AddInitiative& c, Instant now) {
  return created(m.add_initiative(c.initiative, now));
}
Result<Applied> run(Model& m, const UpdateInitiative& c, Instant now) {
  return done(m.update_initiative(c.initiative, now));
}
Result<Applied> run(Model& m, const AddComment& c, Instant now) {
  return created(m.add_comment(c.comment, now));
}
Result<Applied> run(Model& m, const AddReaction& c, Instant now) {
  return done(m.add_reaction(c.comment, c.person, c.emoji, now));
}
Result<Applied> run(Model& m, const AddRetrospective& c, Instant now) {
  return created(m.add_retrospective(c.retrospective, now));
}
// Closing reports scores, which the model keeps; nothing new gets an id.
Result<Applied> run(Model& m, const CloseObjective& c, Instant now) {
  return done(m.close_objective(c.id, now));
}
Result<Applied> run(Model& m, const ClosePeriod& c, Instant now) {
  return done(m.close_period(c.id, now));
}
Result<Applied> run(Model& m, const OverrideKeyResultScore& c, Instant now) {
  return done(m.override_key_result_score(c.id, c.override_, now));
}
Result<Applied> run(Model& m, const OverrideObjectiveScore& c, Instant now) {
  return done(m.override_objective_score(c.id, c.override_, now));
}
Result<Applied> run(Model& m, const Rollover& c, Instant now) {
  return created(m.rollover(c.id, c.into, now));
}
Result<Applied> run(Model& m, const AddKpi& c, Instant now) {
  return created(m.add_kpi(c.kpi, now));
}
Result<Applied> run(Model& m, const UpdateKpi& c, Instant now) {
  return done(m.update_kpi(c.kpi, now));
}
Result<Applied> run(Model& m, const AddKpiValues& c, Instant now) {
  return done(m.add_kpi_values(c.kpi, c.values, now));
}

// The new node's links to its parents, after the node itself.
Result<Applied> link_parents(Model& m, core::NodeRef child, std::uint32_t created,
                             const std::vector<core::AlignmentLink>& parents, Instant now) {
  for (core::AlignmentLink link : parents) {
    link.child = child;
    auto linked = m.add_link(link, now);
    if (!linked) return linked.error();
  }
  return Applied{created};
}
Result<Applied> run(Model& m, const CreateObjective& c, Instant now) {
  auto id = m.add_objective(c.objective, now);
  if (!id) return id.error();
  return link_parents(m, core::NodeRef::of(*id), id->value(), c.parents, now);
}
Result<Applied> run(Model& m, const CreateKeyResult& c, Instant now) {
  auto id = m.add_key_result(c.key_result, now);
  if (!id) return id.error();
  return link_parents(m, core::NodeRef::of(*id), id->value(), c.parents, now);
}

}  // namespace

std::string_view command_kind(const Command& command) {
  return std::visit([](const auto& c) { return c.kKind; }, command);
}

Result<Applied> apply(Model& model, const Command& command, Instant now) {
  return std::visit([&](const auto& c) { return run(model, c, now); }, command);
}

}  // namespace cairn::app
