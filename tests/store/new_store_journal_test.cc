// The first organisation of a new SQLite store, begun for a bulk write (an
// import), is written through a rollback journal instead of the WAL, and the
// store is back in the WAL once that write ends (sqlite_store.cc,
// journal_new_store). A store that has organisations, or that someone else
// has open, keeps the WAL throughout; a kill -9 midway leaves no organisation.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "must.h"
#include "store/sqlite/sqlite_db.h"
#include "store/store.h"
#include "store_locations.h"

namespace cairn::store {
namespace {

using testing::must;

const core::Instant kAt = core::instant_utc(2026, 3, 2, 9);

class NewStoreJournalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = testing::fresh_folder("journal");
    path_ = (folder_ / "new.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(folder_); }

  std::unique_ptr<Store> open() { return must(open_store(path_)); }

  bool exists(const std::string& suffix) const { return std::filesystem::exists(path_ + suffix); }

  // The journal mode the file is in, as a connection of its own reads it.
  std::string mode_on_file() const {
    auto db = must(sqlite::Database::open(path_, SQLITE_OPEN_READWRITE));
    auto stmt = must(db.prepare("PRAGMA journal_mode"));
    must(stmt.step());
    return std::string(stmt.text(0));
  }

  // `count` changes of about 1 KB each from seq 1: 2,000 outgrow SQLite's
  // 2 MB page cache, so pages reach the file before the commit.
  static void append(WriteTransaction& write, int count) {
    const std::string payload = "{\"note\":\"" + std::string(1000, 'x') + "\"}";
    for (int seq = 1; seq <= count; ++seq) {
      must(write.append(Change{seq, kAt + seq, "person:1", "note", payload, std::nullopt}));
    }
  }

  static int changes_of(Store& store, std::int64_t organization) {
    int count = 0;
    must(store.read_changes(organization, 0, [&](const Change&) -> Result<void> {
      ++count;
      return {};
    }));
    return count;
  }

  std::filesystem::path folder_;
  std::string path_;
};

TEST_F(NewStoreJournalTest, ANewStoresFirstOrganisationGoesThroughARollbackJournal) {
  auto store = open();
  EXPECT_TRUE(exists("-wal"));
  Store::NewOrganization begun = must(store->begin_new_organization("acme", kAt));
  append(*begun.write, 2000);
  EXPECT_TRUE(exists("-journal"));
  EXPECT_FALSE(exists("-wal"));
  must(begun.write->commit());

  // Committed, then back in the WAL at once: the journal is gone, and the
  // store's next writes go through the log again.
  EXPECT_FALSE(exists("-journal"));
  EXPECT_EQ(mode_on_file(), "wal");
  must(must(store->begin_write(begun.record.id))->commit());
  EXPECT_TRUE(exists("-wal"));
  EXPECT_EQ(must(store->head(begun.record.id)), 2000);
  store.reset();

  auto reopened = open();
  EXPECT_EQ(changes_of(*reopened, begun.record.id), 2000);
}

TEST_F(NewStoreJournalTest, ARefusedFirstOrganisationLeavesTheStoreEmptyAndInTheWal) {
  auto store = open();
  {
    Store::NewOrganization begun = must(store->begin_new_organization("acme", kAt));
    append(*begun.write, 2000);
  }  // not committed: rolled back
  EXPECT_TRUE(must(store->organizations()).empty());
  EXPECT_FALSE(exists("-journal"));
  EXPECT_EQ(mode_on_file(), "wal");
  // The slug is free, and the next bulk write journals again.
  Store::NewOrganization again = must(store->begin_new_organization("acme", kAt));
  EXPECT_TRUE(exists("-journal"));
  must(again.write->commit());
  EXPECT_EQ(must(store->organizations()).size(), 1u);
}

TEST_F(NewStoreJournalTest, AStoreWithOrganisationsKeepsItsWal) {
  auto store = open();
  must(store->create_organization("first", kAt));
  Store::NewOrganization begun = must(store->begin_new_organization("second", kAt));
  append(*begun.write, 2000);
  EXPECT_FALSE(exists("-journal"));
  EXPECT_TRUE(exists("-wal"));
  must(begun.write->commit());
  EXPECT_EQ(changes_of(*store, begun.record.id), 2000);
}

TEST_F(NewStoreJournalTest, AStoreSomeoneElseHasOpenKeepsItsWal) {
  auto store = open();
  auto reader = open();
  Store::NewOrganization begun = must(store->begin_new_organization("acme", kAt));
  append(*begun.write, 2000);
  EXPECT_FALSE(exists("-journal"));
  // The other connection reads what was committed before, as WAL allows.
  EXPECT_TRUE(must(reader->organizations()).empty());
  must(begun.write->commit());
  EXPECT_EQ(changes_of(*reader, begun.record.id), 2000);
}

TEST_F(NewStoreJournalTest, AKilledFirstOrganisationIsNeverThere) {
  must(open_store(path_));  // the schema, committed
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    // As under kill -9: no destructor, no rollback, the journal left hot.
    auto store = open_store(path_);
    if (!store) ::_exit(2);
    auto begun = (*store)->begin_new_organization("acme", kAt);
    if (!begun) ::_exit(3);
    try {
      append(*begun->write, 4000);
    } catch (const std::exception&) {
      ::_exit(4);
    }
    ::_exit(std::filesystem::exists(path_ + "-journal") ? 0 : 5);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_EQ(WEXITSTATUS(status), 0) << "the child did not reach its journaled write";
  ASSERT_TRUE(exists("-journal"));

  auto store = open();
  EXPECT_TRUE(must(store->organizations()).empty());
  EXPECT_EQ(mode_on_file(), "wal");
  EXPECT_FALSE(exists("-journal"));
  auto db = must(sqlite::Database::open(path_, SQLITE_OPEN_READWRITE));
  auto check = must(db.prepare("PRAGMA integrity_check"));
  must(check.step());
  EXPECT_EQ(check.text(0), "ok");
  // And the store takes the organisation afterwards.
  must(store->create_organization("acme", kAt));
}

}  // namespace
}  // namespace cairn::store
