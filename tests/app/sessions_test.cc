// Sessions (in the store, on every backend), with a controllable clock.
#include "app/sessions.h"

#include <gtest/gtest.h>

#include "app/passwords.h"
#include "store_fixture.h"

namespace cairn::app {
namespace {

using testing::must;
using Started = Sessions::Started;

const core::Instant kT = core::instant_utc(2026, 5, 15, 9);

// Sessions on a store (every backend), each Sessions on a connection of its
// own as each server instance has.
class SessionsTest : public testing::StoreTest {
 protected:
  Sessions instance() { return Sessions(open()); }
  std::int64_t org() const { return record_.id; }
  // The session's row as the store holds it.
  std::optional<store::SessionRecord> row(const std::string& id) {
    return testing::must(store_->find_session(token_hash(id)));
  }
};

TEST_P(SessionsTest, ANewRandomIdAtEverySignIn) {
  Sessions sessions = instance();
  const auto a = must(sessions.start(org(), core::PersonId{2}, kT));
  const auto b = must(sessions.start(org(), core::PersonId{2}, kT));
  EXPECT_NE(a.id, b.id);
  EXPECT_NE(a.csrf_token, b.csrf_token);
  EXPECT_GE(a.id.size(), 43u);  // 256 bits in base64url
  const auto session = must(sessions.touch(a.id, kT + 1));
  ASSERT_TRUE(session);
  EXPECT_EQ(session->person, core::PersonId{2});
  EXPECT_EQ(session->csrf_token, a.csrf_token);
  EXPECT_FALSE(must(sessions.touch("cairn_unknown", kT)));
  // The store holds the id's hash, never the id.
  ASSERT_TRUE(row(a.id));
  EXPECT_NE(row(a.id)->id_hash, a.id);
  EXPECT_FALSE(must(store_->find_session(a.id)));
}

TEST_P(SessionsTest, IdleFor30MinutesEndsASession) {
  Sessions sessions = instance();
  const auto s = must(sessions.start(org(), core::PersonId{2}, kT));
  EXPECT_TRUE(must(sessions.touch(s.id, kT + 29 * 60)));
  EXPECT_TRUE(must(sessions.touch(s.id, kT + 58 * 60))) << "activity restarts the idle clock";
  EXPECT_FALSE(must(sessions.touch(s.id, kT + 58 * 60 + 30 * 60 + 1)));
  EXPECT_FALSE(must(sessions.touch(s.id, kT + 58 * 60))) << "gone for good";
  EXPECT_FALSE(row(s.id)) << "and gone from the store";
}

TEST_P(SessionsTest, TwelveHoursEndASessionWhateverItsActivity) {
  Sessions sessions = instance();
  const auto s = must(sessions.start(org(), core::PersonId{2}, kT));
  core::Instant t = kT;
  for (int i = 0; i < 12 * 3; ++i) {
    t = t + 20 * 60;
    if (t - kT <= 12 * 3600) {
      EXPECT_TRUE(must(sessions.touch(s.id, t))) << i;
    }
  }
  EXPECT_FALSE(must(sessions.touch(s.id, kT + 12 * 3600 + 60)));
}

TEST_P(SessionsTest, SignOutAndEndAllEndThemOnTheServer) {
  Sessions sessions = instance();
  const auto a = must(sessions.start(org(), core::PersonId{2}, kT));
  const auto b = must(sessions.start(org(), core::PersonId{2}, kT));
  const auto other = must(sessions.start(org(), core::PersonId{3}, kT));
  must(sessions.end(a.id));
  EXPECT_FALSE(must(sessions.touch(a.id, kT)));
  EXPECT_TRUE(must(sessions.touch(b.id, kT)));
  EXPECT_EQ(must(sessions.end_all(org(), core::PersonId{2})), 1);
  EXPECT_FALSE(must(sessions.touch(b.id, kT)));
  EXPECT_TRUE(must(sessions.touch(other.id, kT)));
  EXPECT_FALSE(row(b.id));
  EXPECT_TRUE(row(other.id));
}

TEST_P(SessionsTest, ASessionSurvivesARestart) {
  Started started;
  {
    Sessions before = instance();
    started = must(before.start(org(), core::PersonId{2}, kT));
  }
  Sessions after = instance();
  const auto session = must(after.touch(started.id, kT + 5));
  ASSERT_TRUE(session);
  EXPECT_EQ(session->organization, org());
  EXPECT_EQ(session->person, core::PersonId{2});
  EXPECT_EQ(session->csrf_token, started.csrf_token);
}

TEST_P(SessionsTest, SignOutOnOneInstanceEndsTheSessionOnAnotherWithinTenSeconds) {
  Sessions one = instance();
  Sessions two = instance();
  const auto a = must(one.start(org(), core::PersonId{2}, kT));
  const auto b = must(one.start(org(), core::PersonId{3}, kT));
  ASSERT_TRUE(must(two.touch(a.id, kT)));
  ASSERT_TRUE(must(two.touch(b.id, kT)));
  must(one.end(a.id));
  EXPECT_EQ(must(one.end_all(org(), core::PersonId{3})), 1);
  EXPECT_FALSE(must(one.touch(a.id, kT + 1))) << "at once where it was ended";
  // The other instance trusts what it verified less than 10 s ago...
  EXPECT_TRUE(must(two.touch(a.id, kT + Sessions::kVerifySeconds - 1)));
  // ...and no longer after that.
  EXPECT_FALSE(must(two.touch(a.id, kT + Sessions::kVerifySeconds)));
  EXPECT_FALSE(must(two.touch(b.id, kT + Sessions::kVerifySeconds)));
}

TEST_P(SessionsTest, LastSeenIsWrittenAtMostOnceAMinute) {
  Sessions one = instance();
  const auto s = must(one.start(org(), core::PersonId{2}, kT));
  ASSERT_TRUE(must(one.touch(s.id, kT + 30)));
  EXPECT_EQ(row(s.id)->last_seen, kT) << "30 s of activity is not written";
  ASSERT_TRUE(must(one.touch(s.id, kT + 61)));
  EXPECT_EQ(row(s.id)->last_seen, kT + 61);
  // Another instance keeps the session alive from what the row says.
  Sessions two = instance();
  EXPECT_TRUE(must(two.touch(s.id, kT + 61 + 29 * 60)));
}

TEST_P(SessionsTest, ExpiredRowsAreDeletedAtTheNextSignIn) {
  Sessions sessions = instance();
  const auto old = must(sessions.start(org(), core::PersonId{2}, kT));
  const auto recent = must(sessions.start(org(), core::PersonId{3}, kT + 3600));
  must(sessions.start(org(), core::PersonId{4}, kT + 3600 + 20 * 60));
  EXPECT_FALSE(row(old.id)) << "idle for more than 30 minutes";
  EXPECT_TRUE(row(recent.id));
}

INSTANTIATE_TEST_SUITE_P(Backends, SessionsTest, ::testing::ValuesIn(store::testing::backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace cairn::app
