#include "core/history.h"

#include <gtest/gtest.h>

#include <string>

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

}  // namespace
}  // namespace cairn::core
