// docs/operations.md, "Running several instances": servers on one PostgreSQL
// database follow each other. A check-in on one server is read on the other
// within a second, without the other writing anything; and both keep taking
// check-ins at once without losing or doubling one.
#include <gtest/gtest.h>

#include <chrono>
#include <iostream>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <vector>

#include "../api/cairn_process.h"
#include "../http/test_client.h"
#include "own_postgres.h"

namespace cairn::load {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

std::string check_ins_of(unsigned short port, const Workload& workload, const std::string& kr) {
  const auto reply = http::testing::fetch(port, "GET", "/api/v1/key-results/" + kr + "/check-ins",
                                          "Authorization: Bearer " + workload.token + "\r\n");
  return reply && reply->status == 200 ? reply->body : "no answer";
}

class TwoServers : public OwnPostgresTest {};

TEST_F(TwoServers, ACheckInOnOneIsReadOnTheOtherWithinASecond) {
  const Workload& workload = workload_;
  api::testing::CairnProcess a(url(), {}, log("a"));
  api::testing::CairnProcess b(url(), {}, log("b"));
  const std::string headers =
      "Authorization: Bearer " + workload.token + "\r\nContent-Type: application/json\r\n";

  for (int round = 0; round < 5; ++round) {
    const std::string kr = "kr_" + std::to_string(round * 7);
    const auto made =
        http::testing::fetch(a.port(), "POST", "/api/v1/key-results/" + kr + "/check-ins", headers,
                             R"({"value":)" + std::to_string(round) + "}");
    ASSERT_TRUE(made && made->status == 201) << (made ? made->body : "no answer");
    const std::string id = "\"ci_" + std::to_string(check_in_id(made->body)) + "\"";
    const auto started = Clock::now();
    while (check_ins_of(b.port(), workload, kr).find(id) == std::string::npos &&
           Clock::now() - started < 5s) {
      std::this_thread::sleep_for(10ms);
    }
    const auto waited = Clock::now() - started;
    EXPECT_NE(check_ins_of(b.port(), workload, kr).find(id), std::string::npos)
        << "the other server never showed " << id;
    EXPECT_LT(waited, 1s) << "round " << round;
    std::cout << "[ two servers ] round " << round << ": the other server read the check-in after "
              << std::chrono::duration_cast<std::chrono::milliseconds>(waited).count() << " ms\n";
  }

  // Both write to the same key results at once: every check-in is kept once,
  // and both servers list the same.
  const std::set<std::int64_t> before = check_in_ids(url());
  std::vector<std::int64_t> acknowledged;
  std::mutex mutex;
  auto write = [&](unsigned short port) {
    for (int i = 0; i < 100; ++i) {
      const auto made = http::testing::fetch(
          port, "POST", "/api/v1/key-results/kr_" + std::to_string(i % 5) + "/check-ins", headers,
          R"({"value":)" + std::to_string(i) + "}");
      ASSERT_TRUE(made && made->status == 201) << (made ? made->body : "no answer");
      std::lock_guard lock(mutex);
      acknowledged.push_back(check_in_id(made->body));
    }
  };
  std::thread on_a(write, a.port());
  std::thread on_b(write, b.port());
  on_a.join();
  on_b.join();
  const std::set<std::int64_t> after = check_in_ids(url());
  const std::set<std::int64_t> unique(acknowledged.begin(), acknowledged.end());
  EXPECT_EQ(unique.size(), 200u) << "an id given twice";
  EXPECT_EQ(after.size() - before.size(), 200u);
  std::this_thread::sleep_for(1s);
  for (int k = 0; k < 5; ++k) {
    const std::string kr = "kr_" + std::to_string(k);
    EXPECT_EQ(check_ins_of(a.port(), workload, kr), check_ins_of(b.port(), workload, kr)) << kr;
  }
  a.stop();
  b.stop();
}

}  // namespace
}  // namespace cairn::load
