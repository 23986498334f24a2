// Which entities a command touched (audit.h): each once, in the order first
// touched, with the version count from before its first touch, and the same
// index under two kinds kept apart. And what an audit row keeps of the
// entity before the change (audit_before.h).
#include "app/audit.h"

#include <gtest/gtest.h>

#include <vector>

#include "app/audit_before.h"
#include "app/entity_json.h"
#include "app/json_text.h"
#include "sample_commands.h"

namespace cairn::app {
namespace {

using core::EntityKind;
using core::Touched;

TEST(DistinctTouched, EachEntityOnceInFirstTouchOrderWithItsVersionsFromBefore) {
  const std::vector<Touched> journal{
      {EntityKind::kObjective, 7, 2}, {EntityKind::kKeyResult, 7, 1},
      {EntityKind::kObjective, 7, 3}, {EntityKind::kObjective, 1, 0},
      {EntityKind::kKeyResult, 7, 2}, {EntityKind::kPeriod, 7, 4},
  };
  const std::vector<Touched> out = distinct_touched(journal);
  ASSERT_EQ(out.size(), 4u);
  EXPECT_EQ(out[0].kind, EntityKind::kObjective);
  EXPECT_EQ(out[0].index, 7u);
  EXPECT_EQ(out[0].versions_before, 2u) << "the count from before the first touch";
  EXPECT_EQ(out[1].kind, EntityKind::kKeyResult);
  EXPECT_EQ(out[1].versions_before, 1u);
  EXPECT_EQ(out[2].kind, EntityKind::kObjective);
  EXPECT_EQ(out[2].index, 1u);
  EXPECT_EQ(out[3].kind, EntityKind::kPeriod);
  EXPECT_EQ(out[3].index, 7u);
}

// Closing the enterprise quarter touches half a million entities, each more
// than once; all of them come out, once each.
TEST(DistinctTouched, KeepsEveryOneOfAQuartersWorth) {
  std::vector<Touched> journal;
  for (std::uint32_t i = 0; i < 300'000; ++i) journal.push_back({EntityKind::kKeyResult, i, 1});
  for (std::uint32_t i = 0; i < 300'000; ++i) journal.push_back({EntityKind::kKeyResult, i, 2});
  const std::vector<Touched> out = distinct_touched(journal);
  ASSERT_EQ(out.size(), 300'000u);
  EXPECT_EQ(out.back().index, 299'999u);
  EXPECT_EQ(out.back().versions_before, 1u);
}

// ---- An audit row's before as the fields that changed (audit_before.h) ----

// What the row stores for a change from `before` to `after`, and the whole
// before put together again from it and the whole after.
template <class T>
std::string stored_before(const T& before, const T& after) {
  return changed_fields(field_texts(before), field_texts(after));
}

template <class T>
void expect_whole_again(const T& before, const T& after) {
  std::string after_text;
  append_json(after_text, after);
  auto whole = whole_before(stored_before(before, after), after_text);
  ASSERT_TRUE(whole) << whole.error().message;
  EXPECT_EQ(*parse_json(*whole), to_json(before)) << *whole;
}

TEST(AuditBefore, KeepsOnlyWhatChangedAndWhatWasAbsent) {
  // A key result graded when its quarter closes: score set, graded_done true.
  core::KeyResult before = testing::sample_key_result();
  before.score.reset();
  before.graded_done = false;
  core::KeyResult after = before;
  after.score = 0.95;
  after.graded_done = true;
  EXPECT_EQ(stored_before(before, after),
            R"({"changed":{"graded_done":false},"absent":["score"]})");
  expect_whole_again(before, after);
}

TEST(AuditBefore, AFieldTheChangeRemovedComesBack) {
  // A period opened again: closed_at goes away, and the name changes too.
  const core::Period before = testing::sample_period();
  core::Period after = before;
  after.closed_at.reset();
  after.name = "Sprint \"12\"";
  EXPECT_EQ(stored_before(before, after),
            R"({"changed":{"name":"Sprint 12","closed_at":4102444817},"absent":[]})");
  expect_whole_again(before, after);
}

TEST(AuditBefore, NestedValuesAndNoChangeAtAll) {
  core::Objective before = testing::sample_objective();
  core::Objective after = before;
  after.owner.person = core::PersonId{};
  after.tags.push_back("growth");
  expect_whole_again(before, after);
  EXPECT_EQ(stored_before(before, before), R"({"changed":{},"absent":[]})");
  expect_whole_again(before, before);
}

TEST(AuditBefore, RowsNotInTheFormCairnWritesAreRefused) {
  const std::string after = R"({"id":1})";
  for (const char* stored : {"", "{}", "[]", R"({"changed":[],"absent":[]})",
                             R"({"changed":{},"absent":[1]})", R"({"changed":{}})"}) {
    auto whole = whole_before(stored, after);
    ASSERT_FALSE(whole) << stored;
    EXPECT_EQ(whole.error().code, core::ErrorCode::kUnavailable);
  }
  EXPECT_FALSE(whole_before(R"({"changed":{},"absent":[]})", "not json"));
}

}  // namespace
}  // namespace cairn::app
