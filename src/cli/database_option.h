// The store a command works on: --database, or CAIRN_DATABASE_URL when the
// option is not given (as for the server).
#pragma once

#include <cstdlib>
#include <string>

namespace cairn::cli {

inline std::string database_or_environment(const std::string& given) {
  if (!given.empty()) return given;
  const char* env = std::getenv("CAIRN_DATABASE_URL");
  return env ? env : "";
}

}  // namespace cairn::cli
