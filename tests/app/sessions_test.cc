// Sessions and sign-in rate limiting, with a controllable clock.
#include "app/sessions.h"

#include <gtest/gtest.h>

#include "app/sign_in_limiter.h"

namespace cairn::app {
namespace {

const core::Instant kT = core::instant_utc(2026, 5, 15, 9);

TEST(Sessions, ANewRandomIdAtEverySignIn) {
  Sessions sessions;
  const auto a = sessions.start(1, core::PersonId{2}, kT);
  const auto b = sessions.start(1, core::PersonId{2}, kT);
  EXPECT_NE(a.id, b.id);
  EXPECT_NE(a.csrf_token, b.csrf_token);
  EXPECT_GE(a.id.size(), 43u);  // 256 bits in base64url
  const auto session = sessions.touch(a.id, kT + 1);
  ASSERT_TRUE(session);
  EXPECT_EQ(session->person, core::PersonId{2});
  EXPECT_EQ(session->csrf_token, a.csrf_token);
  EXPECT_FALSE(sessions.touch("cairn_unknown", kT));
}

TEST(Sessions, IdleFor30MinutesEndsASession) {
  Sessions sessions;
  const auto s = sessions.start(1, core::PersonId{2}, kT);
  EXPECT_TRUE(sessions.touch(s.id, kT + 29 * 60));
  EXPECT_TRUE(sessions.touch(s.id, kT + 58 * 60)) << "activity restarts the idle clock";
  EXPECT_FALSE(sessions.touch(s.id, kT + 58 * 60 + 30 * 60 + 1));
  EXPECT_FALSE(sessions.touch(s.id, kT + 58 * 60)) << "gone for good";
}

TEST(Sessions, TwelveHoursEndASessionWhateverItsActivity) {
  Sessions sessions;
  const auto s = sessions.start(1, core::PersonId{2}, kT);
  core::Instant t = kT;
  for (int i = 0; i < 12 * 3; ++i) {
    t = t + 20 * 60;
    if (t - kT <= 12 * 3600) EXPECT_TRUE(sessions.touch(s.id, t)) << i;
  }
  EXPECT_FALSE(sessions.touch(s.id, kT + 12 * 3600 + 60));
}

TEST(Sessions, SignOutAndEndAllEndThemOnTheServer) {
  Sessions sessions;
  const auto a = sessions.start(1, core::PersonId{2}, kT);
  const auto b = sessions.start(1, core::PersonId{2}, kT);
  const auto other = sessions.start(1, core::PersonId{3}, kT);
  sessions.end(a.id);
  EXPECT_FALSE(sessions.touch(a.id, kT));
  EXPECT_TRUE(sessions.touch(b.id, kT));
  sessions.end_all(1, core::PersonId{2});
  EXPECT_FALSE(sessions.touch(b.id, kT));
  EXPECT_TRUE(sessions.touch(other.id, kT));
}

TEST(SignInLimiter, OneHundredFailuresAnHourPerAccountAndAddress) {
  SignInLimiter limiter;
  for (int i = 0; i < SignInLimiter::kPerAccountAndAddress; ++i) {
    ASSERT_TRUE(limiter.allowed("ada@acme.example", "10.0.0.1", kT + i));
    limiter.failed("ada@acme.example", "10.0.0.1", kT + i);
  }
  EXPECT_FALSE(limiter.allowed("ada@acme.example", "10.0.0.1", kT + 200));
  EXPECT_FALSE(limiter.allowed("ADA@acme.example", "10.0.0.1", kT + 200)) << "case-insensitive";
  // The real user, elsewhere, is not locked out; other accounts from the
  // attacker's address still have their own budget.
  EXPECT_TRUE(limiter.allowed("ada@acme.example", "192.168.1.9", kT + 200));
  EXPECT_TRUE(limiter.allowed("bob@acme.example", "10.0.0.1", kT + 200));
  // An hour after the first failures, attempts are allowed again.
  EXPECT_TRUE(limiter.allowed("ada@acme.example", "10.0.0.1", kT + 3600 + 100));
}

TEST(SignInLimiter, ThreeHundredFailuresAnHourFromOneAddressAcrossAccounts) {
  SignInLimiter limiter;
  for (int i = 0; i < SignInLimiter::kPerAddress; ++i) {
    const std::string email = "user" + std::to_string(i) + "@acme.example";
    ASSERT_TRUE(limiter.allowed(email, "10.0.0.1", kT));
    limiter.failed(email, "10.0.0.1", kT);
  }
  EXPECT_FALSE(limiter.allowed("new@acme.example", "10.0.0.1", kT + 1));
  EXPECT_TRUE(limiter.allowed("new@acme.example", "10.0.0.2", kT + 1));
}

}  // namespace
}  // namespace cairn::app
