// What the load tests share: a `team` workload in a store, made by the real
// `cairn` binary; the check-ins a store holds, read directly; the server's
// resident memory over time; settings from the environment.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace cairn::load {

// The `team` organisation of PERFORMANCE.md and an admin's API token.
struct Workload {
  std::string token;
  int objectives = 0;
  int key_results = 0;
};

// `cairn bench generate --workload team` into `database` (a SQLite path or a
// postgresql:// URL), then `cairn token create` for its first person, an admin.
Workload generate_team(const std::string& database);

// The ids of every check-in in the store at `database`, read with SQLite's or
// libpq's own API rather than through Cairn.
std::set<std::int64_t> check_in_ids(const std::string& database);

// The number in a created check-in's id ("ci_42" → 42), -1 when the answer
// has none.
std::int64_t check_in_id(const std::string& answer_body);

// VmRSS of `pid`, in bytes (0 when it cannot be read).
std::size_t resident_bytes(pid_t pid);
inline std::size_t mib(std::size_t bytes) {
  return bytes >> 20;
}

// Resident memory sampled over a run.
class MemorySeries {
 public:
  void sample(pid_t pid, std::chrono::steady_clock::duration since_start);
  // "412 MiB at 0:30, 430 at 1:00, ..." : one sample a minute and the last.
  std::string describe() const;

 private:
  std::vector<std::pair<std::chrono::seconds, std::size_t>> samples_;
};

// An integer setting from the environment, or `fallback`.
int env_int(const char* name, int fallback);

// ASAN_OPTIONS as this test was started with, plus `option`.
std::string asan_options_with(const std::string& option);

// An empty folder of its own under the temporary directory.
std::filesystem::path fresh_folder(const std::string& name);

// A PostgreSQL cluster of the test's own (initdb in `folder`, listening only
// on a unix socket there), so that restarting it disturbs no other test. As
// root it runs as the postgres user, as scripts/with-postgres does.
class PostgresCluster {
 public:
  explicit PostgresCluster(std::filesystem::path folder);
  ~PostgresCluster();
  PostgresCluster(const PostgresCluster&) = delete;
  PostgresCluster& operator=(const PostgresCluster&) = delete;

  // A database of its own, for Cairn: postgresql:///cairn?host=...&user=...
  const std::string& url() const { return url_; }
  // `pg_ctl stop -m immediate`: the server goes at once, as in a crash, and
  // recovers from its write-ahead log at the next start.
  void crash();
  void start();

 private:
  void pg_ctl(const std::string& arguments);

  std::filesystem::path folder_;
  std::string bin_, as_owner_, url_;
};

// Sets an environment variable (for the servers this test starts) and puts
// back what was there when it goes.
class ScopedEnvironment {
 public:
  ScopedEnvironment(const char* name, const std::string& value);
  ~ScopedEnvironment();
  ScopedEnvironment(const ScopedEnvironment&) = delete;
  ScopedEnvironment& operator=(const ScopedEnvironment&) = delete;

 private:
  std::string name_;
  std::optional<std::string> previous_;
};

}  // namespace cairn::load
