#include "load_support.h"

#include <libpq-fe.h>
#include <sqlite3.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <regex>
#include <stdexcept>

namespace cairn::load {
namespace {

// Runs CAIRN_BINARY with `arguments` and returns what it printed; throws when
// it fails. The arguments are ours (paths and fixed words), quoted for sh.
std::string run_cairn(const std::vector<std::string>& arguments) {
  std::string command = CAIRN_BINARY;
  for (const std::string& a : arguments) command += " '" + a + "'";
  command += " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) throw std::runtime_error("cannot run " + command);
  std::string out;
  char buffer[4096];
  for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  if (pclose(pipe) != 0) throw std::runtime_error(command + " failed: " + out);
  return out;
}

int count_before(const std::string& text, const std::string& what) {
  std::smatch match;
  if (!std::regex_search(text, match, std::regex("([0-9]+) " + what))) {
    throw std::runtime_error("no count of " + what + " in: " + text);
  }
  return std::stoi(match[1]);
}

bool is_postgres(const std::string& database) {
  return database.starts_with("postgres://") || database.starts_with("postgresql://");
}

std::set<std::int64_t> sqlite_check_in_ids(const std::string& path) {
  sqlite3* db = nullptr;
  std::set<std::int64_t> ids;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    throw std::runtime_error("cannot open " + path);
  }
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT id FROM check_ins", -1, &statement, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    throw std::runtime_error("cannot read check_ins in " + path);
  }
  while (sqlite3_step(statement) == SQLITE_ROW) ids.insert(sqlite3_column_int64(statement, 0));
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return ids;
}

std::set<std::int64_t> postgres_check_in_ids(const std::string& url) {
  PGconn* conn = PQconnectdb(url.c_str());
  std::set<std::int64_t> ids;
  PGresult* result =
      PQstatus(conn) == CONNECTION_OK ? PQexec(conn, "SELECT id FROM check_ins") : nullptr;
  const bool ok = result && PQresultStatus(result) == PGRES_TUPLES_OK;
  if (ok) {
    for (int row = 0; row < PQntuples(result); ++row) {
      ids.insert(std::strtoll(PQgetvalue(result, row, 0), nullptr, 10));
    }
  }
  const std::string message = PQerrorMessage(conn);
  PQclear(result);
  PQfinish(conn);
  if (!ok) throw std::runtime_error("cannot read check_ins: " + message);
  return ids;
}

}  // namespace

Workload generate_team(const std::string& database) {
  const std::string made =
      run_cairn({"bench", "generate", "--database", database, "--workload", "team"});
  Workload workload;
  workload.objectives = count_before(made, "objectives");
  workload.key_results = count_before(made, "key results");
  workload.token = run_cairn({"token", "create", "--database", database, "--organization", "team",
                              "--email", "person0@enterprise.example"});
  while (!workload.token.empty() && std::isspace(static_cast<unsigned char>(workload.token.back())))
    workload.token.pop_back();
  if (!workload.token.starts_with("cairn_")) {
    throw std::runtime_error("no token from cairn token create: " + workload.token);
  }
  return workload;
}

std::set<std::int64_t> check_in_ids(const std::string& database) {
  return is_postgres(database) ? postgres_check_in_ids(database) : sqlite_check_in_ids(database);
}

std::int64_t check_in_id(const std::string& answer_body) {
  boost::system::error_code ec;
  const boost::json::value answer = boost::json::parse(answer_body, ec);
  if (ec || !answer.is_object()) return -1;
  const boost::json::value* check_in = answer.as_object().if_contains("check_in");
  const boost::json::value* id =
      check_in && check_in->is_object() ? check_in->as_object().if_contains("id") : nullptr;
  if (!id || !id->is_string() || !id->as_string().starts_with("ci_")) return -1;
  return std::strtoll(id->as_string().c_str() + 3, nullptr, 10);
}

std::size_t resident_bytes(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with("VmRSS:")) return std::stoull(line.substr(6)) * 1024;
  }
  return 0;
}

void MemorySeries::sample(pid_t pid, std::chrono::steady_clock::duration since_start) {
  const std::size_t rss = resident_bytes(pid);
  if (rss > 0) {
    samples_.emplace_back(std::chrono::duration_cast<std::chrono::seconds>(since_start), rss);
  }
}

std::string MemorySeries::describe() const {
  std::string text;
  auto add = [&](std::chrono::seconds at, std::size_t rss) {
    if (!text.empty()) text += ", ";
    text += std::to_string(mib(rss)) + " MiB at " + std::to_string(at.count() / 60) + ":" +
            (at.count() % 60 < 10 ? "0" : "") + std::to_string(at.count() % 60);
  };
  std::int64_t next_minute = 30;  // the first after the warm-up, then every minute
  for (const auto& [at, rss] : samples_) {
    if (at.count() >= next_minute) {
      add(at, rss);
      next_minute = (at.count() / 60 + 1) * 60;
    }
  }
  if (!samples_.empty()) add(samples_.back().first, samples_.back().second);
  return text.empty() ? "not sampled" : text;
}

int env_int(const char* name, int fallback) {
  const char* text = std::getenv(name);
  return text && std::atoi(text) > 0 ? std::atoi(text) : fallback;
}

std::string asan_options_with(const std::string& option) {
  const char* current = std::getenv("ASAN_OPTIONS");
  return current && *current ? std::string(current) + ":" + option : option;
}

std::filesystem::path fresh_folder(const std::string& name) {
  std::random_device random;
  const std::filesystem::path folder =
      std::filesystem::temp_directory_path() /
      ("cairn-" + name + "-" + std::to_string(::getpid()) + "-" + std::to_string(random()));
  std::filesystem::create_directories(folder);
  return folder;
}

namespace {

void run_or_throw(const std::string& command) {
  if (std::system(command.c_str()) != 0) throw std::runtime_error("failed: " + command);
}

// The newest installed PostgreSQL's programs, as scripts/with-postgres finds them.
std::string postgres_bin() {
  std::string newest;
  int newest_version = 0;
  for (const auto& entry : std::filesystem::directory_iterator("/usr/lib/postgresql")) {
    const int version = std::atoi(entry.path().filename().c_str());
    if (version > newest_version && std::filesystem::exists(entry.path() / "bin" / "initdb")) {
      newest_version = version;
      newest = (entry.path() / "bin").string();
    }
  }
  if (newest.empty()) throw std::runtime_error("PostgreSQL server programs not found");
  return newest;
}

}  // namespace

PostgresCluster::PostgresCluster(std::filesystem::path folder)
    : folder_(std::move(folder)), bin_(postgres_bin()) {
  std::filesystem::permissions(
      folder_, std::filesystem::perms::owner_all | std::filesystem::perms::group_read |
                   std::filesystem::perms::group_exec | std::filesystem::perms::others_read |
                   std::filesystem::perms::others_exec);
  std::string user;
  if (::getuid() == 0) {
    run_or_throw("chown postgres '" + folder_.string() + "'");
    as_owner_ = "runuser -u postgres -- ";
    user = "postgres";
  } else {
    user = std::getenv("USER") ? std::getenv("USER") : "postgres";
  }
  run_or_throw(as_owner_ + bin_ + "/initdb -D '" + folder_.string() + "/data' -U " + user +
               " --auth=trust -E UTF8 >/dev/null");
  start();
  run_or_throw(as_owner_ + bin_ + "/createdb -h '" + folder_.string() + "' -U " + user + " cairn");
  url_ = "postgresql:///cairn?host=" + folder_.string() + "&user=" + user;
}

PostgresCluster::~PostgresCluster() {
  std::system((as_owner_ + bin_ + "/pg_ctl -D '" + folder_.string() +
               "/data' -m immediate stop >/dev/null 2>&1")
                  .c_str());
}

void PostgresCluster::pg_ctl(const std::string& arguments) {
  run_or_throw(as_owner_ + bin_ + "/pg_ctl -D '" + folder_.string() + "/data' " + arguments +
               " >/dev/null");
}

void PostgresCluster::crash() {
  pg_ctl("-m immediate stop");
}

void PostgresCluster::start() {
  pg_ctl("-l '" + folder_.string() + "/server.log' -w -o \"-c listen_addresses='' " +
         "-c unix_socket_directories='" + folder_.string() + "' -c fsync=on\" start");
}

ScopedEnvironment::ScopedEnvironment(const char* name, const std::string& value) : name_(name) {
  if (const char* current = std::getenv(name)) previous_ = current;
  setenv(name, value.c_str(), 1);
}

ScopedEnvironment::~ScopedEnvironment() {
  if (previous_) {
    setenv(name_.c_str(), previous_->c_str(), 1);
  } else {
    unsetenv(name_.c_str());
  }
}

}  // namespace cairn::load
