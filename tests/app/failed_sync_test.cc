// A disk whose fsync fails under SQLite (failing_sync_vfs.h), not a store
// that pretends to fail: the check-in is refused, nothing of it stays in the
// model, and the model is what the store holds, then and after a restart.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app/writer.h"
#include "failing_sync_vfs.h"
#include "store_fixture.h"

namespace cairn::app {
namespace {

using testing::FailingSyncVfs;
using testing::must;

const core::Instant kNow = core::instant_utc(2026, 5, 15, 12);

// SQLite only: PostgreSQL's fsync is the server's, out of this process.
class FailedSyncTest : public testing::StoreTest {
 protected:
  static void SetUpTestSuite() { FailingSyncVfs::install(); }
  void TearDown() override {
    FailingSyncVfs::fail_syncs = false;
    testing::StoreTest::TearDown();
  }
};

TEST_P(FailedSyncTest, ACheckInWhoseSyncFailsIsRefusedAndLeavesNothingBehind) {
  const DemoOrganization demo = write_demo(kNow);
  const core::KeyResultId kr = some_open_key_result(demo);
  ASSERT_TRUE(kr.valid());
  const std::int64_t head = live_->seq;
  const std::size_t check_ins = live_->model->check_in_count();
  const double current = live_->model->rollup().key_result(kr).current;

  Writer writer(*store_, *live_, nullptr);
  core::CheckIn c;
  c.key_result = kr;
  c.author = demo.admin;
  c.measurement.value = current + 1000;
  c.at = kNow;
  const int failed_before = FailingSyncVfs::failed;
  FailingSyncVfs::fail_syncs = true;
  auto refused = writer.execute(AddCheckIn{c}, "person:0", kNow);
  FailingSyncVfs::fail_syncs = false;
  ASSERT_FALSE(refused);
  EXPECT_GT(FailingSyncVfs::failed, failed_before) << "the commit's sync was the one refused";
  EXPECT_EQ(refused.error().code, core::ErrorCode::kUnavailable);
  EXPECT_EQ(live_->seq, head);
  EXPECT_EQ(live_->model->check_in_count(), check_ins);
  EXPECT_EQ(live_->model->rollup().key_result(kr).current, current);
  EXPECT_EQ(must(store_->head(live_->id)), head);

  // A restart finds the same: the refused check-in did not come back.
  store_.reset();
  auto reopened = open();
  auto loaded = must(load_organization(*reopened, record_));
  EXPECT_EQ(loaded->seq, head);
  EXPECT_EQ(loaded->model->check_in_count(), check_ins);
  store_ = std::move(reopened);
  live_ = std::move(loaded);

  // And the disk working again, the next check-in commits as usual.
  Writer again(*store_, *live_, nullptr);
  const Committed committed = must(again.execute(AddCheckIn{c}, "person:0", kNow));
  EXPECT_EQ(committed.seq, head + 1);
  EXPECT_EQ(live_->model->rollup().key_result(kr).current, current + 1000);
}

// The same, with the process killed right after the refused commit, before
// it could close its connection: what a restart finds is what a reader of
// the organisation saw when the check-in was refused.
TEST_P(FailedSyncTest, ARefusedCheckInDoesNotComeBackAfterACrash) {
  const DemoOrganization demo = write_demo(kNow);
  const core::KeyResultId kr = some_open_key_result(demo);
  ASSERT_TRUE(kr.valid());
  const std::int64_t head = live_->seq;
  const std::size_t check_ins = live_->model->check_in_count();
  store_.reset();
  live_.reset();

  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto store = must(store::open_store(store::testing::location("sqlite", folder_)));
    auto live = must(load_organization(*store, record_));
    Writer writer(*store, *live, nullptr);
    core::CheckIn c;
    c.key_result = kr;
    c.author = demo.admin;
    c.measurement.value = 12345;
    c.at = kNow;
    FailingSyncVfs::fail_syncs = true;
    const bool refused = !writer.execute(AddCheckIn{c}, "person:0", kNow);
    _exit(refused && live->seq == head ? 0 : 1);  // no close, no checkpoint: a crash
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_EQ(WEXITSTATUS(status), 0) << "the child saw its check-in refused";

  store_ = open();
  live_ = must(load_organization(*store_, record_));
  EXPECT_EQ(live_->seq, head);
  EXPECT_EQ(live_->model->check_in_count(), check_ins);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, FailedSyncTest, ::testing::Values(std::string("sqlite")),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace cairn::app
