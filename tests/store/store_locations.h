// Where the store suite runs: always on a fresh SQLite file, and on PostgreSQL
// when CAIRN_TEST_POSTGRES_URL names a database (./scripts/test starts a
// throwaway cluster and sets it).
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

namespace cairn::store::testing {

inline std::vector<std::string> backends() {
  std::vector<std::string> out{"sqlite"};
  const char* url = std::getenv("CAIRN_TEST_POSTGRES_URL");
  if (url && *url) out.push_back("postgres");
  return out;
}

// A folder of its own for one test, removed by the caller.
inline std::filesystem::path fresh_folder(const std::string& name) {
  const auto folder =
      std::filesystem::temp_directory_path() /
      ("cairn-test-" + name + "-" + std::to_string(::getpid()) + "-" + std::to_string(std::rand()));
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  return folder;
}

// A location for `backend`: a new SQLite file in `folder`, or the test database.
inline std::string location(const std::string& backend, const std::filesystem::path& folder) {
  if (backend == "postgres") return std::getenv("CAIRN_TEST_POSTGRES_URL");
  std::filesystem::create_directories(folder);
  return (folder / "cairn.db").string();
}

// A slug no other test (or earlier run on the same database) has used.
inline std::string unique_slug(const std::string& prefix) {
  static int counter = 0;
  return prefix + "-" + std::to_string(::getpid()) + "-" + std::to_string(std::time(nullptr)) +
         "-" + std::to_string(++counter);
}

}  // namespace cairn::store::testing
