// A thin RAII layer over the SQLite C API: a connection and prepared
// statements with typed binds and reads. Errors become core::Error with code
// kUnavailable, carrying SQLite's message.
//
// A statement is parsed once per connection: when a Statement is destroyed,
// its compiled statement is reset and kept, and prepare() with the same SQL
// takes it back. Parsing had been a third of the writer's time for a
// check-in (perf on the enterprise workload, 2026-11-24): the outbox and
// webhook lookups each write makes are small queries, and SQLite spends more
// on compiling them than on running them.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"

namespace cairn::store::sqlite {

using core::Result;

class Statement;

// The idle compiled statements of one connection, by their SQL. Shared by the
// Database and its live Statements, so that either may go first.
class StatementCache {
 public:
  // Distinct SQL texts kept at most; Cairn's are a fixed set far below it,
  // and any beyond it are simply compiled each time.
  static constexpr std::size_t kMaxTexts = 512;

  ~StatementCache() { close(); }
  // The list where statements of `sql` go back to; nullptr when full or closed.
  std::vector<sqlite3_stmt*>* idle_list(std::string_view sql);
  // Resets `stmt` and keeps it in `idle`; finalizes it once closed.
  void give_back(std::vector<sqlite3_stmt*>* idle, sqlite3_stmt* stmt);
  // Finalizes every idle statement (the connection is closing); statements
  // given back later are finalized at once.
  void close();

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::vector<sqlite3_stmt*>, Hash, std::equal_to<>> idle_;
  bool closed_ = false;
};

class Database {
 public:
  // Opens (creating) the file; applies no pragma.
  static Result<Database> open(const std::string& path, int flags);
  Database() = default;
  Database(Database&& other) noexcept
      : db_(std::exchange(other.db_, nullptr)), cache_(std::move(other.cache_)) {}
  Database& operator=(Database&& other) noexcept;
  ~Database();

  // Runs one or more statements without parameters.
  Result<void> exec(std::string_view sql);
  // A statement of `sql`, compiled now or kept from an earlier use.
  Result<Statement> prepare(std::string_view sql);

  core::Error error(std::string_view what) const;
  sqlite3* handle() const { return db_; }

 private:
  explicit Database(sqlite3* db) : db_(db), cache_(std::make_shared<StatementCache>()) {}
  void close();
  sqlite3* db_ = nullptr;
  std::shared_ptr<StatementCache> cache_;
};

class Statement {
 public:
  Statement() = default;
  Statement(Statement&& other) noexcept
      : db_(other.db_),
        stmt_(std::exchange(other.stmt_, nullptr)),
        cache_(std::move(other.cache_)),
        idle_(other.idle_) {}
  Statement& operator=(Statement&& other) noexcept;
  ~Statement();

  // Binds by 1-based position.
  Statement& bind(int i, std::int64_t value);
  Statement& bind(int i, double value);
  Statement& bind(int i, std::string_view value);
  Statement& bind_null(int i);
  template <class T>
  Statement& bind(int i, const std::optional<T>& value) {
    return value ? bind(i, *value) : bind_null(i);
  }

  // Advances: true with a row, false when done.
  Result<bool> step();
  // Steps to completion, for statements that return no row.
  Result<void> run();
  // Resets for another execution and clears the bindings.
  void reset();

  std::int64_t int64(int column) const { return sqlite3_column_int64(stmt_, column); }
  double real(int column) const { return sqlite3_column_double(stmt_, column); }
  bool is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  std::string_view text(int column) const;

 private:
  friend class Database;
  Statement(sqlite3* db, sqlite3_stmt* stmt, std::shared_ptr<StatementCache> cache,
            std::vector<sqlite3_stmt*>* idle)
      : db_(db), stmt_(stmt), cache_(std::move(cache)), idle_(idle) {}
  // Gives the compiled statement back to the cache, or finalizes it.
  void release();
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  std::shared_ptr<StatementCache> cache_;
  std::vector<sqlite3_stmt*>* idle_ = nullptr;  // where it goes back to; nullptr: finalized
};

}  // namespace cairn::store::sqlite
