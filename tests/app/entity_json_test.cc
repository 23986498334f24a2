// The JSON of entities as the audit rows and the payloads store it: the shapes
// of the leaves (ids, instants, dates, enums, optionals) and exact round trips.
#include "app/entity_json.h"

#include <gtest/gtest.h>

#include <limits>

#include "app/json_text.h"
#include "same_fields.h"
#include "sample_commands.h"

namespace cairn::app {
namespace {

namespace json = boost::json;
using testing::expect_same;

// to_json → text → parse_json → from_json, checked field by field, and the
// text written again is the same.
template <class T>
void expect_round_trip(const T& value) {
  const std::string text = json_text(to_json(value));
  auto json = parse_json(text);
  ASSERT_TRUE(json) << json.error().message;
  auto read = from_json<T>(*json);
  ASSERT_TRUE(read) << read.error().message << "\n" << text;
  expect_same("", value, *read);
  EXPECT_EQ(json_text(to_json(*read)), text);
}

TEST(EntityJson, EverySampleEntityRoundTrips) {
  expect_round_trip(testing::sample_organization());
  expect_round_trip(testing::sample_unit());
  expect_round_trip(testing::sample_person());
  expect_round_trip(testing::sample_period());
  expect_round_trip(testing::sample_objective());
  expect_round_trip(testing::sample_key_result());
  expect_round_trip(testing::sample_check_in());
  expect_round_trip(testing::sample_link());
  expect_round_trip(testing::sample_dependency());
  expect_round_trip(testing::sample_initiative());
  expect_round_trip(testing::sample_comment());
  expect_round_trip(testing::sample_retrospective());
}

// append_json writes the text of the same JSON as to_json's tree (audit rows
// are written this way), and FieldTexts' object is that text again.
template <class T>
void expect_text_is_the_tree(const T& value) {
  std::string text;
  append_json(text, value);
  auto parsed = parse_json(text);
  ASSERT_TRUE(parsed) << parsed.error().message << "\n" << text;
  EXPECT_EQ(*parsed, to_json(value)) << text;
  EXPECT_EQ(text, json_text(to_json(value)));
  EXPECT_EQ(field_texts(value).object(), text);
  auto read = from_json<T>(*parsed);
  ASSERT_TRUE(read) << read.error().message;
  expect_same("", value, *read);
}

TEST(EntityJson, TextIsTheSameJsonAsTheTree) {
  expect_text_is_the_tree(testing::sample_organization());
  expect_text_is_the_tree(testing::sample_unit());
  expect_text_is_the_tree(testing::sample_person());
  expect_text_is_the_tree(testing::sample_period());
  expect_text_is_the_tree(testing::sample_objective());
  expect_text_is_the_tree(testing::sample_key_result());
  expect_text_is_the_tree(testing::sample_check_in());
  expect_text_is_the_tree(testing::sample_link());
  expect_text_is_the_tree(testing::sample_dependency());
  expect_text_is_the_tree(testing::sample_initiative());
  expect_text_is_the_tree(testing::sample_comment());
  expect_text_is_the_tree(testing::sample_retrospective());
  expect_text_is_the_tree(core::Objective{});
  expect_text_is_the_tree(core::KeyResult{});
  expect_text_is_the_tree(core::CheckIn{});
  expect_text_is_the_tree(core::Period{});
}

TEST(EntityJson, FieldTextsListEachPresentFieldInOrder) {
  core::Period period = testing::sample_period();
  const FieldTexts with = field_texts(period);
  period.closed_at.reset();
  const FieldTexts without = field_texts(period);
  ASSERT_EQ(with.fields().size(), without.fields().size() + 1) << "an empty optional has none";
  EXPECT_EQ(with.fields().front().key, "id");
  EXPECT_EQ(with.value(with.fields().front()), "5");
  EXPECT_EQ(with.value(with.fields().back()), "4102444817");
  EXPECT_EQ(with.fields().back().key, "closed_at");
}

TEST(EntityJson, DefaultEntitiesRoundTrip) {
  expect_round_trip(core::Organization{});
  expect_round_trip(core::Unit{});
  expect_round_trip(core::Person{});
  expect_round_trip(core::Period{});
  expect_round_trip(core::Objective{});
  expect_round_trip(core::KeyResult{});
  expect_round_trip(core::CheckIn{});
  expect_round_trip(core::AlignmentLink{});
  expect_round_trip(core::Dependency{});
  expect_round_trip(core::Initiative{});
  expect_round_trip(core::Comment{});
  expect_round_trip(core::Retrospective{});
}

TEST(EntityJson, LeavesHaveTheirStorageShapes) {
  const json::value unit = to_json(testing::sample_unit());
  EXPECT_EQ(json_text(unit.at("id")), "3");  // the index, as an integer
  EXPECT_EQ(unit.at("kind").as_string(), "function");
  EXPECT_TRUE(to_json(core::Unit{}).at("parent").is_null());  // an invalid id

  const json::value period = to_json(testing::sample_period());
  EXPECT_EQ(period.at("start_date").as_string(), "1969-12-31");
  EXPECT_EQ(period.at("end_date").as_string(), "2400-02-29");
  EXPECT_EQ(period.at("starts_at").as_int64(), core::Instant::min().seconds);
  EXPECT_EQ(period.at("closed_at").as_int64(), 4'102'444'817);
  EXPECT_FALSE(to_json(core::Period{}).as_object().contains("closed_at"));  // absent optional

  core::Objective objective;
  EXPECT_EQ(to_json(objective).at("type").as_string(), "committed");
  EXPECT_EQ(to_json(objective).at("progress_mode").as_string(), "key_results");
  EXPECT_EQ(to_json(core::KeyResult{}).at("source").as_string(), "check_ins");
  EXPECT_EQ(to_json(core::Settings{}).at("check_in").at("cadence").as_string(), "weekly");

  const json::value organization = to_json(testing::sample_organization());
  EXPECT_EQ(organization.at("settings").at("enforce").at(0).as_string(),
            "max_objectives_per_owner");

  const json::value check_in = to_json(testing::sample_check_in());
  EXPECT_EQ(check_in.at("measurement").at("milestones_done").as_uint64(),
            std::numeric_limits<std::uint64_t>::max());

  const json::value link = to_json(testing::sample_link());
  EXPECT_EQ(json_text(link.at("child")), R"({"kind":"key_result","index":21})");
}

TEST(EntityJson, NonFiniteNumbersAreWrittenAsNullAndRefused) {
  core::Milestone milestone{"M", std::numeric_limits<double>::quiet_NaN()};
  const json::value json = to_json(milestone);
  EXPECT_TRUE(json.at("weight").is_null());
  auto read = from_json<core::Milestone>(json, "milestones[0]");
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().fields[0].field, "milestones[0].weight");
}

TEST(EntityJson, ErrorsNameTheNestedField) {
  json::value json = to_json(testing::sample_organization());
  json.at("settings").at("status").at("behind_gap") = "ten percent";
  auto read = from_json<core::Organization>(json, "organization");
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, core::ErrorCode::kInvalid);
  EXPECT_EQ(read.error().fields[0].field, "organization.settings.status.behind_gap");
  EXPECT_EQ(read.error().message, "organization.settings.status.behind_gap must be a number");
}

TEST(EntityJson, TheFirstBadFieldIsReported) {
  json::value json = to_json(core::Person{});
  json.as_object().erase("name");
  json.at("role") = "owner";
  auto read = from_json<core::Person>(json);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().fields[0].field, "name");
  EXPECT_EQ(read.error().message, "name is missing");
}

TEST(EntityJson, UnknownKeysAreIgnored) {
  json::value json = to_json(testing::sample_comment());
  json.as_object()["sentiment"] = json::array{"+1"};
  auto read = from_json<core::Comment>(json);
  ASSERT_TRUE(read) << read.error().message;
  expect_same("", testing::sample_comment(), *read);
}

// Comments stored before mentions and reactions existed read as having none.
TEST(EntityJson, FieldsAddedLaterMayBeAbsent) {
  json::value json = to_json(testing::sample_comment());
  json.as_object().erase("mentions");
  json.as_object().erase("reactions");
  auto read = from_json<core::Comment>(json);
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_TRUE(read->mentions.empty());
  EXPECT_TRUE(read->reactions.empty());
  EXPECT_EQ(read->body, testing::sample_comment().body);
}

// Present, they are read like any other field.
TEST(EntityJson, FieldsAddedLaterAreCheckedWhenPresent) {
  json::value json = to_json(testing::sample_comment());
  json.at("reactions").as_array()[1].as_object().erase("emoji");
  auto read = from_json<core::Comment>(json);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().fields[0].field, "reactions[1].emoji");
}

}  // namespace
}  // namespace cairn::app
