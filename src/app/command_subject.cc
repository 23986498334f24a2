#include "app/command_subject.h"

namespace cairn::app {
namespace {

std::string name(std::string_view entity, std::uint32_t index) {
  return std::string(entity) + ":" + std::to_string(index);
}

std::string name(core::NodeRef node) {
  return name(node.is_objective() ? "objective" : "key_result", node.index);
}

}  // namespace

std::optional<std::string> command_subject(const Command& command) {
  return std::visit(
      [](const auto& c) -> std::optional<std::string> {
        using C = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<C, SetOrganization>) {
          return "organization";
        } else if constexpr (std::is_same_v<C, UpdateUnit>) {
          return name("unit", c.unit.id.value());
        } else if constexpr (std::is_same_v<C, UpdatePerson>) {
          return name("person", c.person.id.value());
        } else if constexpr (std::is_same_v<C, UpdatePeriod>) {
          return name("period", c.period.id.value());
        } else if constexpr (std::is_same_v<C, ClosePeriod>) {
          return name("period", c.id.value());
        } else if constexpr (std::is_same_v<C, UpdateObjective>) {
          return name("objective", c.objective.id.value());
        } else if constexpr (std::is_same_v<C, CloseObjective> ||
                             std::is_same_v<C, OverrideObjectiveScore> ||
                             std::is_same_v<C, Rollover>) {
          return name("objective", c.id.value());
        } else if constexpr (std::is_same_v<C, AddKeyResult> ||
                             std::is_same_v<C, CreateKeyResult>) {
          return name("objective", c.key_result.objective.value());
        } else if constexpr (std::is_same_v<C, UpdateKeyResult>) {
          return name("key_result", c.key_result.id.value());
        } else if constexpr (std::is_same_v<C, OverrideKeyResultScore>) {
          return name("key_result", c.id.value());
        } else if constexpr (std::is_same_v<C, AddCheckIn>) {
          return name("key_result", c.check_in.key_result.value());
        } else if constexpr (std::is_same_v<C, DeleteCheckIn>) {
          return name("check_in", c.id.value());
        } else if constexpr (std::is_same_v<C, AddLink>) {
          return name(c.link.child);
        } else if constexpr (std::is_same_v<C, UpdateLink> || std::is_same_v<C, RemoveLink>) {
          return name("link", c.id.value());
        } else if constexpr (std::is_same_v<C, AddDependency>) {
          return name(c.dependency.from);
        } else if constexpr (std::is_same_v<C, RemoveDependency>) {
          return name("dependency", c.id.value());
        } else if constexpr (std::is_same_v<C, AddInitiative>) {
          return name(c.initiative.target);
        } else if constexpr (std::is_same_v<C, UpdateInitiative>) {
          return name("initiative", c.initiative.id.value());
        } else if constexpr (std::is_same_v<C, AddComment>) {
          return name(c.comment.target);
        } else if constexpr (std::is_same_v<C, AddReaction>) {
          return name("comment", c.comment.value());
        } else if constexpr (std::is_same_v<C, AddRetrospective>) {
          return name("unit", c.retrospective.unit.value());
        } else {
          // AddUnit, AddPerson, AddPeriod, AddObjective, CreateObjective.
          return std::nullopt;
        }
      },
      command);
}

}  // namespace cairn::app
