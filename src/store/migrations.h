// The schema, as numbered migrations that only go forward. Both backends run
// the same list; the SQL is written in the subset SQLite and PostgreSQL share,
// with one placeholder for what differs ({without_rowid}).
//
// Released migrations never change: a new schema is a new migration at the
// end. A store whose version is newer than the last migration here was written
// by a newer Cairn and is refused rather than misread.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "core/result.h"

namespace cairn::store {

struct Migration {
  int version;
  std::string_view description;
  std::string_view sql;  // one or more statements
};

std::span<const Migration> migrations();
int latest_schema_version();

// The migration's SQL for a backend ("sqlite" or "postgres").
std::string migration_sql(const Migration& migration, std::string_view backend);

// Fails when a store at `version` was written by a newer Cairn than this one.
core::Result<void> check_not_newer(int version);

// Creates the table that records applied versions, if missing.
inline constexpr std::string_view kSchemaMigrationsTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at BIGINT NOT NULL)";

}  // namespace cairn::store
