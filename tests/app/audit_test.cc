// Which entities a command touched (audit.h): each once, in the order first
// touched, with the version count from before its first touch, and the same
// index under two kinds kept apart.
#include "app/audit.h"

#include <gtest/gtest.h>

#include <vector>

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

}  // namespace
}  // namespace cairn::app
