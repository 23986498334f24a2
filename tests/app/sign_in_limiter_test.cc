// Sign-in rate limiting (sign_in_limiter.h) with a controllable clock and
// exact counts: per account from any address, per account and address, per
// address across accounts; known addresses and successes.
#include "app/sign_in_limiter.h"

#include <gtest/gtest.h>

#include <string>

namespace cairn::app {
namespace {

const core::Instant kT = core::instant_utc(2026, 5, 15, 9);
constexpr std::string_view kAda = "ada@acme.example";

// A different address for each guess, as from a botnet.
std::string address(int i) {
  return "10.0." + std::to_string(i / 250) + "." + std::to_string(i % 250 + 1);
}

TEST(SignInLimiter, TenFreeFailuresPerAccountThenADoublingDelayFromAnyAddress) {
  SignInLimiter limiter;
  int guess = 0;
  for (; guess < SignInLimiter::kFreeAccountFailures; ++guess) {
    ASSERT_EQ(limiter.wait_seconds(kAda, address(guess), kT), 0) << guess;
    limiter.failed(kAda, address(guess), kT);
  }
  // The tenth failure costs nothing yet; each one from the eleventh on holds
  // the account for 1, 2, 4, 8, 16, 32, then 60 seconds, whatever the address.
  EXPECT_EQ(limiter.wait_seconds(kAda, address(guess), kT), 0);
  core::Instant now = kT;
  for (std::int64_t delay : {1, 2, 4, 8, 16, 32, 60, 60}) {
    ASSERT_EQ(limiter.wait_seconds(kAda, address(guess), now), 0) << guess;
    limiter.failed(kAda, address(guess), now);
    ++guess;
    EXPECT_EQ(limiter.wait_seconds(kAda, address(guess), now), delay) << guess;
    EXPECT_EQ(limiter.wait_seconds("ADA@acme.example", address(guess), now + delay - 1), 1)
        << "emails compare without case";
    now = now + delay;
  }
  EXPECT_EQ(limiter.wait_seconds(kAda, address(guess), now), 0) << "never more than a minute";
  EXPECT_EQ(limiter.wait_seconds("bob@acme.example", address(guess), kT + 20), 0)
      << "other accounts are not held";
  // An hour after a failure it no longer counts: after an hour of quiet the
  // account is free again.
  limiter.failed(kAda, address(guess), now);
  EXPECT_EQ(limiter.wait_seconds(kAda, address(guess), now + 3600), 0);
  limiter.failed(kAda, address(guess), now + 3600);
  EXPECT_EQ(limiter.wait_seconds(kAda, address(guess), now + 3600), 0) << "one failure in the hour";
}

TEST(SignInLimiter, AGuesserGetsAtMostSeventyFiveGuessesInTheFirstHourAndSixtyAfter) {
  SignInLimiter limiter;
  auto guesses_in = [&](core::Instant from, core::Instant to) {
    int guesses = 0;
    for (core::Instant now = from; now < to; now = now + 1) {
      // As fast as allowed, from a new address each time.
      while (limiter.wait_seconds(kAda, address(guesses % 5000), now) == 0) {
        limiter.failed(kAda, address(guesses % 5000), now);
        ++guesses;
      }
    }
    return guesses;
  };
  // Eleven at once, six more by second 63 (after waits of 1 to 32 s), then
  // one a minute: 11 + 6 + 58.
  EXPECT_EQ(guesses_in(kT, kT + 3600), 75);
  EXPECT_LE(guesses_in(kT + 3600, kT + 7200), 60);
}

TEST(SignInLimiter, AKnownAddressIsNotHeldByOthersGuesses) {
  SignInLimiter limiter;
  limiter.succeeded(kAda, "192.168.1.9", kT);
  for (int i = 0; i < 20; ++i) limiter.failed(kAda, address(i), kT + 10);
  EXPECT_EQ(limiter.wait_seconds(kAda, address(99), kT + 10), 60);
  EXPECT_EQ(limiter.wait_seconds(kAda, "192.168.1.9", kT + 10), 0) << "the real user gets in";
  // Their success clears the account's failures for everyone.
  limiter.succeeded(kAda, "192.168.1.9", kT + 11);
  EXPECT_EQ(limiter.wait_seconds(kAda, address(99), kT + 11), 0);
  // An address stays known for 30 days after its last success.
  for (int i = 0; i < 20; ++i) {
    limiter.failed(kAda, address(i), kT + SignInLimiter::kKnownAddressSeconds + 11);
  }
  EXPECT_EQ(
      limiter.wait_seconds(kAda, "192.168.1.9", kT + SignInLimiter::kKnownAddressSeconds + 11), 60);
}

TEST(SignInLimiter, AKnownAddressStillWaitsToCheckTheCurrentPasswordOfAChange) {
  SignInLimiter limiter;
  constexpr auto kChange = SignInLimiter::Attempt::kCurrentPassword;
  limiter.succeeded(kAda, "192.168.1.9", kT);
  for (int i = 0; i < SignInLimiter::kFreeAccountFailures; ++i) {
    ASSERT_TRUE(limiter.allowed(kAda, "192.168.1.9", kT, kChange)) << i;
    limiter.failed(kAda, "192.168.1.9", kT);
  }
  limiter.failed(kAda, "192.168.1.9", kT);
  EXPECT_EQ(limiter.wait_seconds(kAda, "192.168.1.9", kT, kChange), 1);
  EXPECT_EQ(limiter.wait_seconds(kAda, "192.168.1.9", kT), 0) << "signing in there still works";
}

TEST(SignInLimiter, OneHundredFailuresAnHourPerAccountAndAddress) {
  SignInLimiter limiter;
  limiter.succeeded(kAda, "10.0.0.1", kT - 10);  // known, so only this budget applies
  for (int i = 0; i < SignInLimiter::kPerAccountAndAddress; ++i) {
    ASSERT_EQ(limiter.wait_seconds(kAda, "10.0.0.1", kT + i), 0) << i;
    limiter.failed(kAda, "10.0.0.1", kT + i);
  }
  EXPECT_EQ(limiter.wait_seconds(kAda, "10.0.0.1", kT + 200), 3400)
      << "until the first is an hour old";
  EXPECT_EQ(limiter.wait_seconds("bob@acme.example", "10.0.0.1", kT + 200), 0);
  EXPECT_EQ(limiter.wait_seconds(kAda, "10.0.0.1", kT + 3600), 0);
}

TEST(SignInLimiter, ThreeHundredFailuresAnHourFromOneAddressAcrossAccounts) {
  SignInLimiter limiter;
  for (int i = 0; i < SignInLimiter::kPerAddress; ++i) {
    const std::string email = "user" + std::to_string(i) + "@acme.example";
    ASSERT_EQ(limiter.wait_seconds(email, "10.0.0.1", kT), 0) << i;
    limiter.failed(email, "10.0.0.1", kT);
  }
  EXPECT_EQ(limiter.wait_seconds("new@acme.example", "10.0.0.1", kT + 1), 3599);
  EXPECT_EQ(limiter.wait_seconds("new@acme.example", "10.0.0.2", kT + 1), 0);
}

}  // namespace
}  // namespace cairn::app
