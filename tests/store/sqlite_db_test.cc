// The SQLite layer's statement cache (sqlite_db.h): a statement is compiled
// once per connection and given back reset, with its bindings cleared; one
// left half-read ends its read; statements may outlive their Database.
#include "store/sqlite/sqlite_db.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "must.h"
#include "store_locations.h"

namespace cairn::store::sqlite {
namespace {

using store::testing::must;

// The compiled statements the connection holds, live or kept.
int compiled(const Database& db) {
  int n = 0;
  for (sqlite3_stmt* s = sqlite3_next_stmt(db.handle(), nullptr); s;
       s = sqlite3_next_stmt(db.handle(), s)) {
    ++n;
  }
  return n;
}

class SqliteDb : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = testing::fresh_folder("sqlite-db");
    db_ = open();
    must(
        db_.exec("PRAGMA journal_mode=WAL; CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT);"
                 "INSERT INTO t VALUES (1, 'one'), (2, 'two'), (3, 'three');"));
  }
  void TearDown() override {
    db_ = Database();
    std::filesystem::remove_all(folder_);
  }
  Database open() {
    return must(
        Database::open((folder_ / "t.db").string(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
  }
  std::string value_of(std::int64_t key) {
    auto stmt = must(db_.prepare("SELECT v FROM t WHERE k = ?1"));
    stmt.bind(1, key);
    return must(stmt.step()) ? std::string(stmt.text(0)) : "";
  }

  std::filesystem::path folder_;
  Database db_;
};

TEST_F(SqliteDb, TheSameSqlIsCompiledOnceAndRunsWithItsNewBindings) {
  EXPECT_EQ(value_of(1), "one");
  EXPECT_EQ(value_of(3), "three");
  EXPECT_EQ(value_of(2), "two");
  EXPECT_EQ(compiled(db_), 1);
  // Two alive at once are two statements; both are kept afterwards.
  {
    auto a = must(db_.prepare("SELECT v FROM t WHERE k = ?1"));
    auto b = must(db_.prepare("SELECT v FROM t WHERE k = ?1"));
    a.bind(1, std::int64_t{1});
    b.bind(1, std::int64_t{2});
    ASSERT_TRUE(must(a.step()));
    ASSERT_TRUE(must(b.step()));
    EXPECT_EQ(a.text(0), "one");
    EXPECT_EQ(b.text(0), "two");
  }
  EXPECT_EQ(compiled(db_), 2);
  EXPECT_EQ(value_of(3), "three");
  EXPECT_EQ(compiled(db_), 2);
}

TEST_F(SqliteDb, AKeptStatementHasNoBindingLeftFromItsLastUse) {
  {
    auto insert = must(db_.prepare("INSERT INTO t (k, v) VALUES (?1, ?2)"));
    insert.bind(1, std::int64_t{4}).bind(2, std::string_view("four"));
    must(insert.run());
  }
  auto insert = must(db_.prepare("INSERT INTO t (k, v) VALUES (?1, ?2)"));
  insert.bind(1, std::int64_t{5});
  must(insert.run());
  auto read = must(db_.prepare("SELECT v IS NULL FROM t WHERE k = 5"));
  ASSERT_TRUE(must(read.step()));
  EXPECT_EQ(read.int64(0), 1) << "the text bound last time is gone";
}

TEST_F(SqliteDb, AnEmptyViewIsBoundAsEmptyTextNotNull) {
  auto insert = must(db_.prepare("INSERT INTO t (k, v) VALUES (6, ?1)"));
  insert.bind(1, std::string_view());  // data() is null
  must(insert.run());
  auto read = must(db_.prepare("SELECT v IS NULL, length(v) FROM t WHERE k = 6"));
  ASSERT_TRUE(must(read.step()));
  EXPECT_EQ(read.int64(0), 0);
  EXPECT_EQ(read.int64(1), 0);
}

TEST_F(SqliteDb, AStatementGivenBackHalfReadEndsItsRead) {
  {
    auto scan = must(db_.prepare("SELECT v FROM t ORDER BY k"));
    ASSERT_TRUE(must(scan.step()));  // one row of three: its read is open
  }
  // With a read still open on this connection the checkpoint could not
  // reset the log; given back reset, nothing holds it.
  Database other = open();
  must(other.exec("INSERT INTO t VALUES (10, 'ten')"));
  int log = -1, done = -1;
  ASSERT_EQ(
      sqlite3_wal_checkpoint_v2(db_.handle(), nullptr, SQLITE_CHECKPOINT_TRUNCATE, &log, &done),
      SQLITE_OK);
  EXPECT_EQ(log, 0);
  EXPECT_EQ(value_of(10), "ten") << "and this connection sees the newer row";
}

TEST_F(SqliteDb, AStatementMayOutliveItsDatabase) {
  auto stmt = must(db_.prepare("SELECT v FROM t WHERE k = 1"));
  db_ = Database();  // closed with a statement alive: SQLite waits for it
  // Nothing to assert but that neither this nor the statement's end crashes
  // or leaks (the sanitizers run these tests).
}

}  // namespace
}  // namespace cairn::store::sqlite
