// Sign-in rate limiting (sign_in_limiter.h) with a controllable clock and
// exact counts: per account from any address, per account and address, per
// address across accounts; known addresses and successes; on SQLite and
// PostgreSQL, shared by two servers on one store and kept across a restart.
#include "app/sign_in_limiter.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <memory>
#include <string>

#include "../store/must.h"
#include "../store/store_locations.h"
#include "failing_store.h"

namespace cairn::app {
namespace {

using store::testing::must;

// In 2100: on PostgreSQL every test shares the tables, and a server's sweep
// (sweep_if_due) deletes the failures older than an hour before its clock, a
// real one when another test runs a server beside these.
const core::Instant kT = core::instant_utc(2100, 5, 15, 9);

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}
constexpr auto kChange = SignInLimiter::Attempt::kCurrentPassword;

class SignInLimiterTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    folder_ = store::testing::fresh_folder("limiter");
    limiter_ = std::make_unique<SignInLimiter>(open());
  }
  void TearDown() override {
    limiter_.reset();
    std::filesystem::remove_all(folder_);
  }

  std::unique_ptr<store::Store> open() {
    return must(store::open_store(store::testing::location(GetParam(), folder_)));
  }

  // Emails and addresses no other test (or earlier run on the same
  // database) has used: on PostgreSQL every test shares the tables.
  std::string email(const std::string& name) const { return tag_ + "-" + name + "@acme.example"; }
  // A different address for each guess, as from a botnet.
  std::string address(int i) const {
    return tag_ + "/10.0." + std::to_string(i / 250) + "." + std::to_string(i % 250 + 1);
  }
  std::string address(const std::string& ip) const { return tag_ + "/" + ip; }

  std::int64_t wait(const std::string& email, const std::string& address, core::Instant now,
                    SignInLimiter::Attempt attempt = SignInLimiter::Attempt::kSignIn) {
    return must(limiter_->wait_seconds(email, address, now, attempt));
  }
  void fail(const std::string& email, const std::string& address, core::Instant now) {
    must(limiter_->failed(email, address, now));
  }
  void succeed(const std::string& email, const std::string& address, core::Instant now) {
    must(limiter_->succeeded(email, address, now));
  }

  const std::string tag_ = store::testing::unique_slug("limit");
  const std::string ada_ = email("ada");
  std::filesystem::path folder_;
  std::unique_ptr<SignInLimiter> limiter_;
};

TEST_P(SignInLimiterTest, TenFreeFailuresPerAccountThenADoublingDelayFromAnyAddress) {
  int guess = 0;
  for (; guess < SignInLimiter::kFreeAccountFailures; ++guess) {
    ASSERT_EQ(wait(ada_, address(guess), kT), 0) << guess;
    fail(ada_, address(guess), kT);
  }
  // The tenth failure costs nothing yet; each one from the eleventh on holds
  // the account for 1, 2, 4, 8, 16, 32, then 60 seconds, whatever the address.
  EXPECT_EQ(wait(ada_, address(guess), kT), 0);
  core::Instant now = kT;
  for (std::int64_t delay : {1, 2, 4, 8, 16, 32, 60, 60}) {
    ASSERT_EQ(wait(ada_, address(guess), now), 0) << guess;
    fail(ada_, address(guess), now);
    ++guess;
    EXPECT_EQ(wait(ada_, address(guess), now), delay) << guess;
    EXPECT_EQ(wait(upper(ada_), address(guess), now + delay - 1), 1)
        << "emails compare without case";
    now = now + delay;
  }
  EXPECT_EQ(wait(ada_, address(guess), now), 0) << "never more than a minute";
  EXPECT_EQ(wait(email("bob"), address(guess), kT + 20), 0) << "other accounts are not held";
  // An hour after a failure it no longer counts: after an hour of quiet the
  // account is free again.
  fail(ada_, address(guess), now);
  EXPECT_EQ(wait(ada_, address(guess), now + 3600), 0);
  fail(ada_, address(guess), now + 3600);
  EXPECT_EQ(wait(ada_, address(guess), now + 3600), 0) << "one failure in the hour";
}

TEST_P(SignInLimiterTest, AGuesserGetsAtMostSeventyFiveGuessesInTheFirstHourAndSixtyAfter) {
  auto guesses_in = [&](core::Instant from, core::Instant to) {
    int guesses = 0;
    for (core::Instant now = from; now < to; now = now + 1) {
      // As fast as allowed, from a new address each time.
      while (wait(ada_, address(guesses % 5000), now) == 0) {
        fail(ada_, address(guesses % 5000), now);
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

TEST_P(SignInLimiterTest, AKnownAddressIsNotHeldByOthersGuesses) {
  succeed(ada_, address("192.168.1.9"), kT);
  for (int i = 0; i < 20; ++i) fail(ada_, address(i), kT + 10);
  EXPECT_EQ(wait(ada_, address(99), kT + 10), 60);
  EXPECT_EQ(wait(ada_, address("192.168.1.9"), kT + 10), 0) << "the real user gets in";
  // Their success clears the account's failures for everyone.
  succeed(ada_, address("192.168.1.9"), kT + 11);
  EXPECT_EQ(wait(ada_, address(99), kT + 11), 0);
  // An address stays known for 30 days after its last success.
  for (int i = 0; i < 20; ++i) {
    fail(ada_, address(i), kT + SignInLimiter::kKnownAddressSeconds + 11);
  }
  EXPECT_EQ(wait(ada_, address("192.168.1.9"), kT + SignInLimiter::kKnownAddressSeconds + 11), 60);
}

TEST_P(SignInLimiterTest, AKnownAddressStillWaitsToCheckTheCurrentPasswordOfAChange) {
  succeed(ada_, address("192.168.1.9"), kT);
  for (int i = 0; i < SignInLimiter::kFreeAccountFailures; ++i) {
    ASSERT_EQ(wait(ada_, address("192.168.1.9"), kT, kChange), 0) << i;
    fail(ada_, address("192.168.1.9"), kT);
  }
  fail(ada_, address("192.168.1.9"), kT);
  EXPECT_EQ(wait(ada_, address("192.168.1.9"), kT, kChange), 1);
  EXPECT_EQ(wait(ada_, address("192.168.1.9"), kT), 0) << "signing in there still works";
}

TEST_P(SignInLimiterTest, OneHundredFailuresAnHourPerAccountAndAddress) {
  succeed(ada_, address("10.0.0.1"), kT - 10);  // known, so only this budget applies
  for (int i = 0; i < SignInLimiter::kPerAccountAndAddress; ++i) {
    ASSERT_EQ(wait(ada_, address("10.0.0.1"), kT + i), 0) << i;
    fail(ada_, address("10.0.0.1"), kT + i);
  }
  EXPECT_EQ(wait(ada_, address("10.0.0.1"), kT + 200), 3400) << "until the first is an hour old";
  EXPECT_EQ(wait(email("bob"), address("10.0.0.1"), kT + 200), 0);
  EXPECT_EQ(wait(ada_, address("10.0.0.1"), kT + 3600), 0);
}

TEST_P(SignInLimiterTest, ThreeHundredFailuresAnHourFromOneAddressAcrossAccounts) {
  for (int i = 0; i < SignInLimiter::kPerAddress; ++i) {
    const std::string user = email("user" + std::to_string(i));
    ASSERT_EQ(wait(user, address("10.0.0.1"), kT), 0) << i;
    fail(user, address("10.0.0.1"), kT);
  }
  EXPECT_EQ(wait(email("new"), address("10.0.0.1"), kT + 1), 3599);
  EXPECT_EQ(wait(email("new"), address("10.0.0.2"), kT + 1), 0);
}

TEST_P(SignInLimiterTest, TwoServersOnOneStoreShareTheBudgets) {
  SignInLimiter other(open());
  for (int i = 0; i < SignInLimiter::kFreeAccountFailures; ++i) {
    fail(ada_, address(i), kT);
    must(other.failed(ada_, address(100 + i), kT));
  }
  // Twenty failures between them: the account is held on both.
  EXPECT_EQ(wait(ada_, address(999), kT), 60);
  EXPECT_EQ(must(other.wait_seconds(ada_, address(999), kT)), 60);
  // A success on one clears the account on the other.
  must(other.succeeded(ada_, address("192.168.1.9"), kT + 1));
  EXPECT_EQ(wait(ada_, address(999), kT + 1), 0);
  EXPECT_EQ(wait(ada_, address("192.168.1.9"), kT + 1), 0);
}

TEST_P(SignInLimiterTest, ARestartForgetsNoFailureAndNoKnownAddress) {
  succeed(ada_, address("192.168.1.9"), kT);
  for (int i = 0; i <= SignInLimiter::kFreeAccountFailures; ++i) fail(ada_, address(i), kT);
  limiter_ = std::make_unique<SignInLimiter>(open());  // as a restarted server has
  EXPECT_EQ(wait(ada_, address(99), kT), 1);
  EXPECT_EQ(wait(ada_, address("192.168.1.9"), kT), 0) << "still known";
}

TEST_P(SignInLimiterTest, ASweepDeletesWhatNoBudgetReadsAndOnlyThat) {
  // In 2001, before any other test's instants (the others are in 2100, and
  // servers in tests sweep at the real time): on PostgreSQL every test shares
  // the tables and a sweep reaches all of them. There, rows an earlier run
  // left in the same database may be swept too, so the number swept is exact
  // on SQLite only.
  const core::Instant t = core::instant_utc(2001, 1, 1);
  auto store = open();
  auto rows = [&](const std::string& from) {
    auto counts = must(store->sign_in_counts(ada_, from, core::Instant{0}));
    return counts.pair_failures + (counts.last_success ? 1 : 0);
  };
  auto swept = [&](core::Instant now, int expected) {
    const int n = must(limiter_->sweep_if_due(now));
    if (GetParam() == "sqlite") {
      EXPECT_EQ(n, expected);
    } else {
      EXPECT_GE(n, expected);
    }
  };
  swept(t, 0);  // the first sweep is due at once
  fail(ada_, address(1), t);
  fail(ada_, address(2), t + 1800);
  succeed(ada_, address(3), t + 1800);
  // Due, but every failure is younger than an hour.
  swept(t + 3599, 0);
  EXPECT_EQ(rows(address(1)), 1);
  // The failure at t is an hour old now, but the last sweep was a second ago.
  EXPECT_EQ(must(limiter_->sweep_if_due(t + 3600)), 0);
  EXPECT_EQ(rows(address(1)), 1);
  // Ten minutes later it goes; the other one and the known address stay.
  swept(t + 3599 + SignInLimiter::kSweepSeconds, 1);
  EXPECT_EQ(rows(address(1)), 0);
  EXPECT_EQ(rows(address(2)), 1);
  EXPECT_EQ(rows(address(3)), 1);
  // The known address goes 30 days after its sign-in.
  swept(t + 1800 + SignInLimiter::kKnownAddressSeconds, 2);
  EXPECT_EQ(rows(address(2)), 0);
  EXPECT_EQ(rows(address(3)), 0);
}

TEST_P(SignInLimiterTest, AStoreThatCannotCountRefusesTheAttempt) {
  auto inner = open();
  auto failing = std::make_unique<testing::FailingStore>(*inner);
  testing::FailingStore& store = *failing;
  SignInLimiter limiter(std::move(failing));
  must(limiter.failed(ada_, address(1), kT));
  store.fail_sign_ins = true;
  // Not "no wait": a guess the store cannot count must not be checked.
  auto wait = limiter.wait_seconds(ada_, address(1), kT);
  ASSERT_FALSE(wait);
  EXPECT_EQ(wait.error().code, core::ErrorCode::kUnavailable);
  EXPECT_FALSE(limiter.failed(ada_, address(1), kT));
  EXPECT_FALSE(limiter.succeeded(ada_, address(1), kT));
  store.fail_sign_ins = false;
  EXPECT_EQ(must(inner->sign_in_counts(ada_, address(1), kT)).account_failures, 1)
      << "nothing was written while it failed";
}

INSTANTIATE_TEST_SUITE_P(Backends, SignInLimiterTest,
                         ::testing::ValuesIn(store::testing::backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace cairn::app
