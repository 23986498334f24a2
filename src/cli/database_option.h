// The store a command works on: --database, or CAIRN_DATABASE_URL when the
// option is not given (as for the server).
#pragma once

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>
#include <string>

namespace cairn::cli {

inline std::string database_or_environment(const std::string& given) {
  if (!given.empty()) return given;
  const char* env = std::getenv("CAIRN_DATABASE_URL");
  return env ? env : "";
}

// The store named by --database or CAIRN_DATABASE_URL; exits 2 without one.
inline std::string required_database(const std::string& given, const std::string& command) {
  std::string database = database_or_environment(given);
  if (database.empty()) {
    std::cerr << "cairn " << command
              << ": give the store with --database (a SQLite file or a postgres:// URL), or set "
                 "CAIRN_DATABASE_URL\n";
    throw CLI::RuntimeError(2);
  }
  return database;
}

}  // namespace cairn::cli
