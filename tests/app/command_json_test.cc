// The change log stores each command as (kind, payload) forever: every kind
// must come back exactly as it was written, and a bad row must be an error that
// names the field, never a crash.
#include "app/command_json.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <random>
#include <set>
#include <string>

#include "app/json_text.h"
#include "same_fields.h"
#include "sample_commands.h"

namespace cairn::app {
namespace {

namespace json = boost::json;
using testing::expect_same;
using testing::sample_commands;

// ---- Kinds -----------------------------------------------------------------

// The stored names, by variant index. Changing one orphans every row already
// written under it: this table may only grow.
constexpr std::string_view kStoredKinds[] = {
    "set_organization",
    "add_unit",
    "update_unit",
    "add_person",
    "update_person",
    "add_period",
    "update_period",
    "add_objective",
    "update_objective",
    "add_key_result",
    "update_key_result",
    "add_check_in",
    "delete_check_in",
    "add_link",
    "update_link",
    "remove_link",
    "add_dependency",
    "remove_dependency",
    "add_initiative",
    "add_comment",
    "add_retrospective",
    "close_objective",
    "close_period",
    "override_key_result_score",
    "override_objective_score",
    "rollover",
    "update_initiative",
    "add_reaction",
    "create_objective",
    "create_key_result",
    "add_kpi",
    "update_kpi",
    "add_kpi_values",
};

TEST(CommandKind, EveryKindKeepsItsStoredName) {
  const auto commands = sample_commands();
  ASSERT_EQ(commands.size(), std::variant_size_v<Command>);
  ASSERT_EQ(std::size(kStoredKinds), std::variant_size_v<Command>);
  for (std::size_t i = 0; i < commands.size(); ++i) {
    EXPECT_EQ(commands[i].index(), i) << "sample_commands() is out of variant order";
    EXPECT_EQ(command_kind(commands[i]), kStoredKinds[i]);
  }
}

// ---- Round trips -------------------------------------------------------------

TEST(CommandJson, EveryKindRoundTripsFieldByField) {
  for (const Command& command : sample_commands()) {
    SCOPED_TRACE(std::string(command_kind(command)));
    const std::string payload = command_payload(command);
    auto parsed = parse_command(command_kind(command), payload);
    ASSERT_TRUE(parsed) << parsed.error().message << "\n" << payload;
    expect_same(command, *parsed);
    EXPECT_EQ(command_payload(*parsed), payload);
  }
}

TEST(CommandJson, DefaultValuedCommandsRoundTripToo) {
  // Invalid ids (null), absent optionals, empty vectors and strings.
  for (std::size_t i = 0; i < std::variant_size_v<Command>; ++i) {
    Command command = sample_commands()[i];
    std::visit([](auto& c) { c = std::decay_t<decltype(c)>{}; }, command);
    SCOPED_TRACE(std::string(command_kind(command)));
    const std::string payload = command_payload(command);
    auto parsed = parse_command(command_kind(command), payload);
    ASSERT_TRUE(parsed) << parsed.error().message << "\n" << payload;
    expect_same(command, *parsed);
    EXPECT_EQ(command_payload(*parsed), payload);
  }
}

TEST(CommandJson, APayloadLargerThanTheParsersStackBufferComesBackWhole) {
  // parse_command parses into 4 KiB on the stack and goes on to the heap.
  for (std::size_t length : {4000, 4096, 20000, 200000}) {
    SCOPED_TRACE(length);
    AddComment command;
    command.comment.body = std::string(length, 'x') + "\u00e9\"end";
    const std::string payload = command_payload(command);
    auto parsed = parse_command(command_kind(command), payload);
    ASSERT_TRUE(parsed) << parsed.error().message;
    expect_same(Command{command}, *parsed);
    EXPECT_EQ(std::get<AddComment>(*parsed).comment.body.size(), length + 6);
  }
}

TEST(CommandJson, PayloadIsCompactJsonOfTheFields) {
  EXPECT_EQ(command_payload(DeleteCheckIn{core::CheckInId{7}}), R"({"id":7})");
  EXPECT_EQ(command_payload(DeleteCheckIn{}), R"({"id":null})");
  EXPECT_EQ(command_payload(UpdateLink{core::LinkId{4}, 0.5, false}),
            R"({"id":4,"weight":0.5,"contributes":false})");
  EXPECT_EQ(command_payload(Rollover{core::ObjectiveId{1}, core::PeriodId{2}}),
            R"({"id":1,"into":2})");
  const std::string payload = command_payload(OverrideKeyResultScore{});
  EXPECT_NE(payload.find(R"("override":{"score":0.0,"reason":"","by":null,"at":0})"),
            std::string::npos)
      << payload;
}

TEST(CommandJson, UnknownKeysAreIgnored) {
  // A newer binary may have written fields this one does not know.
  auto parsed = parse_command("update_link",
                              R"({"id":4,"future":[1,{"x":null}],"weight":2,"contributes":true})");
  ASSERT_TRUE(parsed) << parsed.error().message;
  const auto& link = std::get<UpdateLink>(*parsed);
  EXPECT_EQ(link.id, core::LinkId{4});
  EXPECT_EQ(link.weight, 2.0);  // an integer is accepted where a number is expected
  EXPECT_TRUE(link.contributes);
}

TEST(CommandJson, AbsentAndNullOptionalsAreBothEmpty) {
  json::value payload =
      parse_json(command_payload(AddKeyResult{testing::sample_key_result()})).value();
  json::object& kr = payload.at("key_result").as_object();
  kr["target"] = nullptr;
  kr.erase("score");
  auto parsed = parse_command("add_key_result", json_text(payload));
  ASSERT_TRUE(parsed) << parsed.error().message;
  const core::KeyResult& read = std::get<AddKeyResult>(*parsed).key_result;
  EXPECT_FALSE(read.target);
  EXPECT_FALSE(read.score);
  EXPECT_TRUE(read.due_at);
}

// ---- Bad rows ----------------------------------------------------------------

// The payload of a sample command of `kind` after `edit`.
template <class Edit>
std::string edited(std::string_view kind, Edit edit) {
  for (const Command& command : sample_commands()) {
    if (command_kind(command) != kind) continue;
    json::value payload = parse_json(command_payload(command)).value();
    edit(payload.as_object());
    return json_text(payload);
  }
  ADD_FAILURE() << "no sample of " << kind;
  return {};
}

// Parses and expects a kInvalid error on `field` whose message names it.
void expect_error(std::string_view kind, const std::string& payload, const std::string& field,
                  const std::string& says = {}) {
  SCOPED_TRACE(std::string(kind) + " " + payload);
  core::Result<Command> parsed = core::invalid("", "");
  EXPECT_NO_THROW(parsed = parse_command(kind, payload));
  ASSERT_FALSE(parsed);
  const core::Error& error = parsed.error();
  EXPECT_EQ(error.code, core::ErrorCode::kInvalid);
  ASSERT_EQ(error.fields.size(), 1u);
  EXPECT_EQ(error.fields[0].field, field);
  if (!field.empty()) {
    EXPECT_NE(error.message.find(field), std::string::npos) << error.message;
  }
  if (!says.empty()) {
    EXPECT_NE(error.message.find(says), std::string::npos) << error.message;
  }
}

TEST(CommandJsonErrors, UnknownKind) {
  expect_error("add_unicorn", "{}", "kind", "add_unicorn");
  expect_error("", "{}", "kind");
  expect_error("ADD_UNIT", command_payload(AddUnit{}), "kind");
}

TEST(CommandJsonErrors, MalformedJson) {
  expect_error("add_unit", "", "payload", "not valid JSON");
  expect_error("add_unit", "{", "payload");
  expect_error("add_unit", R"({"unit":{}} trailing)", "payload");
  expect_error("add_unit", R"({"unit":{},})", "payload");  // no trailing commas
  expect_error("add_unit", "{/* comment */}", "payload");
  expect_error("update_link", R"({"id":1,"weight":NaN,"contributes":true})", "payload");
  expect_error("add_unit", std::string(100, '[') + std::string(100, ']'), "payload");
}

TEST(CommandJsonErrors, PayloadMustBeAnObject) {
  expect_error("close_period", "[1]", "", "must be a JSON object");
  expect_error("close_period", "null", "");
  expect_error("add_unit", R"({"unit":[]})", "unit", "must be a JSON object");
}

TEST(CommandJsonErrors, MissingRequiredKey) {
  expect_error("close_period", "{}", "id", "is missing");
  expect_error("update_link", R"({"id":1,"contributes":true})", "weight", "is missing");
  expect_error("add_unit", "{}", "unit", "is missing");
  expect_error(
      "add_period",
      edited("add_period", [](json::object& p) { p["period"].as_object().erase("start_date"); }),
      "period.start_date", "is missing");
  expect_error(
      "set_organization",
      edited("set_organization",
             [](json::object& p) {
               p["organization"].at("settings").at("status").as_object().erase("behind_gap");
             }),
      "organization.settings.status.behind_gap", "is missing");
}

TEST(CommandJsonErrors, WrongType) {
  expect_error("delete_check_in", R"({"id":"7"})", "id", "must be an id");
  expect_error("delete_check_in", R"({"id":1.5})", "id");
  expect_error("delete_check_in", R"({"id":-1})", "id");
  expect_error("delete_check_in", R"({"id":4294967295})", "id");  // that is the invalid id: null
  expect_error("update_link", R"({"id":1,"weight":"1","contributes":true})", "weight",
               "must be a number");
  expect_error("update_link", R"({"id":1,"weight":null,"contributes":true})", "weight");
  expect_error("update_link", R"({"id":1,"weight":1e999,"contributes":true})", "weight", "finite");
  expect_error("update_link", R"({"id":1,"weight":1,"contributes":1})", "contributes",
               "true or false");
  expect_error("add_unit", edited("add_unit", [](json::object& p) { p["unit"].at("name") = 5; }),
               "unit.name", "must be a string");
  expect_error("add_unit",
               edited("add_unit", [](json::object& p) { p["unit"].at("kind") = "galaxy"; }),
               "unit.kind", "unknown value \"galaxy\"");
  expect_error("add_unit",
               edited("add_unit", [](json::object& p) { p["unit"].at("members") = "all"; }),
               "unit.members", "must be an array");
  expect_error(
      "add_unit",
      edited("add_unit", [](json::object& p) { p["unit"].at("members").as_array()[1] = true; }),
      "unit.members[1]");
  expect_error(
      "add_period",
      edited("add_period", [](json::object& p) { p["period"].at("end_date") = "2026-02-30"; }),
      "period.end_date", "2026-02-30");
  expect_error("add_period",
               edited("add_period",
                      [](json::object& p) {
                        p["period"].at("starts_at") =
                            "2026-01-01T00:00:00Z";  // storage wants seconds
                      }),
               "period.starts_at", "must be an integer");
  expect_error(
      "add_key_result",
      edited("add_key_result",
             [](json::object& p) { p["key_result"].at("plan").as_array()[1].at("at") = 1.5; }),
      "key_result.plan[1].at");
  expect_error(
      "add_key_result",
      edited("add_key_result",
             [](json::object& p) { p["key_result"].at("score_override").at("by") = "ada"; }),
      "key_result.score_override.by");
  expect_error(
      "add_check_in",
      edited("add_check_in",
             [](json::object& p) { p["check_in"].at("measurement").at("milestones_done") = -1; }),
      "check_in.measurement.milestones_done");
  expect_error("add_check_in",
               edited("add_check_in",
                      [](json::object& p) { p["check_in"].at("confidence") = 10'000'000'000; }),
               "check_in.confidence", "from -2147483648 to 2147483647");
  expect_error(
      "add_link",
      edited("add_link", [](json::object& p) { p["link"].at("child").at("kind") = "initiative"; }),
      "link.child.kind");
  expect_error(
      "set_organization",
      edited("set_organization",
             [](json::object& p) {
               p["organization"].at("settings").at("enforce").as_array().push_back("be_nice");
             }),
      "organization.settings.enforce[6]", "be_nice");
}

TEST(CommandJsonErrors, GarbledRowsNeverThrow) {
  // Truncated and bit-flipped payloads of every kind: each parses or fails
  // cleanly, and whatever parses writes out again.
  std::mt19937 random(20260101);
  for (const Command& command : sample_commands()) {
    const std::string kind(command_kind(command));
    const std::string payload = command_payload(command);
    for (int round = 0; round < 200; ++round) {
      std::string garbled = payload;
      if (round % 2 == 0) {
        garbled.resize(random() % payload.size());
      } else {
        for (int flips = 0; flips < 3; ++flips) {
          garbled[random() % garbled.size()] ^= static_cast<char>(1 << (random() % 8));
        }
      }
      core::Result<Command> parsed = core::invalid("", "");
      ASSERT_NO_THROW(parsed = parse_command(kind, garbled)) << garbled;
      if (parsed) {
        EXPECT_NO_THROW(command_payload(*parsed));
      } else {
        EXPECT_EQ(parsed.error().code, core::ErrorCode::kInvalid);
        EXPECT_FALSE(parsed.error().message.empty());
      }
    }
  }
}

}  // namespace
}  // namespace cairn::app
