// The raw SQLite baselines of PERFORMANCE.md for the store's figures, so that
// bench/run can set each Cairn figure beside what SQLite alone does on the
// same machine, in the same run:
//
//   cairn_sqlite_baseline select DB
//     cold start's baseline: open the file and SELECT every change and check-in
//     of every organisation, with the query the store's load uses, reading each
//     column; no parsing, no model.
//   cairn_sqlite_baseline insert DB --group G [--seconds S]
//     check-in writes' baseline: into a new store at DB (Cairn's own schema,
//     WAL, synchronous=FULL, as src/store/sqlite sets them), insert check-in
//     rows G to a transaction (1: one commit each; 64: group-committed as 64
//     connections could be) for S seconds. Its p99 is printed plain and, as
//     p99_corrected_ms, corrected for the loop's stalls as wrk corrects its
//     own (corrected_latency.h).
//   cairn_sqlite_baseline table-bytes DB TABLE
//     the model's memory's baseline: the bytes of TABLE's pages and its
//     indexes' in the file (SQLite's dbstat), and its rows.
//
// Each prints one line of key=value pairs for bench/run to read.
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "corrected_latency.h"
#include "store/sqlite/read_changes.h"
#include "store/store.h"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_between(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double>(to - from).count();
}

void check(int rc, sqlite3* db, std::string_view what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db));
  }
}

void exec(sqlite3* db, const char* sql) {
  check(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), db, sql);
}

sqlite3_stmt* prepare(sqlite3* db, std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  check(sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr), db, sql);
  return stmt;
}

int select_all(const std::string& path) {
  const auto start = Clock::now();
  sqlite3* db = nullptr;
  check(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), db, "open");
  std::vector<std::int64_t> organizations;
  sqlite3_stmt* orgs = prepare(db, "SELECT id FROM organizations ORDER BY id");
  while (sqlite3_step(orgs) == SQLITE_ROW) organizations.push_back(sqlite3_column_int64(orgs, 0));
  sqlite3_finalize(orgs);

  sqlite3_stmt* rows = prepare(db, cairn::store::sqlite::kReadChanges);
  long long count = 0;
  std::size_t bytes = 0;  // read every column, so none is skipped
  for (std::int64_t org : organizations) {
    sqlite3_bind_int64(rows, 1, org);
    sqlite3_bind_int64(rows, 2, 0);
    int rc;
    while ((rc = sqlite3_step(rows)) == SQLITE_ROW) {
      ++count;
      for (int c = 0; c < 15; ++c) {
        if (sqlite3_column_type(rows, c) == SQLITE_TEXT) {
          bytes += std::strlen(reinterpret_cast<const char*>(sqlite3_column_text(rows, c)));
        } else {
          bytes += static_cast<std::size_t>(sqlite3_column_int64(rows, c) & 1);
        }
      }
    }
    check(rc, db, "select");
    sqlite3_reset(rows);
  }
  sqlite3_finalize(rows);
  sqlite3_close(db);
  std::printf("select rows=%lld bytes=%zu seconds=%.4f\n", count, bytes,
              seconds_between(start, Clock::now()));
  return 0;
}

int insert_check_ins(const std::string& path, int group, double seconds) {
  std::filesystem::remove(path);
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");
  {
    // Cairn's own migrations make the schema, so the rows and indexes are the store's.
    auto made = cairn::store::open_store(path);
    if (!made) throw std::runtime_error(made.error().message);
  }
  sqlite3* db = nullptr;
  check(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr),
        db, "open");
  exec(db, "PRAGMA busy_timeout = 10000");
  exec(db, "PRAGMA journal_mode = WAL");
  exec(db, "PRAGMA synchronous = FULL");
  exec(db, "PRAGMA foreign_keys = ON");
  exec(db, "INSERT INTO organizations (id, slug, created_at, head) VALUES (1, 'baseline', 0, 0)");
  sqlite3_stmt* insert =
      prepare(db,
              "INSERT INTO check_ins (org, seq, id, key_result, author, on_behalf_of, value, done, "
              "milestones_done, confidence, note, at, recorded_at, actor) "
              "VALUES (1, ?1, ?2, ?3, 1, NULL, ?4, 0, 0, 7, '', ?5, ?5, 'person:1')");
  sqlite3_stmt* begin = prepare(db, "BEGIN IMMEDIATE");
  sqlite3_stmt* commit = prepare(db, "COMMIT");

  std::vector<double> latencies;  // seconds per transaction: what each of its rows waited
  long long seq = 0;
  const auto start = Clock::now();
  const auto stop = start + std::chrono::duration<double>(seconds);
  while (Clock::now() < stop) {
    const auto t0 = Clock::now();
    check(sqlite3_step(begin), db, "begin");
    sqlite3_reset(begin);
    for (int i = 0; i < group; ++i) {
      ++seq;
      sqlite3_bind_int64(insert, 1, seq);
      sqlite3_bind_int64(insert, 2, seq);
      sqlite3_bind_int64(insert, 3, seq % 4000);
      sqlite3_bind_double(insert, 4, static_cast<double>(seq % 100));
      sqlite3_bind_int64(insert, 5, 1'790'000'000 + seq);
      check(sqlite3_step(insert), db, "insert");
      sqlite3_reset(insert);
    }
    check(sqlite3_step(commit), db, "commit");
    sqlite3_reset(commit);
    latencies.push_back(seconds_between(t0, Clock::now()));
  }
  const double elapsed = seconds_between(start, Clock::now());
  sqlite3_finalize(insert);
  sqlite3_finalize(begin);
  sqlite3_finalize(commit);
  sqlite3_close(db);

  std::sort(latencies.begin(), latencies.end());
  // One loop: its interval is the run over its transactions, as wrk's is the
  // run over each connection's requests.
  const double interval = elapsed / static_cast<double>(latencies.size());
  using cairn::bench::percentile_of_sorted;
  std::printf(
      "insert group=%d rows=%lld seconds=%.3f rows_per_second=%.1f p50_ms=%.3f "
      "p99_ms=%.3f p99_corrected_ms=%.3f max_ms=%.3f\n",
      group, seq, elapsed, static_cast<double>(seq) / elapsed,
      percentile_of_sorted(latencies, 0.5) * 1e3, percentile_of_sorted(latencies, 0.99) * 1e3,
      cairn::bench::corrected_percentile(latencies, interval, 0.99) * 1e3, latencies.back() * 1e3);
  return 0;
}

int table_bytes(const std::string& path, const std::string& table) {
  sqlite3* db = nullptr;
  check(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), db, "open");
  sqlite3_stmt* pages = prepare(db,
                                "SELECT SUM(pgsize) FROM dbstat WHERE name IN"
                                " (SELECT name FROM sqlite_schema WHERE tbl_name = ?1)");
  sqlite3_bind_text(pages, 1, table.c_str(), -1, SQLITE_TRANSIENT);
  check(sqlite3_step(pages), db, "dbstat");
  const bool found = sqlite3_column_type(pages, 0) != SQLITE_NULL;
  const std::int64_t bytes = sqlite3_column_int64(pages, 0);
  sqlite3_finalize(pages);
  if (!found) throw std::runtime_error("no table " + table + " in " + path);
  std::string quoted;  // an identifier in double quotes, its own doubled
  for (char c : table) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  sqlite3_stmt* count = prepare(db, "SELECT count(*) FROM \"" + quoted + "\"");
  check(sqlite3_step(count), db, "count");
  const std::int64_t rows = sqlite3_column_int64(count, 0);
  sqlite3_finalize(count);
  sqlite3_close(db);
  std::printf("table-bytes table=%s bytes=%lld rows=%lld\n", table.c_str(),
              static_cast<long long>(bytes), static_cast<long long>(rows));
  return 0;
}

int usage() {
  std::fprintf(stderr,
               "usage: cairn_sqlite_baseline select DB\n"
               "       cairn_sqlite_baseline insert DB --group G [--seconds S]\n"
               "       cairn_sqlite_baseline table-bytes DB TABLE\n");
  return 2;
}

// Runs the mode the arguments name, or prints the usage when they fit none.
int run(int argc, char** argv) {
  const std::string mode = argv[1], path = argv[2];
  if (mode == "select" && argc == 3) return select_all(path);
  if (mode == "table-bytes" && argc == 4) return table_bytes(path, argv[3]);
  if (mode != "insert") return usage();
  int group = 1;
  double seconds = 5;
  for (int i = 3; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--group") == 0) {
      group = std::max(1, std::atoi(argv[i + 1]));
    } else if (std::strcmp(argv[i], "--seconds") == 0) {
      seconds = std::atof(argv[i + 1]);
    } else {
      return usage();
    }
  }
  return insert_check_ins(path, group, seconds);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) return usage();
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "cairn_sqlite_baseline: %s\n", e.what());
    return 1;
  }
}
