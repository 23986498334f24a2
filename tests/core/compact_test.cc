// The compact stand-ins of core/compact.h behave as the types they replace,
// and keep a check-in small: its size is what PERFORMANCE.md's memory target
// for 4.8 million of them rests on (docs/performance.md).
#include "core/compact.h"

#include <gtest/gtest.h>

#include <sstream>
#include <utility>

#include "core/check_in.h"

namespace cairn::core {
namespace {

TEST(CompactText, HoldsTextCopiesItAndIsEmptyWithoutAllocating) {
  CompactText none;
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(none.view(), "");
  EXPECT_EQ(sizeof(CompactText), sizeof(void*));

  CompactText note;
  note = std::string("on track, ünïcode ✓");
  EXPECT_FALSE(note.empty());
  EXPECT_EQ(note, "on track, ünïcode ✓");
  EXPECT_TRUE(note.starts_with("on track"));

  CompactText copy = note;  // a copy of its own, not a shared one
  note = "changed";
  EXPECT_EQ(copy, "on track, ünïcode ✓");
  EXPECT_EQ(note, "changed");
  EXPECT_FALSE(copy == note);

  CompactText moved = std::move(copy);
  EXPECT_EQ(moved, "on track, ünïcode ✓");
  std::ostringstream printed;
  printed << moved;
  EXPECT_EQ(printed.str(), "on track, ünïcode ✓");

  moved = std::string_view();
  EXPECT_TRUE(moved.empty()) << "empty text is no text";
  note.clear();
  EXPECT_EQ(note, none);
}

TEST(OptionalInstant, IsAnOptionalInstantInEightBytes) {
  EXPECT_EQ(sizeof(OptionalInstant), sizeof(Instant));
  OptionalInstant at;
  EXPECT_FALSE(at.has_value());
  EXPECT_FALSE(at);
  EXPECT_EQ(std::optional<Instant>(at), std::nullopt);
  EXPECT_EQ(at.value_or(Instant{7}), Instant{7});

  const Instant t = instant_utc(2026, 3, 1);
  at = t;
  EXPECT_TRUE(at);
  EXPECT_EQ(*at, t);
  EXPECT_EQ(at, t);
  EXPECT_EQ(std::optional<Instant>(at), t);
  EXPECT_FALSE(at == t + 1);
  // The epoch itself is an instant like any other, not "none".
  at = Instant{0};
  EXPECT_TRUE(at.has_value());

  at.reset();
  EXPECT_FALSE(at);
  at = std::optional<Instant>(t);
  EXPECT_EQ(at, t);
  at = std::nullopt;
  EXPECT_FALSE(at);
}

TEST(CheckInSize, ACheckInTakesEightyEightBytes) {
  // 4 ids (16), the measurement (24), the confidence (8), the note (8), three
  // instants (24), the KPI (4, padded to 8). It was 120 with std::string and
  // std::optional<Instant>: 154 MB more for the enterprise workload.
  EXPECT_EQ(sizeof(CheckIn), 88u);
}

}  // namespace
}  // namespace cairn::core
