#include "store/sqlite/backup.h"

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>

#include "store/migrations.h"
#include "store/sqlite/sqlite_db.h"

namespace cairn::store::sqlite {
namespace {

Result<long long> count(Database& db, std::string_view sql) {
  auto stmt = db.prepare(sql);
  if (!stmt) return stmt.error();
  auto row = stmt->step();
  if (!row) return row.error();
  return static_cast<long long>(stmt->int64(0));
}

// Checks that `db` is a sound Cairn store this version can read, and counts it.
Result<BackupReport> inspect(Database& db, const std::string& name) {
  auto check = db.prepare("PRAGMA integrity_check");
  if (!check) return check.error();
  auto row = check->step();
  if (!row) return row.error();
  if (check->text(0) != "ok") {
    return core::unavailable(name + " is damaged: " + std::string(check->text(0)));
  }
  auto version = count(db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  if (!version) return core::unavailable(name + " is not a Cairn store");
  if (*version > latest_schema_version()) {
    return core::unavailable(name + " was written by a newer Cairn (schema " +
                             std::to_string(*version) + ")");
  }
  BackupReport report;
  report.schema_version = static_cast<int>(*version);
  auto orgs = count(db, "SELECT COUNT(*) FROM organizations");
  auto changes =
      count(db, "SELECT (SELECT COUNT(*) FROM changes) + (SELECT COUNT(*) FROM check_ins)");
  if (!orgs) return orgs.error();
  if (!changes) return changes.error();
  report.organizations = *orgs;
  report.changes = *changes;
  return report;
}

// Copies every page of `from` into `to`, in one step: the source is read in a
// single read transaction, so the copy is a consistent snapshot.
Result<void> copy_pages(Database& from, Database& to) {
  sqlite3_backup* job = sqlite3_backup_init(to.handle(), "main", from.handle(), "main");
  if (!job) return to.error("backup");
  const int rc = sqlite3_backup_step(job, -1);
  sqlite3_backup_finish(job);
  if (rc != SQLITE_DONE) return to.error("backup");
  return {};
}

Result<void> sync_path(const std::filesystem::path& path, int flags) {
  const int fd = ::open(path.c_str(), flags);
  if (fd < 0) return core::unavailable("cannot open " + path.string() + " to sync it");
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) return core::unavailable("fsync of " + path.string() + " failed");
  return {};
}

}  // namespace

Result<BackupReport> backup(const std::string& database, const std::string& destination) {
  namespace fs = std::filesystem;
  if (!fs::exists(database)) return core::unavailable("no store at " + database);
  if (fs::exists(destination)) return core::unavailable(destination + " exists already");
  const fs::path final_path = fs::absolute(destination);
  const fs::path partial = final_path.string() + ".partial";
  fs::remove(partial);

  auto source = Database::open(database, SQLITE_OPEN_READONLY);
  if (!source) return source.error();
  CAIRN_TRY(source->exec("PRAGMA busy_timeout = 10000"));
  auto report = [&]() -> Result<BackupReport> {
    auto copy = Database::open(partial.string(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!copy) return copy.error();
    CAIRN_TRY(copy_pages(*source, *copy));
    // A backup is one self-contained file: no WAL beside it.
    CAIRN_TRY(copy->exec("PRAGMA journal_mode = DELETE"));
    return inspect(*copy, destination);
  }();
  if (!report) {
    fs::remove(partial);
    return report;
  }
  CAIRN_TRY(sync_path(partial, O_RDONLY));
  std::error_code error;
  fs::rename(partial, final_path, error);
  if (error) return core::unavailable("cannot rename the backup into place: " + error.message());
  CAIRN_TRY(sync_path(final_path.parent_path(), O_RDONLY | O_DIRECTORY));
  report->bytes = static_cast<long long>(fs::file_size(final_path));
  return report;
}

Result<BackupReport> restore(const std::string& source, const std::string& database) {
  namespace fs = std::filesystem;
  if (!fs::exists(source)) return core::unavailable("no backup at " + source);
  auto from = Database::open(source, SQLITE_OPEN_READONLY);
  if (!from) return from.error();
  auto report = inspect(*from, source);
  if (!report) return report;
  auto into = Database::open(database, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (!into) return into.error();
  CAIRN_TRY(into->exec("PRAGMA busy_timeout = 10000"));
  CAIRN_TRY(into->exec("PRAGMA journal_mode = WAL"));
  CAIRN_TRY(into->exec("PRAGMA synchronous = FULL"));
  // The backup API writes through the destination's journal, so a crash in the
  // middle leaves the old content, never a mix.
  CAIRN_TRY(copy_pages(*from, *into));
  CAIRN_TRY(into->exec("PRAGMA wal_checkpoint(TRUNCATE)"));
  report->bytes = static_cast<long long>(fs::file_size(database));
  return report;
}

}  // namespace cairn::store::sqlite
