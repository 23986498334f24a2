// The soak test of QUALITY.md: the real server, on the `team` workload, under
// the PERFORMANCE.md mix (check-ins, objective reads, dashboards, alignment
// trees) for CAIRN_SOAK_SECONDS (default 600) at CAIRN_SOAK_RATE requests a
// second (default 200; a steady rate, so that the rest of the suite runs
// beside it). It must end with
// - zero errors: every answer 2xx, no connection dropped;
// - zero lost writes: every check-in answered 201 is in the store afterwards,
//   and the store holds no other new check-in;
// - flat memory: the soaked server is no bigger than a fresh server on the
//   same, grown store once warmed up by the same reads, beyond allocator slack.
//   Growth that only a long-running server shows (a cache without bound,
//   buffers kept per request) fails it; the data the check-ins added does not;
// - a bounded write-ahead log: the store's checkpoints keep up, so the -wal
//   file stays far below the 256 MB at which the writer would copy it back
//   inside a commit (store/sqlite/checkpointer.h).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <random>
#include <set>
#include <sstream>
#include <system_error>
#include <thread>

#include "../api/cairn_process.h"
#include "../http/test_client.h"
#include "load_support.h"

namespace cairn::load {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// Of every 20 requests: 12 check-ins, 5 objective reads, 2 dashboards and 1
// alignment tree, as on a Monday morning (PERFORMANCE.md).
enum class Kind { kCheckIn, kObjective, kDashboard, kTree };
Kind kind_of(std::uint64_t n) {
  const std::uint64_t slot = n % 20;
  if (slot < 12) return Kind::kCheckIn;
  if (slot < 17) return Kind::kObjective;
  if (slot < 19) return Kind::kDashboard;
  return Kind::kTree;
}

struct Tally {
  std::mutex mutex;
  std::set<std::int64_t> acknowledged;  // check-in ids answered 201
  std::uint64_t requests = 0;
  std::uint64_t errors = 0;
  std::vector<std::string> first_errors;

  void error(std::string what) {
    std::lock_guard lock(mutex);
    ++errors;
    if (first_errors.size() < 5) first_errors.push_back(std::move(what));
  }
};

// One client on its own keep-alive connection, sending its share of the rate
// until `deadline`.
void drive(unsigned short port, const Workload& workload, int client, int clients, double rate,
           Clock::time_point deadline, Tally& tally) {
  std::mt19937_64 random(static_cast<std::uint64_t>(client) * 7919);
  std::uniform_int_distribution<int> key_result(0, workload.key_results - 1);
  std::uniform_int_distribution<int> objective(0, workload.objectives - 1);
  std::uniform_int_distribution<int> unit(1, 12);  // the functions
  auto connection = std::make_unique<http::testing::TestClient>(port);
  const auto interval = std::chrono::duration<double>(clients / rate);
  auto next =
      Clock::now() + std::chrono::duration_cast<Clock::duration>(interval * client / clients);
  std::uint64_t local_requests = 0;
  std::vector<std::int64_t> local_acks;
  for (std::uint64_t n = static_cast<std::uint64_t>(client); Clock::now() < deadline;
       n += static_cast<std::uint64_t>(clients)) {
    std::this_thread::sleep_until(next);
    next += std::chrono::duration_cast<Clock::duration>(interval);
    std::string method = "GET", target, body;
    const Kind kind = kind_of(n);
    switch (kind) {
      case Kind::kCheckIn:
        method = "POST";
        target = "/api/v1/key-results/kr_" + std::to_string(key_result(random)) + "/check-ins";
        body = R"({"value":)" + std::to_string(n % 100) + R"(,"confidence":)" +
               std::to_string(1 + n % 10) + "}";
        break;
      case Kind::kObjective:
        target = "/api/v1/objectives/obj_" + std::to_string(objective(random));
        break;
      case Kind::kDashboard:
        target = "/api/v1/dashboard?unit_id=unit_" + std::to_string(unit(random));
        break;
      case Kind::kTree:
        target = "/api/v1/objectives/obj_" + std::to_string(n % 3) + "/tree?depth=3";
        break;
    }
    std::string headers = "Authorization: Bearer " + workload.token + "\r\n";
    if (!body.empty()) headers += "Content-Type: application/json\r\n";
    ++local_requests;
    if (!connection->send(http::testing::request_text(method, target, headers, body))) {
      tally.error(target + ": the connection was closed");
      connection = std::make_unique<http::testing::TestClient>(port);
      continue;
    }
    const auto reply = connection->read_reply(false, 10s);
    if (!reply) {
      tally.error(target + ": no answer");
      connection = std::make_unique<http::testing::TestClient>(port);
      continue;
    }
    if (reply->status / 100 != 2) {
      tally.error(method + " " + target + ": " + std::to_string(reply->status) + " " +
                  reply->body.substr(0, 200));
      continue;
    }
    if (kind == Kind::kCheckIn) {
      const std::int64_t id = check_in_id(reply->body);
      if (reply->status != 201 || id < 0) {
        tally.error(target + ": not a created check-in: " + reply->body.substr(0, 200));
        continue;
      }
      local_acks.push_back(id);
    }
  }
  std::lock_guard lock(tally.mutex);
  tally.requests += local_requests;
  tally.acknowledged.insert(local_acks.begin(), local_acks.end());
}

// Reads only, the soak's read mix, for `duration`: what a fresh server needs
// to be warmed up as the soaked one is (forecasts, dashboards, caches).
void warm_up(unsigned short port, const Workload& workload, std::chrono::seconds duration) {
  http::testing::TestClient connection(port);
  const std::string headers = "Authorization: Bearer " + workload.token + "\r\n";
  const auto deadline = Clock::now() + duration;
  for (int n = 0; Clock::now() < deadline; ++n) {
    std::string target = n % 4 == 0 ? "/api/v1/dashboard?unit_id=unit_" + std::to_string(1 + n % 12)
                         : n % 4 == 1
                             ? "/api/v1/objectives/obj_" + std::to_string(n % 3) + "/tree?depth=3"
                             : "/api/v1/objectives/obj_" + std::to_string(n % workload.objectives);
    ASSERT_TRUE(connection.send(http::testing::request_text("GET", target, headers)));
    const auto reply = connection.read_reply(false, 10s);
    ASSERT_TRUE(reply && reply->status == 200) << target;
  }
}

TEST(Soak, TheMixForMinutesHasNoErrorsLosesNoWriteAndKeepsMemoryFlat) {
  const int seconds = env_int("CAIRN_SOAK_SECONDS", 600);
  const double rate = env_int("CAIRN_SOAK_RATE", 200);
  constexpr int kClients = 8;
  const std::filesystem::path folder = fresh_folder("soak");
  const std::string database = (folder / "cairn.db").string();
  const Workload workload = generate_team(database);
  const std::set<std::int64_t> before = check_in_ids(database);

  // The server's clock after the workload's last check-in, so that reads are
  // of the live state, as on a real server; its allocator quarantine small,
  // so that AddressSanitizer's own holding of freed memory is not counted.
  ScopedEnvironment now("CAIRN_FIXED_NOW", "2026-12-31T00:00:00Z");
  ScopedEnvironment quarantine("ASAN_OPTIONS", asan_options_with("quarantine_size_mb=16"));
  Tally tally;
  MemorySeries memory;
  std::size_t soaked_rss = 0;
  std::uintmax_t longest_log = 0;  // bytes of the -wal file, at its largest
  const auto started = Clock::now();
  {
    api::testing::CairnProcess server(database, {}, (folder / "server.log").string());
    const auto deadline = started + std::chrono::seconds(seconds);
    std::atomic<bool> done = false;
    std::thread sampler([&] {
      while (!done) {
        memory.sample(server.pid(), Clock::now() - started);
        std::error_code no_file;  // between a checkpoint's truncation and the next write
        const auto log = std::filesystem::file_size(database + "-wal", no_file);
        if (!no_file) longest_log = std::max(longest_log, log);
        std::this_thread::sleep_for(1s);
      }
    });
    std::vector<std::thread> clients;
    for (int c = 0; c < kClients; ++c) {
      clients.emplace_back(drive, server.port(), std::cref(workload), c, kClients, rate, deadline,
                           std::ref(tally));
    }
    for (std::thread& t : clients) t.join();
    done = true;
    sampler.join();
    soaked_rss = resident_bytes(server.pid());
    EXPECT_EQ(server.stop(), 0) << "the server did not stop cleanly after the soak";
  }
  const double elapsed = std::chrono::duration<double>(Clock::now() - started).count();

  // Lost writes: the store, read directly, against what was acknowledged.
  const std::set<std::int64_t> after = check_in_ids(database);
  std::size_t lost = 0;
  for (std::int64_t id : tally.acknowledged) lost += after.count(id) == 0 ? 1 : 0;
  const std::size_t added = after.size() - before.size();

  // Memory: a fresh server on the grown store, warmed up by the same reads.
  std::size_t fresh_rss = 0;
  {
    api::testing::CairnProcess server(database, {}, (folder / "server.log").string());
    warm_up(server.port(), workload, 20s);
    fresh_rss = resident_bytes(server.pid());
  }

  std::cout << "[ soak ] " << seconds << " s (" << static_cast<int>(elapsed)
            << " s with the stop), " << tally.requests << " requests at " << static_cast<int>(rate)
            << "/s target, " << tally.errors << " errors; " << tally.acknowledged.size()
            << " check-ins acknowledged, " << added << " added to the store, " << lost << " lost\n"
            << "[ soak ] resident memory " << memory.describe() << "; at the end "
            << mib(soaked_rss) << " MiB against " << mib(fresh_rss)
            << " MiB for a fresh server on the same store\n"
            << "[ soak ] write-ahead log at its largest: " << mib(longest_log) << " MiB\n";

  for (const std::string& e : tally.first_errors) ADD_FAILURE() << e;
  EXPECT_EQ(tally.errors, 0u);
  EXPECT_GT(tally.acknowledged.size(), 0u);
  EXPECT_EQ(lost, 0u);
  EXPECT_EQ(added, tally.acknowledged.size()) << "check-ins in the store that nobody was told of";
  // Allocator slack: freed blocks kept by malloc's arenas, ASan's quarantine.
  EXPECT_LE(soaked_rss, fresh_rss + fresh_rss / 4 + (48u << 20))
      << "the soaked server holds memory a fresh one does not";
  EXPECT_LE(longest_log, 64u << 20) << "the write-ahead log outgrew its checkpoints";
  std::filesystem::remove_all(folder);
}

}  // namespace
}  // namespace cairn::load
