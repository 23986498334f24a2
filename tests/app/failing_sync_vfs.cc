#include "failing_sync_vfs.h"

#include <sqlite3.h>

#include <mutex>

namespace cairn::app::testing {

std::atomic<bool> FailingSyncVfs::fail_syncs{false};
std::atomic<int> FailingSyncVfs::failed{0};

namespace {

sqlite3_vfs* real = nullptr;
sqlite3_vfs failing_vfs;

// Our file: the real one's state right after this header.
struct File {
  sqlite3_file base;
  // followed by real->szOsFile bytes for the real file
  sqlite3_file* inner() { return reinterpret_cast<sqlite3_file*>(this + 1); }
};

File* as_file(sqlite3_file* f) {
  return reinterpret_cast<File*>(f);
}

int x_close(sqlite3_file* f) {
  return as_file(f)->inner()->pMethods->xClose(as_file(f)->inner());
}
int x_read(sqlite3_file* f, void* p, int n, sqlite3_int64 o) {
  return as_file(f)->inner()->pMethods->xRead(as_file(f)->inner(), p, n, o);
}
int x_write(sqlite3_file* f, const void* p, int n, sqlite3_int64 o) {
  return as_file(f)->inner()->pMethods->xWrite(as_file(f)->inner(), p, n, o);
}
int x_truncate(sqlite3_file* f, sqlite3_int64 size) {
  return as_file(f)->inner()->pMethods->xTruncate(as_file(f)->inner(), size);
}
int x_sync(sqlite3_file* f, int flags) {
  if (FailingSyncVfs::fail_syncs.load()) {
    ++FailingSyncVfs::failed;
    return SQLITE_IOERR_FSYNC;
  }
  return as_file(f)->inner()->pMethods->xSync(as_file(f)->inner(), flags);
}
int x_file_size(sqlite3_file* f, sqlite3_int64* size) {
  return as_file(f)->inner()->pMethods->xFileSize(as_file(f)->inner(), size);
}
int x_lock(sqlite3_file* f, int level) {
  return as_file(f)->inner()->pMethods->xLock(as_file(f)->inner(), level);
}
int x_unlock(sqlite3_file* f, int level) {
  return as_file(f)->inner()->pMethods->xUnlock(as_file(f)->inner(), level);
}
int x_check_reserved_lock(sqlite3_file* f, int* out) {
  return as_file(f)->inner()->pMethods->xCheckReservedLock(as_file(f)->inner(), out);
}
int x_file_control(sqlite3_file* f, int op, void* arg) {
  return as_file(f)->inner()->pMethods->xFileControl(as_file(f)->inner(), op, arg);
}
int x_sector_size(sqlite3_file* f) {
  return as_file(f)->inner()->pMethods->xSectorSize(as_file(f)->inner());
}
int x_device_characteristics(sqlite3_file* f) {
  return as_file(f)->inner()->pMethods->xDeviceCharacteristics(as_file(f)->inner());
}
int x_shm_map(sqlite3_file* f, int page, int size, int extend, void volatile** out) {
  return as_file(f)->inner()->pMethods->xShmMap(as_file(f)->inner(), page, size, extend, out);
}
int x_shm_lock(sqlite3_file* f, int offset, int n, int flags) {
  return as_file(f)->inner()->pMethods->xShmLock(as_file(f)->inner(), offset, n, flags);
}
void x_shm_barrier(sqlite3_file* f) {
  as_file(f)->inner()->pMethods->xShmBarrier(as_file(f)->inner());
}
int x_shm_unmap(sqlite3_file* f, int remove) {
  return as_file(f)->inner()->pMethods->xShmUnmap(as_file(f)->inner(), remove);
}
int x_fetch(sqlite3_file* f, sqlite3_int64 o, int n, void** out) {
  return as_file(f)->inner()->pMethods->xFetch(as_file(f)->inner(), o, n, out);
}
int x_unfetch(sqlite3_file* f, sqlite3_int64 o, void* p) {
  return as_file(f)->inner()->pMethods->xUnfetch(as_file(f)->inner(), o, p);
}

const sqlite3_io_methods kMethods = {
    3,
    x_close,
    x_read,
    x_write,
    x_truncate,
    x_sync,
    x_file_size,
    x_lock,
    x_unlock,
    x_check_reserved_lock,
    x_file_control,
    x_sector_size,
    x_device_characteristics,
    x_shm_map,
    x_shm_lock,
    x_shm_barrier,
    x_shm_unmap,
    x_fetch,
    x_unfetch,
};

int x_open(sqlite3_vfs*, const char* name, sqlite3_file* f, int flags, int* out_flags) {
  File* file = as_file(f);
  const int rc = real->xOpen(real, name, file->inner(), flags, out_flags);
  // SQLite closes a file only if its pMethods is set, so leave it unset on
  // failure, as the real VFS leaves the inner one.
  file->base.pMethods = rc == SQLITE_OK && file->inner()->pMethods ? &kMethods : nullptr;
  return rc;
}

}  // namespace

void FailingSyncVfs::install() {
  static std::once_flag once;
  std::call_once(once, [] {
    real = sqlite3_vfs_find(nullptr);
    failing_vfs = *real;
    failing_vfs.zName = "cairn-failing-sync";
    failing_vfs.szOsFile = static_cast<int>(sizeof(File)) + real->szOsFile;
    failing_vfs.xOpen = x_open;  // the other methods are the real VFS's own
    sqlite3_vfs_register(&failing_vfs, /*makeDflt=*/1);
  });
}

}  // namespace cairn::app::testing
