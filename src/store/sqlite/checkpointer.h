// Copies the write-ahead log's committed pages back into the database file
// on a thread of its own, so that a commit does not wait for that copy.
//
// SQLite's own automatic checkpoint runs inside the COMMIT that takes the log
// past 1,000 pages: that commit, and every write queued behind it, waits
// while the pages are copied and the database file is synced. Closing an
// enterprise quarter spent 17 % of its time there (perf, 2026-11-24), and a
// check-in batch that crosses the mark pays it too. Here the writer's
// connection only notices the log's length after each commit and wakes this
// thread, which checkpoints through a connection of its own (PASSIVE: it
// never blocks the writer or a reader). A checkpoint moves only what is
// committed and synced already, so it changes nothing about durability.
//
// Should the log outgrow kWriterTakesOver pages while the thread is at work
// (starved of disk), the writer checkpoints itself as SQLite would, so the
// log stays bounded.
#pragma once

#include <sqlite3.h>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "store/sqlite/sqlite_db.h"

namespace cairn::store::sqlite {

class Checkpointer {
 public:
  // Pages in the log that wake the thread; SQLite's default mark.
  static constexpr int kWakeAt = 1000;
  // Pages past which the writer checkpoints inline (about 256 MB) when the
  // thread, woken before, has not finished since.
  static constexpr int kWriterTakesOver = 65536;

  // Watches `writer` (a connection in WAL mode to the file at `path`) from
  // now on; replaces the connection's automatic checkpoint.
  Checkpointer(sqlite3* writer, std::string path);
  // Detaches from the writer and ends the thread (a checkpoint under way
  // finishes first). Call before closing the writer's connection.
  ~Checkpointer();
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // Checkpoints the thread has run, for tests.
  int runs() const;

 private:
  static int on_commit(void* self, sqlite3* db, const char* schema, int pages);
  // Wakes the thread; false when it is still at work and the log has grown
  // past kWriterTakesOver pages meanwhile.
  bool wake(int pages);
  void loop();
  // The thread's own connection, ready to checkpoint; none when the file
  // cannot be opened or read now.
  std::optional<Database> open_own() const;

  sqlite3* writer_;
  std::string path_;
  mutable std::mutex mutex_;
  std::condition_variable woken_;
  bool pending_ = false;
  bool stopping_ = false;
  bool working_ = false;  // woken and not finished since
  int runs_ = 0;
  std::thread thread_;
};

}  // namespace cairn::store::sqlite
