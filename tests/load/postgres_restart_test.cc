// QUALITY.md: "With PostgreSQL: a restart of the database is survived
// (reconnect)". The real server on a PostgreSQL cluster of the test's own takes
// check-ins from several clients while the database crashes (stop -m
// immediate), stays down for two seconds and comes back. Then:
// - while it is down, a check-in is refused with 503 and a problem, never
//   a 500, a dropped connection or a hang; reads keep being served;
// - once it is back, check-ins are accepted again without restarting Cairn;
// - every check-in answered 201 is in the database, none twice, and nothing
//   is there that no client was told of beyond the ones in flight at the
//   crash (whose commit outcome nobody can know);
// - the server's own model agrees with the database: a fresh server on it
//   lists the same check-ins.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <iostream>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "../api/cairn_process.h"
#include "../http/test_client.h"
#include "own_postgres.h"

namespace cairn::load {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

enum Phase { kBefore, kDown, kRecovering, kBack };

struct Outcomes {
  std::mutex mutex;
  std::vector<std::int64_t> acknowledged;     // ids answered 201, repeats kept
  std::map<std::pair<Phase, int>, int> seen;  // (phase, status or 0) → count
  std::vector<std::string> bad;               // answers that must not happen
  std::set<int> key_results;                  // those checked in to
};

void check_in_until(unsigned short port, const Workload& workload, int client,
                    const std::atomic<Phase>& phase, const std::atomic<bool>& stop, Outcomes& out) {
  std::mt19937 random(static_cast<unsigned>(client) + 1);
  std::uniform_int_distribution<int> key_result(0, workload.key_results - 1);
  const std::string headers =
      "Authorization: Bearer " + workload.token + "\r\nContent-Type: application/json\r\n";
  auto connection = std::make_unique<http::testing::TestClient>(port);
  for (int n = 0; !stop; ++n) {
    const Phase started = phase;
    const int kr = key_result(random);
    const std::string target = "/api/v1/key-results/kr_" + std::to_string(kr) + "/check-ins";
    const bool sent = connection->send(http::testing::request_text(
        "POST", target, headers, R"({"value":)" + std::to_string(n % 100) + "}"));
    const auto reply = sent ? connection->read_reply(false, 10s) : std::nullopt;
    // A request sent before the crash may meet it on its way: it counts as
    // before only if it also ended before. One sent once the database was
    // back counts as back.
    const Phase at = started == kBefore ? phase.load() : started;
    std::lock_guard lock(out.mutex);
    out.key_results.insert(kr);
    const int status = reply ? reply->status : 0;
    ++out.seen[{at, status}];
    if (status == 201) {
      out.acknowledged.push_back(check_in_id(reply->body));
    } else if (status != 503 || at == kBefore || at == kBack) {
      out.bad.push_back("phase " + std::to_string(at) + ": " +
                        (reply ? std::to_string(status) + " " + reply->body.substr(0, 200)
                               : std::string("no answer")));
    } else if (reply->header("content-type") == nullptr ||
               *reply->header("content-type") != "application/problem+json") {
      out.bad.push_back("a 503 without a problem: " + reply->body.substr(0, 200));
    }
    if (!reply) connection = std::make_unique<http::testing::TestClient>(port);
    std::this_thread::sleep_for(2ms);
  }
}

// The check-ins the server lists for these key results, newest first.
std::map<int, std::string> listed(unsigned short port, const Workload& workload,
                                  const std::set<int>& key_results) {
  std::map<int, std::string> lists;
  const std::string headers = "Authorization: Bearer " + workload.token + "\r\n";
  int taken = 0;
  for (int kr : key_results) {
    if (++taken > 40) break;
    const auto reply = http::testing::fetch(
        port, "GET", "/api/v1/key-results/kr_" + std::to_string(kr) + "/check-ins", headers);
    lists[kr] = reply ? std::to_string(reply->status) + " " + reply->body : "no answer";
  }
  return lists;
}

std::string outcome_table(const Outcomes& out) {
  static const char* names[] = {"before", "down", "recovering", "back"};
  std::string text;
  for (const auto& [key, count] : out.seen) {
    text += std::string(text.empty() ? "" : ", ") + names[key.first] + " " +
            (key.second ? std::to_string(key.second) : std::string("no answer")) + " ×" +
            std::to_string(count);
  }
  return text;
}

class PostgresRestart : public OwnPostgresTest {};

TEST_F(PostgresRestart, CheckInsUnderLoadSurviveADatabaseCrashAndRestart) {
  const Workload& workload = workload_;
  const std::set<std::int64_t> before = check_in_ids(url());

  Outcomes out;
  std::map<int, std::string> seen_by_survivor;
  {
    api::testing::CairnProcess server(url(), {}, log("server"));
    std::atomic<Phase> phase = kBefore;
    std::atomic<bool> stop = false;
    std::vector<std::thread> clients;
    for (int c = 0; c < 4; ++c) {
      clients.emplace_back(check_in_until, server.port(), std::cref(workload), c, std::cref(phase),
                           std::cref(stop), std::ref(out));
    }
    std::this_thread::sleep_for(3s);
    phase = kDown;
    cluster_->crash();
    std::this_thread::sleep_for(1s);
    // Reads are served from memory while the database is away.
    const auto read = http::testing::fetch(server.port(), "GET", "/api/v1/objectives/obj_0",
                                           "Authorization: Bearer " + workload.token + "\r\n");
    EXPECT_TRUE(read && read->status == 200) << "a read while the database is down";
    std::this_thread::sleep_for(1s);
    phase = kRecovering;
    cluster_->start();
    // The first check-ins after the start may still meet the broken
    // connection; from here on every one must succeed.
    std::this_thread::sleep_for(3s);
    phase = kBack;
    std::this_thread::sleep_for(4s);
    stop = true;
    for (std::thread& t : clients) t.join();
    seen_by_survivor = listed(server.port(), workload, out.key_results);
    EXPECT_EQ(server.stop(), 0);
  }

  const std::set<std::int64_t> after = check_in_ids(url());
  const std::set<std::int64_t> acknowledged(out.acknowledged.begin(), out.acknowledged.end());
  std::size_t lost = 0;
  for (std::int64_t id : acknowledged) lost += after.count(id) == 0 ? 1 : 0;
  int refused = 0;
  for (const auto& [key, count] : out.seen) refused += key.second == 201 ? 0 : count;
  const std::size_t added = after.size() - before.size();
  std::cout << "[ postgres restart ] " << outcome_table(out) << "; " << acknowledged.size()
            << " check-ins acknowledged, " << added << " added to the database, " << lost
            << " lost\n";

  for (const std::string& b : out.bad) ADD_FAILURE() << b;
  EXPECT_EQ(lost, 0u);
  EXPECT_EQ(acknowledged.size(), out.acknowledged.size()) << "a check-in id answered twice";
  EXPECT_GE(added, acknowledged.size());
  EXPECT_LE(added, acknowledged.size() + static_cast<std::size_t>(refused))
      << "check-ins in the database beyond those in flight at the crash";
  EXPECT_GT((out.seen[{kBack, 201}]), 0) << "no check-in accepted after the restart";
  EXPECT_GT((out.seen[{kDown, 503}]), 0) << "the crash was not noticed";

  // The server's model against the database: a fresh server lists the same.
  {
    api::testing::CairnProcess fresh(url(), {}, log("fresh"));
    const auto lists = listed(fresh.port(), workload, out.key_results);
    for (const auto& [kr, list] : lists) {
      EXPECT_EQ(list, seen_by_survivor[kr]) << "kr_" << kr << " as the surviving server has it";
    }
  }
}

}  // namespace
}  // namespace cairn::load
