// QUALITY.md: "nothing committed is ever lost, also under kill -9". The real
// server on SQLite takes check-ins from four clients and is killed with
// SIGKILL in the middle of them, round after round, each round restarting it
// on the same file. After every kill:
// - every check-in answered 201 is in the file, none twice;
// - the file holds nothing that no client was told of beyond the requests in
//   flight at the kill (one per client: whether those committed, nobody can
//   know);
// - the server starts again on the file, and lists the check-ins the file
//   holds for the key results written to.
// CAIRN_KILL_ROUNDS sets the number of rounds (5 by default).
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <iostream>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>
#include <vector>

#include "../api/cairn_process.h"
#include "../http/test_client.h"
#include "load_support.h"

namespace cairn::load {
namespace {

using namespace std::chrono_literals;

struct Acknowledged {
  std::mutex mutex;
  std::vector<std::int64_t> ids;  // repeats kept, to find any given twice
  std::map<int, std::set<std::int64_t>> by_key_result;
  int unanswered = 0;  // requests that met the kill
};

// Checks in one request at a time on one connection until a request goes
// unanswered (the server is gone).
void check_in_until_killed(unsigned short port, const Workload& workload, int client, int round,
                           Acknowledged& out) {
  std::mt19937 random(static_cast<unsigned>(round * 10 + client + 1));
  std::uniform_int_distribution<int> key_result(0, workload.key_results - 1);
  const std::string headers =
      "Authorization: Bearer " + workload.token + "\r\nContent-Type: application/json\r\n";
  http::testing::TestClient connection(port);
  for (int n = 0;; ++n) {
    const int kr = key_result(random);
    const std::string target = "/api/v1/key-results/kr_" + std::to_string(kr) + "/check-ins";
    const bool sent = connection.send(http::testing::request_text(
        "POST", target, headers, R"({"value":)" + std::to_string(n % 100) + "}"));
    const auto reply = sent ? connection.read_reply(false, 10s) : std::nullopt;
    std::lock_guard lock(out.mutex);
    if (!reply) {
      ++out.unanswered;
      return;
    }
    ASSERT_EQ(reply->status, 201) << reply->body.substr(0, 300);
    out.ids.push_back(check_in_id(reply->body));
    out.by_key_result[kr].insert(out.ids.back());
  }
}

// The ids of the check-ins the server lists for key result `kr`.
std::set<std::int64_t> listed(unsigned short port, const Workload& workload, int kr) {
  const auto reply = http::testing::fetch(
      port, "GET", "/api/v1/key-results/kr_" + std::to_string(kr) + "/check-ins",
      "Authorization: Bearer " + workload.token + "\r\n");
  std::set<std::int64_t> ids;
  if (!reply || reply->status != 200) return ids;
  const std::string& body = reply->body;
  for (std::size_t at = body.find("\"id\":\"ci_"); at != std::string::npos;
       at = body.find("\"id\":\"ci_", at + 1)) {
    ids.insert(std::stoll(body.substr(at + 9)));
  }
  return ids;
}

TEST(ServerKill, AcknowledgedCheckInsSurviveSigkillOfTheServerRoundAfterRound) {
  const std::filesystem::path folder = fresh_folder("kill");
  const std::string database = (folder / "cairn.db").string();
  const Workload workload = generate_team(database);
  ScopedEnvironment now("CAIRN_FIXED_NOW", "2026-12-31T00:00:00Z");
  const int rounds = env_int("CAIRN_KILL_ROUNDS", 5);

  std::set<std::int64_t> stored = check_in_ids(database);
  std::mt19937 random(7);
  std::uniform_int_distribution<int> run_ms(300, 1500);
  for (int round = 0; round < rounds; ++round) {
    Acknowledged out;
    {
      api::testing::CairnProcess server(database, {}, (folder / "server.log").string());
      std::vector<std::thread> clients;
      for (int c = 0; c < 4; ++c) {
        clients.emplace_back(check_in_until_killed, server.port(), std::cref(workload), c, round,
                             std::ref(out));
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(run_ms(random)));
      ASSERT_EQ(kill(server.pid(), SIGKILL), 0);
      for (std::thread& t : clients) t.join();
      server.stop();  // reaps it
    }
    const std::set<std::int64_t> after = check_in_ids(database);
    const std::set<std::int64_t> unique(out.ids.begin(), out.ids.end());
    EXPECT_EQ(unique.size(), out.ids.size()) << "an id given twice in round " << round;
    std::size_t missing = 0;
    for (std::int64_t id : unique) missing += after.count(id) == 0 ? 1 : 0;
    EXPECT_EQ(missing, 0u) << "acknowledged check-ins lost in round " << round;
    // New in the file: the acknowledged ones, and at most the unanswered.
    const std::size_t added = after.size() - stored.size();
    EXPECT_GE(added, unique.size());
    EXPECT_LE(added, unique.size() + static_cast<std::size_t>(out.unanswered)) << "round " << round;
    std::cout << "[ server kill ] round " << round << ": " << unique.size() << " acknowledged, "
              << added << " added, " << out.unanswered << " requests met the kill, 0 lost\n";
    stored = after;

    // The server starts again on the file and lists what was acknowledged.
    api::testing::CairnProcess again(database, {}, (folder / "server.log").string());
    int compared = 0;
    for (const auto& [kr, ids] : out.by_key_result) {
      if (++compared > 20) break;
      const std::set<std::int64_t> shown = listed(again.port(), workload, kr);
      for (std::int64_t id : ids) {
        EXPECT_EQ(shown.count(id), 1u)
            << "ci_" << id << " of kr_" << kr << " after round " << round;
      }
    }
    again.stop();
  }
  std::filesystem::remove_all(folder);
}

}  // namespace
}  // namespace cairn::load
