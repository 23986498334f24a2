// Backup of a SQLite store in use, restore, and copying organisations between
// stores (SQLite to SQLite, and to PostgreSQL when the suite has one).
#include "store/sqlite/backup.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>

#include "must.h"
#include "store/copy.h"
#include "store/migrations.h"
#include "store/store.h"
#include "store_locations.h"

namespace cairn::store {
namespace {

const core::Instant kAt = core::instant_utc(2026, 3, 2, 9);

using testing::must;

// Writes `count` changes (every third one a check-in) and one audit entry each.
void write_changes(Store& store, std::int64_t org, int count) {
  auto tx = must(store.begin_write(org));
  for (std::int64_t seq = tx->head() + 1; seq <= tx->head() + count; ++seq) {
    Change change{
        seq,         kAt + seq, "person:1", "add_unit", R"({"n":)" + std::to_string(seq) + "}",
        std::nullopt};
    if (seq % 3 == 0) {
      core::CheckIn c;
      c.id = core::CheckInId{static_cast<std::uint32_t>(seq)};
      c.key_result = core::KeyResultId{1};
      c.measurement.value = 0.1 * static_cast<double>(seq);
      c.at = kAt;
      change.kind = "add_check_in";
      change.payload.clear();
      change.check_in = c;
    }
    must(tx->append(change));
    must(tx->append_audit(AuditEntry{seq, 0, kAt + seq, "person:1", "unit", seq, std::nullopt,
                                     change.payload + "x"}));
  }
  must(tx->commit());
}

std::vector<Change> read_all(Store& store, std::int64_t org) {
  std::vector<Change> out;
  must(store.read_changes(org, 0, [&](const Change& c) -> Result<void> {
    out.push_back(c);
    return {};
  }));
  return out;
}

void expect_same(const std::vector<Change>& a, const std::vector<Change>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].seq, b[i].seq);
    EXPECT_EQ(a[i].at, b[i].at);
    EXPECT_EQ(a[i].kind, b[i].kind);
    EXPECT_EQ(a[i].payload, b[i].payload);
    EXPECT_EQ(a[i].check_in.has_value(), b[i].check_in.has_value());
    if (a[i].check_in && b[i].check_in) {
      EXPECT_EQ(a[i].check_in->measurement.value, b[i].check_in->measurement.value);
    }
  }
}

class Backup : public ::testing::Test {
 protected:
  void SetUp() override { folder_ = testing::fresh_folder("backup"); }
  void TearDown() override { std::filesystem::remove_all(folder_); }
  std::string path(const std::string& name) const { return (folder_ / name).string(); }
  std::filesystem::path folder_;
};

TEST_F(Backup, ACopyTakenWhileAWriterIsBusyHoldsExactlyTheCommittedChanges) {
  auto store = must(open_store(path("live.db")));
  const std::int64_t org = must(store->create_organization("acme", kAt)).id;
  write_changes(*store, org, 30);
  // Another connection is in the middle of a write that is not committed yet.
  auto writer = must(open_store(path("live.db")));
  auto pending = must(writer->begin_write(org));
  must(pending->append(Change{31, kAt, "person:1", "add_unit", "{}", std::nullopt}));

  const sqlite::BackupReport report = must(sqlite::backup(path("live.db"), path("copy.db")));
  EXPECT_EQ(report.organizations, 1);
  EXPECT_EQ(report.changes, 30);
  EXPECT_GT(report.bytes, 0);
  must(pending->commit());  // the writer was not disturbed

  auto copy = must(open_store(path("copy.db")));
  const auto orgs = must(copy->organizations());
  ASSERT_EQ(orgs.size(), 1u);
  EXPECT_EQ(orgs[0].head, 30);
  auto live = read_all(*store, org);
  live.pop_back();  // the change committed after the backup
  expect_same(read_all(*copy, org), live);
  EXPECT_EQ(must(copy->read_audit(org, AuditQuery{})).size(), 30u);
}

TEST_F(Backup, ABackupNeverOverwritesAFile) {
  auto store = must(open_store(path("live.db")));
  std::ofstream(path("taken.db")) << "precious";
  auto result = sqlite::backup(path("live.db"), path("taken.db"));
  ASSERT_FALSE(result);
  std::ifstream in(path("taken.db"));
  std::string content;
  in >> content;
  EXPECT_EQ(content, "precious");
  EXPECT_FALSE(sqlite::backup(path("missing.db"), path("out.db")));
  EXPECT_FALSE(std::filesystem::exists(path("out.db")));
}

TEST_F(Backup, RestoreBringsBackTheBackedUpContentOverNewerWrites) {
  std::int64_t org = 0;
  {
    auto store = must(open_store(path("live.db")));
    org = must(store->create_organization("acme", kAt)).id;
    write_changes(*store, org, 10);
    must(sqlite::backup(path("live.db"), path("monday.db")));
    write_changes(*store, org, 5);  // written after the backup
  }
  const sqlite::BackupReport report = must(sqlite::restore(path("monday.db"), path("live.db")));
  EXPECT_EQ(report.changes, 10);
  auto store = must(open_store(path("live.db")));
  EXPECT_EQ(must(store->head(org)), 10);
  EXPECT_EQ(read_all(*store, org).size(), 10u);
  write_changes(*store, org, 1);  // and the restored store takes writes again
  EXPECT_EQ(must(store->head(org)), 11);
}

TEST_F(Backup, RestoreRefusesAFileThatIsNotACairnStoreAndChangesNothing) {
  {
    auto store = must(open_store(path("live.db")));
    write_changes(*store, must(store->create_organization("acme", kAt)).id, 4);
  }
  std::ofstream(path("junk.db")) << "this is not a database at all, just text";
  EXPECT_FALSE(sqlite::restore(path("junk.db"), path("live.db")));
  EXPECT_FALSE(sqlite::restore(path("missing.db"), path("live.db")));
  auto store = must(open_store(path("live.db")));
  EXPECT_EQ(must(store->organizations()).size(), 1u);
  EXPECT_EQ(must(store->organizations())[0].head, 4);
}

TEST_F(Backup, AStoreWrittenByANewerCairnIsRefusedUnchanged) {
  {
    auto store = must(open_store(path("live.db")));
    write_changes(*store, must(store->create_organization("acme", kAt)).id, 2);
  }
  {
    // A newer Cairn added a migration this one does not know.
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path("live.db").c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db,
                           "INSERT INTO schema_migrations (version, description, applied_at) "
                           "VALUES (999, 'from the future', 0)",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  auto refused = open_store(path("live.db"));
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("newer"), std::string::npos);
  EXPECT_FALSE(sqlite::restore(path("live.db"), path("other.db")));
}

TEST_F(Backup, AStoreFromEveryEarlierSchemaIsMigratedWithItsData) {
  // Build a store as each earlier version of Cairn left it, then open it.
  for (const Migration& last : migrations()) {
    if (last.version == latest_schema_version()) break;
    const std::string file = path("v" + std::to_string(last.version) + ".db");
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
    std::string script = std::string(kSchemaMigrationsTable) + ";";
    for (const Migration& m : migrations()) {
      if (m.version > last.version) break;
      script += migration_sql(m, "sqlite");
      script += "INSERT INTO schema_migrations VALUES (" + std::to_string(m.version) + ", '', 0);";
    }
    script +=
        "INSERT INTO organizations (id, slug, created_at, head) VALUES (1, 'old', 0, 1);"
        "INSERT INTO changes (org, seq, at, actor, kind, payload) "
        "VALUES (1, 1, 0, 'system', 'add_unit', '{}');";
    if (last.version >= 4) {
      // A notification made before notifications kept their params.
      script +=
          "INSERT INTO notifications (org, id, person, kind, subject, body, at, seq) "
          "VALUES (1, 1, 0, 'mention', 'objective:0', 'Ana mentioned you', 0, 1);"
          "INSERT INTO webhooks (org, id, url, format, events, secret, created_at) "
          "VALUES (1, 1, 'https://example.com/h', 'generic', '*', 'plain', 0);";
    }
    ASSERT_EQ(sqlite3_exec(db, script.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db);
    sqlite3_close(db);

    auto store = must(open_store(file));
    EXPECT_EQ(must(store->schema_version()), latest_schema_version()) << "from v" << last.version;
    const auto old = must(store->organization("old"));
    ASSERT_TRUE(old);
    EXPECT_EQ(old->head, 1);
    EXPECT_EQ(read_all(*store, old->id).size(), 1u);
    // And what the newer schema added works on it.
    must(store->set_password_hash(CredentialRecord{old->id, 0, "$argon2id$x", kAt}));
    EXPECT_EQ(must(store->password_hash(old->id, 0)), "$argon2id$x");
    const SecurityEvent event =
        must(store->append_security_event(SecurityEvent{0, old->id, kAt, "sign_in", "person:0"}));
    EXPECT_EQ(must(store->read_security_events(old->id, {})).at(0).id, event.id);
    must(store->create_session(SessionRecord{"hash", old->id, 0, "csrf", kAt, kAt}));
    EXPECT_TRUE(must(store->find_session("hash")));
    must(store->add_sign_in_failure("ada@acme.example", "10.0.0.1", kAt));
    must(store->add_sign_in_success("ada@acme.example", "10.0.0.2", kAt));
    const SignInCounts counts = must(store->sign_in_counts("ada@acme.example", "10.0.0.1", kAt));
    EXPECT_EQ(counts.account_failures, 0) << "cleared by the success";
    EXPECT_EQ(counts.pair_failures, 1);
    if (last.version >= 4) {
      const auto kept = must(store->read_notifications(old->id, 0, {}));
      ASSERT_EQ(kept.size(), 1u) << "from v" << last.version;
      EXPECT_EQ(kept[0].text, "Ana mentioned you");
      EXPECT_EQ(kept[0].params, "{}") << "from v" << last.version;
      // Kept as it was, marked not sealed for the service to seal.
      const auto hooks = must(store->webhooks(old->id));
      ASSERT_EQ(hooks.size(), 1u) << "from v" << last.version;
      EXPECT_EQ(hooks[0].secret, "plain");
      EXPECT_FALSE(hooks[0].secret_sealed);
    }
    auto tx = must(store->begin_write(old->id));
    must(tx->append_notification(NotificationRecord{0, old->id, 0, "mention", "objective:0", "new",
                                                    kAt, 0, std::nullopt, R"({"author":"Ana"})"}));
    must(tx->commit());
    EXPECT_EQ(must(store->read_notifications(old->id, 0, {})).at(0).params, R"({"author":"Ana"})");
  }
}

class Copy : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { folder_ = testing::fresh_folder("copy"); }
  void TearDown() override { std::filesystem::remove_all(folder_); }
  std::filesystem::path folder_;
};

TEST_P(Copy, AnOrganizationArrivesWithItsWholeHistoryAndAuditLog) {
  auto from = must(open_store((folder_ / "from.db").string()));
  const std::string slug = testing::unique_slug("copied");
  const std::int64_t org = must(from->create_organization(slug, kAt)).id;
  write_changes(*from, org, 25);
  // A change with more audit entries than one page of the copy holds.
  auto tx = must(from->begin_write(org));
  must(tx->append(Change{26, kAt, "person:2", "close_period", "{}", std::nullopt}));
  for (int n = 0; n < 10'050; ++n) {
    must(tx->append_audit(AuditEntry{26, n, kAt, "person:2", "objective", n, "{}", "{}"}));
  }
  must(tx->commit());

  must(from->set_password_hash(CredentialRecord{org, 4, "$argon2id$secret", kAt}));
  must(from->create_api_token(ApiTokenRecord{0, org, 4, "ci", slug + "-token", kAt, {}}));
  const ApiTokenRecord revoked =
      must(from->create_api_token(ApiTokenRecord{0, org, 4, "old", slug + "-old", kAt, {}}));
  must(from->revoke_api_token(org, revoked.id, kAt + 1));
  for (int n = 0; n < 3; ++n) {
    must(from->append_security_event(
        SecurityEvent{0, org, kAt + n, n == 0 ? "sign_in_failed" : "sign_in", "person:4",
                      "ada@acme.example", "10.0.0." + std::to_string(n), ""}));
  }
  must(from->create_session(SessionRecord{slug + "-session", org, 4, "csrf", kAt, kAt}));
  must(from->create_webhook(
      WebhookRecord{0, org, "https://example.com/hook", "teams", "*", "s3cret", kAt, {}}));
  {
    auto tx = must(from->begin_write(org));
    must(tx->set_schedule(ScheduleRecord{org, "digest", kAt + 86400}));
    must(tx->commit());
  }

  auto to = must(open_store(testing::location(GetParam(), folder_ / "to")));
  const auto copied = must(copy_organizations(*from, *to, {slug}));
  ASSERT_EQ(copied.size(), 1u);
  EXPECT_EQ(copied[0].changes, 26);
  EXPECT_EQ(copied[0].audit_entries, 25 + 10'050);
  const auto there = must(to->organization(slug));
  ASSERT_TRUE(there);
  EXPECT_EQ(there->head, 26);
  EXPECT_EQ(there->created_at, kAt);
  expect_same(read_all(*to, there->id), read_all(*from, org));
  AuditQuery all;
  all.limit = 20'000;
  EXPECT_EQ(must(to->read_audit(there->id, all)).size(), 25u + 10'050u);

  EXPECT_EQ(copied[0].credentials, 1);
  EXPECT_EQ(must(to->password_hash(there->id, 4)), "$argon2id$secret");
  const auto tokens = must(to->api_tokens(there->id));
  ASSERT_EQ(tokens.size(), 1u) << "live tokens only";
  EXPECT_EQ(tokens[0].name, "ci");

  EXPECT_EQ(copied[0].security_events, 3);
  const auto events = must(to->read_security_events(there->id, {}));
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].address, "10.0.0.2") << "newest first, in the source's order";
  EXPECT_EQ(events[2].kind, "sign_in_failed");
  EXPECT_EQ(events[2].organization, there->id);
  EXPECT_FALSE(must(to->find_session(slug + "-session"))) << "sessions are not copied";
  const auto hooks = must(to->webhooks(there->id));
  ASSERT_EQ(hooks.size(), 1u);
  EXPECT_EQ(hooks[0].secret, "s3cret");
  EXPECT_EQ(hooks[0].format, "teams");
  const auto schedules = must(to->schedules(there->id));
  ASSERT_EQ(schedules.size(), 1u);
  EXPECT_EQ(schedules[0].next_run_at, kAt + 86400);

  // A second copy is refused before anything is written.
  auto again = copy_organizations(*from, *to, {slug});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, core::ErrorCode::kConflict);
  EXPECT_FALSE(copy_organizations(*from, *to, {"no-such-org"}));
}

INSTANTIATE_TEST_SUITE_P(Destinations, Copy, ::testing::ValuesIn(testing::backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace cairn::store
