// A thin RAII layer over the SQLite C API: a connection and prepared
// statements with typed binds and reads. Errors become core::Error with code
// kUnavailable, carrying SQLite's message.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace cairn::store::sqlite {

using core::Result;

class Statement;

class Database {
 public:
  // Opens (creating) the file; applies no pragma.
  static Result<Database> open(const std::string& path, int flags);
  Database() = default;
  Database(Database&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}
  Database& operator=(Database&& other) noexcept;
  ~Database();

  // Runs one or more statements without parameters.
  Result<void> exec(std::string_view sql);
  Result<Statement> prepare(std::string_view sql);

  core::Error error(std::string_view what) const;
  sqlite3* handle() const { return db_; }

 private:
  explicit Database(sqlite3* db) : db_(db) {}
  sqlite3* db_ = nullptr;
};

class Statement {
 public:
  Statement() = default;
  Statement(Statement&& other) noexcept
      : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)) {}
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
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace cairn::store::sqlite
