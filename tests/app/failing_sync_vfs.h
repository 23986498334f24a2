// A SQLite VFS whose syncs fail on demand, as a disk that reports an I/O
// error on fsync does: the real failure the store must survive, below
// SQLite, where FailingStore only pretends at the store's interface.
//
// install() makes it SQLite's default VFS for the test process, passing
// everything through to the VFS it replaces; while `fail_syncs` is set,
// every xSync of a file returns SQLITE_IOERR_FSYNC without syncing.
#pragma once

#include <atomic>

namespace cairn::app::testing {

struct FailingSyncVfs {
  static void install();  // once per process; later calls do nothing
  static std::atomic<bool> fail_syncs;
  static std::atomic<int> failed;  // syncs refused so far
};

}  // namespace cairn::app::testing
