// The contract of store::Store, run against every backend: the same tests on
// SQLite and on PostgreSQL.
#include <gtest/gtest.h>
#include <unistd.h>

#include <ctime>

#include "must.h"
#include "store/migrations.h"
#include "store/store.h"
#include "store_locations.h"

namespace cairn::store {
namespace {

using testing::must;

const core::Instant kAt = core::instant_utc(2026, 3, 2, 9);

class StoreSuite : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    folder_ = testing::fresh_folder("store");
    store_ = open();
    org_ = must(store_->create_organization(testing::unique_slug("acme"), kAt)).id;
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(folder_);
  }

  std::unique_ptr<Store> open() {
    auto store = open_store(testing::location(GetParam(), folder_));
    if (!store) {
      ADD_FAILURE() << store.error().message;
      return nullptr;
    }
    return std::move(*store);
  }

  static Change change(std::int64_t seq, std::string kind, std::string payload) {
    return Change{seq, kAt + seq, "person:1", std::move(kind), std::move(payload), std::nullopt};
  }
  static Change check_in(std::int64_t seq, double value) {
    core::CheckIn c;
    c.id = core::CheckInId{static_cast<std::uint32_t>(seq)};
    c.key_result = core::KeyResultId{7};
    c.author = core::PersonId{3};
    c.measurement.value = value;
    c.measurement.milestones_done = 0x8000000000000001ULL;  // the top bit survives
    c.confidence = 6;
    c.note = "on track, ünïcode ✓";
    c.at = kAt - 3600;
    c.recorded_at = kAt + seq;
    return Change{seq, kAt + seq, "person:3", "add_check_in", "", c};
  }

  std::vector<Change> read_all(Store& store, std::int64_t after = 0) {
    std::vector<Change> out;
    must(store.read_changes(org_, after, [&](const Change& c) -> Result<void> {
      out.push_back(c);
      return {};
    }));
    return out;
  }

  std::filesystem::path folder_;
  std::unique_ptr<Store> store_;
  std::int64_t org_ = 0;
};

TEST_P(StoreSuite, OpensAtTheLatestSchemaVersion) {
  EXPECT_EQ(store_->backend(), GetParam());
  EXPECT_EQ(must(store_->schema_version()), latest_schema_version());
  // Opening again runs no migration twice.
  auto again = open();
  EXPECT_EQ(must(again->schema_version()), latest_schema_version());
}

TEST_P(StoreSuite, ASlugIsUnique) {
  const std::string slug = testing::unique_slug("unique");
  const OrganizationRecord first = must(store_->create_organization(slug, kAt));
  EXPECT_EQ(first.slug, slug);
  EXPECT_EQ(first.head, 0);
  auto second = store_->create_organization(slug, kAt);
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, core::ErrorCode::kConflict);
  auto found = must(store_->organization(slug));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, first.id);
  EXPECT_EQ(found->created_at, kAt);
  EXPECT_FALSE(must(store_->organization(testing::unique_slug("missing"))));
}

TEST_P(StoreSuite, AnOrganisationBegunWithItsFirstWriteExistsOnlyOnceThatCommits) {
  // Rolled back (the import into it was refused): never there, slug free.
  const std::string slug = testing::unique_slug("imported");
  {
    Store::NewOrganization begun = must(store_->begin_new_organization(slug, kAt));
    EXPECT_EQ(begun.record.slug, slug);
    EXPECT_EQ(begun.write->head(), 0);
    must(begun.write->append(change(1, "add_unit", R"({"name":"Acme"})")));
  }
  EXPECT_FALSE(must(store_->organization(slug)));

  // Committed: there, with its changes and head, under a new id.
  Store::NewOrganization begun = must(store_->begin_new_organization(slug, kAt));
  EXPECT_NE(begun.record.id, org_);
  must(begun.write->append(change(1, "add_unit", R"({"name":"Acme"})")));
  must(begun.write->append(check_in(2, 0.5)));
  must(begun.write->commit());
  const auto found = must(store_->organization(slug));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, begun.record.id);
  EXPECT_EQ(found->created_at, kAt);
  EXPECT_EQ(must(store_->head(found->id)), 2);
  int changes = 0;
  must(store_->read_changes(found->id, 0, [&](const Change&) -> Result<void> {
    ++changes;
    return {};
  }));
  EXPECT_EQ(changes, 2);

  // A taken slug is a conflict, as for create_organization, and changes nothing.
  auto again = store_->begin_new_organization(slug, kAt);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, core::ErrorCode::kConflict);
  EXPECT_EQ(must(store_->head(found->id)), 2);
  // The store takes other writes afterwards.
  must(must(store_->begin_write(org_))->commit());
}

TEST_P(StoreSuite, CommittedChangesComeBackInSeqOrderWithCheckInsMerged) {
  auto tx = must(store_->begin_write(org_));
  EXPECT_EQ(tx->head(), 0);
  must(tx->append(change(1, "add_unit", R"({"name":"Acme"})")));
  must(tx->append(check_in(2, 0.1)));
  must(tx->append(change(3, "add_person", R"({"name":"Ada"})")));
  must(tx->append(check_in(4, -1e-300)));
  must(tx->commit());
  EXPECT_EQ(must(store_->head(org_)), 4);

  const std::vector<Change> all = read_all(*store_);
  ASSERT_EQ(all.size(), 4u);
  for (std::size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i].seq, std::int64_t(i + 1));
  EXPECT_EQ(all[0].kind, "add_unit");
  EXPECT_EQ(all[0].payload, R"({"name":"Acme"})");
  EXPECT_EQ(all[0].actor, "person:1");
  EXPECT_EQ(all[0].at, kAt + 1);
  EXPECT_FALSE(all[0].check_in);
  ASSERT_TRUE(all[1].check_in);
  EXPECT_EQ(all[1].kind, "add_check_in");
  const core::CheckIn& c = *all[1].check_in;
  EXPECT_EQ(c.id, core::CheckInId{2});
  EXPECT_EQ(c.key_result, core::KeyResultId{7});
  EXPECT_EQ(c.author, core::PersonId{3});
  EXPECT_FALSE(c.on_behalf_of.valid());
  EXPECT_EQ(c.measurement.value, 0.1);  // bit for bit
  EXPECT_EQ(c.measurement.milestones_done, 0x8000000000000001ULL);
  EXPECT_EQ(c.confidence, 6);
  EXPECT_EQ(c.note, "on track, ünïcode ✓");
  EXPECT_EQ(c.at, kAt - 3600);
  EXPECT_EQ(c.recorded_at, kAt + 2);
  EXPECT_EQ(all[3].check_in->measurement.value, -1e-300);

  const std::vector<Change> tail = read_all(*store_, 2);
  ASSERT_EQ(tail.size(), 2u);
  EXPECT_EQ(tail[0].seq, 3);
}

TEST_P(StoreSuite, ACheckInWithoutConfidenceOrAuthorKeepsThemAbsent) {
  Change c = check_in(1, 5);
  c.check_in->confidence.reset();
  c.check_in->author = core::PersonId{};
  c.check_in->on_behalf_of = core::PersonId{9};
  c.check_in->note.clear();
  auto tx = must(store_->begin_write(org_));
  must(tx->append(c));
  must(tx->commit());
  const auto all = read_all(*store_);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_FALSE(all[0].check_in->confidence);
  EXPECT_FALSE(all[0].check_in->author.valid());
  EXPECT_EQ(all[0].check_in->on_behalf_of, core::PersonId{9});
  EXPECT_EQ(all[0].check_in->note, "");
}

TEST_P(StoreSuite, AnUncommittedTransactionLeavesNothing) {
  {
    auto tx = must(store_->begin_write(org_));
    must(tx->append(change(1, "add_unit", "{}")));
    must(tx->append(check_in(2, 3)));
    must(tx->append_audit(AuditEntry{1, 0, kAt, "person:1", "unit", 0, std::nullopt, "{}"}));
  }  // dropped without commit
  EXPECT_EQ(must(store_->head(org_)), 0);
  EXPECT_TRUE(read_all(*store_).empty());
  EXPECT_TRUE(must(store_->read_audit(org_, AuditQuery{})).empty());
  // And the next transaction starts from the same head.
  auto tx = must(store_->begin_write(org_));
  EXPECT_EQ(tx->head(), 0);
}

TEST_P(StoreSuite, SeqsMustContinueTheHeadWithoutGaps) {
  auto tx = must(store_->begin_write(org_));
  EXPECT_FALSE(tx->append(change(2, "add_unit", "{}")));
  must(tx->append(change(1, "add_unit", "{}")));
  EXPECT_FALSE(tx->append(change(1, "add_unit", "{}")));
  must(tx->commit());
  auto next = must(store_->begin_write(org_));
  EXPECT_EQ(next->head(), 1);
  EXPECT_FALSE(next->append(change(1, "add_unit", "{}")));
}

TEST_P(StoreSuite, CommitsSurviveReopening) {
  auto tx = must(store_->begin_write(org_));
  must(tx->append(change(1, "add_unit", "{}")));
  must(tx->commit());
  tx.reset();
  store_.reset();
  store_ = open();
  EXPECT_EQ(must(store_->head(org_)), 1);
  EXPECT_EQ(read_all(*store_).size(), 1u);
}

TEST_P(StoreSuite, AnotherConnectionSeesCommitsAndWaitsForTheWriteLock) {
  auto other = open();
  auto tx = must(store_->begin_write(org_));
  must(tx->append(change(1, "add_unit", "{}")));
  must(tx->commit());
  tx.reset();
  EXPECT_EQ(must(other->head(org_)), 1);
  EXPECT_EQ(read_all(*other).size(), 1u);
  auto theirs = must(other->begin_write(org_));
  EXPECT_EQ(theirs->head(), 1);  // the head is read under the lock
  must(theirs->append(change(2, "add_person", "{}")));
  must(theirs->commit());
  EXPECT_EQ(must(store_->head(org_)), 2);
}

TEST_P(StoreSuite, OrganizationsKeepTheirOwnSequences) {
  const std::int64_t other =
      must(store_->create_organization(testing::unique_slug("beta"), kAt)).id;
  auto tx = must(store_->begin_write(other));
  must(tx->append(change(1, "add_unit", R"({"name":"Beta"})")));
  must(tx->commit());
  EXPECT_EQ(must(store_->head(org_)), 0);
  EXPECT_TRUE(read_all(*store_).empty());
  auto mine = must(store_->begin_write(org_));
  must(mine->append(change(1, "add_unit", R"({"name":"Acme"})")));
  must(mine->commit());
  EXPECT_EQ(read_all(*store_)[0].payload, R"({"name":"Acme"})");
}

TEST_P(StoreSuite, AVisitorErrorStopsTheRead) {
  auto tx = must(store_->begin_write(org_));
  for (int seq = 1; seq <= 5; ++seq) must(tx->append(change(seq, "add_unit", "{}")));
  must(tx->commit());
  int seen = 0;
  auto result = store_->read_changes(org_, 0, [&](const Change&) -> Result<void> {
    if (++seen == 2) return core::invalid("payload", "stop here");
    return {};
  });
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message, "stop here");
  EXPECT_EQ(seen, 2);
}

TEST_P(StoreSuite, TheAuditLogIsReadNewestFirstAndFiltered) {
  auto tx = must(store_->begin_write(org_));
  must(tx->append(change(1, "add_objective", "{}")));
  must(tx->append_audit(
      AuditEntry{1, 0, kAt, "person:1", "objective", 4, std::nullopt, R"({"title":"A"})"}));
  must(tx->append(change(2, "close_objective", "{}")));
  must(tx->append_audit(AuditEntry{2, 0, kAt + 60, "person:2", "objective", 4,
                                   std::string(R"({"title":"A"})"), R"({"title":"A","x":1})"}));
  must(tx->append_audit(AuditEntry{2, 1, kAt + 60, "person:2", "key_result", 9,
                                   std::string(R"({"changed":{},"absent":["score"]})"),
                                   R"({"score":1.0})", /*before_changed_only=*/true}));
  must(tx->commit());

  const auto all = must(store_->read_audit(org_, AuditQuery{}));
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].seq, 2);
  EXPECT_EQ(all[0].position, 1);
  EXPECT_TRUE(all[0].before_changed_only) << "kept as written, for the app to read";
  EXPECT_EQ(*all[0].before, R"({"changed":{},"absent":["score"]})");
  EXPECT_FALSE(all[1].before_changed_only);
  EXPECT_EQ(all[2].seq, 1);
  EXPECT_FALSE(all[2].before);
  EXPECT_EQ(all[2].after, R"({"title":"A"})");

  AuditQuery objective_4;
  objective_4.entity = "objective";
  objective_4.entity_id = 4;
  const auto history = must(store_->read_audit(org_, objective_4));
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].actor, "person:2");
  EXPECT_EQ(history[0].at, kAt + 60);
  EXPECT_EQ(*history[0].before, R"({"title":"A"})");

  AuditQuery page;
  page.limit = 2;
  const auto first = must(store_->read_audit(org_, page));
  ASSERT_EQ(first.size(), 2u);
  page.before_seq = first.back().seq;
  page.before_position = first.back().position;
  const auto next = must(store_->read_audit(org_, page));
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].seq, 1);
}

TEST_P(StoreSuite, AnUnknownOrganizationIsNotFound) {
  auto head = store_->head(987654321);
  ASSERT_FALSE(head);
  EXPECT_EQ(head.error().code, core::ErrorCode::kNotFound);
  auto tx = store_->begin_write(987654321);
  ASSERT_FALSE(tx);
  EXPECT_EQ(tx.error().code, core::ErrorCode::kNotFound);
}

TEST_P(StoreSuite, APasswordHashIsSetReplacedAndKeptPerOrganization) {
  EXPECT_FALSE(must(store_->password_hash(org_, 3)));
  must(store_->set_password_hash(CredentialRecord{org_, 3, "$argon2id$one", kAt}));
  must(store_->set_password_hash(CredentialRecord{org_, 3, "$argon2id$two", kAt + 60}));
  EXPECT_EQ(must(store_->password_hash(org_, 3)), "$argon2id$two");
  const std::int64_t other = must(store_->create_organization(testing::unique_slug("o"), kAt)).id;
  EXPECT_FALSE(must(store_->password_hash(other, 3)));
  const auto all = must(store_->credentials(org_));
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].updated_at, kAt + 60);
}

TEST_P(StoreSuite, ApiTokensAreCreatedListedAndRevoked) {
  const ApiTokenRecord first =
      must(store_->create_api_token(ApiTokenRecord{0, org_, 2, "ci", "hash-1", kAt, {}}));
  const ApiTokenRecord second =
      must(store_->create_api_token(ApiTokenRecord{0, org_, 2, "laptop", "hash-2", kAt, {}}));
  EXPECT_GT(second.id, first.id);
  // A hash is unique: the same token cannot be stored twice.
  EXPECT_FALSE(store_->create_api_token(ApiTokenRecord{0, org_, 2, "again", "hash-1", kAt, {}}));
  EXPECT_TRUE(must(store_->revoke_api_token(org_, first.id, kAt + 5)));
  EXPECT_FALSE(must(store_->revoke_api_token(org_, first.id, kAt + 6))) << "revoked already";
  EXPECT_FALSE(must(store_->revoke_api_token(org_ + 1000, second.id, kAt))) << "other org";
  const auto all = must(store_->api_tokens(org_));
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].name, "ci");
  EXPECT_EQ(all[0].revoked_at, kAt + 5);
  EXPECT_EQ(all[1].token_hash, "hash-2");
  EXPECT_FALSE(all[1].revoked_at);
}

TEST_P(StoreSuite, SecurityEventsAreNumberedReadNewestFirstAndFiltered) {
  const std::int64_t other = must(store_->create_organization(testing::unique_slug("b"), kAt)).id;
  const std::string unknown = testing::unique_slug("nobody") + "@example.com";
  const SecurityEvent first = must(store_->append_security_event(SecurityEvent{
      0, org_, kAt, "sign_in_failed", std::nullopt, "ada@acme.example", "10.0.0.1", ""}));
  const SecurityEvent second = must(
      store_->append_security_event(SecurityEvent{0, org_, kAt + 10, "access_denied", "person:3",
                                                  "objective:17", "10.0.0.2", "update_objective"}));
  must(store_->append_security_event(
      SecurityEvent{0, other, kAt + 20, "sign_in", "person:1", std::nullopt, "10.0.0.3", ""}));
  const SecurityEvent stray = must(store_->append_security_event(SecurityEvent{
      0, std::nullopt, kAt + 30, "sign_in_failed", std::nullopt, unknown, "10.0.0.4", ""}));
  EXPECT_GT(second.id, first.id);
  EXPECT_GT(stray.id, second.id);

  const auto mine = must(store_->read_security_events(org_, {}));
  ASSERT_EQ(mine.size(), 2u) << "another organisation's events stay apart";
  EXPECT_EQ(mine[0].id, second.id);
  EXPECT_EQ(mine[0].kind, "access_denied");
  EXPECT_EQ(mine[0].actor, "person:3");
  EXPECT_EQ(mine[0].subject, "objective:17");
  EXPECT_EQ(mine[0].address, "10.0.0.2");
  EXPECT_EQ(mine[0].detail, "update_objective");
  EXPECT_EQ(mine[0].at, kAt + 10);
  EXPECT_EQ(mine[0].organization, org_);
  EXPECT_FALSE(mine[1].actor);
  EXPECT_EQ(mine[1].detail, "");

  SecurityEventQuery query;
  query.kind = "sign_in_failed";
  EXPECT_EQ(must(store_->read_security_events(org_, query)).size(), 1u);
  query = {};
  query.since = kAt + 5;
  EXPECT_EQ(must(store_->read_security_events(org_, query)).size(), 1u);
  query = {};
  query.limit = 1;
  query.before_id = second.id;
  const auto page = must(store_->read_security_events(org_, query));
  ASSERT_EQ(page.size(), 1u);
  EXPECT_EQ(page[0].id, first.id);

  // Events of no organisation: alone, or beside an organisation's.
  auto unattributed = must(store_->read_security_events(std::nullopt, {}));
  ASSERT_FALSE(unattributed.empty());
  EXPECT_EQ(unattributed[0].id, stray.id);
  EXPECT_EQ(unattributed[0].subject, unknown);
  EXPECT_FALSE(unattributed[0].organization);
  query = {};
  query.with_unattributed = true;
  const auto both = must(store_->read_security_events(org_, query));
  ASSERT_GE(both.size(), 3u);
  EXPECT_EQ(both[0].id, stray.id);
  for (const SecurityEvent& e : both) {
    EXPECT_TRUE(!e.organization || *e.organization == org_) << e.id;
  }
}

TEST_P(StoreSuite, SessionsAreCreatedFoundTouchedAndDeleted) {
  const std::string a = testing::unique_slug("session-a");
  const std::string b = testing::unique_slug("session-b");
  const std::string c = testing::unique_slug("session-c");
  must(store_->create_session(SessionRecord{a, org_, 2, "csrf-a", kAt, kAt}));
  must(store_->create_session(SessionRecord{b, org_, 2, "csrf-b", kAt, kAt}));
  must(store_->create_session(SessionRecord{c, org_, 3, "csrf-c", kAt - 7200, kAt - 7200}));
  EXPECT_FALSE(store_->create_session(SessionRecord{a, org_, 2, "again", kAt, kAt}))
      << "an id hash is unique";

  auto found = must(store_->find_session(a));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->organization, org_);
  EXPECT_EQ(found->person, 2u);
  EXPECT_EQ(found->csrf_token, "csrf-a");
  EXPECT_EQ(found->created_at, kAt);
  EXPECT_FALSE(must(store_->find_session("no-such-hash")));

  must(store_->touch_session(a, kAt + 90));
  must(store_->touch_session(a, kAt + 30));  // never back
  auto other = open();                       // another instance sees it
  EXPECT_EQ(must(other->find_session(a))->last_seen, kAt + 90);

  // Idle since before kAt - 3600: c goes, a and b stay.
  EXPECT_EQ(must(store_->delete_expired_sessions(org_, kAt - 86400, kAt - 3600)), 1);
  EXPECT_FALSE(must(store_->find_session(c)));
  must(store_->delete_session(a));
  EXPECT_FALSE(must(other->find_session(a)));
  EXPECT_TRUE(must(other->find_session(b)));
  EXPECT_EQ(must(store_->delete_sessions_for_person(org_, 2)), 1);
  EXPECT_FALSE(must(other->find_session(b)));
}

TEST_P(StoreSuite, NotificationsCommitWithTheChangeAndAreReadPerPerson) {
  {
    // Rolled back with the change: nothing remains.
    auto tx = must(store_->begin_write(org_));
    must(tx->append(change(1, "add_comment", "{}")));
    must(tx->append_notification(
        NotificationRecord{0, org_, 2, "mention", "comment:1", "lost", kAt, 1, std::nullopt}));
  }
  EXPECT_TRUE(must(store_->read_notifications(org_, 2, {})).empty());

  auto tx = must(store_->begin_write(org_));
  must(tx->append(change(1, "add_comment", "{}")));
  EXPECT_EQ(must(tx->append_notification(NotificationRecord{0, org_, 2, "mention", "comment:1",
                                                            "Ana mentioned you", kAt, 1,
                                                            std::nullopt, R"({"author":"Ana"})"})),
            1);
  EXPECT_EQ(must(tx->append_notification(NotificationRecord{0, org_, 3, "mention", "comment:1",
                                                            "for Bo", kAt, 1, std::nullopt})),
            2);
  EXPECT_EQ(
      must(tx->append_notification(NotificationRecord{0, org_, 2, "status_at_risk", "key_result:4",
                                                      "ünïcode ✓", kAt + 5, 1, std::nullopt})),
      3);
  must(tx->commit());

  auto other = open();  // another instance sees them
  auto mine = must(other->read_notifications(org_, 2, {}));
  ASSERT_EQ(mine.size(), 2u);
  EXPECT_EQ(mine[0].id, 3);  // newest first
  EXPECT_EQ(mine[0].text, "ünïcode ✓");
  EXPECT_EQ(mine[0].at, kAt + 5);
  EXPECT_EQ(mine[1].kind, "mention");
  EXPECT_EQ(mine[1].subject, "comment:1");
  EXPECT_EQ(mine[1].seq, 1);
  EXPECT_FALSE(mine[1].read_at);
  EXPECT_EQ(mine[1].params, R"({"author":"Ana"})");
  EXPECT_EQ(mine[0].params, "{}") << "none given";

  EXPECT_TRUE(must(store_->mark_notification_read(org_, 2, 1, kAt + 60)));
  EXPECT_TRUE(must(store_->mark_notification_read(org_, 2, 1, kAt + 90)));  // keeps the first
  EXPECT_FALSE(must(store_->mark_notification_read(org_, 2, 2, kAt + 60))) << "Bo's, not mine";
  EXPECT_FALSE(must(store_->mark_notification_read(org_, 2, 99, kAt + 60)));
  mine = must(store_->read_notifications(org_, 2, {}));
  EXPECT_EQ(mine[1].read_at, kAt + 60);
  auto unread = must(store_->read_notifications(org_, 2, NotificationQuery{INT64_MAX, true, 100}));
  ASSERT_EQ(unread.size(), 1u);
  EXPECT_EQ(unread[0].id, 3);
  auto page = must(store_->read_notifications(org_, 2, NotificationQuery{3, false, 100}));
  ASSERT_EQ(page.size(), 1u);
  EXPECT_EQ(page[0].id, 1);
  const auto elsewhere = must(store_->create_organization(testing::unique_slug("other"), kAt)).id;
  EXPECT_TRUE(must(store_->read_notifications(elsewhere, 2, {})).empty());

  // All at once: only the unread ones change, and only the person's.
  EXPECT_EQ(must(store_->mark_all_notifications_read(org_, 2, kAt + 120)), 1);
  EXPECT_EQ(must(store_->mark_all_notifications_read(org_, 2, kAt + 180)), 0);
  mine = must(store_->read_notifications(org_, 2, {}));
  EXPECT_EQ(mine[0].read_at, kAt + 120);
  EXPECT_EQ(mine[1].read_at, kAt + 60) << "keeps the first";
  EXPECT_FALSE(must(store_->read_notifications(org_, 3, {}))[0].read_at) << "Bo's stays unread";
  EXPECT_EQ(must(store_->mark_all_notifications_read(elsewhere, 2, kAt)), 0);
}

TEST_P(StoreSuite, DeliveriesAreClaimedLeasedRetriedAndListed) {
  auto tx = must(store_->begin_write(org_));
  DeliveryRecord d;
  d.channel = "webhook";
  d.target = "webhook:1";
  d.event = "comment.mentioned";
  d.body = R"({"event":"comment.mentioned"})";
  d.created_at = kAt;
  d.next_attempt_at = kAt;
  EXPECT_EQ(must(tx->append_delivery(d)), 1);
  d.channel = "email";
  d.target = "ana@example.com";
  d.subject = "Weekly digest";
  d.body = "Hello";
  d.next_attempt_at = kAt + 600;  // not due yet
  EXPECT_EQ(must(tx->append_delivery(d)), 2);
  must(tx->commit());  // a transaction with no change commits too

  auto mine = [&](std::vector<DeliveryRecord> all) {
    std::erase_if(all, [&](const DeliveryRecord& r) { return r.organization != org_; });
    return all;
  };
  auto claimed = mine(must(store_->claim_deliveries(kAt, kAt + 60, 1000)));
  ASSERT_EQ(claimed.size(), 1u);
  EXPECT_EQ(claimed[0].id, 1);
  EXPECT_EQ(claimed[0].target, "webhook:1");
  EXPECT_EQ(claimed[0].body, R"({"event":"comment.mentioned"})");
  EXPECT_EQ(claimed[0].state, DeliveryState::kPending);
  EXPECT_EQ(claimed[0].next_attempt_at, kAt + 60);
  EXPECT_TRUE(mine(must(open()->claim_deliveries(kAt + 30, kAt + 90, 1000))).empty())
      << "leased to the first claimant";

  // A failed attempt, retried later.
  DeliveryRecord attempt = claimed[0];
  attempt.attempts = 1;
  attempt.next_attempt_at = kAt + 2;
  attempt.last_error = "HTTP 503";
  must(store_->record_attempt(attempt));
  auto listed = must(store_->read_deliveries(org_, {}));
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].id, 2);  // newest first
  EXPECT_EQ(listed[0].subject, "Weekly digest");
  EXPECT_EQ(listed[1].attempts, 1);
  EXPECT_EQ(listed[1].last_error, "HTTP 503");

  claimed = mine(must(store_->claim_deliveries(kAt + 600, kAt + 660, 1000)));
  ASSERT_EQ(claimed.size(), 2u);
  attempt = claimed[0];
  attempt.attempts = 2;
  attempt.state = DeliveryState::kDelivered;
  attempt.delivered_at = kAt + 600;
  attempt.last_error.clear();
  must(store_->record_attempt(attempt));
  auto delivered =
      must(store_->read_deliveries(org_, DeliveryQuery{INT64_MAX, DeliveryState::kDelivered, 100}));
  ASSERT_EQ(delivered.size(), 1u);
  EXPECT_EQ(delivered[0].id, attempt.id);
  EXPECT_EQ(delivered[0].delivered_at, kAt + 600);
  EXPECT_EQ(mine(must(store_->claim_deliveries(kAt + 9999, kAt + 99999, 1000))).size(), 1u)
      << "a delivered one is never claimed again";
}

TEST_P(StoreSuite, KpiSourcesAreKeptFoundByTokenAndClaimedOnce) {
  EXPECT_FALSE(must(store_->kpi_source(org_, 0)));
  KpiSourceRecord pulled;
  pulled.organization = org_;
  pulled.kpi = 0;
  pulled.url = "https://example.com/stats";
  pulled.pointer = "/data/0/count";
  pulled.interval_minutes = 60;
  pulled.headers = R"([{"name":"X-Team","env":"TEAM"}])";
  pulled.next_pull_at = kAt;
  must(store_->set_kpi_source(pulled));
  KpiSourceRecord pushed;
  pushed.organization = org_;
  pushed.kpi = 1;
  const std::string hash = testing::unique_slug("kpi-token-hash");
  pushed.token_hash = hash;
  pushed.token_created_at = kAt;
  must(store_->set_kpi_source(pushed));

  const auto read = must(open()->kpi_source(org_, 0));
  ASSERT_TRUE(read);
  EXPECT_EQ(read->pointer, "/data/0/count");
  EXPECT_EQ(read->headers, pulled.headers);
  EXPECT_TRUE(read->token_hash.empty());
  EXPECT_FALSE(read->last_attempt_at);
  const auto by_token = must(store_->kpi_source_by_token(hash));
  ASSERT_TRUE(by_token);
  EXPECT_EQ(by_token->organization, org_);
  EXPECT_EQ(by_token->kpi, 1u);
  EXPECT_EQ(by_token->token_created_at, kAt);
  EXPECT_FALSE(must(store_->kpi_source_by_token("no-such-hash")));
  EXPECT_EQ(must(store_->kpi_sources(org_)).size(), 2u);

  // Only due pulls are claimed, once: the lease moves their next pull.
  auto mine = [&](std::vector<KpiSourceRecord> all) {
    std::erase_if(all, [&](const KpiSourceRecord& k) { return k.organization != org_; });
    return all;
  };
  EXPECT_TRUE(mine(must(store_->claim_kpi_pulls(kAt - 1, kAt + 120, 10))).empty());
  const auto claimed = mine(must(store_->claim_kpi_pulls(kAt, kAt + 120, 10)));
  ASSERT_EQ(claimed.size(), 1u);
  EXPECT_EQ(claimed[0].kpi, 0u);
  EXPECT_EQ(claimed[0].next_pull_at, kAt + 120);
  EXPECT_TRUE(mine(must(open()->claim_kpi_pulls(kAt + 60, kAt + 180, 10))).empty());

  // An outcome changes the state and leaves the settings.
  KpiSourceRecord outcome = claimed[0];
  outcome.url = "https://elsewhere.example.com";
  outcome.last_attempt_at = kAt;
  outcome.last_error = "HTTP 503";
  outcome.failures = 2;
  outcome.next_pull_at = kAt + 240;
  must(store_->record_kpi_pull(outcome));
  const auto after = must(open()->kpi_source(org_, 0));
  EXPECT_EQ(after->url, "https://example.com/stats");
  EXPECT_EQ(after->last_error, "HTTP 503");
  EXPECT_EQ(after->failures, 2);
  EXPECT_EQ(after->last_attempt_at, kAt);
  EXPECT_FALSE(after->last_success_at);
  EXPECT_EQ(after->next_pull_at, kAt + 240);

  // A revoked token finds nothing.
  pushed.token_hash.clear();
  must(store_->set_kpi_source(pushed));
  EXPECT_FALSE(must(store_->kpi_source_by_token(hash)));
}

TEST_P(StoreSuite, WebhooksPreferencesAndSchedulesAreKept) {
  auto hook = must(store_->create_webhook(
      WebhookRecord{0, org_, "http://127.0.0.1:9/hook", "slack", "*", "s3cret", kAt, {}}));
  EXPECT_EQ(hook.id, 1);
  must(store_->create_webhook(WebhookRecord{
      0, org_, "https://example.com/h", "generic", "comment.mentioned", "k", kAt, {}}));
  auto hooks = must(open()->webhooks(org_));
  ASSERT_EQ(hooks.size(), 2u);
  EXPECT_EQ(hooks[0].format, "slack");
  EXPECT_EQ(hooks[0].secret, "s3cret");
  EXPECT_EQ(hooks[1].events, "comment.mentioned");
  EXPECT_FALSE(hooks[0].secret_sealed);
  // The service seals secrets; the store keeps the flag beside them.
  must(store_->set_webhook_secret(org_, 2, "v1:sealed", true));
  hooks = must(open()->webhooks(org_));
  EXPECT_EQ(hooks[1].secret, "v1:sealed");
  EXPECT_TRUE(hooks[1].secret_sealed);
  EXPECT_EQ(hooks[0].secret, "s3cret") << "only that one";
  WebhookRecord sealed{0, org_, "https://example.com/s", "generic", "*", "v1:x", kAt, {}};
  sealed.secret_sealed = true;
  EXPECT_TRUE(must(store_->create_webhook(sealed)).secret_sealed);
  EXPECT_TRUE(must(open()->webhooks(org_)).at(2).secret_sealed);
  must(store_->delete_webhook(org_, 3, kAt));
  EXPECT_TRUE(must(store_->delete_webhook(org_, 1, kAt + 1)));
  EXPECT_FALSE(must(store_->delete_webhook(org_, 1, kAt + 2)));
  ASSERT_EQ(must(store_->webhooks(org_)).size(), 1u);

  must(store_->set_channel_preference(ChannelPreference{org_, 2, "mention", "in_app"}));
  must(store_->set_channel_preference(ChannelPreference{org_, 2, "mention", "in_app,email"}));
  must(store_->set_channel_preference(ChannelPreference{org_, 2, "digest", ""}));
  auto prefs = must(store_->channel_preferences(org_, 2));
  ASSERT_EQ(prefs.size(), 2u);
  EXPECT_EQ(prefs[0].kind, "digest");
  EXPECT_EQ(prefs[1].channels, "in_app,email");
  EXPECT_TRUE(must(store_->channel_preferences(org_, 3)).empty());

  {
    auto tx = must(store_->begin_write(org_));
    must(tx->set_schedule(ScheduleRecord{org_, "digest", kAt}));
  }  // rolled back
  EXPECT_TRUE(must(store_->schedules(org_)).empty());
  auto tx = must(store_->begin_write(org_));
  must(tx->set_schedule(ScheduleRecord{org_, "digest", kAt}));
  must(tx->set_schedule(ScheduleRecord{org_, "check_in_reminder", kAt + 5}));
  must(tx->set_schedule(ScheduleRecord{org_, "digest", kAt + 7 * 86400}));
  must(tx->commit());
  auto schedules = must(open()->schedules(org_));
  ASSERT_EQ(schedules.size(), 2u);
  EXPECT_EQ(schedules[0].job, "check_in_reminder");
  EXPECT_EQ(schedules[1].next_run_at, kAt + 7 * 86400);
  EXPECT_EQ(must(store_->head(org_)), 0) << "no change was appended";

  const std::string first = testing::unique_slug("calendar-hash-1");
  const std::string second = testing::unique_slug("calendar-hash-2");
  must(store_->set_calendar_token(CalendarTokenRecord{first, org_, 2, kAt}));
  auto found = must(open()->find_calendar_token(first));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->organization, org_);
  EXPECT_EQ(found->person, 2u);
  EXPECT_EQ(found->created_at, kAt);
  must(store_->set_calendar_token(CalendarTokenRecord{second, org_, 2, kAt + 1}));
  EXPECT_FALSE(must(store_->find_calendar_token(first))) << "a new token replaces the old one";
  EXPECT_TRUE(must(store_->find_calendar_token(second)));
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreSuite, ::testing::ValuesIn(testing::backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace cairn::store
