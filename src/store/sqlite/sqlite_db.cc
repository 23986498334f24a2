#include "store/sqlite/sqlite_db.h"

#include <utility>

namespace cairn::store::sqlite {

namespace {
core::Error failure(sqlite3* db, std::string_view what) {
  std::string message = "SQLite: " + std::string(what);
  if (db) message += ": " + std::string(sqlite3_errmsg(db));
  return core::unavailable(std::move(message));
}
}  // namespace

Result<Database> Database::open(const std::string& path, int flags) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    core::Error error = failure(db, "cannot open " + path);
    sqlite3_close_v2(db);
    return error;
  }
  sqlite3_extended_result_codes(db, 1);
  return Database(db);
}

std::vector<sqlite3_stmt*>* StatementCache::idle_list(std::string_view sql) {
  if (closed_) return nullptr;
  if (auto it = idle_.find(sql); it != idle_.end()) return &it->second;
  if (idle_.size() >= kMaxTexts) return nullptr;
  // Elements of an unordered_map stay put as it grows: the list's address
  // is kept by the statements.
  return &idle_.emplace(std::string(sql), std::vector<sqlite3_stmt*>{}).first->second;
}

void StatementCache::give_back(std::vector<sqlite3_stmt*>* idle, sqlite3_stmt* stmt) {
  if (closed_) {
    sqlite3_finalize(stmt);
    return;
  }
  // Ends the statement's read, if it had not run to completion, and drops
  // the bound text, which its caller no longer keeps alive.
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  idle->push_back(stmt);
}

void StatementCache::close() {
  closed_ = true;
  for (auto& [sql, idle] : idle_) {
    for (sqlite3_stmt* stmt : idle) sqlite3_finalize(stmt);
    idle.clear();
  }
}

void Database::close() {
  if (cache_) cache_->close();
  // _v2: a Statement still alive keeps the connection until it is finalized.
  if (db_) sqlite3_close_v2(db_);
}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    close();
    db_ = std::exchange(other.db_, nullptr);
    cache_ = std::move(other.cache_);
  }
  return *this;
}

Database::~Database() {
  close();
}

Result<void> Database::exec(std::string_view sql) {
  const std::string text(sql);
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
    return error(text.substr(0, 60));
  }
  return {};
}

Result<Statement> Database::prepare(std::string_view sql) {
  std::vector<sqlite3_stmt*>* idle = cache_ ? cache_->idle_list(sql) : nullptr;
  if (idle && !idle->empty()) {
    sqlite3_stmt* kept = idle->back();
    idle->pop_back();
    return Statement(db_, kept, cache_, idle);
  }
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                         &stmt, nullptr) != SQLITE_OK) {
    return error("cannot prepare " + std::string(sql.substr(0, 60)));
  }
  return Statement(db_, stmt, idle ? cache_ : nullptr, idle);
}

core::Error Database::error(std::string_view what) const {
  return failure(db_, what);
}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    release();
    db_ = other.db_;
    stmt_ = std::exchange(other.stmt_, nullptr);
    cache_ = std::move(other.cache_);
    idle_ = other.idle_;
  }
  return *this;
}

Statement::~Statement() {
  release();
}

void Statement::release() {
  if (!stmt_) return;
  if (cache_ && idle_) {
    cache_->give_back(idle_, stmt_);
  } else {
    sqlite3_finalize(stmt_);
  }
  stmt_ = nullptr;
}

Statement& Statement::bind(int i, std::int64_t value) {
  sqlite3_bind_int64(stmt_, i, value);
  return *this;
}

Statement& Statement::bind(int i, double value) {
  sqlite3_bind_double(stmt_, i, value);
  return *this;
}

Statement& Statement::bind(int i, std::string_view value) {
  // SQLITE_STATIC: every caller keeps the text alive until the statement is
  // reset. An empty view may have a null data(), which SQLite would bind as
  // NULL: text is never NULL.
  sqlite3_bind_text(stmt_, i, value.data() ? value.data() : "", static_cast<int>(value.size()),
                    SQLITE_STATIC);
  return *this;
}

Statement& Statement::bind_null(int i) {
  sqlite3_bind_null(stmt_, i);
  return *this;
}

Result<bool> Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  core::Error error = failure(db_, "step");
  sqlite3_reset(stmt_);
  return error;
}

Result<void> Statement::run() {
  for (;;) {
    auto row = step();
    if (!row) return row.error();
    if (!*row) return {};
  }
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string_view Statement::text(int column) const {
  const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (!data) return {};
  return std::string_view(data, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

}  // namespace cairn::store::sqlite
