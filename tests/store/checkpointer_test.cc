// The write-ahead log is copied back into the database file by the
// checkpointer's own thread, not by the commit that fills it
// (store/sqlite/checkpointer.h).
#include "store/sqlite/checkpointer.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>

#include "must.h"
#include "store/sqlite/sqlite_db.h"
#include "store_locations.h"

namespace cairn::store::sqlite {
namespace {

using store::testing::must;

class CheckpointerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = store::testing::fresh_folder("checkpointer");
    path_ = (folder_ / "wal.db").string();
    db_ = must(Database::open(path_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
    must(
        db_.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                 "CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB)"));
  }
  void TearDown() override {
    db_ = Database();
    std::filesystem::remove_all(folder_);
  }

  // One transaction of `pages` pages' worth of rows.
  void write_pages(int pages) {
    must(db_.exec("BEGIN"));
    for (int i = 0; i < pages; ++i) {
      must(db_.exec("INSERT INTO t (body) VALUES (zeroblob(4000))"));
    }
    must(db_.exec("COMMIT"));
  }

  // Frames in the log, and how many of them are in the database file already,
  // as a checkpoint that copies nothing (the writer is idle) reports them.
  std::pair<int, int> log_and_copied() {
    int log = -1;
    int copied = -1;
    sqlite3_wal_checkpoint_v2(db_.handle(), "main", SQLITE_CHECKPOINT_PASSIVE, &log, &copied);
    return {log, copied};
  }

  std::filesystem::path folder_;
  std::string path_;
  Database db_;
};

bool eventually(const std::function<bool()>& done) {
  for (int i = 0; i < 500 && !done(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return done();
}

TEST_F(CheckpointerTest, ALogPastTheMarkIsCopiedByTheThread) {
  Checkpointer checkpointer(db_.handle(), path_);
  write_pages(Checkpointer::kWakeAt / 2);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(checkpointer.runs(), 0) << "below the mark nothing wakes it";

  const auto before = std::filesystem::file_size(path_);
  write_pages(Checkpointer::kWakeAt);
  ASSERT_TRUE(eventually([&] { return checkpointer.runs() >= 1; }));
  // The rows are in the database file itself: in WAL mode only a checkpoint
  // writes it, and the writer's own checkpoint is off. (Another connection
  // would read the rows from the log as well, checkpoint or not.)
  const std::uintmax_t rows = Checkpointer::kWakeAt / 2 + Checkpointer::kWakeAt;
  EXPECT_LT(before, rows * 4000);
  EXPECT_GE(std::filesystem::file_size(path_), rows * 4000);
  EXPECT_EQ(checkpointer.runs(), 1) << "one commit past the mark, one checkpoint";
}

TEST_F(CheckpointerTest, DetachingStopsTheThreadAndGivesTheWriterItsOwnCheckpointBack) {
  {
    Checkpointer checkpointer(db_.handle(), path_);
    write_pages(Checkpointer::kWakeAt);
    ASSERT_TRUE(eventually([&] { return checkpointer.runs() >= 1; }));
  }  // joined here; a later commit must not call into it
  sqlite3_wal_autocheckpoint(db_.handle(), Checkpointer::kWakeAt);
  write_pages(Checkpointer::kWakeAt);
  const auto [log, copied] = log_and_copied();
  EXPECT_EQ(copied, log);
}

}  // namespace
}  // namespace cairn::store::sqlite
