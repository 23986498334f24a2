// Backup and restore of a SQLite store with SQLite's online backup API: the
// copy is one consistent snapshot even while a server writes to the store.
#pragma once

#include <string>

#include "core/result.h"

namespace cairn::store::sqlite {

struct BackupReport {
  int schema_version = 0;
  long long organizations = 0;
  long long changes = 0;  // check-ins included
  long long bytes = 0;    // size of the backup file
};

// Copies the store at `database` into a new file `destination` (refused when it
// exists). The copy is written beside the destination, checked with
// integrity_check, synced, then renamed into place, so a crash never leaves a
// half-written backup under the final name.
core::Result<BackupReport> backup(const std::string& database, const std::string& destination);

// Replaces the content of the store at `database` (created when missing) with
// the backup at `source`, after checking the backup. Stop the server first: a
// running server would keep serving its in-memory model of the old content.
core::Result<BackupReport> restore(const std::string& source, const std::string& database);

}  // namespace cairn::store::sqlite
