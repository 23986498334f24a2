// The security log's guards: rejected tokens recorded at most once a minute
// per address with bounded memory, and request text clipped on a character.
#include "app/security_log.h"

#include <gtest/gtest.h>

namespace cairn::app {
namespace {

const core::Instant kT = core::instant_utc(2026, 5, 15, 9);

TEST(RejectionThrottle, OncePerAddressPerMinute) {
  RejectionThrottle throttle;
  EXPECT_TRUE(throttle.should_record("10.0.0.1", kT));
  EXPECT_FALSE(throttle.should_record("10.0.0.1", kT + 59));
  EXPECT_TRUE(throttle.should_record("10.0.0.2", kT + 1)) << "each address has its own minute";
  EXPECT_TRUE(throttle.should_record("10.0.0.1", kT + 60));
  EXPECT_FALSE(throttle.should_record("10.0.0.1", kT + 61));
}

TEST(RejectionThrottle, AFloodOfAddressesIsBounded) {
  RejectionThrottle throttle;
  for (std::size_t i = 0; i < RejectionThrottle::kMaxAddresses; ++i) {
    ASSERT_TRUE(throttle.should_record("a" + std::to_string(i), kT));
  }
  EXPECT_FALSE(throttle.should_record("one too many", kT + 1));
  // A minute later the old ones are forgotten and there is room again.
  EXPECT_TRUE(throttle.should_record("one too many", kT + 60));
}

TEST(SecurityLog, ClippedTextEndsOnACharacter) {
  EXPECT_EQ(clipped("ada@acme.example"), "ada@acme.example");
  EXPECT_EQ(clipped(std::string(1000, 'x')).size(), 254u);
  // "é" is two bytes; cutting inside it steps back before it.
  EXPECT_EQ(clipped("abé", 3), "ab");
  EXPECT_EQ(clipped("abé", 4), "abé");
}

}  // namespace
}  // namespace cairn::app
