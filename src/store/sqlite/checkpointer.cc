#include "store/sqlite/checkpointer.h"

#include <optional>
#include <utility>

#include "store/sqlite/sqlite_db.h"

namespace cairn::store::sqlite {

Checkpointer::Checkpointer(sqlite3* writer, std::string path)
    : writer_(writer), path_(std::move(path)), thread_([this] { loop(); }) {
  // Replaces sqlite3_wal_autocheckpoint's hook: one hook per connection.
  sqlite3_wal_hook(writer_, &Checkpointer::on_commit, this);
}

Checkpointer::~Checkpointer() {
  sqlite3_wal_hook(writer_, nullptr, nullptr);
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  woken_.notify_one();
  thread_.join();
}

int Checkpointer::runs() const {
  std::lock_guard lock(mutex_);
  return runs_;
}

int Checkpointer::on_commit(void* self, sqlite3* db, const char* schema, int pages) {
  if (pages < kWakeAt) return SQLITE_OK;
  auto& checkpointer = *static_cast<Checkpointer*>(self);
  if (!checkpointer.wake(pages)) {
    // The thread has fallen far behind: copy on the writer, as SQLite's
    // automatic checkpoint does. A failure is not the commit's: it is on disk.
    sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  }
  return SQLITE_OK;
}

bool Checkpointer::wake(int pages) {
  {
    std::lock_guard lock(mutex_);
    // One transaction may write more than kWriterTakesOver pages (closing a
    // quarter writes 90,000): only a log that stays long while the thread
    // works is the writer's to copy.
    if (working_ && pages >= kWriterTakesOver) return false;
    pending_ = true;
    working_ = true;
  }
  woken_.notify_one();
  return true;
}

std::optional<Database> Checkpointer::open_own() const {
  auto opened = Database::open(path_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX);
  if (!opened) return std::nullopt;  // tried again at the next wake
  // It must not checkpoint on its own commits (it makes none).
  sqlite3_wal_autocheckpoint(opened->handle(), 0);
  // A connection learns that the file is in WAL mode, and opens the log,
  // only when it first reads the database. Until then a checkpoint on it
  // does nothing and says so only through its counts (-1); the log would
  // grow to kWriterTakesOver and the writer copy it all inside a commit.
  if (!opened->exec("SELECT count(*) FROM sqlite_schema")) return std::nullopt;
  return std::move(*opened);
}

void Checkpointer::loop() {
  // Opened at the first wake: most stores never need it (tests, small
  // organisations), and an in-memory database never wakes it.
  std::optional<Database> own;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      woken_.wait(lock, [&] { return pending_ || stopping_; });
      if (stopping_) return;
      pending_ = false;
    }
    if (!own) own = open_own();
    if (own) {
      // PASSIVE copies what no reader still needs, without waiting for
      // anyone. Busy or failed, the next commit past the mark wakes the
      // thread again.
      sqlite3_wal_checkpoint_v2(own->handle(), "main", SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    }
    std::lock_guard lock(mutex_);
    ++runs_;
    working_ = pending_;
  }
}

}  // namespace cairn::store::sqlite
