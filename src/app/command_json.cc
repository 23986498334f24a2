#include "app/command_json.h"

#include <array>
#include <boost/json/monotonic_resource.hpp>
#include <utility>

#include "app/entity_json.h"
#include "app/json_text.h"

namespace cairn::app {
namespace {

namespace json = boost::json;

// ---- The payload of each command: its fields, named as in the struct. ----

void fields(auto& f, OfType<SetOrganization> auto& c) {
  f("organization", c.organization);
}
void fields(auto& f, OfType<AddUnit> auto& c) {
  f("unit", c.unit);
}
void fields(auto& f, OfType<UpdateUnit> auto& c) {
  f("unit", c.unit);
}
void fields(auto& f, OfType<AddPerson> auto& c) {
  f("person", c.person);
}
void fields(auto& f, OfType<UpdatePerson> auto& c) {
  f("person", c.person);
}
void fields(auto& f, OfType<AddPeriod> auto& c) {
  f("period", c.period);
}
void fields(auto& f, OfType<UpdatePeriod> auto& c) {
  f("period", c.period);
}
void fields(auto& f, OfType<AddObjective> auto& c) {
  f("objective", c.objective);
}
void fields(auto& f, OfType<UpdateObjective> auto& c) {
  f("objective", c.objective);
}
void fields(auto& f, OfType<AddKeyResult> auto& c) {
  f("key_result", c.key_result);
}
void fields(auto& f, OfType<UpdateKeyResult> auto& c) {
  f("key_result", c.key_result);
}
void fields(auto& f, OfType<AddCheckIn> auto& c) {
  f("check_in", c.check_in);
}
void fields(auto& f, OfType<DeleteCheckIn> auto& c) {
  f("id", c.id);
}
void fields(auto& f, OfType<AddLink> auto& c) {
  f("link", c.link);
}
void fields(auto& f, OfType<UpdateLink> auto& c) {
  f("id", c.id);
  f("weight", c.weight);
  f("contributes", c.contributes);
}
void fields(auto& f, OfType<RemoveLink> auto& c) {
  f("id", c.id);
}
void fields(auto& f, OfType<AddDependency> auto& c) {
  f("dependency", c.dependency);
}
void fields(auto& f, OfType<RemoveDependency> auto& c) {
  f("id", c.id);
}
void fields(auto& f, OfType<AddInitiative> auto& c) {
  f("initiative", c.initiative);
}
void fields(auto& f, OfType<UpdateInitiative> auto& c) {
  f("initiative", c.initiative);
}
void fields(auto& f, OfType<AddComment> auto& c) {
  f("comment", c.comment);
}
void fields(auto& f, OfType<AddReaction> auto& c) {
  f("comment", c.comment);
  f("person", c.person);
  f("emoji", c.emoji);
}
void fields(auto& f, OfType<CreateObjective> auto& c) {
  f("objective", c.objective);
  f("parents", c.parents);
}
void fields(auto& f, OfType<CreateKeyResult> auto& c) {
  f("key_result", c.key_result);
  f("parents", c.parents);
}
void fields(auto& f, OfType<AddRetrospective> auto& c) {
  f("retrospective", c.retrospective);
}
void fields(auto& f, OfType<CloseObjective> auto& c) {
  f("id", c.id);
}
void fields(auto& f, OfType<ClosePeriod> auto& c) {
  f("id", c.id);
}
void fields(auto& f, OfType<OverrideKeyResultScore> auto& c) {
  f("id", c.id);
  f("override", c.override_);
}
void fields(auto& f, OfType<OverrideObjectiveScore> auto& c) {
  f("id", c.id);
  f("override", c.override_);
}
void fields(auto& f, OfType<Rollover> auto& c) {
  f("id", c.id);
  f("into", c.into);
}
void fields(auto& f, OfType<AddKpi> auto& c) {
  f("kpi", c.kpi);
}
void fields(auto& f, OfType<UpdateKpi> auto& c) {
  f("kpi", c.kpi);
}
void fields(auto& f, OfType<AddKpiValues> auto& c) {
  f("kpi", c.kpi);
  f("values", c.values);
}

// ---- Kind → reader, built from the variant so no command can be left out. ----

using Reader = core::Result<Command> (*)(const json::value&);

template <class C>
core::Result<Command> read_command(const json::value& payload) {
  FieldReader reader(payload, {});
  C command;
  fields(reader, command);
  auto read = std::move(reader).done(std::move(command));
  if (!read) return read.error();
  return Command(std::move(*read));
}

template <std::size_t... I>
constexpr auto make_readers(std::index_sequence<I...>) {
  return std::array<std::pair<std::string_view, Reader>, sizeof...(I)>{
      {{std::variant_alternative_t<I, Command>::kKind,
        &read_command<std::variant_alternative_t<I, Command>>}...}};
}

constexpr auto kReaders = make_readers(std::make_index_sequence<std::variant_size_v<Command>>());

constexpr bool kinds_are_unique() {
  for (std::size_t i = 0; i < kReaders.size(); ++i) {
    for (std::size_t j = i + 1; j < kReaders.size(); ++j) {
      if (kReaders[i].first == kReaders[j].first) return false;
    }
  }
  return true;
}
static_assert(kinds_are_unique(), "two commands share a kind");

}  // namespace

std::string command_payload(const Command& command) {
  return std::visit(
      [](const auto& c) {
        FieldCounter counter;
        fields(counter, c);
        FieldWriter writer(counter.count);
        fields(writer, c);
        return json_text(std::move(writer).done());
      },
      command);
}

core::Result<Command> parse_command(std::string_view kind, std::string_view payload) {
  for (const auto& [name, read] : kReaders) {
    if (name != kind) continue;
    // The tree lives only while the command is read from it (a command holds
    // no JSON), so it goes into a buffer on the stack: a change of the cold
    // start's log parses without a call to the heap, and frees nothing.
    unsigned char buffer[4096];
    boost::json::monotonic_resource scratch(buffer, sizeof buffer);
    auto json = parse_json(payload, &scratch);
    auto command = json ? read(*json) : core::Result<Command>(json.error());
    if (!command) {
      // Say which kind of row is bad; the field path stays as it is.
      core::Error error = std::move(command).error();
      error.message = std::string(kind) + ": " + error.message;
      return error;
    }
    return command;
  }
  return core::invalid("kind", "unknown command kind \"" + std::string(kind) + "\"");
}

}  // namespace cairn::app
