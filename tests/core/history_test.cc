#include "core/history.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace cairn::core {
namespace {

TEST(History, AnswersTheVersionInForceAtAnInstant) {
  History<std::string> h;
  h.record(Instant{100}, "first");
  h.record(Instant{200}, "second");
  h.record(Instant{300}, "third");
  const struct {
    std::int64_t at;
    const char* expected;  // nullptr: did not exist yet
  } cases[] = {{99, nullptr},   {100, "first"}, {199, "first"},      {200, "second"},
               {299, "second"}, {300, "third"}, {1'000'000, "third"}};
  for (const auto& c : cases) {
    const std::string* v = h.at(Instant{c.at});
    if (c.expected == nullptr) {
      EXPECT_EQ(v, nullptr) << c.at;
    } else {
      ASSERT_NE(v, nullptr) << c.at;
      EXPECT_EQ(*v, c.expected) << c.at;
    }
  }
  EXPECT_EQ(h.current(), "third");
  EXPECT_EQ(h.created_at(), Instant{100});
}

TEST(History, TwoVersionsAtOneInstantTheLaterWins) {
  History<int> h;
  h.record(Instant{10}, 1);
  h.record(Instant{10}, 2);
  EXPECT_EQ(*h.at(Instant{10}), 2);
  EXPECT_EQ(h.versions().size(), 2u);
}

TEST(History, AnEarlierInstantThanTheLastIsMovedUpSoTimeNeverRunsBackwards) {
  History<int> h;
  h.record(Instant{50}, 1);
  h.record(Instant{40}, 2);  // clock skew
  EXPECT_EQ(h.versions()[1].from, Instant{50});
  EXPECT_EQ(*h.at(Instant{50}), 2);
  EXPECT_EQ(h.at(Instant{45}), nullptr);
}

TEST(History, VersionsListsEveryVersionOldestFirst) {
  History<std::string> h;
  EXPECT_TRUE(h.empty());
  EXPECT_EQ(h.versions().size(), 0u);
  EXPECT_EQ(h.at(Instant{1}), nullptr);
  h.record(Instant{100}, "first");
  h.record(Instant{200}, "second");
  h.record(Instant{300}, "third");
  const auto versions = h.versions();
  ASSERT_EQ(versions.size(), 3u);
  std::vector<std::string> seen;
  for (const auto& v : h.versions()) seen.push_back(v.value + "@" + std::to_string(v.from.seconds));
  EXPECT_EQ(seen, (std::vector<std::string>{"first@100", "second@200", "third@300"}));
  EXPECT_EQ(versions.front().value, "first");
  EXPECT_EQ(versions[1].value, "second");
  EXPECT_EQ(versions.back().value, "third");
}

// Closing a quarter records a second version of half a million entities: the
// new version takes over the latest one's room instead of allocating room for
// every version again.
TEST(History, ANewVersionTakesOverTheLatestOnesRoom) {
  History<std::string> h;
  h.record(Instant{10}, "a");
  const std::string* latest = &h.current();
  h.record(Instant{20}, "b");
  EXPECT_EQ(&h.current(), latest);
  h.record(Instant{30}, "c");
  EXPECT_EQ(&h.current(), latest);
  EXPECT_EQ(*h.at(Instant{10}), "a");
  EXPECT_EQ(*h.at(Instant{20}), "b");
  EXPECT_EQ(*h.at(Instant{30}), "c");
}

TEST(History, AMovedHistoryKeepsItsVersions) {
  std::vector<History<std::string>> all(1);
  all[0].record(Instant{10}, "a");
  all[0].record(Instant{20}, "b");
  all.resize(1000);  // moves the first one
  EXPECT_EQ(all[0].current(), "b");
  EXPECT_EQ(*all[0].at(Instant{15}), "a");
  EXPECT_EQ(all[0].created_at(), Instant{10});
  EXPECT_TRUE(all[999].empty());
}

}  // namespace
}  // namespace cairn::core
