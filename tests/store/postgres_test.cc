// What only PostgreSQL has to prove: writers in several instances serialise
// per organisation without losing or doubling a change, commits are announced
// to other instances, and a connection the server dropped is re-established.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <set>
#include <thread>

#include "must.h"
#include "store/store.h"
#include "store_locations.h"

namespace cairn::store {
namespace {

const core::Instant kAt = core::instant_utc(2026, 3, 2, 9);

using testing::must;

class Postgres : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* url = std::getenv("CAIRN_TEST_POSTGRES_URL");
    if (!url || !*url) GTEST_SKIP() << "CAIRN_TEST_POSTGRES_URL is not set";
    url_ = url;
  }
  std::unique_ptr<Store> open() { return must(open_store(url_)); }
  std::string url_;
};

TEST_F(Postgres, TwoInstancesWritingAtOnceNeverLoseOrDoubleAChange) {
  const std::int64_t org = must(open()->create_organization(testing::unique_slug("race"), kAt)).id;
  auto writer = [&](const std::string& actor) {
    auto store = open();
    for (int i = 0; i < 200; ++i) {
      auto tx = must(store->begin_write(org));
      must(tx->append(Change{tx->head() + 1, kAt, actor, "add_unit", "{}", std::nullopt}));
      must(tx->commit());
    }
  };
  std::thread a(writer, "instance:a"), b(writer, "instance:b");
  a.join();
  b.join();
  auto store = open();
  EXPECT_EQ(must(store->head(org)), 400);
  std::set<std::int64_t> seqs;
  int from_a = 0;
  must(store->read_changes(org, 0, [&](const Change& c) -> Result<void> {
    seqs.insert(c.seq);
    from_a += c.actor == "instance:a";
    return {};
  }));
  EXPECT_EQ(seqs.size(), 400u);
  EXPECT_EQ(*seqs.begin(), 1);
  EXPECT_EQ(*seqs.rbegin(), 400);
  EXPECT_EQ(from_a, 200);
}

TEST_F(Postgres, ACommitIsAnnouncedToAnotherInstanceWellWithinASecond) {
  auto listener = open();
  auto writer = open();
  const std::int64_t org =
      must(writer->create_organization(testing::unique_slug("notify"), kAt)).id;
  must(listener->wait_for_changes(std::chrono::milliseconds(0)));  // drain
  std::thread write([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    auto tx = must(writer->begin_write(org));
    must(tx->append(Change{1, kAt, "person:1", "add_unit", "{}", std::nullopt}));
    must(tx->commit());
  });
  const auto started = std::chrono::steady_clock::now();
  while (must(listener->head(org)) < 1 &&
         std::chrono::steady_clock::now() - started < std::chrono::seconds(5)) {
    must(listener->wait_for_changes(std::chrono::seconds(5)));
  }
  const auto waited = std::chrono::steady_clock::now() - started;
  write.join();
  EXPECT_EQ(must(listener->head(org)), 1);
  EXPECT_LT(waited, std::chrono::seconds(1));
}

TEST_F(Postgres, AConnectionTheServerDroppedIsReestablished) {
  // A name of its own, so only this test's connection is ended.
  const std::string name = "cairn-drop-" + std::to_string(::getpid());
  const std::string separator = url_.find('?') == std::string::npos ? "?" : "&";
  auto store = must(open_store(url_ + separator + "application_name=" + name));
  const std::int64_t org = must(store->create_organization(testing::unique_slug("drop"), kAt)).id;
  PGconn* admin = PQconnectdb(url_.c_str());
  ASSERT_EQ(PQstatus(admin), CONNECTION_OK);
  const std::string terminate =
      "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = '" +
      name + "'";
  PGresult* r = PQexec(admin, terminate.c_str());
  ASSERT_EQ(PQresultStatus(r), PGRES_TUPLES_OK);
  EXPECT_STREQ(PQgetvalue(r, 0, 0), "1") << "the store's connection was ended";
  PQclear(r);
  PQfinish(admin);
  // The first call may fail (it finds the connection gone); the next one works.
  (void)store->head(org);
  EXPECT_EQ(must(store->head(org)), 0);
  auto tx = must(store->begin_write(org));
  must(tx->append(Change{1, kAt, "person:1", "add_unit", "{}", std::nullopt}));
  must(tx->commit());
  EXPECT_EQ(must(store->head(org)), 1);
}

}  // namespace
}  // namespace cairn::store
